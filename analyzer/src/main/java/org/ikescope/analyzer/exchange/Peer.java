package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.PeerView;
import org.ikescope.api.plugin.VendorIdView;

/**
 * One side of an IKE SA as captured.
 *
 * @param ip             its address as text
 * @param port           the UDP port of its first message (0 when none)
 * @param ports          every UDP port it used, ascending (500, then 4500, or NAT-mapped ports)
 * @param implementation the implementation its vendor IDs name ("strongswan", "cisco"...), or null
 * @param vendorIds      the vendor IDs it sent, in order of first sighting
 */
public record Peer(String ip, int port, List<Integer> ports, String implementation, List<VendorIdView> vendorIds)
        implements PeerView {
    public Peer {
        ports = List.copyOf(ports);
        vendorIds = List.copyOf(vendorIds);
    }
}
