package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.ApiVersion;
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
 *   <tr><td>{@code phase2.proposal-mismatch}</td><td>QM1 answered by NO_PROPOSAL_CHOSEN, or QM2 followed by an
 *       informational instead of QM3</td></tr>
 *   <tr><td>{@code phase2.proxy-id-mismatch}</td><td>QM1 answered by INVALID_ID_INFORMATION</td></tr>
 *   <tr><td>{@code xauth.failed}</td><td>a decrypted XAUTH_STATUS of FAIL</td></tr>
 *   <tr><td>{@code dpd.peer-dead}</td><td>R-U-THERE without R-U-THERE-ACK</td></tr>
 * </table>
 *
 * <p>Without keys an informational answering QM1 can say either of the phase-2 refusals; both
 * codes are then reported as {@code possible}, each naming the other.
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
        xauth(x, sink);
        dpd(x, sink);
    }

    // ---------------------------------------------------------------- quick mode

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
        if (informational == null && !proposal && !proxy) {
            return;
        }
        List<Long> evidence = new ArrayList<>();
        for (MessageView m : msgs) {
            evidence.add(m.frame());
        }
        if (informational != null) {
            evidence.add(informational.frame());
        }
        String mid = Integer.toHexString(q.messageId());
        String who = x.peer(refuser).ip();
        if (proposal) {
            proposalMismatch(x, Confidence.CONFIRMED, who, qm2 == null ? "QM1" : "QM2",
                    "It carries NO_PROPOSAL_CHOSEN.", mid, evidence, sink);
        }
        if (proxy) {
            proxyIdMismatch(x, Confidence.CONFIRMED, who, "It carries INVALID_ID_INFORMATION.", mid, evidence, sink);
        }
        if (proposal || proxy) {
            return;
        }
        if (qm2 == null) {
            String unread = " Without the keys its content is unreadable; a refusal of the transform set and a"
                    + " refusal of the proxy identities look identical here, so both are reported as possible.";
            proposalMismatch(x, Confidence.POSSIBLE, who, "QM1", unread, mid, evidence, sink);
            proxyIdMismatch(x, Confidence.POSSIBLE, who, unread, mid, evidence, sink);
        } else {
            proposalMismatch(x, Confidence.POSSIBLE, who, "QM2", " Without the keys its content is unreadable:"
                    + " the initiator of the quick mode refused the responder's choice, or could not install"
                    + " the SAs it agreed to (a local IPsec failure gives the same picture).", mid, evidence, sink);
        }
    }

    private static void proposalMismatch(ExchangeView x, Confidence c, String who, String refused, String said,
                                         String mid, List<Long> evidence, FindingSink sink) {
        sink.report(Finding.of("phase2.proposal-mismatch", Severity.ERROR, c)
                .title("Phase 2 (quick mode " + mid + ") refused by " + who + " after " + refused
                        + ": no common transform set")
                .explanation("Phase 1 is up, but the IPsec SAs were not created: instead of continuing quick"
                        + " mode, " + who + " answered " + refused + " with an informational message." + said
                        + " A transform-set mismatch means the ESP encryption/integrity, PFS group, mode"
                        + " (tunnel/transport) or lifetime offered in QM1 matches nothing the other side"
                        + " accepts for this traffic. On the ASA, phase 1 stays MM_ACTIVE while the tunnel"
                        + " passes no traffic.")
                .evidence(evidence)
                .remediation("Compare the phase-2 settings on both ends: ASA crypto ipsec ikev1 transform-set and"
                        + " the crypto map's set transform-set / set pfs / set security-association lifetime"
                        + " (show crypto ipsec sa, debug crypto ipsec 127); strongSwan esp= in ipsec.conf or"
                        + " esp_proposals= in swanctl.conf (PFS: add the DH group to esp=).")
                .build());
    }

    private static void proxyIdMismatch(ExchangeView x, Confidence c, String who, String said, String mid,
                                        List<Long> evidence, FindingSink sink) {
        sink.report(Finding.of("phase2.proxy-id-mismatch", Severity.ERROR, c)
                .title("Phase 2 (quick mode " + mid + ") refused by " + who + ": proxy IDs (crypto ACL) do not"
                        + " match")
                .explanation("Phase 1 is up, but " + who + " refused QM1 with an informational message instead of"
                        + " QM2." + said + " A proxy-ID refusal means the traffic selectors in QM1 (local and"
                        + " remote subnets, protocol, ports) are not mirrored by the other side's configuration;"
                        + " an ASA logs it as \"proxy identities not supported\" or finds no crypto map entry"
                        + " for them.")
                .evidence(evidence)
                .remediation("Make the crypto ACLs mirror images of each other: on the ASA the match address ACL"
                        + " of the crypto map entry (and NAT exemption for that traffic), on strongSwan"
                        + " leftsubnet/rightsubnet (ipsec.conf) or local_ts/remote_ts (swanctl.conf). Check"
                        + " show crypto ipsec sa and debug crypto ipsec 127 for the proxy IDs received.")
                .build());
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
}
