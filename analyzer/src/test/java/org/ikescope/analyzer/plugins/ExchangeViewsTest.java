package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.IdType;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.IsakmpTransformId;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.junit.jupiter.api.Test;

/** The view plugins get of a real exchange. */
class ExchangeViewsTest {
    /** The lab captures, kept with the dissector's tests. */
    static Path capture(String name) {
        for (Path dir : List.of(Path.of("src/test/resources/captures"), Path.of("../dissector/src/test/resources/captures/lab"),
                Path.of("src/test/resources/captures/lab"), Path.of("../dissector/src/test/resources/captures/thirdparty"))) {
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

    /** The view of the first exchange of a lab or third-party capture (the test is skipped without it). */
    static ExchangeView firstView(String name) throws IOException {
        Path pcap = capture(name);
        assumeTrue(pcap != null, "capture not found: " + name);
        return ExchangeViews.of(exchanges(pcap).get(0));
    }

    @Test
    void mainModeWithNatTraversalAndEsp() throws IOException {
        Path pcap = capture("mm-aes128-sha256-ecp256-esp.pcap");
        assumeTrue(pcap != null, "capture not found");
        List<Exchange> xs = exchanges(pcap);
        assertEquals(1, xs.size());
        ExchangeView v = ExchangeViews.of(xs.get(0));
        assertEquals("ab6c99cf54678d0b", v.ispi());
        assertEquals(ExchangeMode.MAIN, v.mode());
        assertEquals(1, v.version());
        assertEquals(Phase1State.MM_ACTIVE, v.initiatorState());
        assertEquals(Phase1State.MM_ACTIVE, v.responderState());
        assertTrue(v.phase1Complete());
        assertEquals("192.0.2.16", v.initiator().ip());
        assertEquals(List.of(500, 4500), v.initiator().ports());
        assertEquals(List.of(Step.MM1, Step.MM2, Step.MM3, Step.MM4, Step.MM5, Step.MM6, Step.QM1, Step.QM2, Step.QM3),
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
        // IKEv1 phase 1: KEY_IKE, the hash is the Hash-Algorithm, no integrity or PRF; names from the codes.
        assertFalse(chosen.ikev2());
        assertTrue(chosen.phase1());
        assertEquals(IsakmpTransformId.KEY_IKE.code(), chosen.transformId());
        assertEquals(0, chosen.integrity());
        assertEquals(0, chosen.prf());
        assertEquals("AES-CBC", chosen.encryptionName());
        assertEquals("SHA2-256", chosen.hashName());
        assertEquals("PSK", chosen.authMethodName());
        assertFalse(v.stateInferred());

        assertTrue(v.nat().floatedTo4500());
        assertTrue(v.nat().natTNegotiated());
        assertTrue(v.nat().initiatorNatTVendorIds().stream().map(VendorIdView::name).toList().contains("RFC 3947 NAT-T"),
                v.nat().initiatorNatTVendorIds().toString());
        assertTrue(v.initiator().vendorIds().stream().anyMatch(id -> id.natTraversal() && id.hex().equals("4a131c81070358455c5728f20e95452f")));

        assertEquals(1, v.quickModes().size());
        assertEquals(3, v.quickModes().get(0).messages().size());
        assertEquals(QuickModeState.QM_DONE, v.quickModes().get(0).state());
        assertEquals(Side.INITIATOR, v.quickModes().get(0).initiator());
        assertEquals(ExchangeType.QUICK_MODE, v.quickModes().get(0).messages().get(0).exchangeType());
        assertEquals(2, v.esp().size());
        assertEquals(3, v.esp().get(0).packets());
        assertTrue(v.timeToActiveNanos().isPresent());
        assertFalse(v.startedBeforeCapture());
        assertTrue(v.diagnostics().isEmpty());
    }

    /** IKEv2: the INTEG transform is the integrity, not the hash; PRF and notifications in the IKEv2 registries. */
    @Test
    void ikev2ProposalAndNotificationsCarryIkev2Codes() throws IOException {
        ExchangeView v = firstView("ikev2-psk-ok.pcap");
        assertEquals(ExchangeMode.IKEV2, v.mode());
        assertEquals(Phase1State.ESTABLISHED, v.initiatorState());
        assertTrue(v.stateInferred(), "ESTABLISHED rests on an encrypted IKE_AUTH response");
        assertEquals(List.of(Step.IKE_SA_INIT_REQUEST, Step.IKE_SA_INIT_RESPONSE, Step.IKE_AUTH_REQUEST,
                Step.IKE_AUTH_RESPONSE), v.messages().stream().map(MessageView::step).toList().subList(0, 4));
        MessageView init = v.messages().get(0);
        assertEquals(ExchangeType.IKE_SA_INIT, init.exchangeType());
        assertTrue(init.has(PayloadType.SA), "the IKEv2 SA (33) is an SA");
        assertEquals(PayloadType.V2_SA, init.payloads().get(0).payloadType());

        ProposalView p = v.chosenProposal().orElseThrow();
        assertTrue(p.ikev2());
        assertEquals(Ikev2EncryptionAlgorithm.ENCR_AES_CBC.code(), p.encryption());
        assertEquals("ENCR_AES_CBC", p.encryptionName());
        assertEquals(128, p.keyLength());
        assertEquals(0, p.hash());
        assertEquals(Ikev2IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128.code(), p.integrity());
        assertEquals("AUTH_HMAC_SHA2_256_128", p.integrityName());
        assertEquals(Ikev2PrfAlgorithm.PRF_HMAC_SHA2_256.code(), p.prf());
        assertEquals("PRF_HMAC_SHA2_256", p.prfName());
        assertEquals(14, p.group());

        NotificationView n = v.notifications().get(0);
        assertTrue(n.ikev2());
        assertEquals(Ikev2NotifyType.NAT_DETECTION_SOURCE_IP, n.ikev2NotifyType());
        assertEquals("NAT_DETECTION_SOURCE_IP", n.name());
        assertFalse(n.error());
    }

    /** Payload 15 between draft NAT-T peers keeps its wire number but is NAT-D. */
    @Test
    void draftNatDiscoveryUnderNumber15() throws IOException {
        ExchangeView v = firstView("ISAKMP_sa_setup.pcap");
        MessageView mm3 = v.messages().stream().filter(m -> m.step() == Step.MM3).findFirst().orElseThrow();
        List<PayloadView> natD = mm3.payloads().stream().filter(p -> p.type() == 15).toList();
        assertEquals(2, natD.size(), mm3.payloads().toString());
        for (PayloadView p : natD) {
            assertEquals(PayloadType.NAT_D_DRAFT, p.payloadType());
            assertEquals("NAT_D_DRAFT", p.name());
        }
        assertTrue(mm3.has(PayloadType.NAT_D));
        assertTrue(v.nat().natDiscoverySeen());
        assertEquals(NatDiscoveryResult.MATCHED, v.nat().natDiscovery());
    }

    /** An ICMP error names the step it quotes; a responder that sent nothing is NONE. */
    @Test
    void icmpErrorsQuoteTheirStep() throws IOException {
        ExchangeView v = firstView("mm-unreach-nodaemon.pcap");
        assertEquals(Phase1State.MM_WAIT_MSG2, v.initiatorState());
        assertEquals(Phase1State.NONE, v.responderState());
        assertFalse(v.icmpErrors().isEmpty());
        assertEquals(Optional.of(Step.MM1), v.icmpErrors().get(0).quotedStep());
        assertEquals(Side.INITIATOR, v.icmpErrors().get(0).quotedFrom());
    }

    /** Aggressive mode shows the identities in clear: IKEv1 ID types, named from the code. */
    @Test
    void aggressiveModeIdentities() throws IOException {
        ExchangeView v = firstView("am-psk-ok.pcap");
        assertEquals(ExchangeMode.AGGRESSIVE, v.mode());
        assertEquals(Phase1State.AM_ACTIVE, v.initiatorState());
        IdentityView id = v.initiatorIdentity().orElseThrow();
        assertFalse(id.ikev2());
        assertEquals(IdType.ID_FQDN.code(), id.type());
        assertEquals("ID_FQDN", id.typeName());
        assertEquals("mobile1.example.net", id.value());
    }

    @Test
    void aRefusedProposalShowsItsNotification() throws IOException {
        ExchangeView v = firstView("mm-noproposal.pcap");
        assertTrue(v.notifications().stream().anyMatch(n -> n.type() == 14 && n.name().equals("NO_PROPOSAL_CHOSEN")
                && n.from() == Side.RESPONDER && !n.encrypted()), v.notifications().toString());
        MessageView answer = v.messages().stream().filter(m -> m.from() == Side.RESPONDER).findFirst().orElseThrow();
        assertEquals(List.of(14), answer.notifyTypes());
        assertFalse(v.offeredProposals().isEmpty());
    }

    /** MM1's payloads in wire order with their codes; NAT-D (RFC 3947, type 20) in MM3/MM4. */
    @Test
    void payloadsAndNatDiscovery() throws IOException {
        ExchangeView v = firstView("mm-aes128-sha1-modp1024.pcap");
        MessageView mm1 = v.messages().get(0);
        assertEquals(Step.MM1, mm1.step());
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
        for (Step step : List.of(Step.MM3, Step.MM4)) {
            MessageView m = v.messages().stream().filter(x -> x.step() == step).findFirst().orElseThrow();
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
        assertEquals(Step.MM1, mm1.step());
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
            assertEquals(d.payloads().size(), m.payloads().size(), m.step().label());
            for (int i = 0; i < m.payloads().size(); i++) {
                org.ikescope.dissector.isakmp.Payload dp = d.payloads().get(i);
                PayloadView vp = m.payloads().get(i);
                assertEquals(dp.offset(), vp.offset(), m.step().label() + " payload " + i);
                assertEquals(ImmutableBytes.copyOfRange(d.bytes(), dp.offset() + 4, dp.offset() + dp.length()), vp.body(),
                        m.step().label() + " payload " + i);
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
        assertEquals(List.of(Step.MM1, Step.MM2, Step.MM3, Step.MM4), withPayloads.stream().map(MessageView::step).toList());
        for (MessageView m : withPayloads) {
            for (PayloadView p : m.payloads()) {
                assertFalse(p.bodyAvailable(), m.step().label());
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

    /** The end-of-capture view makes its parts when asked, and every part equals the full view's. */
    @Test
    void lazyViewEqualsTheFullView() throws IOException {
        int seen = 0;
        for (String dir : List.of("../dissector/src/test/resources/captures/lab",
                "../dissector/src/test/resources/captures/thirdparty")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> files;
            try (var s = Files.list(d)) {
                files = s.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).sorted().toList();
            }
            for (Path f : files) {
                for (Exchange x : exchanges(f)) {
                    ExchangeView full = ExchangeViews.of(x);
                    ExchangeView lazy = ExchangeViews.lazy(x);
                    String what = f.getFileName() + " " + full.ispi();
                    // The cheap parts first (no full view made yet), then the rest.
                    assertEquals(full.file(), lazy.file(), what);
                    assertEquals(full.ispi(), lazy.ispi(), what);
                    assertEquals(full.rspi(), lazy.rspi(), what);
                    assertEquals(full.version(), lazy.version(), what);
                    assertEquals(full.mode(), lazy.mode(), what);
                    assertEquals(full.initiator(), lazy.initiator(), what);
                    assertEquals(full.responder(), lazy.responder(), what);
                    assertEquals(full.initiatorState(), lazy.initiatorState(), what);
                    assertEquals(full.responderState(), lazy.responderState(), what);
                    assertEquals(full.stateInferred(), lazy.stateInferred(), what);
                    assertEquals(full.initiatorIdentity(), lazy.initiatorIdentity(), what);
                    assertEquals(full.responderIdentity(), lazy.responderIdentity(), what);
                    assertEquals(full.startNanos(), lazy.startNanos(), what);
                    assertEquals(full.endNanos(), lazy.endNanos(), what);
                    assertEquals(full.captureStartNanos(), lazy.captureStartNanos(), what);
                    assertEquals(full.captureEndNanos(), lazy.captureEndNanos(), what);
                    assertEquals(full.timeToActiveNanos(), lazy.timeToActiveNanos(), what);
                    assertEquals(full.startedBeforeCapture(), lazy.startedBeforeCapture(), what);
                    assertEquals(full.decrypted(), lazy.decrypted(), what);
                    assertEquals(full.decryption(), lazy.decryption(), what);
                    assertEquals(full.chosenProposal(), lazy.chosenProposal(), what);
                    assertEquals(full.messages(), lazy.messages(), what);
                    assertEquals(full.messages(Side.INITIATOR), lazy.messages(Side.INITIATOR), what);
                    assertEquals(full.messages(Side.RESPONDER), lazy.messages(Side.RESPONDER), what);
                    assertEquals(full.offeredProposals(), lazy.offeredProposals(), what);
                    assertEquals(full.notifications(), lazy.notifications(), what);
                    assertEquals(full.quickModes(), lazy.quickModes(), what);
                    assertEquals(full.informationals(), lazy.informationals(), what);
                    assertEquals(full.esp(), lazy.esp(), what);
                    assertEquals(full.icmpErrors(), lazy.icmpErrors(), what);
                    assertEquals(full.incompleteFragmentSets(), lazy.incompleteFragmentSets(), what);
                    assertEquals(full.nat(), lazy.nat(), what);
                    assertEquals(full.diagnostics(), lazy.diagnostics(), what);
                    assertTrue(lazy.equals(full), what); // (a record equals only its own class)
                    assertEquals(full.hashCode(), lazy.hashCode(), what);
                    seen++;
                }
            }
        }
        assumeTrue(seen > 0, "no captures found");
    }
}
