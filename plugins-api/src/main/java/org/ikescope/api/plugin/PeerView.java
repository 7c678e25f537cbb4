package org.ikescope.api.plugin;

import java.util.List;

/** Read-only view of one peer of an exchange: where it was and what it says it is. */
public interface PeerView {
    /** IP address as text (IPv4 dotted, IPv6 in RFC 5952 form). */
    String ip();

    /** UDP port of its first message (500, or a NAT-mapped port). */
    int port();

    /** Every UDP port it used in this exchange, in order of first use (e.g. 500 then 4500). */
    List<Integer> ports();

    /** The implementation its vendor IDs reveal ("Cisco ASA/IOS", "strongSwan", ...), or {@code null}. */
    String implementation();

    /** Every vendor ID it sent, in order, without repeats. */
    List<VendorIdView> vendorIds();
}
