package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.EspView;
import org.ikescope.api.plugin.Side;

/**
 * ESP of one SPI in one direction between the peers of an IKE SA (over IP protocol 50 or UDP
 * encapsulated): counted, not decrypted.
 *
 * @param spi             the SPI, unsigned 32-bit
 * @param from            the side that sent it
 * @param udpEncapsulated carried in UDP (RFC 3948)
 * @param srcPort         UDP source port (0 for ESP over IP)
 * @param dstPort         UDP destination port (0 for ESP over IP)
 */
public record EspFlow(long spi, Side from, boolean udpEncapsulated, int srcPort, int dstPort, long packets,
                      long bytes, long firstNanos, long lastNanos, long firstFrame, long lastFrame) implements EspView {
}
