package org.ikescope.api.plugin;

import java.util.List;

/**
 * One Delete payload of an informational exchange (RFC 2408 section 3.15): the SAs a peer says
 * it removed.
 *
 * @since 2.1
 */
public interface DeleteView {
    /** Protocol-Id: 1 ISAKMP (the IKE SA itself; its SPI is the cookie pair), 2 AH, 3 ESP. */
    int protocolId();

    /** The SPIs deleted (as on the wire; ESP and AH: the deleting peer's inbound SPI). */
    List<ImmutableBytes> spis();
}
