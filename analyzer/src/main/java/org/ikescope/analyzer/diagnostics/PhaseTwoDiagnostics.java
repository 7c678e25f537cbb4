package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.AttributeView;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EspView;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.ProxyIdView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.ConfigAttributeType;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.api.protocol.PayloadType;

/**
 * What happened after phase 1: quick modes refused, XAUTH failing, a peer that stopped answering
 * dead peer detection.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><td>{@code phase2.proposal-mismatch}</td><td>QM1 or QM2 answered by a readable NO_PROPOSAL_CHOSEN</td></tr>
 *   <tr><td>{@code phase2.proxy-id-mismatch}</td><td>QM1 answered by INVALID_ID_INFORMATION</td></tr>
 *   <tr><td>{@code phase2.refused}</td><td>QM1 or QM2 answered by an informational that cannot be read</td></tr>
 *   <tr><td>{@code phase2.no-response}</td><td>QM1 sent (and sent again), never answered</td></tr>
 *   <tr><td>{@code phase2.incomplete}</td><td>QM2 seen, no QM3</td></tr>
 *   <tr><td>{@code esp.one-way}</td><td>phase 2 done, ESP from one peer only</td></tr>
 *   <tr><td>{@code esp.none}</td><td>phase 2 done, no ESP although the capture sees the UDP 4500 it would travel in</td></tr>
 *   <tr><td>{@code xauth.failed}</td><td>a decrypted XAUTH_STATUS of FAIL</td></tr>
 *   <tr><td>{@code dpd.peer-dead}</td><td>R-U-THERE without R-U-THERE-ACK</td></tr>
 * </table>
 *
 * <p>One finding per quick mode that failed. Without keys an informational answering QM1 can say
 * either of the phase-2 refusals, and one answering QM2 says the initiator would not or could not
 * go on: that is {@code phase2.refused}, naming the causes that fit and what tells them apart.
 *
 * <p>Over 500 lines: most of it is the explanation and remediation text of each finding; one
 * plugin per phase keeps a code's checks and its words together.
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class PhaseTwoDiagnostics implements DiagnosticPlugin {
    /** Plugin id. */
    public static final String ID = "builtin.phase2";

    /** How long after a quick-mode message an informational from the other side counts as its answer. */
    static final long ANSWER_WINDOW_NANOS = 30_000_000_000L;
    /** Unanswered DPD probes that make a peer dead (ASA and strongSwan give up after 3 to 5). */
    static final int DPD_PROBES = 3;
    /**
     * Largest encrypted informational taken for a DPD probe without keys: header 28 + HASH 24..68 +
     * N with SPI and sequence 32, padded to the cipher block; a Delete or an error with data is larger.
     */
    static final long DPD_MAX_LENGTH = 140;
    /** ESP packets from one peer, none from the other, that make ESP one way. */
    static final int ESP_ONE_WAY_PACKETS = 3;
    /** How long after phase 2 a capture must go on before no ESP at all means something. */
    static final long ESP_WAIT_NANOS = 10_000_000_000L;
    /** XAUTH_STATUS value FAIL (draft-beaulieu-ike-xauth-02 section 6.4). */
    private static final int XAUTH_FAIL = 0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Phase-2 refusals (transform set, proxy IDs), XAUTH failures and dead peers (DPD)";
    }

    @Override
    public void analyze(ExchangeView x, FindingSink sink) {
        if (x.version() != 1) {
            return;
        }
        for (QuickModeView q : x.quickModes()) {
            quickMode(x, q, sink);
        }
        esp(x, sink);
        xauth(x, sink);
        dpd(x, sink);
    }

    // ---------------------------------------------------------------- quick mode

    /**
     * One finding per quick mode that did not complete: a readable refusal names its cause
     * ({@code phase2.proposal-mismatch}, {@code phase2.proxy-id-mismatch}); an unreadable one is
     * {@code phase2.refused} with the causes that fit; no answer at all is
     * {@code phase2.no-response}; QM2 without QM3 is {@code phase2.incomplete}.
     */
    private static void quickMode(ExchangeView x, QuickModeView q, FindingSink sink) {
        List<MessageView> msgs = q.messages();
        if (msgs.isEmpty() || has(q, Step.QM3) || q.state() == QuickModeState.QM_DONE) {
            return;
        }
        Side qmInitiator = firstOf(q, Step.QM1) != null ? firstOf(q, Step.QM1).from() : msgs.get(0).from();
        MessageView qm2 = firstOf(q, Step.QM2);
        // QM1 refused: the answer comes from the QM responder; QM2 refused: from the QM initiator.
        Side refuser = qm2 == null ? qmInitiator.opposite() : qmInitiator;
        MessageView last = msgs.get(msgs.size() - 1);
        MessageView informational = null;
        for (MessageView m : x.messages()) {
            if (m.step() == Step.INFORMATIONAL && m.from() == refuser && m.timeNanos() >= last.timeNanos()
                    && m.timeNanos() - last.timeNanos() <= ANSWER_WINDOW_NANOS) {
                informational = m;
                break;
            }
        }
        List<Integer> readable = new ArrayList<>();
        for (NotificationView n : q.notifications()) {
            if (n.type() >= 0 && n.from() == refuser) {
                readable.add(n.type());
            }
        }
        if (informational != null) {
            readable.addAll(Evidence.notifyTypesOf(x, informational));
        }
        boolean proposal = readable.contains(NotifyType.NO_PROPOSAL_CHOSEN.code());
        boolean proxy = readable.contains(NotifyType.INVALID_ID_INFORMATION.code());
        List<Long> evidence = new ArrayList<>();
        for (MessageView m : msgs) {
            evidence.add(m.frame());
        }
        if (informational != null) {
            evidence.add(informational.frame());
        }
        String mid = mid(q);
        String who = x.peer(refuser).ip();
        String refused = qm2 == null ? "QM1" : "QM2";
        if (proposal && qm2 != null && refuser == qmInitiator && chosenWasOffered(q)) {
            saInstallFailed(x, q, who, mid, evidence, sink);
        } else if (proposal) {
            proposalMismatch(x, q, refuser, refused, mid, evidence, sink);
        } else if (proxy) {
            proxyIdMismatch(x, q, refuser, mid, evidence, sink);
        } else if (informational != null) {
            refused(x, who, refused, mid, evidence, sink);
        } else if (!Window.endsMidExchange(x)) {
            if (qm2 == null) {
                noResponse(x, q, qmInitiator, mid, sink);
            } else {
                incomplete(x, q, qmInitiator, mid, sink);
            }
        }
    }

    /**
     * True when QM2 chose one of QM1's own offers: the same protocol, transform, key length,
     * integrity, PFS group and encapsulation, and the offered lifetime when QM1 set one.
     */
    static boolean chosenWasOffered(QuickModeView q) {
        Optional<ProposalView> chosen = q.chosenProposal();
        return chosen.isPresent() && q.offeredProposals().stream().anyMatch(o -> sameTransform(o, chosen.get()));
    }

    private static boolean sameTransform(ProposalView offered, ProposalView chosen) {
        return offered.protocolId() == chosen.protocolId() && offered.transformId() == chosen.transformId()
                && offered.keyLength() == chosen.keyLength() && offered.integrity() == chosen.integrity()
                && offered.group() == chosen.group()
                && encapsulation(offered) == encapsulation(chosen)
                && (offered.lifetimeSeconds() == 0 || offered.lifetimeSeconds() == chosen.lifetimeSeconds())
                && (offered.lifetimeKilobytes() == 0 || offered.lifetimeKilobytes() == chosen.lifetimeKilobytes());
    }

    private static long encapsulation(ProposalView p) {
        return p.attributes().stream().filter(a -> a.type() == ProposalView.ENCAPSULATION_MODE)
                .mapToLong(AttributeView::value).findFirst().orElse(-1);
    }

    /** {@code ESP AES-128/HMAC-SHA/no PFS/Tunnel | ...}: proposals without their SPIs. */
    private static String proposals(List<ProposalView> ps) {
        List<String> out = new ArrayList<>();
        for (ProposalView p : ps) {
            String d = p.describe();
            int spi = d.lastIndexOf(" spi ");
            out.add(spi < 0 ? d : d.substring(0, spi));
        }
        return String.join(" | ", out);
    }

    /** {@code 10.1.0.0/255.255.255.0 <-> 10.2.0.0/255.255.255.0}, or null without two proxy IDs. */
    private static String proxyIds(List<ProxyIdView> ids) {
        return ids.size() == 2 ? ids.get(0).describe() + " <-> " + ids.get(1).describe() : null;
    }

    /** The first readable quick mode {@code side} started itself in this exchange, other than {@code q}. */
    private static Optional<QuickModeView> startedBy(ExchangeView x, Side side, QuickModeView q) {
        return x.quickModes().stream().filter(o -> o != q && o.initiator() == side
                && (!o.offeredProposals().isEmpty() || !o.proxyIds().isEmpty())).findFirst();
    }

    private static void saInstallFailed(ExchangeView x, QuickModeView q, String who, String mid, List<Long> evidence,
                                        FindingSink sink) {
        String chosen = proposals(List.of(q.chosenProposal().orElseThrow()));
        String ids = proxyIds(q.proxyIds());
        sink.report(Finding.of("phase2.sa-install-failed", Severity.ERROR, Confidence.CONFIRMED)
                .title("Phase 2 (quick mode " + mid + "): " + who + " refused the responder's choice (" + chosen
                        + "), one of its own QM1 offers: it failed to install the IPsec SA")
                .explanation("Phase 1 is up and the quick mode was agreed: " + who + " offered " + proposals(
                        q.offeredProposals()) + " in QM1" + (ids != null ? " for " + ids : "") + ", and the"
                        + " responder chose " + chosen + " in QM2. Instead of confirming with QM3, " + who
                        + " answered with NO_PROPOSAL_CHOSEN, although the choice is one it offered itself. So the"
                        + " configurations agree; what failed is installing the IPsec SA on " + who + ": its kernel"
                        + " or IPsec stack refused the SA (no ESP support loaded, an algorithm the kernel lacks, a"
                        + " crypto engine error, an SPI clash). A transform-set change will not help.")
                .evidence(evidence)
                .remediation("On " + who + ": read its log for this quick mode (strongSwan: unable to install"
                        + " inbound and outbound IPsec SA (SAD) in kernel; libreswan: setup_half_ipsec_sa() hit"
                        + " fail; ASA: show crypto ipsec sa, debug crypto ipsec 127, show crypto accelerator"
                        + " statistics), check that the kernel has ESP and the chosen algorithms (Linux: the esp4,"
                        + " xfrm and crypto modules) and that nothing else holds the SPIs.")
                .asa(Asa.phaseTwo())
                .build());
    }

    private static void proposalMismatch(ExchangeView x, QuickModeView q, Side refuser, String refused, String mid,
                                         List<Long> evidence, FindingSink sink) {
        String who = x.peer(refuser).ip();
        String role = refused.equals("QM1") ? "the quick-mode responder " : "the quick-mode initiator ";
        String offered = q.offeredProposals().isEmpty() ? null : proposals(q.offeredProposals());
        String chosen = q.chosenProposal().map(p -> proposals(List.of(p))).orElse(null);
        Optional<QuickModeView> own = startedBy(x, refuser, q);
        String ownOffer = own.filter(o -> !o.offeredProposals().isEmpty())
                .map(o -> proposals(o.offeredProposals())).orElse(null);
        String ids = proxyIds(q.proxyIds());
        String seen = (offered != null ? " QM1 (from " + x.peer(q.initiator()).ip() + ") offered " + offered
                + (ids != null ? " for " + ids : "") + "." : "")
                + (chosen != null && refused.equals("QM2") ? " The responder chose " + chosen
                + ", which is none of the initiator's offers." : "")
                + (ownOffer != null ? " When " + who + " starts a quick mode itself (" + mid(own.get()) + ") it offers "
                + ownOffer + ": the two sides' transform sets side by side." : offered != null
                ? " What " + who + " would accept is its own configuration, not on the wire." : "");
        sink.report(Finding.of("phase2.proposal-mismatch", Severity.ERROR, Confidence.CONFIRMED)
                .title("Phase 2 (quick mode " + mid + ") refused by " + role + who + " after " + refused
                        + " (NO_PROPOSAL_CHOSEN): no common transform set"
                        + (offered != null && refused.equals("QM1") ? "; offered " + offered : ""))
                .explanation("Phase 1 is up, but the IPsec SAs were not created: instead of continuing quick"
                        + " mode, " + who + " answered " + refused + " with an informational message carrying"
                        + " NO_PROPOSAL_CHOSEN. The ESP encryption/integrity, PFS group, mode (tunnel/transport) or"
                        + " lifetime offered in QM1 matches nothing the other side accepts for this traffic." + seen
                        + " On the ASA, phase 1 stays MM_ACTIVE while the tunnel passes no traffic.")
                .evidence(evidence)
                .remediation(TRANSFORM_SET_CHECK)
                .asa(Asa.phaseTwo())
                .build());
    }

    private static void proxyIdMismatch(ExchangeView x, QuickModeView q, Side refuser, String mid, List<Long> evidence,
                                        FindingSink sink) {
        String who = x.peer(refuser).ip();
        String from = x.peer(q.initiator()).ip();
        String ids = proxyIds(q.proxyIds());
        Optional<QuickModeView> own = startedBy(x, refuser, q);
        String ownIds = own.map(o -> proxyIds(o.proxyIds())).orElse(null);
        String mirror = q.proxyIds().size() == 2 ? q.proxyIds().get(1).describe() + " <-> "
                + q.proxyIds().get(0).describe() : null;
        String seen = (ids != null ? " QM1 from " + from + " proposed local " + q.proxyIds().get(0).describe()
                + ", remote " + q.proxyIds().get(1).describe() + " (IDci, IDcr); to accept it " + who
                + " needs the mirror image, local " + q.proxyIds().get(1).describe() + ", remote "
                + q.proxyIds().get(0).describe() + "." : "")
                + (ownIds != null ? " When " + who + " starts a quick mode itself (" + mid(own.get())
                + ") it proposes " + ownIds + (ownIds.equals(mirror) ? "." : ", not that mirror image.") : "");
        sink.report(Finding.of("phase2.proxy-id-mismatch", Severity.ERROR, Confidence.CONFIRMED)
                .title("Phase 2 (quick mode " + mid + ") refused by " + who + " (INVALID_ID_INFORMATION): proxy IDs"
                        + " (crypto ACL) do not match" + (ids != null ? "; proposed " + ids : ""))
                .explanation("Phase 1 is up, but " + who + " refused the quick mode with an informational message"
                        + " carrying INVALID_ID_INFORMATION: the traffic selectors in QM1 (local and remote subnets,"
                        + " protocol, ports) are not mirrored by its configuration; an ASA finds no crypto map"
                        + " entry for them." + seen)
                .evidence(evidence)
                .remediation(PROXY_ID_CHECK)
                .asa(Asa.phaseTwo())
                .build());
    }

    /** An informational instead of the next quick-mode message, its content unreadable: the causes that fit, listed. */
    private static void refused(ExchangeView x, String who, String refused, String mid, List<Long> evidence,
                                FindingSink sink) {
        boolean atQm1 = refused.equals("QM1");
        String causes = atQm1
                ? "Two refusals fit, and the capture cannot tell them apart: no common transform set (the ESP"
                + " encryption/integrity, PFS group, mode or lifetime of QM1 matches nothing the responder accepts;"
                + " NO_PROPOSAL_CHOSEN, phase2.proposal-mismatch) or proxy identities it has no configuration"
                + " for (crypto ACLs not mirror images; INVALID_ID_INFORMATION, phase2.proxy-id-mismatch)."
                : "The quick-mode initiator got the responder's choice in QM2 and, instead of confirming it with"
                + " QM3, sent an informational: it refused what the responder chose (narrowed proxy identities,"
                + " a lifetime or PFS group it does not accept), or it could not install the IPsec SAs it agreed to"
                + " (its own IPsec stack failed: strongSwan logs unable to install inbound and outbound IPsec SA).";
        sink.report(Finding.of("phase2.refused", Severity.ERROR, Confidence.LIKELY)
                .title("Phase 2 (quick mode " + mid + ") refused: " + who + " answered " + refused + " with an"
                        + " encrypted informational instead of " + (atQm1 ? "QM2" : "QM3") + " (cause not readable)")
                .explanation("Phase 1 is up, but the IPsec SAs were not created: instead of continuing quick"
                        + " mode, " + who + " answered " + refused + " with an informational message. It is"
                        + " encrypted, so its notification, which names the reason, cannot be read from the capture."
                        + " " + causes + " The refusing peer's log names the reason (strongSwan: no matching"
                        + " proposal found / no matching CHILD_SA config found; ASA debug crypto ipsec 127 and debug"
                        + " crypto ikev1 127: the transform or the proxy identities it rejected).")
                .evidence(evidence)
                .remediation(atQm1 ? "Compare both ends' phase-2 settings: " + TRANSFORM_SET_CHECK + " " + PROXY_ID_CHECK
                        : "Check the log of " + who + " for the reason it refused QM2 (SA installation errors, kernel"
                        + " IPsec support, lifetimes, PFS group, proxy identities), and compare the phase-2 settings"
                        + " of both ends: " + TRANSFORM_SET_CHECK)
                .asa(Asa.phaseTwo())
                .build());
    }

    /** QM1 sent (and sent again), never answered. */
    private static void noResponse(ExchangeView x, QuickModeView q, Side qmInitiator, String mid, FindingSink sink) {
        List<MessageView> qm1 = of(q, Step.QM1);
        int resent = (int) qm1.stream().filter(MessageView::isRetransmission).count();
        String from = x.peer(qmInitiator).ip();
        String to = x.peer(qmInitiator.opposite()).ip();
        sink.report(Finding.of("phase2.no-response", Severity.ERROR, resent > 0 ? Confidence.LIKELY : Confidence.POSSIBLE)
                .title("Phase 2 (quick mode " + mid + "): QM1 sent " + Evidence.times(resent + 1) + " by " + from
                        + ", never answered by " + to)
                .explanation("Phase 1 is up (the peers exchanged encrypted messages over the same path), but " + to
                        + " answered none of the " + (resent + 1) + " QM1s of " + from + " over "
                        + Evidence.seconds(qm1.get(0).timeNanos(), qm1.get(qm1.size() - 1).timeNanos())
                        + ", neither with QM2 nor with a refusal. A responder drops a QM1 silently when it fails to"
                        + " set up the IPsec SAs on its own side (libreswan logs setup_half_ipsec_sa() hit fail,"
                        + " an IPsec stack without ESP support, a crypto engine error), or when its implementation"
                        + " refuses a quick mode without notifying; a path that loses these datagrams while phase 1"
                        + " passed is less likely. The responder's log tells them apart.")
                .evidence(Evidence.frames(qm1))
                .remediation("On " + to + ": look at the log for this quick mode (message ID " + mid + "): SA"
                        + " installation errors, no matching connection or transform set, PFS group. Compare both"
                        + " ends' phase-2 settings: " + TRANSFORM_SET_CHECK)
                .asa(Asa.phaseTwo())
                .build());
    }

    /** QM2 seen, QM3 never: who resent what tells which side is waiting. */
    private static void incomplete(ExchangeView x, QuickModeView q, Side qmInitiator, String mid, FindingSink sink) {
        List<MessageView> qm1 = of(q, Step.QM1);
        List<MessageView> qm2 = of(q, Step.QM2);
        long qm2First = qm2.get(0).timeNanos();
        int qm1After = (int) qm1.stream().filter(m -> m.isRetransmission() && m.timeNanos() > qm2First).count();
        int qm2Resent = (int) qm2.stream().filter(MessageView::isRetransmission).count();
        String init = x.peer(qmInitiator).ip();
        String resp = x.peer(qmInitiator.opposite()).ip();
        List<String> who = new ArrayList<>();
        if (qm1After > 0) {
            who.add(init + " resent QM1 " + Evidence.times(qm1After) + " after QM2 had passed the capture point, as if"
                    + " it never got or never accepted QM2");
        }
        if (qm2Resent > 0) {
            who.add(resp + " resent QM2 " + Evidence.times(qm2Resent) + ", waiting for QM3");
        }
        List<Long> evidence = Evidence.frames(qm1, qm2);
        sink.report(Finding.of("phase2.incomplete", Severity.ERROR, who.isEmpty() ? Confidence.POSSIBLE : Confidence.LIKELY)
                .title("Phase 2 (quick mode " + mid + "): QM2 from " + resp + " never confirmed by QM3 from " + init
                        + (who.isEmpty() ? "" : " (" + (qm1After > 0 ? "QM1" : "QM2") + " sent again)"))
                .explanation("Phase 1 is up and " + resp + " accepted the quick mode (QM2), but " + init + " never"
                        + " sent QM3, so no IPsec SA is in use." + (who.isEmpty() ? "" : " " + String.join("; ", who)
                        + ".") + " Either QM2 does not reach " + init + " (lost beyond the capture point; phase 1"
                        + " answers did get through), or " + init + " cannot use it: it fails to install the IPsec"
                        + " SAs (its own IPsec stack), or refuses the responder's choice without notifying. A"
                        + " capture on " + init + "'s side and its log tell them apart.")
                .evidence(evidence)
                .remediation("On " + init + ": look at the log for quick mode " + mid + " (SA installation errors,"
                        + " proposals or proxy identities refused); check that the return path carries the larger"
                        + " QM2 (fragments). Compare both ends' phase-2 settings: " + TRANSFORM_SET_CHECK)
                .asa(Asa.phaseTwo())
                .build());
    }

    private static final String TRANSFORM_SET_CHECK = "ASA crypto ipsec ikev1 transform-set and the crypto map's set"
            + " transform-set / set pfs / set security-association lifetime (show crypto ipsec sa, debug crypto"
            + " ipsec 127); strongSwan esp= in ipsec.conf or esp_proposals= in swanctl.conf (PFS: add the DH group"
            + " to esp=).";

    private static final String PROXY_ID_CHECK = "Make the crypto ACLs mirror images of each other: on the ASA the"
            + " match address ACL of the crypto map entry (and NAT exemption for that traffic), on strongSwan"
            + " leftsubnet/rightsubnet (ipsec.conf) or local_ts/remote_ts (swanctl.conf). Check show crypto ipsec"
            + " sa and debug crypto ipsec 127 for the proxy IDs received.";

    private static List<MessageView> of(QuickModeView q, Step step) {
        List<MessageView> out = new ArrayList<>();
        for (MessageView m : q.messages()) {
            if (m.step() == step) {
                out.add(m);
            }
        }
        return out;
    }

    private static boolean has(QuickModeView q, Step step) {
        return firstOf(q, step) != null;
    }

    private static MessageView firstOf(QuickModeView q, Step step) {
        for (MessageView m : q.messages()) {
            if (m.step() == step) {
                return m;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- ESP

    /**
     * After a completed quick mode, ESP in one direction only ({@code esp.one-way}), or none at all
     * in a capture that sees the UDP 4500 it would travel in ({@code esp.none}). Both directions of
     * the exchange must be in the capture, or the missing direction says nothing.
     */
    private static void esp(ExchangeView x, FindingSink sink) {
        QuickModeView done = null;
        MessageView qm3 = null;
        for (QuickModeView q : x.quickModes()) {
            MessageView m = firstOf(q, Step.QM3);
            if (q.state() == QuickModeState.QM_DONE && m != null) {
                done = q;
                qm3 = m;
                break;
            }
        }
        if (done == null || !Evidence.sent(x, Side.INITIATOR) || !Evidence.sent(x, Side.RESPONDER)) {
            return;
        }
        long[] packets = new long[2];
        List<Long> frames = new ArrayList<>();
        for (EspView e : x.esp()) {
            packets[e.from().ordinal()] += e.packets();
            frames.add(e.firstFrame());
            frames.add(e.lastFrame());
        }
        long fromI = packets[Side.INITIATOR.ordinal()];
        long fromR = packets[Side.RESPONDER.ordinal()];
        if (fromI > 0 && fromR > 0) {
            return;
        }
        if (fromI + fromR >= ESP_ONE_WAY_PACKETS) {
            espOneWay(x, done, qm3, fromI > 0 ? Side.INITIATOR : Side.RESPONDER, fromI + fromR, frames, sink);
        } else if (fromI + fromR == 0) {
            espNone(x, done, qm3, sink);
        }
    }

    private static void espOneWay(ExchangeView x, QuickModeView q, MessageView qm3, Side sender, long packets,
                                  List<Long> frames, FindingSink sink) {
        String from = x.peer(sender).ip();
        String to = x.peer(sender.opposite()).ip();
        Side qmResponder = q.initiator().opposite();
        long qm2After = q.messages().stream().filter(m -> m.step() == Step.QM2 && m.isRetransmission()
                && m.timeNanos() >= qm3.timeNanos() && m.frame() > qm3.frame()).count();
        List<Long> evidence = new ArrayList<>(frames);
        evidence.add(qm3.frame());
        String qm3Lost = "";
        if (qm2After > 0) {
            for (MessageView m : q.messages()) {
                if (m.step() == Step.QM2 && m.isRetransmission()) {
                    evidence.add(m.frame());
                }
            }
            qm3Lost = " " + x.peer(qmResponder).ip() + " sent QM2 again " + Evidence.times((int) qm2After)
                    + " although QM3 had passed the capture point (frame " + qm3.frame() + "): it never got QM3,"
                    + " so it may not have put the IPsec SAs in use and drops the ESP that arrives for them (an ASA"
                    + " logs an invalid SPI). That QM3 is lost beyond the capture point is the likely cause.";
        }
        sink.report(Finding.of("esp.one-way", Severity.ERROR, Confidence.LIKELY)
                .title("ESP one way: " + packets + " packets from " + from + " to " + to + ", none back (phase 2"
                        + " completed in quick mode " + mid(q) + ")"
                        + (qm2After > 0 ? "; QM2 sent again after QM3" : ""))
                .explanation("Phase 1 and phase 2 completed and " + from + " sends traffic into the tunnel, but"
                        + " nothing comes back from " + to + ", although this capture sees both directions of"
                        + " the exchange." + qm3Lost + " Other causes of the same picture: " + to + " has no SA for"
                        + " the arriving SPI or cannot decrypt the packets, its answers do not match its crypto ACL"
                        + " (or have no NAT exemption) and leave unencrypted or by another route, or the traffic"
                        + " itself is one-way. On the ASA this is show crypto ipsec sa with #pkts encaps counting"
                        + " on one peer and #pkts decaps standing still on the other.")
                .evidence(evidence)
                .remediation("Compare show crypto ipsec sa on both peers (encaps/decaps, the SPIs in use), look at"
                        + " " + to + "'s log for the SPI " + (qm2After > 0 ? "and for QM3 of quick mode "
                        + mid(q) : "") + ", check its crypto ACL / NAT exemption and"
                        + " routing for the return traffic, and capture on its side to see whether the ESP arrives.")
                .asa(Asa.espOneWay())
                .build());
    }

    private static void espNone(ExchangeView x, QuickModeView q, MessageView qm3, FindingSink sink) {
        boolean udp4500 = x.messages().stream().anyMatch(MessageView::nonEspMarker);
        if (!udp4500 || !Window.coveredAfter(x, Side.INITIATOR, qm3.timeNanos())
                || x.captureEndNanos().isEmpty()
                || x.captureEndNanos().getAsLong() - qm3.timeNanos() < ESP_WAIT_NANOS) {
            return;
        }
        long after = x.captureEndNanos().getAsLong() - qm3.timeNanos();
        sink.report(Finding.of("esp.none", Severity.WARNING, Confidence.POSSIBLE)
                .title("Phase 2 up (quick mode " + mid(q) + ") but no ESP in the "
                        + Window.duration(after) + " the capture went on")
                .explanation("Phase 1 and phase 2 completed, the peers use NAT traversal (ESP would travel in the"
                        + " same UDP 4500 as their IKE messages, which this capture sees), yet no ESP packet crossed"
                        + " the capture point in " + Window.duration(after) + " after QM3. Either nothing was sent"
                        + " (the traffic that brought the tunnel up was a single packet, or nobody uses it yet), or"
                        + " the traffic does not match the crypto ACL / traffic selectors and is sent unencrypted or"
                        + " routed elsewhere.")
                .evidence(qm3.frame())
                .remediation("Send traffic that matches the proxy identities and check show crypto ipsec sa on both"
                        + " peers (encaps/decaps counters); check the crypto ACL, NAT exemption and routing of the"
                        + " protected networks.")
                .asa(Asa.espNone())
                .build());
    }

    // ---------------------------------------------------------------- XAUTH

    private static void xauth(ExchangeView x, FindingSink sink) {
        for (MessageView m : x.messages()) {
            if (m.step() != Step.TRANSACTION) {
                continue;
            }
            for (PayloadView p : m.payloads()) {
                if (p.type() == PayloadType.ATTR.code() && xauthStatus(p.body()) == XAUTH_FAIL) {
                    sink.report(Finding.of("xauth.failed", Severity.ERROR, Confidence.CONFIRMED)
                            .title("XAUTH user authentication failed (XAUTH_STATUS FAIL from " + x.peer(m.from()).ip()
                                    + ")")
                            .explanation("Phase 1 completed, and the gateway then asked for a user name and"
                                    + " password (extended authentication, XAUTH, in a transaction exchange)."
                                    + " It answered with status FAIL: the credentials were refused, by the local"
                                    + " user database or the AAA server behind it. The gateway deletes the IKE SA"
                                    + " afterwards.")
                            .evidence(List.of(m.frame()))
                            .remediation("Check the user's credentials and the AAA path: ASA tunnel-group"
                                    + " general-attributes authentication-server-group, test aaa-server"
                                    + " authentication, debug aaa / debug radius; strongSwan xauth backends"
                                    + " (eap-radius, xauth-pam, secrets XAUTH).")
                            .build());
                    return;
                }
            }
        }
    }

    /**
     * The XAUTH_STATUS value in a decrypted Attributes payload, or -1. Body layout
     * (draft-dukes-ike-mode-cfg section 3.2):
     * <pre>
     *  Type(1) RESERVED(1) Identifier(2), then data attributes:
     *  |A| Attribute Type (15) | Length or Value (16) | [Value (Length bytes) when A = 0]
     * </pre>
     */
    static int xauthStatus(ImmutableBytes body) {
        int off = 4;
        while (off + 4 <= body.length()) {
            int af = body.getUnsignedShort(off);
            int type = af & 0x7fff;
            boolean tv = (af & 0x8000) != 0;
            int lv = body.getUnsignedShort(off + 2);
            if (tv) {
                if (type == ConfigAttributeType.XAUTH_STATUS.code()) {
                    return lv;
                }
                off += 4;
            } else {
                if (type == ConfigAttributeType.XAUTH_STATUS.code() && lv >= 1 && off + 4 + lv <= body.length()) {
                    return body.getUnsignedByte(off + 4 + lv - 1);
                }
                off += 4 + lv;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- DPD

    private static void dpd(ExchangeView x, FindingSink sink) {
        if (!x.phase1Complete() && !x.startedBeforeCapture()) {
            return;
        }
        for (Side prober : Side.values()) {
            Side peer = prober.opposite();
            // Decrypted: R-U-THERE probes after the peer's last R-U-THERE-ACK.
            long lastAck = Long.MIN_VALUE;
            for (NotificationView n : x.notifications()) {
                if (n.from() == peer && n.type() == NotifyType.R_U_THERE_ACK.code()) {
                    lastAck = Math.max(lastAck, timeOf(x, n.frame()));
                }
            }
            List<MessageView> probes = new ArrayList<>();
            for (NotificationView n : x.notifications()) {
                if (n.from() == prober && n.type() == NotifyType.R_U_THERE.code() && timeOf(x, n.frame()) > lastAck) {
                    MessageView m = messageAt(x, n.frame());
                    if (m != null) {
                        probes.add(m);
                    }
                }
            }
            boolean decrypted = !probes.isEmpty();
            if (!decrypted) {
                probes = silentSmallInformationals(x, prober);
            }
            if (probes.size() < DPD_PROBES && !(decrypted && probes.size() >= 2)) {
                continue;
            }
            long since = probes.get(0).timeNanos();
            if (!Evidence.sentAfter(x, peer, since).isEmpty() || espAfter(x, peer, since)) {
                continue;
            }
            Confidence c = decrypted ? (probes.size() >= DPD_PROBES ? Confidence.CONFIRMED : Confidence.LIKELY)
                    : Confidence.POSSIBLE;
            String what = decrypted ? probes.size() + " R-U-THERE probes (RFC 3706 dead peer detection)"
                    : probes.size() + " small encrypted informational messages, the size of DPD R-U-THERE probes,";
            sink.report(Finding.of("dpd.peer-dead", Severity.ERROR, c)
                    .title("Peer " + x.peer(peer).ip() + " stopped answering: " + probes.size()
                            + (decrypted ? " R-U-THERE" : " probable DPD probes") + " from " + x.peer(prober).ip()
                            + " unanswered")
                    .explanation(x.peer(prober).ip() + " sent " + what + " over "
                            + Evidence.seconds(since, probes.get(probes.size() - 1).timeNanos()) + " and "
                            + x.peer(peer).ip() + " sent nothing back, neither an acknowledgement nor any other"
                            + " IKE or ESP packet. The peer is gone: rebooted, lost its SAs, or the path between"
                            + " the two broke. The prober will declare it dead and delete the SAs (an ASA logs"
                            + " the tunnel down with reason \"DPD\")."
                            + (decrypted ? "" : " Without keys the messages cannot be read, so this is an"
                            + " inference from their size, direction and the silence."))
                    .evidence(Evidence.frames(probes))
                    .remediation("Check whether " + x.peer(peer).ip() + " is up and still has the SA (show crypto"
                            + " isakmp sa on both ends), whether UDP 500/4500 still pass in both directions,"
                            + " and whether a NAT mapping expired (NAT-T keepalives: crypto isakmp nat-traversal"
                            + " <seconds>). DPD timers: ASA isakmp keepalive threshold/retry in the tunnel-group;"
                            + " strongSwan dpddelay/dpdtimeout/dpdaction.")
                    .build());
        }
    }

    /**
     * Without keys: encrypted informationals (message ID not 0) from {@code prober}, small enough
     * to be DPD probes, sent after the peer's last message.
     */
    private static List<MessageView> silentSmallInformationals(ExchangeView x, Side prober) {
        long peerLast = Long.MIN_VALUE;
        for (MessageView m : x.messages(prober.opposite())) {
            peerLast = Math.max(peerLast, m.timeNanos());
        }
        List<MessageView> out = new ArrayList<>();
        for (MessageView m : x.messages(prober)) {
            if (m.step() == Step.INFORMATIONAL && m.encrypted() && !m.decrypted() && m.messageId() != 0
                    && m.length() <= DPD_MAX_LENGTH && m.timeNanos() > peerLast) {
                out.add(m);
            }
        }
        return out;
    }

    private static boolean espAfter(ExchangeView x, Side from, long nanos) {
        for (EspView e : x.esp()) {
            if (e.from() == from && e.lastNanos() > nanos) {
                return true;
            }
        }
        return false;
    }

    private static MessageView messageAt(ExchangeView x, long frame) {
        for (MessageView m : x.messages()) {
            if (m.frame() == frame) {
                return m;
            }
        }
        return null;
    }

    private static long timeOf(ExchangeView x, long frame) {
        MessageView m = messageAt(x, frame);
        return m == null ? Long.MIN_VALUE : m.timeNanos();
    }

    /** A quick mode's message ID as 8 hex digits, as the dissector and tshark write it. */
    private static String mid(QuickModeView q) {
        // Not String.format("%08x"): that parses its pattern for every quick mode.
        String hex = Integer.toHexString(q.messageId());
        return "00000000".substring(hex.length()) + hex;
    }
}
