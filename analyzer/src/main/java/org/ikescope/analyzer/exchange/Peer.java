package org.ikescope.analyzer.exchange;

import java.util.List;

/**
 * One side of an IKE SA as seen at the capture point.
 *
 * @param ip             address (after any NAT in front of the capture point)
 * @param port           UDP port of its first message
 * @param ports          every UDP port it used, ascending (the float to 4500, NAT mappings)
 * @param implementation what its vendor IDs reveal ({@code cisco}, {@code strongswan}...), or null
 * @param vendorIds      labels of the vendor IDs it sent, in order of first appearance
 */
public record Peer(String ip, int port, List<Integer> ports, String implementation, List<String> vendorIds) {
    public Peer {
        ports = List.copyOf(ports);
        vendorIds = List.copyOf(vendorIds);
    }
}
