package org.ikescope.dissector.event;

import java.util.Arrays;
import org.ikescope.dissector.model.Endpoint;

/**
 * The ESP packet of the current frame, as the pipeline hands it to
 * {@link DissectionListener#esp(EspCursor)}: a reusable flyweight over the pipeline's own buffers,
 * valid only during that call. Why not an {@link EspEvent}: in a SPAN capture nearly every frame
 * is ESP, and an event with its two endpoints was about 300 bytes of garbage per frame; a listener
 * that keeps anything copies it ({@link #toEvent()}, or the address bytes it needs).
 */
public final class EspCursor {
    private String file;
    private long frame;
    private long timeNanos;
    private byte[] src;
    private byte[] dst;
    private int addressLength;
    private int srcPort;
    private int dstPort;
    private boolean udpEncapsulated;
    private int spi;
    private long sequence;
    private int length;

    /**
     * Points this cursor at one ESP packet. The address arrays are borrowed: only their first
     * {@code addressLength} bytes are the addresses, and they stay the caller's.
     */
    public EspCursor set(String file, long frame, long timeNanos, byte[] src, byte[] dst, int addressLength,
                         int srcPort, int dstPort, boolean udpEncapsulated, int spi, long sequence, int length) {
        this.file = file;
        this.frame = frame;
        this.timeNanos = timeNanos;
        this.src = src;
        this.dst = dst;
        this.addressLength = addressLength;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.udpEncapsulated = udpEncapsulated;
        this.spi = spi;
        this.sequence = sequence;
        this.length = length;
        return this;
    }

    public String file() {
        return file;
    }

    public long frame() {
        return frame;
    }

    public long timeNanos() {
        return timeNanos;
    }

    /** Bytes of each address: 4 (IPv4) or 16 (IPv6). */
    public int addressLength() {
        return addressLength;
    }

    /** The source address's byte {@code i} (below {@link #addressLength()}). */
    public byte src(int i) {
        return src[i];
    }

    /** The destination address's byte {@code i} (below {@link #addressLength()}). */
    public byte dst(int i) {
        return dst[i];
    }

    /** A copy of the source address. */
    public byte[] srcAddress() {
        return Arrays.copyOf(src, addressLength);
    }

    /** A copy of the destination address. */
    public byte[] dstAddress() {
        return Arrays.copyOf(dst, addressLength);
    }

    /** True when the source address is {@code address} (no copy made). */
    public boolean srcIs(byte[] address) {
        return Arrays.equals(src, 0, addressLength, address, 0, address.length);
    }

    /** UDP source port when UDP-encapsulated, else 0. */
    public int srcPort() {
        return srcPort;
    }

    /** UDP destination port when UDP-encapsulated, else 0. */
    public int dstPort() {
        return dstPort;
    }

    public boolean udpEncapsulated() {
        return udpEncapsulated;
    }

    public int spi() {
        return spi;
    }

    public long sequence() {
        return sequence;
    }

    /** ESP bytes (SPI to the end). */
    public int length() {
        return length;
    }

    /** This packet as an event of its own (copies the addresses). */
    public EspEvent toEvent() {
        return new EspEvent(file, frame, timeNanos, Endpoint.adopt(srcAddress(), srcPort),
                Endpoint.adopt(dstAddress(), dstPort), udpEncapsulated, spi, sequence, length);
    }
}
