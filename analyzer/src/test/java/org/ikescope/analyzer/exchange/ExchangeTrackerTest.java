package org.ikescope.analyzer.exchange;

import org.ikescope.analyzer.output.Names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming, roles, retransmissions and the edge cases the lab captures do not show. */
class ExchangeTrackerTest {
    static final int I1 = 0xc6336401; // 198.51.100.1
    static final int I2 = 0xc6336402;
    static final int I3 = 0xc6336403;
    static final int R = 0xcb007109; // 203.0.113.9
    static final long SECOND = 1_000_000;

    @TempDir
    Path dir;

    static ExchangeTracker.Options options(long idleSeconds, int maxTracked) {
        return new ExchangeTracker.Options(idleSeconds * 1_000_000_000L, maxTracked, 10_000);
    }

    @Test
    void anSaQuietPastTheIdleTimeoutIsEmittedAndLaterMessagesContinueIt() throws IOException {
        Path f = dir.resolve("idle.pcap");
        try (SyntheticCapture c = new SyntheticCapture(f, 1)) {
            c.mainModePeer(0, 1000, I1, R, 0x1111L, 0x2222L, 10);
            // Five minutes later the same SA sends a DPD-like informational.
            c.udp(300 * SECOND, I1, 500, R, 500, c.isakmp(0x1111L, 0x2222L, SyntheticCapture.INFO, 7, true, 48, 8, null, null));
        }
        List<Exchange> xs = Analyses.run(f, options(120, 1000));
        assertEquals(2, xs.size(), xs.toString());
        Exchange first = xs.get(0);
        Exchange later = xs.get(1);
        assertEquals("idle", first.closedBy().label());
        assertEquals("MM_ACTIVE", Names.state(first.initiatorState()));
        assertEquals(10, first.messages().size());
        assertEquals(first.id(), later.continuationOf());
        assertEquals("main", later.mode().label());
        assertEquals("MM_ACTIVE", Names.state(later.initiatorState()), "state carried over");
        assertEquals("MM_ACTIVE", Names.state(later.responderState()));
        assertEquals(1, later.messages().size());
        assertEquals(Step.INFORMATIONAL, later.messages().get(0).step());
        assertEquals(Side.INITIATOR, later.messages().get(0).from());
        assertEquals("end", later.closedBy().label());
        assertNotNull(later.proposal());
    }

    @Test
    void theCapOnTrackedSasEmitsTheLeastRecentlyActive() throws IOException {
        Path f = dir.resolve("cap.pcap");
        try (SyntheticCapture c = new SyntheticCapture(f, 2)) {
            c.mainModePeer(0, 1000, I1, R, 1, 11, 4);
            c.mainModePeer(10_000, 1000, I2, R, 2, 12, 4);
            c.mainModePeer(20_000, 1000, I3, R, 3, 13, 4);
        }
        long[] ids = {0};
        List<Exchange> out = new java.util.ArrayList<>();
        ExchangeTracker t = new ExchangeTracker(options(120, 2), out::add, null, () -> ++ids[0]);
        try (var src = org.ikescope.dissector.capture.Captures.open(f.toString())) {
            new org.ikescope.dissector.pipeline.Dissector(org.ikescope.dissector.pipeline.Dissector.Options.defaults()).run(src, t);
        }
        assertEquals(1, out.size());
        assertEquals("cap", out.get(0).closedBy().label());
        assertEquals(1L, out.get(0).ispi());
        assertEquals(2, t.tracked());
        t.finish();
        assertEquals(3, out.size());
        assertEquals(1, t.stats().closedAtCap);
        assertEquals(2, t.stats().peakTracked, "never more than the cap (plus the one being added)");
        for (Exchange x : out) {
            assertEquals("MM_WAIT_MSG4", Names.state(x.initiatorState()), x.toString());
            assertEquals("MM_WAIT_MSG5", Names.state(x.responderState()));
        }
    }

