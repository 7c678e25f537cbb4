package org.ikescope.dissector.event;

/** Receives what {@link Dissector} finds, in capture order. */
public interface DissectionListener {
    /**
     * Every frame's capture time, before any other event of that frame (whatever it carries: ARP,
     * other traffic, damaged frames): the capture's window, which tells how long a capture went on
     * after a message.
     */
    default void clock(long timeNanos) {
    }

    /** An ISAKMP message (also one quoted in an ICMP error, and a SPAN duplicate: see the event). */
    void message(MessageEvent event);

    /** An ESP packet. */
    default void esp(EspEvent event) {
    }

    /**
     * An ESP packet, as the pipeline reports it: a flyweight valid during this call only. By
     * default made an {@link EspEvent} for {@link #esp(EspEvent)}; a listener on the hot path
     * overrides this one and allocates nothing per packet.
     */
    default void esp(EspCursor packet) {
        esp(packet.toEvent());
    }

    /** A NAT-T keepalive or a damaged frame. */
    default void frame(FrameEvent event) {
    }

    /**
     * An IP or IKE fragment set that never completed: reported when it is dropped (timeout, a cap)
     * and, for the sets still waiting, at the end of {@link Dissector#run}. Each set once.
     */
    default void incompleteFragments(IncompleteFragmentsEvent event) {
    }
}
