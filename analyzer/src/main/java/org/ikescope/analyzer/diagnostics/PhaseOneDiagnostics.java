package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.AsaLines;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DecryptionView;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.IcmpErrorView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.api.protocol.PayloadType;

/**
 * Where an IKEv1 phase 1 (main or aggressive mode) got stuck, read as an ASA engineer reads
 * {@code show crypto isakmp sa}: the state each side reached, and what usually leaves a tunnel
 * there.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><td>{@code peer.unreachable}</td><td>initiator MM_WAIT_MSG2/AM_WAIT_MSG2, nothing back</td></tr>
 *   <tr><td>{@code policy.mismatch}</td><td>responder answered MM1/AM1 with a cleartext NO_PROPOSAL_CHOSEN</td></tr>
 *   <tr><td>{@code config.peer-not-configured}</td><td>the same, although the responder accepted one of the offered
 *       proposals from other peers in this capture</td></tr>
 *   <tr><td>{@code path.one-way}</td><td>responder sent MM2/AM2, the initiator keeps repeating MM1/AM1</td></tr>
 *   <tr><td>{@code scan.probe}</td><td>MM2/AM2 sent, the initiator went silent at once</td></tr>
 *   <tr><td>{@code config.tunnel-group-missing}</td><td>initiator MM_WAIT_MSG4</td></tr>
 *   <tr><td>{@code auth.psk-mismatch}</td><td>initiator MM_WAIT_MSG6 and keeps repeating MM5; AM2 answered by an informational</td></tr>
 *   <tr><td>{@code auth.peer-rejected}</td><td>MM5 answered by a notification the initiator understood</td></tr>
 * </table>
 *
 * <p>IKEv2's IKE_SA_INIT is in the clear too, and gets the same kind of findings (RFC 7296
 * sections 1.2, 2.6, 3.10.1): {@code peer.unreachable} (no response), {@code policy.mismatch}
 * (NO_PROPOSAL_CHOSEN), {@code ike.invalid-syntax} (INVALID_SYNTAX), and {@code ike.invalid-ke} /
 * {@code ike.cookie} (INVALID_KE_PAYLOAD / COOKIE: information when the initiator tried again,
 * an error when it did not). IKE_AUTH is encrypted: nothing here reads it.
 *
 * <p>An exchange whose capture misses one direction ({@code capture.one-direction}, see
 * {@link PathDiagnostics}), or ends before a missing answer could show
 * ({@code capture.ends-mid-exchange}, see {@link CaptureWindowDiagnostics}), gets none of these:
 * its states say more about the capture than about the peers.
 *
 * <p>Over 500 lines: most of it is the explanation and remediation text of each finding; one
 * plugin per phase keeps a code's checks and its words together.
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class PhaseOneDiagnostics implements DiagnosticPlugin, EndOfCaptureHook {
    /** Plugin id. */
    public static final String ID = "builtin.phase1";

    /** Responder notifications that reject MM1/AM1's proposals (RFC 2408 section 3.14.1). */
    private static final Set<Integer> POLICY_REFUSALS = Set.of(NotifyType.NO_PROPOSAL_CHOSEN.code(),
            NotifyType.ATTRIBUTES_NOT_SUPPORTED.code(), NotifyType.INVALID_TRANSFORM_ID.code(),
            NotifyType.BAD_PROPOSAL_SYNTAX.code(), NotifyType.SITUATION_NOT_SUPPORTED.code(),
            NotifyType.DOI_NOT_SUPPORTED.code(), NotifyType.INVALID_KEY_INFORMATION.code());
    /** IKEv2 responder notifications that refuse IKE_SA_INIT's proposals (RFC 7296 section 3.10.1). */
    private static final Set<Integer> IKEV2_REFUSALS = Set.of(Ikev2NotifyType.NO_PROPOSAL_CHOSEN.code());
    /** Notifications that say the keys worked but the peer or its identity was refused. */
    private static final Set<Integer> REJECTIONS = Set.of(NotifyType.AUTHENTICATION_FAILED.code(),
            NotifyType.INVALID_ID_INFORMATION.code(), NotifyType.INVALID_CERTIFICATE.code(),
            NotifyType.INVALID_CERT_AUTHORITY.code(), NotifyType.CERT_TYPE_UNSUPPORTED.code(),
            NotifyType.INVALID_SIGNATURE.code(), NotifyType.CERTIFICATE_UNAVAILABLE.code());
    /** Notifications a responder sends when MM5 does not decrypt or its HASH does not verify. */
    private static final Set<Integer> UNREADABLE = Set.of(NotifyType.PAYLOAD_MALFORMED.code(),
            NotifyType.INVALID_HASH_INFORMATION.code(), NotifyType.INVALID_PAYLOAD_TYPE.code());

    /** How long before and after an unanswered MM1 an answer to another peer shows the responder up. */
    static final long ANSWERED_OTHERS_WINDOW_NANOS = 60_000_000_000L;
    /** Refused exchanges reported as policy.mismatch, kept for the end of the capture. */
    static final int MAX_REFUSALS = 10_000;

    /**
     * What each responder did in the exchanges examined before (state kept across calls, see
     * {@link Responders}): whom it answered, what it accepted. The diagnosis of an exchange uses
     * only what was seen before it, so streamed output never contradicts itself; evidence from
     * exchanges finished later is reported by {@link #endOfCapture} as a finding of its own.
     */
    private final Responders responders = new Responders();
    /** Initiator cookies of the exchanges reported as policy.mismatch, in order. */
    private final Set<String> reportedRefusals = new LinkedHashSet<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Stuck IKEv1 phase-1 states (MM_WAIT_MSG2..6, MM_NO_STATE, AM_*) explained in ASA terms";
    }

    @Override
    public synchronized void analyze(ExchangeView x, FindingSink sink) {
        responders.learn(x);
        if (x.version() == 2 && !x.startedBeforeCapture()) {
            ikeSaInit(x, sink);
            return;
        }
        if (!Evidence.ikev1PhaseOne(x)) {
            return;
        }
        boolean am = Evidence.aggressive(x);
        Step one = am ? Step.AM1 : Step.MM1;
        Step two = am ? Step.AM2 : Step.MM2;
        MessageView answer = Evidence.first(x, two);
        if (!Evidence.oneDirectionGap(x).isEmpty() || Window.endsMidExchange(x)) {
            // The states say more about the capture than about the peers.
            return;
        }
        Phase1State i = x.initiatorState();
        boolean fromResponder = Evidence.sent(x, Side.RESPONDER);

        if (Evidence.has(x, one) && !fromResponder && !x.phase1Complete()) {
            peerUnreachable(x, Evidence.all(x, one), sink);
        } else if (answer == null && fromResponder && !x.phase1Complete()) {
            policyMismatch(x, Evidence.all(x, one), POLICY_REFUSALS, sink);
        } else if (answer != null && (i == Phase1State.MM_WAIT_MSG2 || i == Phase1State.AM_WAIT_MSG2
                || i == Phase1State.NONE) && !x.phase1Complete()) {
            afterAnswerToFirst(x, am, Evidence.all(x, one), sink);
        }
        // One finding per stuck point: when the path explains the stall, the path diagnostics report it.
        boolean pathStall = Evidence.pathExplainsStall(x);
        if (i == Phase1State.MM_WAIT_MSG4 && !pathStall) {
            tunnelGroupMissing(x, sink);
        }
        if (i == Phase1State.MM_WAIT_MSG6 && !pathStall) {
            waitMsg6(x, sink);
        }
        if (am && answer != null) {
            aggressiveAuth(x, answer, sink);
        }
    }

    // ---------------------------------------------------------------- MM_WAIT_MSG2, nothing back

    private void peerUnreachable(ExchangeView x, List<MessageView> first, FindingSink sink) {
        if (responders.pairAnswered(x, x.version() == 1 ? 2 : 1)) {
            // The same peers speak the other IKE version to each other: ike.version-mismatch (builtin.version) says it.
            return;
        }
        MessageView m1 = first.get(0);
        int resent = Evidence.retransmissions(x, m1.step());
        List<Long> evidence = Evidence.frames(first);
        boolean portUnreachable = false;
        boolean icmp = false;
        StringBuilder icmpText = new StringBuilder();
        for (IcmpErrorView e : x.icmpErrors()) {
            if (e.quotedFrom() != Side.INITIATOR) {
                continue;
            }
            icmp = true;
            evidence.add(e.frame());
            portUnreachable |= e.portUnreachable();
        }
        String peer = x.responder().ip() + " UDP " + m1.destinationPort();
        String state = x.initiatorState().name();
        String ikev = "ikev" + x.version();
        if (portUnreachable) {
            icmpText.append(" ICMP port-unreachable errors came back for the ").append(m1.step().label())
                    .append("s: the host at ").append(x.responder().ip())
                    .append(" is reachable but nothing listens on UDP ").append(m1.destinationPort())
                    .append(" there (IKE daemon stopped, crypto map or " + ikev + " not enabled on that interface, or"
                            + " the wrong peer address).");
        } else if (icmp) {
            icmpText.append(" ICMP errors came back for the ").append(m1.step().label())
                    .append("s: a router or firewall on the path reports the destination unreachable or"
                            + " administratively prohibited.");
        }
        Confidence c = icmp ? Confidence.CONFIRMED : resent > 0 ? Confidence.LIKELY : Confidence.POSSIBLE;
        MessageView last = first.get(first.size() - 1);
        List<Responders.Answer> others = responders.answersToOthers(x, m1.timeNanos() - ANSWERED_OTHERS_WINDOW_NANOS,
                last.timeNanos() + ANSWERED_OTHERS_WINDOW_NANOS);
        String causes;
        if (icmp) {
            causes = "";
        } else if (!others.isEmpty()) {
            causes = " The responder itself is up: in the same capture it answered " + answered(others) + ". What"
                    + " fails is specific to " + x.initiator().ip() + ": a filter (ACL, firewall, IPS) that drops"
                    + " this source address on the way or on the responder, or a responder that ignores this peer"
                    + " (nothing configured for its address, or it is blocked). This capture point sees the"
                    + " responder's answers to the other peers, so an answer to this one would show here too,"
                    + " unless it leaves by another path.";
        } else {
            causes = " Usual causes: the peer is down or not running IKE, UDP 500 is filtered on the way (ACL,"
                    + " firewall, ISP), the crypto map points at the wrong peer address, or there is no route."
                    + " A capture on the initiator's side cannot tell these apart from a lost return path:"
                    + " if the responder does answer but its answer is dropped on the way back, this side"
                    + " sees exactly the same thing. A capture on the responder's side, or its log, tells them"
                    + " apart.";
        }
        sink.report(Finding.of("peer.unreachable", Severity.ERROR, c)
                .title("No answer from " + peer + ": initiator stuck in " + state + " (" + m1.step().label() + " sent "
                        + Evidence.times(resent + 1) + ")" + (others.isEmpty() || icmp ? ""
                        : "; the responder answered " + others.size() + " other peer" + (others.size() == 1 ? "" : "s")))
                .explanation("The initiator sent its proposals (" + m1.step().label() + ") "
                        + Evidence.times(resent + 1)
                        + " and the responder never answered" + (x.version() == 1 ? ", which is what an ASA shows as "
                        + state + " in show crypto isakmp sa." : ".") + icmpText + causes)
                .evidence(evidence)
                .asa(x.version() != 1 ? null : AsaLines.of("show crypto isakmp sa: " + state + " on the initiator "
                        + x.initiator().ip() + "; no IKE SA for it on the responder " + x.responder().ip()))
                .remediation(!others.isEmpty() && !icmp
                        ? "Look for what treats " + x.initiator().ip() + " differently from the peers that get"
                        + " answers: ACL, firewall or IPS rules that match its address on the way and on the"
                        + " responder, and the responder's configuration and log for this peer (ASA: crypto map"
                        + " set peer and tunnel-group for " + x.initiator().ip() + ", debug crypto ikev1 127;"
                        + " strongSwan: a connection whose right= covers it, charon log)."
                        : "Check that " + x.responder().ip() + " is the right peer (crypto map set peer /"
                        + " strongSwan right=), that it is up and has IKEv" + x.version() + " enabled on the facing"
                        + " interface (ASA: crypto " + ikev + " enable <if>), and that UDP 500 (and 4500) pass every"
                        + " firewall and ACL between the peers. Capture on the responder too: if the request arrives and the"
                        + " answer leaves, the return path is at fault. On the ASA: debug crypto " + ikev + " 127 on"
                        + " both ends.")
                .build());
    }

    // ---------------------------------------------------------------- MM_NO_STATE

    /** "192.0.2.151, 192.0.2.152 and 2 more (between 3.1 s before and 0.6 s after)". */
    private static String answered(List<Responders.Answer> others) {
        Set<String> peers = new LinkedHashSet<>();
        for (Responders.Answer a : others) {
            peers.add(a.initiator());
        }
        List<String> shown = new ArrayList<>(peers);
        String list = shown.size() <= 4 ? String.join(", ", shown)
                : String.join(", ", shown.subList(0, 4)) + " and " + (shown.size() - 4) + " more";
        return peers.size() + " other peer" + (peers.size() == 1 ? "" : "s") + " (" + list + ")";
    }

    private void policyMismatch(ExchangeView x, List<MessageView> first, Set<Integer> refusing, FindingSink sink) {
        List<NotificationView> refusals = Evidence.notifications(x, Side.RESPONDER, refusing);
        if (refusals.isEmpty() || first.isEmpty()) {
            return;
        }
        NotificationView n = refusals.get(0);
        List<Long> evidence = Evidence.frames(first);
        for (NotificationView r : refusals) {
            evidence.add(r.frame());
        }
        Step step = first.get(0).step();
        Optional<Responders.Accepted> same = responders.acceptedFromOthers(x);
        if (same.isPresent()) {
            notConfigured(x, n.name(), step, same.get(), evidence, sink);
            return;
        }
        String impl = x.responder().implementation();
        boolean cisco = impl != null && impl.toLowerCase(java.util.Locale.ROOT).contains("cisco");
        List<String> ok = responders.accepted(x);
        String others = ok.isEmpty() ? ""
                : " In other exchanges of this capture the same responder accepted: " + String.join("; ", ok) + ".";
        if (reportedRefusals.size() < MAX_REFUSALS) {
            reportedRefusals.add(x.ispi());
        }
        sink.report(Finding.of("policy.mismatch", Severity.ERROR, cisco ? Confidence.CONFIRMED : Confidence.LIKELY)
                .title("Responder " + x.responder().ip() + " refused every proposal of " + step.label() + " ("
                        + n.name() + ")")
                .explanation("The responder answered the initiator's proposals with a cleartext " + n.name()
                        + " notification instead of " + answerTo(step).label()
                        + ", so no IKE SA exists (" + x.responderState().name() + "): none of the offered"
                        + " phase-1 policies (encryption,"
                        + " hash, DH group, authentication method, lifetime) matches one the responder has"
                        + " configured. The initiator offered: " + Evidence.describeAll(x.offeredProposals())
                        + "." + others + " A strongSwan or libreswan responder answers the same way when it has"
                        + " no connection defined for the initiator's address at all, so a missing peer"
                        + " configuration (config.peer-not-configured) fits this evidence as well; the capture tells"
                        + " them apart only when the responder accepts one of these proposals from another peer,"
                        + " and the responder's log always does (strongSwan: no IKE config found / no matching"
                        + " proposal; ASA debug crypto ikev1: the attribute it refused).")
                .evidence(evidence)
                .asa(Asa.phaseOneStall(x))
                .remediation((x.version() == 1 ? "Compare the two sides' phase-1 policies: ASA show run crypto ikev1"
                        + " (crypto ikev1 policy <n>: encryption, hash, group, authentication pre-share/rsa-sig,"
                        + " lifetime)" : "Compare the two sides' IKE SA proposals: ASA show run crypto ikev2 (crypto"
                        + " ikev2 policy <n>: encryption, integrity, group, prf)") + " and the peer's; strongSwan"
                        + " ike= in ipsec.conf or proposals= in swanctl.conf, and that a connection exists whose"
                        + " right=/remote_addrs covers " + x.initiator().ip() + ". debug crypto ikev" + x.version()
                        + " on the responder names what it refused.")
                .build());
    }

    /** The answer a responder owes to {@code first}: MM2, AM2 or the IKE_SA_INIT response. */
    private static Step answerTo(Step first) {
        return first == Step.IKE_SA_INIT_REQUEST ? Step.IKE_SA_INIT_RESPONSE
                : first.aggressiveMode() ? Step.AM2 : Step.MM2;
    }

    private static void notConfigured(ExchangeView x, String notify, Step step, Responders.Accepted same,
                                      List<Long> evidence, FindingSink sink) {
        sink.report(notConfiguredFinding(x, notify, step, same, "").evidence(evidence).build());
    }

    /** {@code config.peer-not-configured}: {@code x}'s responder refused a proposal it accepted from others. */
    private static Finding.Builder notConfiguredFinding(ExchangeView x, String notify, Step step,
                                                        Responders.Accepted same, String when) {
        String from = String.join(", ", same.from());
        return Finding.of("config.peer-not-configured", Severity.ERROR, Confidence.LIKELY)
                .title("Responder " + x.responder().ip() + " refused " + step.label() + " from " + x.initiator().ip()
                        + " (" + notify + ") but accepts the same proposal from other peers: no configuration for "
                        + x.initiator().ip())
                .explanation("The responder answered the initiator's proposals with a cleartext " + notify + " (no IKE"
                        + " SA, " + x.responderState().name() + "), yet " + when + "it accepted " + same.described()
                        + ", which this initiator offered too, from " + from + ". A proposal is not refused for itself when the"
                        + " same responder takes it from others: the responder has no configuration for "
                        + x.initiator().ip() + ". On an ASA that is a missing crypto map entry (set peer) or"
                        + " tunnel-group for that address; strongSwan and libreswan answer a peer they have no"
                        + " connection for exactly this way. The other reading is a configuration for this peer"
                        + " with its own, different proposals (strongSwan ike= per connection): the responder's log"
                        + " tells them apart (strongSwan: no IKE config found for this address vs. no matching"
                        + " proposal).")
                .remediation("On the responder, define the peer " + x.initiator().ip() + ": ASA crypto map <map> <n>"
                        + " set peer " + x.initiator().ip() + " and tunnel-group " + x.initiator().ip() + " type"
                        + " ipsec-l2l with its ipsec-attributes (pre-shared key); strongSwan a connection whose"
                        + " right= / remote_addrs covers " + x.initiator().ip() + ". If the peer is not meant to"
                        + " connect, remove it from the initiator's configuration.")
                .asa(Asa.phaseOneStall(x));
    }

    // ---------------------------------------------------------------- MM2/AM2 sent, no MM3/AM3

    private static void afterAnswerToFirst(ExchangeView x, boolean am, List<MessageView> first, FindingSink sink) {
        Step one = am ? Step.AM1 : Step.MM1;
        Step two = am ? Step.AM2 : Step.MM2;
        MessageView answer = Evidence.first(x, two);
        int repeatedAfter = Evidence.retransmissionsAfter(x, one, answer.timeNanos());
        List<MessageView> laterFromInitiator = Evidence.sentAfter(x, Side.INITIATOR, answer.timeNanos());
        List<MessageView> answers = Evidence.all(x, two);
        if (repeatedAfter > 0) {
            sink.report(Finding.of("path.one-way", Severity.ERROR, Confidence.LIKELY)
                    .title(two.label() + " sent but the initiator keeps repeating " + one.label()
                            + ": the answer does not reach " + x.initiator().ip())
                    .explanation("The responder accepted a proposal and answered with " + two.label() + " (it waits in "
                            + (am ? "AM_WAIT_MSG3" : "MM_WAIT_MSG3") + "), yet the initiator resent " + one.label() + " "
                            + Evidence.times(repeatedAfter) + " afterwards, as if it never heard the answer. "
                            + "The return path from " + x.responder().ip() + " to " + x.initiator().ip()
                            + " loses it: a firewall or ACL that lets UDP 500 in but not out, a NAT that does not"
                            + " map the reply back, or asymmetric routing that sends the reply another way.")
                    .evidence(Evidence.frames(first, answers))
                    .remediation("Follow the reply path from the responder to " + x.initiator().ip() + ":"
                            + " permit UDP 500/4500 in both directions, check NAT rules (static/identity NAT for"
                            + " the VPN peers) and routing towards the initiator. Capturing on the initiator's"
                            + " side shows whether " + two.label() + " arrives (ASA: capture with match udp host <peer>"
                            + " eq 500).")
                    .asa(Asa.phaseOneStall(x))
                    .build());
            return;
        }
        boolean gaveUp = laterFromInitiator.isEmpty();
        if (!gaveUp) {
            return;
        }
        boolean responderRepeated = answers.size() > 1;
        boolean noVendorIds = x.initiator().vendorIds().isEmpty();
        Confidence c = responderRepeated || noVendorIds ? Confidence.LIKELY : Confidence.POSSIBLE;
        String exposed = am ? " In aggressive mode the answer itself is the damage: AM2 carried the responder's"
                + " identity and HASH_R in clear text, which is enough to attack the pre-shared key offline"
                + " (ike-scan with psk-crack)." : "";
        sink.report(Finding.of("scan.probe", am ? Severity.WARNING : Severity.INFO, c)
                .title("Probe from " + x.initiator().ip() + ": " + two.label() + " answered, the initiator went silent"
                        + (c == Confidence.POSSIBLE ? " (possibly an IKE scanner)" : " (likely an IKE scanner)"))
                .explanation("The initiator sent " + one.label() + " once, the responder answered with " + two.label()
                        + ", and the initiator neither continued nor repeated its request. A real IKE peer that"
                        + " wants a tunnel goes on with " + (am ? "AM3" : "MM3") + " or retransmits; a scanner"
                        + " such as ike-scan sends one request to fingerprint the responder and learn which"
                        + " policies it accepts, and stops there."
                        + (noVendorIds ? " The initiator sent no vendor IDs, which real IKE daemons normally do." : "")
                        + exposed + " If the capture simply ended right after " + two.label() + ", this reading is"
                        + " premature.")
                .evidence(Evidence.frames(first, answers))
                .remediation("If " + x.initiator().ip() + " is not a known peer, treat this as reconnaissance:"
                        + " restrict UDP 500/4500 to known peers (ASA: control-plane ACL or interface ACL),"
                        + (am ? " disable aggressive mode where possible (ASA: crypto ikev1 am-disable) or use"
                        + " long random pre-shared keys or certificates," : "")
                        + " and watch for repeated probes. If it is a known peer, check why it stopped after "
                        + two.label() + " (its own logs).")
                .build());
    }

    // ---------------------------------------------------------------- MM_WAIT_MSG4

    private static void tunnelGroupMissing(ExchangeView x, FindingSink sink) {
        List<MessageView> mm3 = Evidence.all(x, Step.MM3);
        if (mm3.isEmpty()) {
            return;
        }
        List<Long> evidence = Evidence.frames(Evidence.all(x, Step.MM2), mm3);
        int resent = Evidence.retransmissions(x, Step.MM3);
        sink.report(Finding.of("config.tunnel-group-missing", Severity.ERROR, Confidence.POSSIBLE)
                .title("Initiator stuck in MM_WAIT_MSG4: MM3 sent " + Evidence.times(resent + 1) + ", no MM4 from "
                        + x.responder().ip())
                .explanation("Phase-1 policy was agreed (MM2 came back), and the initiator sent its Diffie-Hellman"
                        + " value and nonce in MM3, but the responder never sent its own (MM4). On an ASA"
                        + " responder the usual reason is that it finds no tunnel-group (and so no pre-shared key)"
                        + " for the initiator's address: without the key it cannot derive the keys and drops MM3."
                        + " The capture alone cannot prove it: a firewall or IPS that lets MM1 through but"
                        + " drops MM3 (often because MM3 is larger), or a responder failing to compute the DH"
                        + " exchange, look exactly the same from here. What tells them apart: a capture on the"
                        + " responder's side (does MM3 arrive?) and its log (ASA debug crypto ikev1 names the"
                        + " tunnel-group it looked for; strongSwan logs no shared key found).")
                .evidence(evidence)
                .asa(Asa.phaseOneStall(x))
                .remediation("On the responder: show run tunnel-group " + x.initiator().ip() + " (type ipsec-l2l"
                        + " and ipsec-attributes ikev1 pre-shared-key), and debug crypto ikev1 127 while the"
                        + " initiator retries; strongSwan: a conn/connection for this peer with a PSK secret in"
                        + " ipsec.secrets or swanctl secrets. Also check that nothing on the path drops the"
                        + " larger MM3 datagram (fragment filtering, IPS).")
                .build());
    }

    // ---------------------------------------------------------------- MM_WAIT_MSG6

    private static void waitMsg6(ExchangeView x, FindingSink sink) {
        List<MessageView> mm5 = Evidence.all(x, Step.MM5);
        if (mm5.isEmpty()) {
            return;
        }
        MessageView first5 = mm5.get(0);
        List<MessageView> answers = new ArrayList<>();
        for (MessageView m : Evidence.sentAfter(x, Side.RESPONDER, first5.timeNanos())) {
            if (m.step() != Step.MM6) {
                answers.add(m);
            }
        }
        // Readable (decrypted or cleartext) notifications in the answers decide the matter.
        List<NotificationView> rejected = Evidence.notifications(x, Side.RESPONDER, REJECTIONS);
        List<NotificationView> unreadable = Evidence.notifications(x, Side.RESPONDER, UNREADABLE);
        Evidence.Auth auth = Evidence.auth(x);
        boolean psk = auth == Evidence.Auth.PSK || auth == Evidence.Auth.UNKNOWN;
        List<Long> evidence = Evidence.frames(mm5, answers);
        if (!rejected.isEmpty()) {
            peerRejected(x, rejected.get(0).name(), Confidence.CONFIRMED, evidence, sink);
            return;
        }
        Optional<String> initiatorPsk = x.decryption().flatMap(DecryptionView::initiatorPsk);
        Optional<String> responderPsk = x.decryption().flatMap(DecryptionView::responderPsk);
        if (psk && differentPsks(x) != null) {
            pskMismatch(x, Confidence.CONFIRMED, "With the key material given, the initiator's MM5 decrypts"
                    + " only with the keys derived from " + initiatorPsk.get()
                    + ", and the responder's answer only with the keys derived from " + responderPsk.get()
                    + ": the two sides hold different pre-shared keys."
                    + unreadableSays(unreadable), evidence, sink);
            return;
        }
        if (!unreadable.isEmpty() && psk) {
            pskMismatch(x, Confidence.CONFIRMED, "The responder's answer says " + unreadable.get(0).name()
                    + ": it could not make sense of MM5 after decrypting it with its own key.", evidence, sink);
            return;
        }
        boolean undecryptableAnswer = x.decrypted() && first5.decrypted()
                && answers.stream().anyMatch(m -> m.encrypted() && !m.decrypted());
        if (undecryptableAnswer && psk) {
            pskMismatch(x, Confidence.CONFIRMED, "With the initiator's key material"
                    + initiatorPsk.map(l -> " (" + l + ")").orElse("") + " MM5 decrypts but the responder's"
                    + " answer does not: the two sides derived different keys"
                    + (initiatorPsk.isPresent() ? ", and the responder's pre-shared key is none of the candidates"
                    + " given" : "") + ".", evidence, sink);
            return;
        }
        long firstAnswer = answers.isEmpty() ? Long.MIN_VALUE : answers.get(0).timeNanos();
        int resentAfterAnswer = answers.isEmpty() ? 0 : Evidence.retransmissionsAfter(x, Step.MM5, firstAnswer);
        int resent = Evidence.retransmissions(x, Step.MM5);
        if (!answers.isEmpty() && resentAfterAnswer == 0) {
            if (Window.coveredAfter(x, Side.INITIATOR, firstAnswer)) {
                peerRejected(x, null, psk ? Confidence.LIKELY : Confidence.POSSIBLE, evidence, sink);
            } else if (psk) {
                // Whether the initiator understood the answer shows only in what it does next.
                pskMismatch(x, Confidence.POSSIBLE, "The responder answered MM5 with an encrypted informational"
                        + " message, and the capture ends " + Window.duration(x.captureEndNanos().getAsLong()
                        - firstAnswer) + " later, before the initiator would send MM5 again. Two causes fit and"
                        + " only the initiator's next move tells them apart: with different pre-shared keys it"
                        + " cannot decrypt the answer and resends MM5; if the keys match and the responder refused"
                        + " its identity (auth.peer-rejected), it understands the refusal and stops. The"
                        + " responder's log names the reason (strongSwan: no shared key found / no matching peer"
                        + " config found; ASA debug crypto ikev1: a hash or decryption failure on MM5).",
                        evidence, sink);
            }
            return;
        }
        if (!psk) {
            return;
        }
        boolean natBlocked = !Evidence.unanswered4500(x).isEmpty();
        boolean fragmented = mm5.stream().anyMatch(m -> !m.ipFragmentFrames().isEmpty());
        Confidence c = answers.isEmpty() && (resent == 0 || natBlocked || fragmented) ? Confidence.POSSIBLE
                : Confidence.LIKELY;
        String how = !answers.isEmpty()
                ? "The responder answered each MM5 with an encrypted informational message, and the initiator"
                + " ignored them and kept retransmitting: it cannot decrypt the answers, which happens when"
                + " the two sides derived different keys from different pre-shared keys."
                : "Nothing came back, and the initiator resent MM5 " + Evidence.times(resent) + "; an ASA"
                + " responder whose key differs drops MM5 silently (it fails to decrypt it)."
                + (natBlocked ? " Here MM5 went to UDP 4500 and the responder never answered there, so a"
                + " filtered UDP 4500 fits this evidence better (see natt.port-4500-blocked)." : "")
                + (fragmented ? " MM5 travelled as IP fragments, which a path may drop (see path.fragments-lost)."
                : "");
        pskMismatch(x, c, how, evidence, sink);
    }

    /** What the responder's readable answer adds to a proof by keys, or nothing. */
    private static String unreadableSays(List<NotificationView> unreadable) {
        return unreadable.isEmpty() ? "" : " The responder's answer says " + unreadable.get(0).name()
                + ", which is what a responder reports when MM5 decrypts to garbage with its key.";
    }

    /**
     * {@code initiator uses --psk #3, responder --psk #2} when the key material proves the two sides
     * used different pre-shared-key candidates (their keys decrypted, or a HASH in the clear
     * matched, with different candidates), else null.
     */
    static String differentPsks(ExchangeView x) {
        Optional<String> initiatorPsk = x.decryption().flatMap(DecryptionView::initiatorPsk);
        Optional<String> responderPsk = x.decryption().flatMap(DecryptionView::responderPsk);
        return initiatorPsk.isPresent() && responderPsk.isPresent() && !initiatorPsk.equals(responderPsk)
                ? "initiator uses " + initiatorPsk.get() + ", responder " + responderPsk.get() : null;
    }

    private static void pskMismatch(ExchangeView x, Confidence c, String how, List<Long> evidence, FindingSink sink) {
        String states = "initiator MM_WAIT_MSG6, responder MM_WAIT_MSG5";
        Optional<String> initiatorPsk = x.decryption().flatMap(DecryptionView::initiatorPsk);
        String which = differentPsks(x) != null ? " (" + differentPsks(x) + ")"
                : initiatorPsk.isPresent() && c == Confidence.CONFIRMED
                ? " (initiator uses " + initiatorPsk.get() + ", the responder none of the candidates)" : "";
        sink.report(Finding.of("auth.psk-mismatch", Severity.ERROR, c)
                .title(c == Confidence.POSSIBLE
                        ? "No MM6 from " + x.responder().ip() + ": " + states + " (possibly a pre-shared key mismatch)"
                        : "Pre-shared key mismatch between " + x.initiator().ip() + " and " + x.responder().ip()
                        + which + ": " + states)
                .explanation("Policy and Diffie-Hellman exchange completed (MM1-MM4), so both sides computed their"
                        + " encryption keys; those keys depend on the pre-shared key. The initiator then sent its"
                        + " encrypted identity and hash (MM5) but never got MM6. " + how + " This is the classic"
                        + " ASA picture of a PSK mismatch: the initiator waits in MM_WAIT_MSG6, the responder in"
                        + " MM_WAIT_MSG5.")
                .evidence(evidence)
                .remediation("Set the same pre-shared key on both ends: ASA tunnel-group " + x.responder().ip()
                        + " ipsec-attributes / ikev1 pre-shared-key on the initiator and tunnel-group "
                        + x.initiator().ip() + " on the responder (more show running-config all tunnel-group"
                        + " shows them unmasked); strongSwan ipsec.secrets or swanctl.conf secrets (ike-*)."
                        + " debug crypto ikev1 127 on the responder reports a hash or decryption failure on MM5.")
                .asa(Asa.phaseOneStall(x))
                .build());
    }

    private static void peerRejected(ExchangeView x, String notify, Confidence c, List<Long> evidence,
                                     FindingSink sink) {
        String what = notify != null
                ? "The responder answered MM5 with " + notify + "."
                : "The responder answered MM5 with one encrypted informational message and the initiator"
                + " stopped retransmitting MM5 at once: it could decrypt and understand the refusal, so both"
                + " sides hold the same keys and the pre-shared key matches.";
        sink.report(Finding.of("auth.peer-rejected", Severity.ERROR, c)
                .title(c == Confidence.POSSIBLE
                        ? "No MM6 from " + x.responder().ip() + ": MM5 answered by an informational (identity or"
                        + " authentication possibly refused)"
                        : "Responder " + x.responder().ip() + " refused the initiator's identity or authentication"
                        + " in MM5" + (notify != null ? " (" + notify + ")" : ""))
                .explanation(what + " What failed is the next check: the responder found no configuration"
                        + " (tunnel-group, connection) for the identity the initiator presented in MM5, or the"
                        + " identity type or value differs from what it expects, or a certificate was not"
                        + " accepted. The initiator stays in MM_WAIT_MSG6, the responder in MM_WAIT_MSG5.")
                .evidence(evidence)
                .remediation("Compare the identity the initiator sends with what the responder expects: ASA"
                        + " crypto isakmp identity (address, hostname, key-id, auto) and the tunnel-group name;"
                        + " strongSwan leftid/rightid or local/remote id in swanctl.conf (IP address vs FQDN"
                        + " vs key ID). With certificates: trustpoint and chain, peer-id-validate. debug crypto"
                        + " ikev1 127 on the responder names the identity it received.")
                .asa(Asa.phaseOneStall(x))
                .build());
    }

    // ---------------------------------------------------------------- aggressive mode authentication

    private static void aggressiveAuth(ExchangeView x, MessageView am2, FindingSink sink) {
        if (Evidence.has(x, Step.AM3)) {
            return;
        }
        List<MessageView> instead = new ArrayList<>();
        for (MessageView m : Evidence.sentAfter(x, Side.INITIATOR, am2.timeNanos())) {
            if (m.step() == Step.INFORMATIONAL) {
                instead.add(m);
            }
        }
        if (instead.isEmpty()) {
            return;
        }
        List<NotificationView> rejected = Evidence.notifications(x, Side.INITIATOR,
                Set.of(NotifyType.INVALID_ID_INFORMATION.code()));
        List<Long> evidence = Evidence.frames(Evidence.all(x, Step.AM1), List.of(am2), instead);
        if (!rejected.isEmpty()) {
            peerRejected(x, rejected.get(0).name(), Confidence.CONFIRMED, evidence, sink);
            return;
        }
        List<NotificationView> auth = Evidence.notifications(x, Side.INITIATOR,
                Set.of(NotifyType.AUTHENTICATION_FAILED.code(), NotifyType.INVALID_HASH_INFORMATION.code()));
        String said = auth.isEmpty() ? "an informational message" : "an informational message carrying "
                + auth.get(0).name();
        String proof = differentPsks(x);
        sink.report(Finding.of("auth.psk-mismatch", Severity.ERROR, proof != null ? Confidence.CONFIRMED : Confidence.LIKELY)
                .title("Aggressive mode: initiator " + x.initiator().ip() + " rejected AM2 (" + said
                        + "), " + (proof != null ? "a pre-shared key mismatch (" + proof + ")"
                        : "likely a pre-shared key mismatch"))
                .explanation("The responder accepted the proposal and sent AM2 with its identity and HASH_R; the"
                        + " initiator, instead of completing with AM3, answered with " + said + ". An initiator"
                        + " does this when HASH_R does not verify, i.e. the responder computed it with another"
                        + " pre-shared key. " + (proof != null ? "The key material proves it: the responder's"
                        + " HASH_R or messages match " + x.decryption().flatMap(DecryptionView::responderPsk).get()
                        + ", the initiator's " + x.decryption().flatMap(DecryptionView::initiatorPsk).get() + "."
                        : "A responder identity the initiator did not expect gives the same picture.")
                        + " The initiator stays in AM_WAIT_MSG2, the responder in AM_WAIT_MSG3.")
                .evidence(evidence)
                .remediation("Set the same pre-shared key on both ends (ASA tunnel-group ... ipsec-attributes"
                        + " ikev1 pre-shared-key; strongSwan ipsec.secrets / swanctl secrets), and check that"
                        + " the identities match (aggressive mode usually uses FQDN or key-id identities:"
                        + " leftid/rightid, crypto isakmp identity).")
                .asa(Asa.phaseOneStall(x))
                .build());
    }

    // ---------------------------------------------------------------- IKEv2 IKE_SA_INIT in the clear

    /**
     * What an IKEv2 IKE_SA_INIT shows without keys: no answer ({@code peer.unreachable}), a refused
     * proposal ({@code policy.mismatch} / {@code config.peer-not-configured}), a request the
     * responder could not parse ({@code ike.invalid-syntax}), a request for another DH group
     * ({@code ike.invalid-ke}) or for a cookie ({@code ike.cookie}) and whether the initiator tried
     * again. IKE_AUTH and what follows is encrypted: nothing is concluded from it here.
     */
    private void ikeSaInit(ExchangeView x, FindingSink sink) {
        List<MessageView> requests = Evidence.all(x, Step.IKE_SA_INIT_REQUEST);
        if (requests.isEmpty() || !Evidence.oneDirectionGap(x).isEmpty() || Window.endsMidExchange(x)) {
            return;
        }
        List<MessageView> responses = Evidence.all(x, Step.IKE_SA_INIT_RESPONSE);
        if (responses.isEmpty()) {
            if (!x.phase1Complete()) {
                peerUnreachable(x, requests, sink);
            }
            return;
        }
        boolean accepted = responses.stream().anyMatch(m -> m.has(PayloadType.SA));
        if (!accepted && !Evidence.notifications(x, Side.RESPONDER, IKEV2_REFUSALS).isEmpty()) {
            policyMismatch(x, requests, IKEV2_REFUSALS, sink);
        }
        List<NotificationView> syntax = Evidence.notifications(x, Side.RESPONDER,
                Set.of(Ikev2NotifyType.INVALID_SYNTAX.code()));
        if (!accepted && !syntax.isEmpty()) {
            invalidSyntax(x, requests, syntax.get(0), sink);
        }
        for (NotificationView n : Evidence.notifications(x, Side.RESPONDER,
                Set.of(Ikev2NotifyType.INVALID_KE_PAYLOAD.code(), Ikev2NotifyType.COOKIE.code()))) {
            retryAsked(x, n, sink);
        }
    }

    private static void invalidSyntax(ExchangeView x, List<MessageView> requests, NotificationView n, FindingSink sink) {
        sink.report(Finding.of("ike.invalid-syntax", Severity.ERROR, Confidence.CONFIRMED)
                .title("Responder " + x.responder().ip() + " could not parse the IKE_SA_INIT request of "
                        + x.initiator().ip() + " (INVALID_SYNTAX)")
                .explanation("The responder answered IKE_SA_INIT with a cleartext INVALID_SYNTAX notification: it"
                        + " found the request malformed (a payload it cannot parse, a missing required payload,"
                        + " a length that does not add up) and keeps no state for it, so no IKE SA exists. Either"
                        + " the initiator sends something its peer does not understand (an unusual transform,"
                        + " a vendor extension, a bug), or the datagram was altered on the way.")
                .evidence(Evidence.frames(requests, List.of(messageAt(x, n.frame()))))
                .remediation("Compare the request with what the responder supports (ikescope dissect -V shows"
                        + " every payload and what the decoder thought of it); check the responder's log for the"
                        + " payload it rejected, and the software versions of both ends.")
                .build());
    }

    /**
     * INVALID_KE_PAYLOAD or COOKIE: the responder asks for another try. Information when the
     * initiator tried again and the responder then accepted; an error when it did not try again.
     */
    private static void retryAsked(ExchangeView x, NotificationView n, FindingSink sink) {
        MessageView ask = messageAt(x, n.frame());
        if (ask == null) {
            return;
        }
        boolean ke = n.type() == Ikev2NotifyType.INVALID_KE_PAYLOAD.code();
        MessageView retry = null;
        MessageView answer = null;
        for (MessageView m : x.messages()) {
            if (m.timeNanos() < ask.timeNanos() || m.frame() == ask.frame()) {
                continue;
            }
            if (retry == null && m.step() == Step.IKE_SA_INIT_REQUEST && !m.isRetransmission()) {
                retry = m;
            } else if (retry != null && answer == null && m.step() == Step.IKE_SA_INIT_RESPONSE && m.has(PayloadType.SA)) {
                answer = m;
            }
        }
        int group = ke ? groupAsked(ask) : 0;
        String what = ke ? "a different Diffie-Hellman group" + (group > 0 ? " (group " + group + ", "
                + DhGroup.of(group).shortName() + ")" : "") : "a cookie (it is under load or protects itself"
                + " against half-open IKE SAs, RFC 7296 section 2.6)";
        String code = ke ? "ike.invalid-ke" : "ike.cookie";
        List<Long> evidence = new ArrayList<>(Evidence.frames(Evidence.all(x, Step.IKE_SA_INIT_REQUEST)));
        evidence.add(ask.frame());
        if (answer != null) {
            evidence.add(answer.frame());
        }
        String name = ke ? "INVALID_KE_PAYLOAD" : "COOKIE";
        if (retry != null) {
            sink.report(Finding.of(code, Severity.INFO, Confidence.CONFIRMED)
                    .title("IKE_SA_INIT answered with " + name + ": " + x.initiator().ip() + " tried again"
                            + (answer != null ? " and " + x.responder().ip() + " accepted" : ""))
                    .explanation("The responder asked for " + what + " with a cleartext " + name + " notification,"
                            + " and the initiator sent IKE_SA_INIT again (frame " + retry.frame() + ")"
                            + (answer != null ? ", which the responder accepted (frame " + answer.frame() + ")." : ".")
                            + (ke ? " It works, at the cost of a round trip on every new IKE SA: the initiator's"
                            + " first choice of group is not one the responder accepts."
                            : " This is the protocol working as designed; it costs a round trip."))
                    .evidence(evidence)
                    .remediation(ke ? "Put the group the responder wants first in the initiator's proposal (ASA"
                            + " crypto ikev2 policy group order; strongSwan the first DH group in proposals= / ike=)."
                            : "Nothing to change unless it happens all the time: then look at the responder's load"
                            + " and its cookie threshold (strongSwan charon.cookie_threshold; ASA crypto ikev2"
                            + " cookie-challenge).")
                    .build());
            return;
        }
        sink.report(Finding.of(code, Severity.ERROR, Confidence.LIKELY)
                .title("IKE_SA_INIT answered with " + name + " and " + x.initiator().ip() + " did not try again")
                .explanation("The responder asked for " + what + " with a cleartext " + name + " notification and"
                        + " keeps no state until the initiator tries again; the initiator never did, so no IKE SA"
                        + " exists." + (ke ? " The initiator offers no group the responder accepts in a way it"
                        + " can retry with: it proposes only the group it sent a key for, or ignores the"
                        + " notification." : " Some clients do not support the cookie exchange."))
                .evidence(evidence)
                .remediation(ke ? "Configure a Diffie-Hellman group both ends accept, first in the initiator's"
                        + " proposal (ASA crypto ikev2 policy group; strongSwan proposals= / ike=)."
                        : "Check the initiator's support for IKEv2 cookies (RFC 7296 section 2.6), or raise the"
                        + " responder's cookie threshold if it is not under attack.")
                .build());
    }

    /** The DH group an INVALID_KE_PAYLOAD asks for (its 2-byte data), or 0 when the bytes are not kept. */
    private static int groupAsked(MessageView m) {
        for (PayloadView p : m.payloads()) {
            if (p.payloadType() == PayloadType.V2_N && p.bodyAvailable() && p.body().length() >= 6
                    && p.body().getUnsignedShort(2) == Ikev2NotifyType.INVALID_KE_PAYLOAD.code()) {
                int spi = p.body().getUnsignedByte(1);
                return p.body().length() >= 6 + spi ? p.body().getUnsignedShort(4 + spi) : 0;
            }
        }
        return 0;
    }

    private static MessageView messageAt(ExchangeView x, long frame) {
        for (MessageView m : x.messages()) {
            if (m.frame() == frame) {
                return m;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- across the capture

    /**
     * The refusals reported as {@code policy.mismatch} before the capture showed the responder
     * accepting one of the same proposals from another peer (in an exchange finished later): the
     * missing peer configuration is reported here, as a finding of the capture that cites both.
     */
    @Override
    public synchronized void endOfCapture(List<ExchangeView> exchanges, FindingSink sink) {
        Responders all = new Responders();
        for (ExchangeView x : exchanges) {
            all.learn(x);
        }
        // The answered exchanges by responder, made once when the first refusal needs them (a scan of
        // every exchange per refusal grew with the square of the capture).
        Map<String, List<Answered>> answeredBy = null;
        for (ExchangeView x : exchanges) {
            if (!reportedRefusals.contains(x.ispi())) {
                continue;
            }
            Optional<Responders.Accepted> same = all.acceptedFromOthers(x);
            List<NotificationView> refused = Evidence.notifications(x, Side.RESPONDER,
                    x.version() == 2 ? IKEV2_REFUSALS : POLICY_REFUSALS);
            if (same.isEmpty() || refused.isEmpty() || x.messages().isEmpty()) {
                continue;
            }
            List<Long> evidence = new ArrayList<>();
            evidence.add(x.messages().get(0).frame());
            evidence.add(refused.get(0).frame());
            if (answeredBy == null) {
                answeredBy = answeredByResponder(exchanges);
            }
            for (Answered o : answeredBy.getOrDefault(x.responder().ip(), List.of())) {
                if (!o.ispi().equals(x.ispi()) && same.get().from().contains(o.initiator())) {
                    evidence.add(o.frame());
                }
            }
            sink.report(notConfiguredFinding(x, refused.get(0).name(), x.messages().get(0).step(), same.get(),
                    "later in the capture (after the exchange " + x.ispi() + " was reported as policy.mismatch) ")
                    .evidence(evidence).build());
        }
        reportedRefusals.clear();
        responders.clear();
    }

    /** An exchange its responder answered: what a refusal's evidence cites of it. */
    private record Answered(String ispi, String initiator, long frame) {
    }

    /** The exchanges with an answer, by responder address, in list order. */
    private static Map<String, List<Answered>> answeredByResponder(List<ExchangeView> exchanges) {
        Map<String, List<Answered>> out = new HashMap<>();
        for (ExchangeView o : exchanges) {
            MessageView answer = Evidence.firstFrom(o, Side.RESPONDER);
            if (answer != null) {
                out.computeIfAbsent(o.responder().ip(), k -> new ArrayList<>())
                        .add(new Answered(o.ispi(), o.initiator().ip(), answer.frame()));
            }
        }
        return out;
    }
}