    @Test
    void unansweredRetransmissionsCountAgainstTheFirstCopy() throws IOException {
        Path f = dir.resolve("retr.pcap");
        try (SyntheticCapture c = new SyntheticCapture(f, 3)) {
            byte[] mm1 = c.isakmp(5, 0, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1}, new byte[][] {SyntheticCapture.phase1Sa()});
            for (int i = 0; i < 4; i++) {
                c.udp(i * SECOND, I1, 500, R, 500, mm1);
            }
        }
        Exchange x = Analyses.run(f).get(0);
        assertEquals("MM_WAIT_MSG2", Names.state(x.initiatorState()));
        assertNull(Names.state(x.responderState()));
        assertEquals(3, x.retransmissions(Step.MM1));
        ExchangeMessage first = x.first(Step.MM1);
        assertEquals(1, first.frame());
        assertEquals(3, first.retransmissions());
        assertEquals(List.of(0L, 1L, 1L, 1L), x.messages().stream().map(ExchangeMessage::retransmissionOf).toList());
        assertEquals(List.of(0, 1, 2, 3), x.messages().stream().map(ExchangeMessage::retransmissionNumber).toList());
        assertFalse(x.scanner(), "a scanner does not retransmit");
        assertNotNull(x.offered().get(0));
        assertEquals("AES-CBC", Names.encryption(x.offered().get(0)));
        assertEquals(128, x.offered().get(0).keyLength());
        assertEquals("SHA1", Names.hash(x.offered().get(0)));
        assertEquals("PSK", Names.auth(x.offered().get(0)));
        assertEquals(2, x.offered().get(0).group());
        assertEquals(28800, x.offered().get(0).lifetimeSeconds());
        assertNull(x.proposal());
    }

    @Test
    void aCaptureThatStartsAfterPhase1SaysSo() throws IOException {
        Path f = dir.resolve("qm.pcap");
        try (SyntheticCapture c = new SyntheticCapture(f, 4)) {
            c.udp(0, I1, 4500, R, 4500, nonEsp(c.isakmp(9, 10, SyntheticCapture.QUICK, 77, true, 96, 8, null, null)));
            c.udp(1000, R, 4500, I1, 4500, nonEsp(c.isakmp(9, 10, SyntheticCapture.QUICK, 77, true, 96, 8, null, null)));
            c.udp(2000, I1, 4500, R, 4500, nonEsp(c.isakmp(9, 10, SyntheticCapture.QUICK, 77, true, 32, 8, null, null)));
        }
        List<Exchange> xs = Analyses.run(f);
        assertEquals(1, xs.size());
        Exchange x = xs.get(0);
        assertEquals("unknown", x.mode().label());
        assertTrue(x.startedAfterPhase1());
        assertTrue(x.rolesInferred());
        assertNull(Names.state(x.initiatorState()));
        assertNull(Names.state(x.responderState()));
        assertEquals(List.of("QM1", "QM2", "QM3"), x.messages().stream().map(ExchangeMessage::label).toList());
        assertEquals(1, x.quickModes().size());
        assertEquals("QM_DONE", x.quickModes().get(0).state().name());
        assertEquals(List.of(4500), x.initiator().ports());
        assertTrue(x.notes().stream().anyMatch(n -> n.contains("not in the capture")));
    }

    private static byte[] nonEsp(byte[] m) {
        byte[] b = new byte[m.length + 4];
        System.arraycopy(m, 0, b, 4, m.length);
        return b;
    }

    @Test
    void aMessageWithAnotherResponderCookieMidExchangeStaysWithItsSa() {
        // ipsec.cap: MM1, MM2, the initiator's informational with a zero responder cookie, MM2 again, MM3..QM3.
        Exchange x = Analyses.run(Path.of("../dissector/src/test/resources/captures/thirdparty/ipsec.cap")).get(0);
        assertEquals(List.of("MM1", "MM2", "INFORMATIONAL", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"),
                x.messages().stream().map(ExchangeMessage::label).toList());
        assertEquals(2, x.messages().get(3).retransmissionOf());
        assertEquals(Side.INITIATOR, x.messages().get(2).from());
        assertEquals("MM_ACTIVE", Names.state(x.initiatorState()));
        assertEquals("NO_PROPOSAL_CHOSEN", x.notifications().get(0).name());
        assertEquals(2, x.esp().size());
        assertEquals(16, x.esp().stream().mapToLong(EspFlow::packets).sum());
        assertEquals("cisco (Unity)".equals(x.initiator().implementation()) || "strongswan".equals(x.initiator().implementation()), true);
    }

    @Test
    void icmpErrorsAreEvidenceNotMessages() {
        Exchange x = Analyses.run(Analyses.LAB.resolve("mm-unreach-nodaemon.pcap")).get(0);
        assertEquals(5, x.messages().size());
        assertEquals(5, x.icmpErrors().size());
        IcmpEvidence i = x.icmpErrors().get(0);
        assertEquals(4, i.frame());
        assertEquals(3, i.quotedFrame());
        assertEquals("MM1", i.quoted().label());
        assertEquals(Step.MM1, i.quoted());
        assertEquals("port unreachable", i.description());
        assertEquals(Side.INITIATOR, i.quotedFrom());
    }

    @Test
    void scannerAndOneWayPathAreToldApart() {
        assertTrue(Analyses.run(Analyses.LAB.resolve("ikescan-main.pcap")).get(0).scanner());
        assertTrue(Analyses.run(Analyses.LAB.resolve("ikescan-aggressive.pcap")).get(0).scanner());
        assertFalse(Analyses.run(Analyses.LAB.resolve("mm-oneway-return.pcap")).get(0).scanner());
        assertFalse(Analyses.run(Analyses.LAB.resolve("am-psk-bad.pcap")).get(0).scanner());
        assertFalse(Analyses.run(Analyses.LAB.resolve("mm-aes128-sha1-modp1024.pcap")).get(0).scanner());
    }

    @Test
    void espWithoutIkeIsARecordOfItsOwn() {
        List<Exchange> xs = Analyses.run(Path.of("../dissector/src/test/resources/captures/thirdparty/espudp1.pcap"));
        assertEquals(1, xs.size());
        Exchange x = xs.get(0);
        assertEquals(0, x.version());
        assertTrue(x.startedAfterPhase1());
        assertEquals(1, x.esp().size());
        assertEquals("12345678", x.esp().get(0).spiHex());
        assertEquals(8, x.esp().get(0).packets());
    }

    @Test
    void natTraversalPortsAndKeepalives() {
        Exchange x = Analyses.run(Analyses.LAB.resolve("natt-portmap.pcap")).get(0);
        assertEquals(20739, x.initiator().port());
        assertEquals(List.of(20217, 20739), x.initiator().ports());
        assertEquals(List.of(500, 4500), x.responder().ports());
        assertEquals(1, x.natKeepalives());
        assertEquals(2, x.esp().size());
        EspFlow f = x.esp().get(0);
        assertTrue(f.udpEncapsulated());
        assertEquals(3, f.packets());
        assertTrue(x.timeToEstablishedNanos() > 0);
    }

    @Test
    void spanDuplicatesAreNotRetransmissions() {
        Exchange pcap = Analyses.run(Analyses.LAB.resolve("span-vlan-mixed.pcap")).get(0);
        Exchange ng = Analyses.run(Analyses.LAB.resolve("span-vlan-mixed.pcapng")).get(0);
        assertEquals(pcap.messages().stream().map(ExchangeMessage::label).toList(),
                ng.messages().stream().map(ExchangeMessage::label).toList());
        assertTrue(ng.messages().stream().noneMatch(ExchangeMessage::isRetransmission));
    }

    @Test
    void roundTripsAndAnswers() {
        Exchange x = Analyses.run(Analyses.LAB.resolve("mm-pskmismatch.pcap")).get(0);
        ExchangeMessage mm2 = x.first(Step.MM2);
        assertEquals(3, mm2.inResponseTo());
        assertTrue(mm2.rttNanos() > 0);
        assertEquals(4, x.first(Step.MM1).answeredBy());
        // Every MM5 copy is answered by an informational (PAYLOAD_MALFORMED, encrypted).
        assertEquals(5, x.informational().size());
        for (Informational i : x.informational()) {
            assertEquals(Side.RESPONDER, i.from());
            assertTrue(i.encrypted());
            assertTrue(i.inResponseTo() > 0);
        }
        assertEquals(-1, x.timeToEstablishedNanos());
    }

    @Test
    void aggressiveModeIdentitiesAreInClear() {
        Exchange x = Analyses.run(Analyses.LAB.resolve("am-psk-ok.pcap")).get(0);
        assertEquals("ID_FQDN", x.initiatorIdentity().typeName());
        assertEquals("mobile1.example.net", x.initiatorIdentity().value());
        assertEquals("hq-gw.example.net", x.responderIdentity().value());
        Exchange mm = Analyses.run(Analyses.LAB.resolve("mm-aes128-sha1-modp1024.pcap")).get(0);
        assertNull(mm.initiatorIdentity(), "encrypted in main mode");
    }

    @Test
    void ikev2EstablishedIsInferred() {
        Exchange x = Analyses.run(Analyses.LAB.resolve("ikev2-psk-ok.pcap")).get(0);
        assertEquals("ikev2", x.mode().label());
        assertEquals("ESTABLISHED", Names.state(x.initiatorState()));
        assertEquals("ESTABLISHED", Names.state(x.responderState()));
        assertTrue(x.stateInferred());
        assertEquals(List.of("IKE_SA_INIT request", "IKE_SA_INIT response", "IKE_AUTH request", "IKE_AUTH response"),
                x.messages().stream().map(ExchangeMessage::label).toList());
        Exchange c = Analyses.run(Path.of("../dissector/src/test/resources/captures/thirdparty/ipsec_client.pcap")).get(0);
        assertEquals("IKE_AUTH", Names.state(c.initiatorState()));
        assertEquals("IKE_SA_INIT", Names.state(c.responderState()));
        assertEquals(2, c.retransmissions(Step.IKE_AUTH_REQUEST));
        assertFalse(c.stateInferred());
    }

    /** ESP of {@code spi}, sequence {@code seq}, in UDP 4500 (RFC 3948). */
    private static byte[] esp(int spi, int seq) {
        return java.nio.ByteBuffer.allocate(24).putInt(spi).putInt(seq).putLong(seq * 31L).putLong(~seq).array();
    }

    /**
     * The tracker remembers where the last ESP packet went (ESP comes in bursts); once that record
     * is emitted, the pair's next packets open a new record, as without the shortcut.
     */
    @Test
    void espAfterItsRecordWentIdleGoesToANewRecord() throws IOException {
        Path f = dir.resolve("esp-idle.pcap");
        try (SyntheticCapture c = new SyntheticCapture(f, 1)) {
            c.udp(0, R, 4500, I1, 4500, esp(0x5678, 1));
            c.udp(1000, I1, 4500, R, 4500, esp(0x1234, 1));
            c.udp(2000, I1, 4500, R, 4500, esp(0x1234, 2));
            // Past the idle timeout, in the direction of the packet before: the first record is
            // emitted when this packet comes, and it must not take the packet.
            c.udp(300 * SECOND, I1, 4500, R, 4500, esp(0x1234, 3));
            c.udp(300 * SECOND + 1000, I1, 4500, R, 4500, esp(0x1234, 4));
            c.udp(300 * SECOND + 2000, I1, 4500, R, 4500, esp(0x1234, 5));
        }
        List<Exchange> xs = Analyses.run(f, options(120, 1000));
        assertEquals(2, xs.size(), xs.toString());
        assertEquals("idle", xs.get(0).closedBy().label());
        assertEquals(3, xs.get(0).esp().stream().mapToLong(EspFlow::packets).sum(), xs.get(0).esp().toString());
        assertEquals(3, xs.get(1).esp().stream().mapToLong(EspFlow::packets).sum(), xs.get(1).esp().toString());
        assertEquals("end", xs.get(1).closedBy().label());
    }
}
