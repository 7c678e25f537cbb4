package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Fragment sets that never complete are reported once, with their frames, peers and times. */
class IncompleteFragmentsTest {
    @TempDir
    Path tmp;

    static Run run(Path capture) throws IOException {
        return Run.of(capture, Dissector.Options.defaults());
    }

    @Test
    void completeCapturesReportNothing() throws IOException {
        for (String name : List.of("mm-rsasig-ipfrag.pcap", "mm-ikefrag.pcap", "mm-aes128-sha1-modp1024.pcap")) {
            Run r = run(TestCaptures.path("lab/" + name));
            assertEquals(List.of(), r.incomplete, name);
            assertEquals(0, r.stats.fragmentsIncomplete, name);
        }
    }

    /** MM5 left 192.0.2.38 in IP fragments (frames 7-10); without frame 8 it never reassembles. */
    @Test
    void ipFragmentOfMm5Missing() throws IOException {
        Path cut = tmp.resolve("mm-rsasig-ipfrag-no8.pcap");
        PcapFilter.without(TestCaptures.path("lab/mm-rsasig-ipfrag.pcap"), cut, Set.of(8L));
        Run r = run(cut);

        assertEquals(1, r.incomplete.size(), r.incomplete::toString);
        IncompleteFragmentsEvent e = r.incomplete.get(0);
        assertEquals(FragmentKind.IP, e.kind());
        // Renumbered: the old 7, 9, 10.
        assertEquals(List.of(7L, 8L, 9L), e.frames());
        assertEquals("192.0.2.38:500", e.src().toString());
        assertEquals("192.0.2.128:500", e.dst().toString());
        assertEquals(0xa99a2d51a1cae589L, e.initiatorCookie());
        assertEquals("pending", e.reason().label());
        assertTrue(e.firstNanos() > 0 && e.lastNanos() >= e.firstNanos());
        assertTrue(e.bytes() > 1000 && e.bytes() < 2212, "bytes " + e.bytes());
        assertEquals(3, r.stats.fragmentsIncomplete);
        assertTrue(r.stats.balanced());
        // MM5 never reached the decoder; MM6 (the other set) still did.
        assertTrue(r.messages.stream().noneMatch(m -> m.ipFragmentFrames().contains(7L)));
        assertTrue(r.messages.stream().anyMatch(m -> m.ipFragmentFrames().size() == 7));
    }

    /** MM5 travelled as IKE fragments (frames 7-9); without frame 8 the message is never rebuilt. */
    @Test
    void ikeFragmentOfMm5Missing() throws IOException {
        Path cut = tmp.resolve("mm-ikefrag-no8.pcap");
        PcapFilter.without(TestCaptures.path("lab/mm-ikefrag.pcap"), cut, Set.of(8L));
        Run r = run(cut);

        assertEquals(1, r.incomplete.size(), r.incomplete::toString);
        IncompleteFragmentsEvent e = r.incomplete.get(0);
        assertEquals(FragmentKind.IKE, e.kind());
        assertEquals(List.of(7L, 8L), e.frames());
        assertEquals(0x67661135776fcabdL, e.initiatorCookie());
        assertEquals("192.0.2.39:500", e.src().toString());
        assertEquals("192.0.2.129:500", e.dst().toString());
        assertEquals("pending", e.reason().label());
        assertTrue(e.firstNanos() > 0 && e.lastNanos() >= e.firstNanos());
        assertTrue(e.bytes() > 0);
        assertEquals(0, r.stats.fragmentsIncomplete);
        // The responder's MM6 fragments still rebuild their message.
        assertTrue(r.messages.stream().anyMatch(m -> m.ikeFragmentFrames().size() == 4));
    }

    /**
     * A set given up at its timeout is reported then, while the capture goes on, before the
     * messages that follow; a set already reported at the end of one run is not reported again
     * when the reused dissector later drops it.
     */
    @Test
    void timeoutDuringTheRunAndNoSecondReport() throws IOException {
        Path cut = tmp.resolve("mm-rsasig-ipfrag-no8.pcap");
        PcapFilter.without(TestCaptures.path("lab/mm-rsasig-ipfrag.pcap"), cut, Set.of(8L));
        List<String> order = new ArrayList<>();
        DissectionListener l = new DissectionListener() {
            @Override
            public void message(MessageEvent e) {
                order.add("m" + e.frame());
            }

            @Override
            public void incompleteFragments(IncompleteFragmentsEvent e) {
                order.add(e.reason().label() + e.frames());
            }
        };
        Dissector d = new Dissector(Dissector.Options.defaults());
        // One run: the capture, then the same again ten minutes later (frames 101...).
        try (PacketSource src = new Chain(Captures.open(cut.toString()), Captures.open(cut.toString()))) {
            d.run(src, l);
        }
        int timeout = order.indexOf("timeout[7, 8, 9]");
        assertTrue(timeout > 0, order::toString);
        assertEquals("m103", order.get(timeout + 1), order::toString);
        assertEquals("pending[107, 108, 109]", order.get(order.size() - 1), order::toString);

        // The same dissector on a later file: the pending set times out silently, the new one is reported.
        order.clear();
        try (PacketSource src = new Chain(Captures.open(cut.toString()), null)) {
            d.run(src, l);
        }
        assertEquals(List.of("pending[7, 8, 9]"), order.stream().filter(s -> !s.startsWith("m")).toList());
    }

    /** {@code first}, then {@code second} (when not null) ten minutes later with frame numbers + 100. */
    private static final class Chain implements PacketSource {
        static final long LATER = 600_000_000_000L;
        private final PacketSource first;
        private final PacketSource second;
        private boolean onSecond;

        Chain(PacketSource first, PacketSource second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean next(org.ikescope.dissector.capture.Frame frame) throws IOException {
            if (!onSecond) {
                if (first.next(frame)) {
                    if (second == null) {
                        frame.timestampNanos += 2 * LATER;
                    }
                    return true;
                }
                onSecond = true;
            }
            if (second == null || !second.next(frame)) {
                return false;
            }
            frame.timestampNanos += LATER;
            frame.number += 100;
            return true;
        }

        @Override
        public String error() {
            return null;
        }

        @Override
        public String name() {
            return first.name();
        }

        @Override
        public void close() throws IOException {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }
}
