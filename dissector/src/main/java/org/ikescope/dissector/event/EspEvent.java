package org.ikescope.dissector.event;

import org.ikescope.dissector.model.Endpoint;

/**
 * One ESP packet (over IP protocol 50, or UDP-encapsulated on a NAT-T port). Counted, not dissected.
 *
 * @param udpEncapsulated carried in UDP (RFC 3948)
 * @param spi             the Security Parameters Index
 * @param sequence        ESP sequence number
 * @param length          ESP bytes (SPI to the end)
 */
public record EspEvent(String file, long frame, long timeNanos, Endpoint src, Endpoint dst, boolean udpEncapsulated,
                       int spi, long sequence, int length) {
}
