package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.pipeline.Dissector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


/** The view plugins get of a real exchange. */
class ExchangeViewsTest {
    /** The lab captures, kept with the dissector's tests. */
    static Path capture(String name) {
        for (Path dir : List.of(Path.of("src/test/resources/captures"), Path.of("../dissector/src/test/resources/captures/lab"),
                Path.of("src/test/resources/captures/lab"))) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    static List<Exchange> exchanges(Path capture) throws IOException {
        List<Exchange> out = new ArrayList<>();
        AtomicLong ids = new AtomicLong();
        ExchangeTracker tracker = new ExchangeTracker(ExchangeTracker.Options.defaults(), out::add, f -> { }, ids::incrementAndGet);
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, tracker);
        }
        tracker.finish();
        return out;
    }

    @Test
    void mainModeWithNatTraversalAndEsp() throws IOException {
        Path pcap = capture("mm-aes128-sha256-ecp256-esp.pcap");
        assumeTrue(pcap != null, "capture not found");
        List<Exchange> xs = exchanges(pcap);
        assertEquals(1, xs.size());
        ExchangeView v = ExchangeViews.of(xs.get(0));
        assertEquals("ab6c99cf54678d0b", v.ispi());
        assertEquals(ExchangeView.MODE_MAIN, v.mode());
        assertEquals(1, v.version());
        assertEquals("MM_ACTIVE", v.initiatorState());
        assertEquals("MM_ACTIVE", v.responderState());
        assertTrue(v.phase1Complete());
        assertEquals("192.0.2.16", v.initiator().ip());
        assertEquals(List.of(500, 4500), v.initiator().ports());
        assertEquals(List.of("MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"),
                v.messages().stream().map(MessageView::step).toList());
        MessageView mm2 = v.messages().get(1);
        assertEquals(Side.RESPONDER, mm2.from());
        assertEquals(4, mm2.frame());
        assertEquals("192.0.2.106", mm2.sourceIp());
        assertEquals("192.0.2.16", mm2.destinationIp());
        assertTrue(v.messages().get(4).encrypted());

        ProposalView chosen = v.chosenProposal().orElseThrow();
        assertEquals(IkeEncryptionAlgorithm.AES_CBC.code(), chosen.encryption());
        assertEquals(128, chosen.keyLength());
        assertEquals(IkeHashAlgorithm.SHA2_256.code(), chosen.hash());
        assertEquals(AuthMethod.PRE_SHARED_KEY.code(), chosen.authMethod());
        assertEquals(19, chosen.group());
        assertEquals(28800, chosen.lifetimeSeconds());
        assertEquals(1, v.offeredProposals().size());

        assertTrue(v.nat().floatedTo4500());
        assertTrue(v.nat().natTNegotiated());
        assertTrue(v.nat().initiatorNatTVendorIds().contains("RFC 3947 NAT-T"), v.nat().initiatorNatTVendorIds().toString());
        assertTrue(v.initiator().vendorIds().stream().anyMatch(id -> id.natTraversal() && id.hex().equals("4a131c81070358455c5728f20e95452f")));

        assertEquals(1, v.quickModes().size());
        assertEquals(3, v.quickModes().get(0).messages().size());
        assertEquals(2, v.esp().size());
        assertEquals(3, v.esp().get(0).packets());
        assertTrue(v.timeToActiveNanos().isPresent());
        assertFalse(v.startedBeforeCapture());
        assertTrue(v.diagnostics().isEmpty());
    }

    @Test
    void aRefusedProposalShowsItsNotification() throws IOException {
        Path pcap = capture("mm-noproposal.pcap");
        assumeTrue(pcap != null, "capture not found");
        ExchangeView v = ExchangeViews.of(exchanges(pcap).get(0));
        assertTrue(v.notifications().stream().anyMatch(n -> n.type() == 14 && n.name().equals("NO_PROPOSAL_CHOSEN")
                && n.from() == Side.RESPONDER && !n.encrypted()), v.notifications().toString());
        MessageView answer = v.messages().stream().filter(m -> m.from() == Side.RESPONDER).findFirst().orElseThrow();
        assertEquals(List.of(14), answer.notifyTypes());
        assertFalse(v.offeredProposals().isEmpty());
    }

    /** MM1's payloads in wire order with their codes; NAT-D (RFC 3947, type 20) in MM3/MM4. */
    @Test
    void payloadsAndNatDiscovery() throws IOException {
        Path pcap = capture("mm-aes128-sha1-modp1024.pcap");
        assumeTrue(pcap != null, "capture not found");
        ExchangeView v = ExchangeViews.of(exchanges(pcap).get(0));
        MessageView mm1 = v.messages().get(0);
        assertEquals("MM1", mm1.step());
        List<PayloadView> p = mm1.payloads();
        // RFC 2408 section 3.1: SA is 1, VID 13 (literal: the registries are being reworked).
        assertEquals(1, p.get(0).type());
        assertEquals("SA", p.get(0).name());
        assertTrue(p.size() > 1, p.toString());
        for (PayloadView vid : p.subList(1, p.size())) {
            assertEquals(13, vid.type(), p.toString());
            assertEquals("VID", vid.name());
            // Built after emission: the bytes are gone, type and name stay.
            assertFalse(vid.bodyAvailable());
            assertEquals(-1, vid.offset());
            assertEquals(0, vid.body().length());
        }
        for (String step : List.of("MM3", "MM4")) {
            MessageView m = v.messages().stream().filter(x -> x.step().equals(step)).findFirst().orElseThrow();
            assertEquals(2, m.payloads().stream().filter(x -> x.type() == 20 && x.name().equals("NAT_D")).count(),
                    step + ": " + m.payloads());
        }
        assertTrue(v.nat().natDiscoverySeen());
        // Encrypted messages show no payloads.
        assertEquals(List.of(), v.messages().stream().filter(MessageView::encrypted).findFirst().orElseThrow().payloads());
    }

    /** The views built while each exchange is emitted (as the plugins get them), and the exchanges. */
    record Emission(List<ExchangeView> views, List<Exchange> exchanges, ExchangeTracker tracker, List<Long> retainedAtEmission) {
    }

    static Emission emit(Path capture, ExchangeTracker.Options options) throws IOException {
        List<ExchangeView> views = new ArrayList<>();
        List<Exchange> exchanges = new ArrayList<>();
        List<Long> retained = new ArrayList<>();
        AtomicLong ids = new AtomicLong();
        ExchangeTracker[] tracker = new ExchangeTracker[1];
        tracker[0] = new ExchangeTracker(options, x -> {
            views.add(ExchangeViews.of(x));
            exchanges.add(x);
            retained.add(tracker[0].payloadBytesRetained());
        }, f -> { }, ids::incrementAndGet);
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, tracker[0]);
        }
        tracker[0].finish();
        return new Emission(views, exchanges, tracker[0], retained);
    }

    /** The dissector's messages of {@code capture} by frame. */
    static Map<Long, IsakmpMessage> dissected(Path capture) throws IOException {
        Map<Long, IsakmpMessage> out = new HashMap<>();
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, e -> out.putIfAbsent(e.frame(), e.message()));
        }
        return out;
    }

    /**
     * At emission a payload's body is the bytes after its generic header: MM1's VIDs are the hex
     * {@code ikescope dissect --format jsonl} reports for them, and offsets are the dissector's.
     */
    @Test
    void payloadBodiesAtEmission() throws IOException {
        Path pcap = capture("mm-aes128-sha1-modp1024.pcap");
        assumeTrue(pcap != null, "capture not found");
        Emission run = emit(pcap, ExchangeTracker.Options.defaults());
        assertEquals(1, run.views().size());
        MessageView mm1 = run.views().get(0).messages().get(0);
        assertEquals("MM1", mm1.step());
        List<PayloadView> p = mm1.payloads();
        assertTrue(p.stream().allMatch(PayloadView::bodyAvailable), p.toString());
        // From `ikescope dissect --format jsonl`: isakmp.payloads[1..6].vendorId.hex of frame 3.
        assertEquals(List.of("882fe56d6fd20dbc2251613b2ebe5beb", "09002689dfd6b712", "afcad71368a1f1c96b8696fc77570100",
                        "4048b7d56ebce88525e7de7f00d6c2d380000000", "4a131c81070358455c5728f20e95452f",
                        "90cb80913ebb696e086381b5ec427b1f"),
                p.stream().filter(x -> x.type() == 13).map(x -> x.body().hex()).toList());
        // SA: Payload Length 56 after the 28-byte ISAKMP header; its body is DOI, situation, proposal.
        assertEquals(IsakmpMessage.HEADER_BYTES, p.get(0).offset());
        assertEquals(56 - 4, p.get(0).body().length());
        assertEquals(1L, p.get(0).body().getUnsignedInt(0), "DOI IPSEC");
        assertEquals(IsakmpMessage.HEADER_BYTES + 56, p.get(1).offset());

        // Every payload of every message, as the dissector walked it.
        Map<Long, IsakmpMessage> wire = dissected(pcap);
        for (MessageView m : run.views().get(0).messages()) {
            IsakmpMessage d = wire.get(m.frame());
            assertEquals(d.payloads().size(), m.payloads().size(), m.step());
            for (int i = 0; i < m.payloads().size(); i++) {
                org.ikescope.dissector.isakmp.Payload dp = d.payloads().get(i);
                PayloadView vp = m.payloads().get(i);
                assertEquals(dp.offset(), vp.offset(), m.step() + " payload " + i);
                assertEquals(ImmutableBytes.copyOfRange(d.bytes(), dp.offset() + 4, dp.offset() + dp.length()), vp.body(),
                        m.step() + " payload " + i);
            }
        }
        assertEquals(0, run.tracker().stats().payloadBytesNotRetained);
        assertTrue(run.retainedAtEmission().get(0) > 0);
    }

    /** Once emitted (diagnosed and written), an exchange holds no bytes: end-of-capture views have none. */
    @Test
    void bytesAreDroppedAfterEmission() throws IOException {
        Path pcap = capture("mm-aes128-sha1-modp1024.pcap");
        assumeTrue(pcap != null, "capture not found");
        Emission run = emit(pcap, ExchangeTracker.Options.defaults());
        Exchange x = run.exchanges().get(0);
        assertTrue(x.messages().stream().noneMatch(m -> m.payloadBytes().available()));
        // A copy made at emission (as analyze retains them with their findings) shares the release.
        assertTrue(x.withFindings(List.of()).messages().stream().noneMatch(m -> m.payloadBytes().available()));
        for (MessageView m : ExchangeViews.of(x).messages()) {
            for (PayloadView p : m.payloads()) {
                assertFalse(p.bodyAvailable());
                assertEquals(-1, p.offset());
                assertTrue(p.body().isEmpty());
            }
        }
        assertEquals(0, run.tracker().payloadBytesRetained());
        // The view built at emission keeps what it read.
        assertEquals("882fe56d6fd20dbc2251613b2ebe5beb", run.views().get(0).messages().get(0).payloads().get(1).body().hex());
    }

    /** Beyond the budget a message keeps no bytes: types and names only, and the stats count it. */
    @Test
    void aSpentBudgetKeepsNoBodies() throws IOException {
        Path pcap = capture("mm-aes128-sha1-modp1024.pcap");
        assumeTrue(pcap != null, "capture not found");
        ExchangeTracker.Options d = ExchangeTracker.Options.defaults();
        Emission run = emit(pcap, new ExchangeTracker.Options(d.idleTimeoutNanos(), d.maxTracked(),
                d.maxMessagesPerExchange(), 100));
        List<MessageView> withPayloads = run.views().get(0).messages().stream().filter(m -> !m.payloads().isEmpty()).toList();
        assertEquals(List.of("MM1", "MM2", "MM3", "MM4"), withPayloads.stream().map(MessageView::step).toList());
        for (MessageView m : withPayloads) {
            for (PayloadView p : m.payloads()) {
                assertFalse(p.bodyAvailable(), m.step());
                assertEquals(-1, p.offset());
                assertTrue(p.body().isEmpty());
            }
        }
        assertEquals(13, withPayloads.get(0).payloads().get(1).type());
        assertEquals(withPayloads.size(), run.tracker().stats().payloadBytesNotRetained);
        assertEquals((long) withPayloads.size(), run.tracker().stats().asMap().get("payloadBytesNotRetained"));
        assertEquals(List.of(0L), run.retainedAtEmission());
    }

    @Test
    void noNatDiscoveryWithoutNatD() throws IOException {
        Path pcap = capture("ikescan-main.pcap");
        assumeTrue(pcap != null, "capture not found");
        for (Exchange x : exchanges(pcap)) {
            assertFalse(ExchangeViews.of(x).nat().natDiscoverySeen(), x.toString());
        }
    }
}
