package org.ikescope.analyzer.diagnostics;

import static org.ikescope.api.plugin.Side.INITIATOR;
import static org.ikescope.api.plugin.Side.RESPONDER;
import static org.ikescope.api.plugin.Step.AM1;
import static org.ikescope.api.plugin.Step.AM2;
import static org.ikescope.api.plugin.Step.AM3;
import static org.ikescope.api.plugin.Step.IKE_SA_INIT_REQUEST;
import static org.ikescope.api.plugin.Step.IKE_SA_INIT_RESPONSE;
import static org.ikescope.api.plugin.Step.INFORMATIONAL;
import static org.ikescope.api.plugin.Step.MM1;
import static org.ikescope.api.plugin.Step.MM2;
import static org.ikescope.api.plugin.Step.MM3;
import static org.ikescope.api.plugin.Step.MM4;
import static org.ikescope.api.plugin.Step.MM5;
import static org.ikescope.api.plugin.Step.MM6;
import static org.ikescope.api.plugin.Step.QM1;
import static org.ikescope.api.plugin.Step.QM2;
import static org.ikescope.api.plugin.Step.QM3;
import static org.ikescope.api.plugin.Step.TRANSACTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.ikescope.analyzer.plugins.Views;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.api.protocol.PayloadType;
import org.junit.jupiter.api.Test;

/**
 * The built-in diagnostics on hand-made exchanges: the cases the lab captures do not cover
 * (decrypted content, NAT, fragments, DPD, cross-exchange diagnoses) and the rules every
 * built-in keeps.
 */
class BuiltInDiagnosticsTest {
    private static final List<DiagnosticPlugin> ALL = List.of(new PhaseOneDiagnostics(), new PathDiagnostics(),
            new CryptoPolicyDiagnostics(), new PhaseTwoDiagnostics(), new VersionDiagnostics(),
            new ExchangeHealthDiagnostics());

    private static List<Finding> run(DiagnosticPlugin p, ExchangeView x) {
        List<Finding> out = new ArrayList<>();
        p.analyze(x, out::add);
        return out;
    }

    /** {@code p} on {@code x}, then its end of the capture (for the diagnoses that report there). */
    private static List<Finding> runToEnd(CryptoPolicyDiagnostics p, ExchangeView x) {
        List<Finding> out = run(p, x);
        p.endOfCapture(List.of(x), out::add);
        return out;
    }

    private static List<Finding> runAll(ExchangeView x) {
        List<Finding> out = new ArrayList<>();
        for (DiagnosticPlugin p : ALL) {
            p.analyze(x, out::add);
        }
        return out;
    }

    private static Set<String> codes(List<Finding> fs) {
        Set<String> out = new TreeSet<>();
        fs.forEach(f -> out.add(f.code()));
        return out;
    }

    private static Finding one(List<Finding> fs, String code) {
        List<Finding> m = fs.stream().filter(f -> f.code().equals(code)).toList();
        assertEquals(1, m.size(), code + " in " + codes(fs));
        return m.get(0);
    }

    // ---------------------------------------------------------------- registration

    @Test
    void everyBuiltInIsRegisteredAnnotatedAndUnique() {
        Set<String> ids = new TreeSet<>();
        Set<Class<?>> loaded = new java.util.HashSet<>();
        for (DiagnosticPlugin p : ServiceLoader.load(DiagnosticPlugin.class)) {
            loaded.add(p.getClass());
        }
        for (DiagnosticPlugin p : ALL) {
            assertTrue(loaded.contains(p.getClass()), p.getClass() + " not in META-INF/services");
            PluginApi api = p.getClass().getAnnotation(PluginApi.class);
            assertEquals(ApiVersion.MAJOR, api.major(), p.id());
            assertTrue(p.id().startsWith("builtin."), p.id());
            assertTrue(ids.add(p.id()), "duplicate " + p.id());
            assertFalse(p.description().isBlank());
        }
    }

