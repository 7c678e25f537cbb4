package org.ikescope.dissector.net;

/** What {@link NetDecoder} found in a frame. */
public enum NetKind {
    /** A complete UDP datagram (possibly reassembled from IP fragments) is in the {@link Datagram}. */
    UDP,
    /** An ICMP/ICMPv6 error quoting a UDP datagram: the {@link Datagram} holds the quoted one. */
    ICMP_ERROR,
    /** ESP directly over IP (protocol 50): the {@link Datagram} payload starts at the SPI. */
    ESP,
    /** An IP fragment that was stored for reassembly; its datagram is not complete yet. */
    IP_FRAGMENT,
    /** Anything else: ARP, TCP, ICMP echo, non-IP, unknown link types. */
    OTHER,
    /** A frame whose link/IP/UDP headers are damaged; see {@link NetDecoder#diagnostic()}. */
    MALFORMED
}
