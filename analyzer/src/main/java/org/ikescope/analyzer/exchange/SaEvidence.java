package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.event.EspCursor;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;

/**
 * What the capture shows around the ISAKMP messages of one IKE SA: ESP per SPI and direction
 * between its peers, ICMP errors that quoted its datagrams, its fragment sets that never
 * completed, and NAT-T keepalives. Each kind bounded per SA.
 */
final class SaEvidence {
    static final int MAX_ICMP = 100;
    static final int MAX_INCOMPLETE_FRAGMENT_SETS = 32;

    /** Packets of one SPI in one direction. */
    private static final class EspCounter {
        final long spi;
        final Side from;
        final boolean udp;
        final int srcPort;
        final int dstPort;
        long packets;
        long bytes;
        long first;
        long last;
        long firstFrame;
        long lastFrame;

        EspCounter(long spi, Side from, boolean udp, int srcPort, int dstPort) {
            this.spi = spi;
            this.from = from;
            this.udp = udp;
            this.srcPort = srcPort;
            this.dstPort = dstPort;
        }
    }

    private Map<Long, EspCounter> esp;
    /**
     * The counter of the last ESP packet in each direction: most packets are of the SPI its
     * direction used last (no boxing then).
     */
    private EspCounter lastFromInitiator;
    private EspCounter lastFromResponder;
    private List<IcmpEvidence> icmp;
    private List<IncompleteFragmentSet> incompleteFragments;
    long keepalives;

    void esp(EspCursor e, Side from) {
        if (esp == null) {
            esp = new LinkedHashMap<>();
        }
        long spi = e.spi() & 0xffffffffL;
        EspCounter c = from == Side.INITIATOR ? lastFromInitiator : lastFromResponder;
        if (c == null || c.spi != spi) {
            long k = (spi << 1) | from.ordinal();
            c = esp.get(k);
            if (c == null) {
                c = new EspCounter(spi, from, e.udpEncapsulated(), e.srcPort(), e.dstPort());
                c.first = e.timeNanos();
                c.firstFrame = e.frame();
                esp.put(k, c);
            }
            if (from == Side.INITIATOR) {
                lastFromInitiator = c;
            } else {
                lastFromResponder = c;
            }
        }
        c.packets++;
        c.bytes += e.length();
        c.last = e.timeNanos();
        c.lastFrame = e.frame();
    }

    /**
     * An ICMP error quoting a message {@code about} sent: matched to that message by its bytes,
     * else by exchange type and message ID among the earlier ones.
     */
    void icmp(MessageEvent e, Side about, List<Msg> msgs) {
        if (icmp == null) {
            icmp = new ArrayList<>(2);
        }
        if (icmp.size() >= MAX_ICMP) {
            return;
        }
        long h = Msg.fingerprint(e.message().bytes());
        Msg quoted = null;
        for (int i = msgs.size() - 1; i >= 0 && quoted == null; i--) {
            Msg o = msgs.get(i);
            if (o.from == about && o.hash == h) {
                quoted = o;
            }
        }
        for (int i = msgs.size() - 1; i >= 0 && quoted == null; i--) {
            Msg o = msgs.get(i);
            if (o.from == about && o.exchangeType == e.message().exchangeType() && o.messageId == e.message().messageId()
                    && o.time <= e.timeNanos()) {
                quoted = o;
            }
        }
        boolean v6 = e.src().address().length == 16;
        icmp.add(new IcmpEvidence(e.frame(), e.timeNanos(), e.icmpType(), e.icmpCode(), v6, about,
                quoted == null ? 0 : quoted.frame, quoted == null ? null : quoted.step));
    }

    /** Fragments {@code from} sent that never completed (the message they carried is missing). */
    void incompleteFragments(IncompleteFragmentsEvent e, Side from) {
        if (incompleteFragments == null) {
            incompleteFragments = new ArrayList<>(1);
        }
        if (incompleteFragments.size() < MAX_INCOMPLETE_FRAGMENT_SETS) {
            incompleteFragments.add(new IncompleteFragmentSet(e.kind(), from, e.frames(), e.firstNanos(), e.lastNanos(),
                    e.bytes(), e.reason()));
        }
    }

    List<EspFlow> espFlows() {
        if (esp == null) {
            return List.of();
        }
        List<EspFlow> flows = new ArrayList<>(esp.size());
        for (EspCounter c : esp.values()) {
            flows.add(new EspFlow(c.spi, c.from, c.udp, c.srcPort, c.dstPort, c.packets, c.bytes, c.first, c.last,
                    c.firstFrame, c.lastFrame));
        }
        return flows;
    }

    List<IcmpEvidence> icmpErrors() {
        return icmp == null ? List.of() : icmp;
    }

    List<IncompleteFragmentSet> incompleteFragmentSets() {
        return incompleteFragments == null ? List.of() : incompleteFragments;
    }
}
