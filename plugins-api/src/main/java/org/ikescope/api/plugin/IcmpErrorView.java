package org.ikescope.api.plugin;

import java.util.Optional;

/** An ICMP error that quotes one of the exchange's datagrams: evidence of where it went. */
public interface IcmpErrorView {
    /** Frame of the ICMP error. */
    long frame();

    /** Capture time, nanoseconds since the epoch. */
    long timeNanos();

    /** True for ICMPv6. */
    boolean ipv6();

    /** ICMP type (IPv4: 3 destination unreachable; ICMPv6: 1 destination unreachable, 2 packet too big). */
    int type();

    /** ICMP code (IPv4 type 3: 1 host, 3 port unreachable, 4 fragmentation needed). */
    int code();

    /** The step of the quoted message (MM1, ...); empty when it matches no message of the exchange. */
    Optional<Step> quotedStep();

    /** The side that sent the quoted message (the ICMP went back to it). */
    Side quotedFrom();

    /** True for "port unreachable" (ICMP 3/3, ICMPv6 1/4): nothing listens on that UDP port. */
    default boolean portUnreachable() {
        return ipv6() ? type() == 1 && code() == 4 : type() == 3 && code() == 3;
    }
}
