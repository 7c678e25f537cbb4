package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.EspEvent;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The whole pipeline on the real captures in the test resources. */
class DissectorTest {
    static final Dissector.Options KEEP_DUPLICATES = new Dissector.Options(Set.of(500), Set.of(4500), false);

    static Run run(Path capture, Dissector.Options options) throws IOException {
        return Run.of(capture, options);
    }

    static Run run(String capture) throws IOException {
        return run(TestCaptures.path(capture), Dissector.Options.defaults());
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureBalancesItsFrameAccounting() {
        return TestCaptures.all().stream().map(p -> DynamicTest.dynamicTest(TestCaptures.ROOT.relativize(p).toString(), () -> {
            for (Dissector.Options o : List.of(Dissector.Options.defaults(), KEEP_DUPLICATES)) {
                Run r = run(p, o);
                CaptureStats s = r.stats;
                assertNull(r.error, r.error);
                assertTrue(s.frames > 0);
                assertTrue(s.balanced(), () -> "not balanced: " + s.asMap());
                long withDiagnostics = r.messages.stream()
                        .filter(m -> !m.quotedByIcmp() && m.message().malformed() && m.message().fragmentsReassembled() == 0).count();
                assertTrue(s.malformed >= withDiagnostics, () -> s.asMap().toString());
                assertEquals(r.esp.size(), s.esp);
                if (!o.detectDuplicates()) {
                    assertEquals(0, s.duplicates);
                }
                for (MessageEvent m : r.messages) {
                    assertTrue(m.frame() >= 1 && m.frame() <= s.frames);
                }
            }
        }));
    }

    @Test
    void spanDuplicatesAreCountedApart() throws IOException {
        // IDB 0: the SPAN trunk (= span-vlan-mixed.pcap); IDB 1: the initiator's veth, link A only
        // (9 IKE + 6 ICMP echo + 2 ARP frames), so every link-A IP packet appears twice.
        Run ng = run("lab/span-vlan-mixed.pcapng");
        Run pcap = run("lab/span-vlan-mixed.pcap");
        assertEquals(66, ng.stats.frames);
        assertEquals(49, pcap.stats.frames);
        assertEquals(0, pcap.stats.duplicates);
        assertEquals(15, ng.stats.duplicates, ng.stats.asMap().toString());
        assertEquals(9, ng.stats.isakmp);
        assertEquals(9, pcap.stats.isakmp);
        assertEquals(pcap.stats.other + 2, ng.stats.other, "the two untagged ARP copies are not IP, so not compared");
        assertEquals(18, ng.messages.size());
        List<MessageEvent> originals = ng.messages.stream().filter(m -> m.duplicateOf() == 0).toList();
        List<MessageEvent> copies = ng.messages.stream().filter(m -> m.duplicateOf() != 0).toList();
        assertEquals(9, originals.size());
        assertEquals(9, copies.size());
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(originals.get(i).message().bytes(), copies.get(i).message().bytes());
            assertEquals(originals.get(i).frame(), copies.get(i).duplicateOf());
            assertArrayEquals(pcap.messages.get(i).message().bytes(), originals.get(i).message().bytes());
        }
        assertEquals(49, pcap.stats.vlanTagged);
        assertTrue(pcap.messages.stream().allMatch(m -> m.vlan() == 10));
        Run kept = run(TestCaptures.path("lab/span-vlan-mixed.pcapng"), KEEP_DUPLICATES);
        assertEquals(0, kept.stats.duplicates);
        assertEquals(18, kept.stats.isakmp);
    }

    @Test
    void nattPortFloatKeepalivesAndEsp() throws IOException {
        // isakmp4500.pcap: every timestamp is 0, so genuine retransmissions (frames 15, 20, 30 = 10)
        // and the repeated keepalives look like SPAN duplicates; count without duplicate detection.
        Run r = run(TestCaptures.path("thirdparty/isakmp4500.pcap"), KEEP_DUPLICATES);
        CaptureStats s = r.stats;
        assertEquals(35, s.frames);
        assertEquals(4, s.natKeepalive, s.asMap().toString());
        assertEquals(8, s.esp);
        assertEquals(15, s.isakmp);
        assertEquals(8, s.other); // ARP
        assertTrue(s.balanced());
        assertEquals(8, r.esp.size());
        for (int i = 0; i < 8; i++) {
            EspEvent e = r.esp.get(i);
            assertEquals(0xf4dc0ae5, e.spi());
            assertEquals(i + 1, e.sequence());
            assertTrue(e.udpEncapsulated());
            assertEquals(4500, e.dst().port());
        }
        assertEquals(List.of(18L, 23L, 28L, 34L), r.frames.stream().filter(f -> f.kind().equals(FrameEvent.NAT_KEEPALIVE))
                .map(FrameEvent::frame).toList());
        for (MessageEvent m : r.messages) {
            boolean natt = m.src().port() == 4500;
            assertEquals(natt, m.nonEspMarker(), "frame " + m.frame());
            assertEquals(0x9e89f238, (int) (m.message().initiatorCookie() >>> 32));
        }
        assertTrue(r.messages.stream().filter(MessageEvent::nonEspMarker).allMatch(m -> m.message().encrypted()));
        assertEquals(4, r.messages.stream().filter(m -> !m.nonEspMarker()).count(), "MM1-MM4 on UDP 500");

        Run dedup = run("thirdparty/isakmp4500.pcap");
        assertTrue(dedup.stats.balanced());
        assertEquals(8, dedup.stats.esp);
    }

