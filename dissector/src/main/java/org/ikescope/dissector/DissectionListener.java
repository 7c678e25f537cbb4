package org.ikescope.dissector;

/** Receives what {@link Dissector} finds, in capture order. */
public interface DissectionListener {
    /** An ISAKMP message (also one quoted in an ICMP error, and a SPAN duplicate: see the event). */
    void message(MessageEvent event);

    /** An ESP packet. */
    default void esp(EspEvent event) {
    }

    /** A NAT-T keepalive or a damaged frame. */
    default void frame(FrameEvent event) {
    }
}
