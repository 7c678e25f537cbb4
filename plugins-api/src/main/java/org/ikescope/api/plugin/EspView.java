package org.ikescope.api.plugin;

/** ESP counters of one SPI in one direction (the encaps/decaps of {@code show crypto ipsec sa}). */
public interface EspView {
    /** The SPI, an unsigned 32-bit value. */
    long spi();

    /** The SPI as 8 lower-case hex digits. */
    default String spiHex() {
        return String.format(java.util.Locale.ROOT, "%08x", spi());
    }

    /** The side that sent these packets. */
    Side from();

    /** True when the packets were UDP-encapsulated (RFC 3948, port 4500). */
    boolean udpEncapsulated();

    /** Number of packets. */
    long packets();

    /** ESP bytes (from the SPI to the end of each packet), summed. */
    long bytes();

    /** Frame of the first packet. */
    long firstFrame();

    /** Frame of the last packet. */
    long lastFrame();

    /** Capture time of the first packet, nanoseconds since the epoch. */
    long firstNanos();

    /** Capture time of the last packet, nanoseconds since the epoch. */
    long lastNanos();
}
