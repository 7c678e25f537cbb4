/** Link, IP and UDP: Ethernet/802.1Q, SLL/SLL2, null/loopback, raw IP, ERSPAN in GRE, IPv4 options, IPv6 extension headers, ICMP errors quoting UDP, and bounded IP fragment reassembly. */
package org.ikescope.dissector.net;