    @Test
    void emptyAndPhaseTwoOnlyExchangesAreQuiet() {
        ExchangeView empty = FakeExchange.main("0000000000000001").build();
        assertEquals(List.of(), runAll(empty));
    }

    // ---------------------------------------------------------------- phase 1 with decrypted content

    @Test
    void decryptedAuthenticationFailedIsAConfirmedPeerRejection() {
        ExchangeView x = mm4("a1").decrypted()
                .msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of())
                .msg(INFORMATIONAL, RESPONDER, 7, 500, true, List.of(NotifyType.AUTHENTICATION_FAILED.code()),
                        List.of())
                .resend(MM5, INITIATOR)
                .states(Phase1State.MM_WAIT_MSG6, Phase1State.MM_WAIT_MSG5).build();
        List<Finding> fs = run(new PhaseOneDiagnostics(), x);
        Finding f = one(fs, "auth.peer-rejected");
        assertEquals(Confidence.CONFIRMED, f.confidence());
        assertFalse(codes(fs).contains("auth.psk-mismatch"));
    }

    @Test
    void mm5DecryptsButTheAnswerDoesNotConfirmsThePskMismatch() {
        ExchangeView x = mm4("a2").decrypted()
                .add(MM5, INITIATOR, 0, 500, true, true, 108, 0, List.of(), List.of(), List.of())
                .add(INFORMATIONAL, RESPONDER, 7, 500, true, false, 76, 0, List.of(), List.of(), List.of())
                .resend(MM5, INITIATOR)
                .add(INFORMATIONAL, RESPONDER, 8, 500, true, false, 76, 0, List.of(), List.of(), List.of())
                .states(Phase1State.MM_WAIT_MSG6, Phase1State.MM_WAIT_MSG5).build();
        assertEquals(Confidence.CONFIRMED, one(run(new PhaseOneDiagnostics(), x), "auth.psk-mismatch").confidence());
    }

    @Test
    void mm5UnansweredOnce() {
        ExchangeView x = mm4("a3").msg(MM5, INITIATOR).states(Phase1State.MM_WAIT_MSG6, Phase1State.MM_WAIT_MSG5).build();
        assertEquals(Confidence.POSSIBLE, one(run(new PhaseOneDiagnostics(), x), "auth.psk-mismatch").confidence());
    }

    @Test
    void mm2SentAndMm1NeverRepeatedIsAProbeEvenWithoutVendorIds() {
        ExchangeView x = FakeExchange.main("a4").msg(MM1, INITIATOR).msg(MM2, RESPONDER)
                .states(Phase1State.MM_WAIT_MSG2, Phase1State.MM_WAIT_MSG3).build();
        Finding f = one(run(new PhaseOneDiagnostics(), x), "scan.probe");
        assertEquals(Severity.INFO, f.severity());
        assertEquals(List.of(1L, 2L), f.evidence());
    }

    @Test
    void icmpPortUnreachableConfirmsNothingListens() {
        ExchangeView x = FakeExchange.main("a5").msg(MM1, INITIATOR).resend(MM1, INITIATOR)
                .icmp(new Views.IcmpError(9, 0, false, 3, 3, Optional.of(MM1), INITIATOR))
                .states(Phase1State.MM_WAIT_MSG2, Phase1State.NONE).build();
        Finding f = one(run(new PhaseOneDiagnostics(), x), "peer.unreachable");
        assertEquals(Confidence.CONFIRMED, f.confidence());
        assertTrue(f.explanation().contains("nothing listens on UDP 500"), f.explanation());
        assertEquals(List.of(1L, 2L, 9L), f.evidence());
    }

    @Test
    void policyMismatchListsWhatTheResponderAcceptedElsewhere() {
        PhaseOneDiagnostics p = new PhaseOneDiagnostics();
        ExchangeView good = mm4("b1").msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of())
                .msg(MM6, RESPONDER, 0, 500, true, List.of(), List.of())
                .chosen(FakeExchange.proposal(7, 4, 14, 1))
                .states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).build();
        assertEquals(List.of(), run(p, good));
        ExchangeView refused = FakeExchange.main("b2").peers("192.0.2.2", FakeExchange.R_IP)
                .offered(FakeExchange.proposal(5, 1, 2, 1))
                .msg(MM1, INITIATOR)
                .msg(INFORMATIONAL, RESPONDER, 0, 500, false, List.of(NotifyType.NO_PROPOSAL_CHOSEN.code()),
                        List.of())
                .states(Phase1State.MM_WAIT_MSG2, Phase1State.MM_NO_STATE).build();
        Finding f = one(run(p, refused), "policy.mismatch");
        assertTrue(f.explanation().contains("3DES-CBC MD5 group 2"), f.explanation());
        assertTrue(f.explanation().contains("accepted: AES-CBC SHA2-256 group 14"), f.explanation());
        assertTrue(f.explanation().contains("strongSwan"), f.explanation());
    }

    // ---------------------------------------------------------------- path

    @Test
    void oneDirectionCaptureIsACaptureLimitationNotAPskMismatch() {
        ExchangeView x = FakeExchange.main("c1").msg(MM1, INITIATOR).msg(MM3, INITIATOR)
                .msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of()).resend(MM5, INITIATOR)
                .states(Phase1State.MM_WAIT_MSG6, Phase1State.NONE).build();
        List<Finding> fs = runAll(x);
        Finding f = one(fs, "capture.one-direction");
        assertEquals(Severity.INFO, f.severity());
        assertEquals(List.of(2L, 3L), f.evidence());
        assertTrue(fs.stream().noneMatch(g -> g.code().startsWith("auth.") || g.code().startsWith("peer.")),
                codes(fs).toString());
    }

    @Test
    void incompleteFragmentSetIsAnErrorWhenPhaseOneFailed() {
        ExchangeView x = mm4("c2").msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of())
                .fragments(new Views.FragmentSet(FragmentKind.IP, INITIATOR, List.of(20L, 21L), false))
                .states(Phase1State.MM_WAIT_MSG6, Phase1State.MM_WAIT_MSG5).build();
        Finding f = one(run(new PathDiagnostics(), x), "path.fragments-lost");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of(20L, 21L), f.evidence());
        ExchangeView ok = mm4("c3").msg(MM5, INITIATOR).msg(MM6, RESPONDER)
                .fragments(new Views.FragmentSet(FragmentKind.IKE, RESPONDER, List.of(30L), false))
                .states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).build();
        assertEquals(Severity.WARNING, one(run(new PathDiagnostics(), ok), "path.fragments-lost").severity());
    }

    @Test
    void fragmentedMm6NeverReachingTheInitiator() {
        ExchangeView x = mm4("c4").add(MM5, INITIATOR, 0, 500, true, false, 1800, 0, List.of(), List.of(),
                        List.of(11L, 12L))
                .add(MM6, RESPONDER, 0, 500, true, false, 2400, 0, List.of(), List.of(), List.of(13L, 14L))
                .resend(MM5, INITIATOR)
                .states(Phase1State.MM_WAIT_MSG6, Phase1State.MM_ACTIVE).build();
        Finding f = one(run(new PathDiagnostics(), x), "path.fragments-lost");
        assertEquals(Confidence.LIKELY, f.confidence());
    }

    @Test
    void natWithoutNatTraversal() {
        ExchangeView x = mm4("d1").initiatorId("10.0.0.5")
                .nat(new Views.Nat(false, false, List.of(FakeExchange.natT("RFC 3947")), List.of(), Optional.empty()))
                .msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of())
                .msg(MM6, RESPONDER, 0, 500, true, List.of(), List.of())
                .states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).build();
        Finding f = one(run(new PathDiagnostics(), x), "natt.not-negotiated");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().contains("responder"), f.title());
        assertTrue(f.explanation().contains("10.0.0.5"), f.explanation());
    }

    @Test
    void natSeenOnlyInTheNatDiscoveryHashes() {
        // Ports 500 and no ID in clear: only the NAT-D check shows the initiator behind a NAT.
        ExchangeView x = mm4("d3")
                .nat(new Views.Nat(false, true, List.of(FakeExchange.natT("RFC 3947")), List.of(), Optional.of(true), Optional.of(true),
                        Optional.of(false), NatDiscoveryResult.MISMATCH,
                        "initiator behind NAT (its NAT-D hash does not match the 198.51.100.7:500 seen here)"))
                .msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of())
                .msg(MM6, RESPONDER, 0, 500, true, List.of(), List.of())
                .states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).build();
        Finding f = one(run(new PathDiagnostics(), x), "natt.not-negotiated");
        assertTrue(f.explanation().contains("is behind a NAT"), f.explanation());
        assertTrue(f.explanation().contains("198.51.100.7:500"), f.explanation());
        // Forced encapsulation (mismatch on both sides, nothing else): no NAT evident, no finding.
        ExchangeView forced = mm4("d4")
                .nat(new Views.Nat(false, true, List.of(FakeExchange.natT("RFC 3947")), List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), NatDiscoveryResult.MISMATCH, "mismatch on both sides (NAT or forced"
                        + " encapsulation)"))
                .states(Phase1State.MM_WAIT_MSG5, Phase1State.MM_WAIT_MSG5).build();
        assertTrue(run(new PathDiagnostics(), forced).stream().noneMatch(g -> g.code().startsWith("natt.")));
    }

    @Test
    void port4500BlockedAfterTheFloat() {
        ExchangeView x = mm4("d2")
                .nat(new Views.Nat(true, true, List.of(FakeExchange.natT("RFC 3947")), List.of(FakeExchange.natT("RFC 3947")), Optional.of(true)))
                .msg(MM5, INITIATOR, 0, 4500, true, List.of(), List.of())
                .resend(MM5, INITIATOR).resend(MM5, INITIATOR)
                .states(Phase1State.MM_WAIT_MSG6, Phase1State.MM_WAIT_MSG5).build();
        List<Finding> fs = runAll(x);
        Finding f = one(fs, "natt.port-4500-blocked");
        assertEquals(Severity.ERROR, f.severity());
        // One finding for the stuck point: the PSK mismatch is named in it as the other cause.
        assertFalse(codes(fs).contains("auth.psk-mismatch"), codes(fs).toString());
        assertTrue(f.explanation().contains("pre-shared key mismatch"), f.explanation());
    }

    // ---------------------------------------------------------------- phase 2

    @Test
    void decryptedQuickModeRefusalsAreConfirmedAndSpecific() {
        ExchangeView x = active("e1").decrypted()
                .msg(QM1, INITIATOR, 0x11, 500, true, List.of(), List.of())
                .msg(INFORMATIONAL, RESPONDER, 0x22, 500, true, List.of(NotifyType.INVALID_ID_INFORMATION.code()),
                        List.of())
                .quickMode(0x11, QuickModeState.QM_WAIT_MSG2).build();
        List<Finding> fs = run(new PhaseTwoDiagnostics(), x);
        assertEquals(Set.of("phase2.proxy-id-mismatch"), codes(fs));
        assertEquals(Confidence.CONFIRMED, fs.get(0).confidence());
        assertEquals(Severity.ERROR, fs.get(0).severity());
    }

    @Test
    void completedPhaseOneAndTwoGetNoError() {
        ExchangeView x = active("e2")
                .chosen(FakeExchange.proposal(7, 4, 14, 1))
                .msg(QM1, INITIATOR, 0x11, 500, true, List.of(), List.of())
                .msg(QM2, RESPONDER, 0x11, 500, true, List.of(), List.of())
                .msg(QM3, INITIATOR, 0x11, 500, true, List.of(), List.of())
                .quickMode(0x11, QuickModeState.QM_DONE).build();
        assertTrue(runAll(x).stream().noneMatch(f -> f.severity() == Severity.ERROR), codes(runAll(x)).toString());
    }

    @Test
    void xauthStatusFail() {
        // ATTR: type 3 (SET), reserved, identifier 0x0001; XAUTH_STATUS (16527, TV) = 0 (FAIL).
        ImmutableBytes body = ImmutableBytes.fromHex("03000001" + "c08f0000");
        ExchangeView x = active("e3").decrypted()
                .msg(TRANSACTION, RESPONDER, 0x33, 500, true, List.of(),
                        List.of(new Views.Payload(14, PayloadType.ATTR, 28, body)))
                .build();
        assertEquals(Severity.ERROR, one(run(new PhaseTwoDiagnostics(), x), "xauth.failed").severity());
        assertEquals(1, PhaseTwoDiagnostics.xauthStatus(ImmutableBytes.fromHex("03000001c08f0001")));
        assertEquals(-1, PhaseTwoDiagnostics.xauthStatus(ImmutableBytes.fromHex("0300")));
    }

    @Test
    void unansweredSmallInformationalsLookLikeADeadPeer() {
        FakeExchange b = active("e4");
        for (int k = 0; k < 4; k++) {
            b.add(INFORMATIONAL, INITIATOR, 0x40 + k, 500, true, false, 92, 0, List.of(), List.of(), List.of());
        }
        Finding f = one(run(new PhaseTwoDiagnostics(), b.build()), "dpd.peer-dead");
        assertEquals(Confidence.POSSIBLE, f.confidence());
        assertEquals(4, f.evidence().size());
        // The same, but the peer keeps sending ESP: not dead.
        FakeExchange alive = active("e5");
        for (int k = 0; k < 4; k++) {
            alive.add(INFORMATIONAL, INITIATOR, 0x40 + k, 500, true, false, 92, 0, List.of(), List.of(), List.of());
        }
        alive.esp(new Views.Esp(0x1234, RESPONDER, false, 10, 1000, 1, 99, 0, Long.MAX_VALUE));
        assertEquals(List.of(), run(new PhaseTwoDiagnostics(), alive.build()));
    }

    @Test
    void decryptedRuThereWithoutAckIsConfirmed() {
        FakeExchange b = active("e6").decrypted()
                .msg(INFORMATIONAL, INITIATOR, 0x50, 500, true, List.of(NotifyType.R_U_THERE.code()), List.of())
                .msg(INFORMATIONAL, RESPONDER, 0x51, 500, true, List.of(NotifyType.R_U_THERE_ACK.code()), List.of());
        for (int k = 0; k < 3; k++) {
            b.msg(INFORMATIONAL, INITIATOR, 0x60 + k, 500, true, List.of(NotifyType.R_U_THERE.code()), List.of());
        }
        Finding f = one(run(new PhaseTwoDiagnostics(), b.build()), "dpd.peer-dead");
        assertEquals(Confidence.CONFIRMED, f.confidence());
        assertEquals(3, f.evidence().size());
    }

    // ---------------------------------------------------------------- crypto

    @Test
    void weakOfferedButStrongChosenIsInfo() {
        ExchangeView x = FakeExchange.main("f1")
                .offered(FakeExchange.proposal(7, 4, 14, 1))
                .offered(FakeExchange.proposal(1, 1, 1, 1))
                .chosen(FakeExchange.proposal(7, 4, 14, 1))
                .msg(MM1, INITIATOR).msg(MM2, RESPONDER).build();
        Finding f = one(runToEnd(new CryptoPolicyDiagnostics(), x), "crypto.weak-proposal");
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.title().contains("DES") && f.title().contains("MD5") && f.title().contains("group 1"), f.title());
    }

    /** IKEv2 integrity is {@code integrity()}, not {@code hash()}: a SHA-1 INTEG transform is weak and described. */
    @Test
    void weakIkev2IntegrityChosen() {
        ProposalView p = new Views.Proposal(true, 1, 0, ProposalView.PROTO_ISAKMP, ImmutableBytes.EMPTY,
                Ikev2EncryptionAlgorithm.ENCR_AES_CBC.code(), Ikev2EncryptionAlgorithm.ENCR_AES_CBC.code(), 128, 0,
                Ikev2IntegrityAlgorithm.AUTH_HMAC_SHA1_96.code(), Ikev2PrfAlgorithm.PRF_HMAC_SHA1.code(), 0, 14, 0, 0,
                List.of());
        ExchangeView x = FakeExchange.ikev2("f3").chosen(p).msg(IKE_SA_INIT_REQUEST, INITIATOR)
                .msg(IKE_SA_INIT_RESPONSE, RESPONDER).build();
        Finding f = one(runToEnd(new CryptoPolicyDiagnostics(), x), "crypto.weak-proposal");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().contains("SHA1"), f.title());
        assertTrue(f.explanation().contains("ENCR_AES_CBC-128 AUTH_HMAC_SHA1_96 group 14"), f.explanation());
    }

    @Test
    void aggressiveModeWithCertificatesExposesNothing() {
        ExchangeView x = FakeExchange.aggressive("f2")
                .chosen(FakeExchange.proposal(7, 4, 14, 3))
                .msg(AM1, INITIATOR).msg(AM2, RESPONDER).msg(AM3, INITIATOR)
                .states(Phase1State.AM_ACTIVE, Phase1State.AM_ACTIVE).build();
        assertEquals(List.of(), runToEnd(new CryptoPolicyDiagnostics(), x));
    }

    // ---------------------------------------------------------------- across exchanges

    @Test
    void ikev2IgnoredWhileIkev1Works() {
        VersionDiagnostics p = new VersionDiagnostics();
        ExchangeView v1 = mm4("1000000000000001").msg(MM5, INITIATOR).msg(MM6, RESPONDER)
                .states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).build();
        ExchangeView v2 = FakeExchange.ikev2("2000000000000002").msg(IKE_SA_INIT_REQUEST, INITIATOR)
                .resend(IKE_SA_INIT_REQUEST, INITIATOR).states(Phase1State.IKE_SA_INIT, Phase1State.NONE).build();
        List<Finding> out = new ArrayList<>();
        p.analyze(v2, out::add);
        p.analyze(v1, out::add);
        assertEquals(List.of(), out);
        p.endOfCapture(List.of(v2, v1), out::add);
        Finding f = one(out, "ike.version-mismatch");
        assertTrue(f.title().contains("IKEv2") && f.title().contains("IKEv1"), f.title());
        // Working exchange first: reported on the unanswered exchange itself, once.
        VersionDiagnostics q = new VersionDiagnostics();
        List<Finding> direct = new ArrayList<>();
        q.analyze(v1, direct::add);
        q.analyze(v2, direct::add);
        assertEquals(Set.of("ike.version-mismatch"), codes(direct));
        q.endOfCapture(List.of(v1, v2), direct::add);
        assertEquals(1, direct.size());
    }

    @Test
    void invalidMajorVersionIsConfirmed() {
        ExchangeView x = FakeExchange.main("g2").msg(MM1, INITIATOR)
                .msg(INFORMATIONAL, RESPONDER, 0, 500, false, List.of(NotifyType.INVALID_MAJOR_VERSION.code()),
                        List.of())
                .states(Phase1State.MM_WAIT_MSG2, Phase1State.MM_NO_STATE).build();
        assertEquals(Confidence.CONFIRMED,
                one(run(new VersionDiagnostics(), x), "ike.version-mismatch").confidence());
    }

    @Test
    void bothPeersInitiatingAtOnce() {
        ExchangeView a = FakeExchange.main("h1").startAt(100).msg(MM1, INITIATOR).msg(MM2, RESPONDER).build();
        ExchangeView b = FakeExchange.main("h2").startAt(100).peers(FakeExchange.R_IP, FakeExchange.I_IP)
                .msg(MM1, INITIATOR).msg(MM2, RESPONDER).build();
        List<Finding> out = new ArrayList<>();
        new ExchangeHealthDiagnostics().endOfCapture(List.of(a, b), out::add);
        assertEquals(Set.of("exchange.simultaneous"), codes(out));
    }

    @Test
    void simultaneousPairsOnlyOppositeDirectionsWithinTheWindow() {
        // a and d start from the initiator's side, b and e from the responder's, c between other
        // peers: b crosses a and d crosses b (1 s apart each); a and d go the same way; e starts
        // 10 s after d, past d's window (two seconds: d never finished).
        ExchangeView a = FakeExchange.main("a").startAt(100).msg(MM1, INITIATOR).build();
        ExchangeView c = FakeExchange.main("c").startAt(100).peers("203.0.113.9", FakeExchange.R_IP)
                .msg(MM1, INITIATOR).build();
        ExchangeView b = FakeExchange.main("b").startAt(101).peers(FakeExchange.R_IP, FakeExchange.I_IP)
                .msg(MM1, INITIATOR).build();
        ExchangeView d = FakeExchange.main("d").startAt(102).msg(MM1, INITIATOR).build();
        ExchangeView e = FakeExchange.main("e").startAt(112).peers(FakeExchange.R_IP, FakeExchange.I_IP)
                .msg(MM1, INITIATOR).build();
        List<Finding> out = new ArrayList<>();
        new ExchangeHealthDiagnostics().endOfCapture(List.of(e, d, c, b, a), out::add);
        List<String> titles = out.stream().filter(f -> f.code().equals("exchange.simultaneous")).map(Finding::title).toList();
        assertEquals(2, titles.size(), titles.toString());
        assertTrue(titles.get(0).endsWith("(a, b)"), titles.toString());
        assertTrue(titles.get(1).endsWith("(b, d)"), titles.toString());
    }

    @Test
    void samePeersThreeTimesInTenMinutesIsFlapping() {
        List<ExchangeView> xs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            xs.add(FakeExchange.main("k" + k).startAt(1000 + 200L * k).msg(MM1, INITIATOR).msg(MM2, RESPONDER)
                    .build());
        }
        List<Finding> out = new ArrayList<>();
        EndOfCaptureHook hook = new ExchangeHealthDiagnostics();
        hook.endOfCapture(xs, out::add);
        Finding f = one(out, "exchange.flapping");
        assertTrue(f.title().contains("ran 3 times"), f.title());
        // Spread over an hour: no flapping.
        List<ExchangeView> slow = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            slow.add(FakeExchange.main("s" + k).startAt(1000 + 1200L * k).msg(MM1, INITIATOR).build());
        }
        List<Finding> none = new ArrayList<>();
        hook.endOfCapture(slow, none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void retransmissionsBeforeSuccessAreAWarning() {
        ExchangeView x = FakeExchange.main("m1").msg(MM1, INITIATOR).resend(MM1, INITIATOR)
                .resend(MM1, INITIATOR).msg(MM2, RESPONDER).msg(MM3, INITIATOR).msg(MM4, RESPONDER)
                .msg(MM5, INITIATOR).msg(MM6, RESPONDER).states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).build();
        Finding f = one(run(new ExchangeHealthDiagnostics(), x), "exchange.retransmissions");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(1L, 2L, 3L, 5L), f.evidence());
    }

    // ---------------------------------------------------------------- helpers

    /** MM1..MM4 exchanged. */
    private static FakeExchange mm4(String ispi) {
        return FakeExchange.main(ispi).msg(MM1, INITIATOR).msg(MM2, RESPONDER).msg(MM3, INITIATOR)
                .msg(MM4, RESPONDER);
    }

    /** Main mode completed. */
    private static FakeExchange active(String ispi) {
        return mm4(ispi).msg(MM5, INITIATOR, 0, 500, true, List.of(), List.of())
                .msg(MM6, RESPONDER, 0, 500, true, List.of(), List.of()).states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE);
    }
}
