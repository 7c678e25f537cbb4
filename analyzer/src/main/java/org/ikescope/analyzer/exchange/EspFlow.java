package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.Side;

/**
 * ESP packets of one SPI in one direction between the SA's peers (the encaps/decaps counters of
 * {@code show crypto ipsec sa}, as seen at the capture point).
 *
 * @param spi             SPI as 8 lowercase hex digits
 * @param from            the sending side
 * @param udpEncapsulated carried in UDP (NAT-T, RFC 3948)
 * @param srcPort         UDP source port (0 for ESP over IP)
 * @param dstPort         UDP destination port (0 for ESP over IP)
 * @param packets         packets
 * @param bytes           ESP bytes (SPI to the end)
 * @param firstNanos      first packet's time
 * @param lastNanos       last packet's time
 * @param firstFrame      first packet's frame
 * @param lastFrame       last packet's frame
 */
public record EspFlow(String spi, Side from, boolean udpEncapsulated, int srcPort, int dstPort, long packets,
                      long bytes, long firstNanos, long lastNanos, long firstFrame, long lastFrame) {
}