    @Test
    void espInUdpOnly() throws IOException {
        Run r = run("thirdparty/espudp1.pcap");
        assertEquals(0, r.messages.size());
        assertEquals(0, r.stats.isakmp);
        assertEquals(8, r.stats.esp);
        assertEquals(8, r.stats.frames);
        assertTrue(r.esp.stream().allMatch(e -> e.spi() == 0x12345678 && e.udpEncapsulated()));
    }

    @Test
    void ipFragmentedMm5AndMm6AreReassembled() throws IOException {
        Run r = run("lab/mm-rsasig-ipfrag.pcap");
        List<long[]> truth = TestCaptures.framesWithArray(TestCaptures.read("lab/mm-rsasig-ipfrag.truth.json"), "ip_fragment_frames");
        assertEquals(2, truth.size());
        int fragmentFrames = 0;
        for (long[] t : truth) {
            List<MessageEvent> at = r.at(t[0]);
            assertEquals(1, at.size(), "frame " + t[0]);
            MessageEvent m = at.get(0);
            List<Long> expected = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
                expected.add(t[i]);
            }
            assertEquals(expected, m.ipFragmentFrames());
            assertEquals(expected.size(), m.ipFragments());
            assertEquals(-1, m.frameOffset());
            assertTrue(m.message().encrypted());
            assertEquals(m.message().length(), m.message().bytes().length);
            assertFalse(m.message().malformed(), () -> m.message().diagnostics().toString());
            fragmentFrames += expected.size() - 1;
        }
        assertEquals(fragmentFrames, r.stats.fragments);
        assertEquals(2, r.stats.ipReassembled);
        assertEquals(9, r.stats.isakmp);
    }

    @Test
    void ikeFragmentsAndTheReassembledMessage() throws IOException {
        Run r = run("lab/mm-ikefrag.pcap");
        List<long[]> truth = TestCaptures.framesWithArray(TestCaptures.read("lab/mm-ikefrag.truth.json"), "ike_fragment_frames");
        assertEquals(2, truth.size());
        long fragments = 0;
        for (long[] t : truth) {
            for (int i = 1; i < t.length; i++) {
                List<MessageEvent> at = r.at(t[i]);
                assertTrue(at.get(0).message().has(132), "frame " + t[i] + " carries an IKE fragment");
                assertEquals(t[i] == t[0] ? 2 : 1, at.size(), "records at frame " + t[i]);
                fragments++;
            }
            MessageEvent whole = r.at(t[0]).get(1);
            List<Long> expected = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
                expected.add(t[i]);
            }
            assertEquals(expected, whole.ikeFragmentFrames());
            assertEquals(expected.size(), whole.message().fragmentsReassembled());
            assertFalse(whole.message().has(132));
            assertTrue(whole.message().encrypted());
            assertEquals(r.at(t[0]).get(0).message().initiatorCookie(), whole.message().initiatorCookie());
        }
        assertEquals(fragments, r.stats.ikeFragments);
        assertEquals(r.stats.isakmp + 2, r.stats.messages);
    }

    @Test
    void ipv6MainMode() throws IOException {
        Run r = run("lab/mm-ipv6.pcap");
        assertEquals(9, r.messages.size());
        assertEquals(18, r.stats.ipv6);
        for (MessageEvent m : r.messages) {
            assertEquals(16, m.src().address().length);
            assertTrue(m.src().ip().startsWith("2001:db8:"), m.src().ip());
            assertEquals(500, m.src().port());
        }
    }

    @Test
    void icmpUnreachableQuotesTheIkeDatagram() throws IOException {
        Run r = run("lab/mm-unreach-nodaemon.pcap");
        List<Long> quoted = r.messages.stream().filter(MessageEvent::quotedByIcmp).map(MessageEvent::frame).toList();
        assertEquals(List.of(4L, 6L, 8L, 12L, 14L), quoted); // truth: capture_summary.icmp[].frame
        for (MessageEvent m : r.messages) {
            assertEquals("192.0.2.19", m.src().ip());
            assertEquals("192.0.2.109", m.dst().ip());
            if (m.quotedByIcmp()) {
                assertEquals(3, m.icmpType());
                assertEquals(3, m.icmpCode());
                assertArrayEquals(r.at(m.frame() - 1).get(0).message().bytes(), m.message().bytes());
            }
        }
        assertEquals(5, r.stats.isakmp);
        assertEquals(5, r.stats.icmpErrors);
    }
}
