package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.EspTransformId;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.IpsecAuthAlgorithm;
import org.ikescope.api.protocol.ProtocolId;

/**
 * Weak cryptography in the proposals, and aggressive mode handing out a crackable hash.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><td>{@code crypto.weak-proposal}</td><td>DES, 3DES, MD5, SHA-1, DH groups 1/2/5/22/23/24 (and NULL
 *       encryption in phase 2): {@code warning} when chosen, {@code info} when only offered; one finding per
 *       responder (and phase, chosen or offered) at the end of the capture, naming the peers it concerns</td></tr>
 *   <tr><td>{@code crypto.aggressive-psk-exposed}</td><td>aggressive mode with a pre-shared key, answered</td></tr>
 * </table>
 *
 * <p>"Weak" follows current guidance (NIST SP 800-131A, RFC 8247 for IKEv2 algorithm choices):
 * 64-bit block ciphers and MD5/SHA-1 integrity, DH groups below 2048 bits and the RFC 5114 groups
 * with small subgroups.
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class CryptoPolicyDiagnostics implements DiagnosticPlugin, EndOfCaptureHook {
    /** Plugin id. */
    public static final String ID = "builtin.crypto";

    /** DH groups considered weak: 768/1024/1536-bit MODP, and the RFC 5114 groups 22-24. */
    private static final Set<Integer> WEAK_GROUPS = Set.of(DhGroup.MODP_768.code(), DhGroup.MODP_1024.code(),
            DhGroup.MODP_1536.code(), DhGroup.MODP_1024_S160.code(), DhGroup.MODP_2048_S224.code(),
            DhGroup.MODP_2048_S256.code());

    /** Responders (with phase and chosen/offered) followed; more are counted in the last finding. */
    static final int MAX_GROUPS = 10_000;
    /** Peers named, and frames cited, per responder. */
    static final int MAX_PEERS = 1_000;
    static final int MAX_FRAMES = 200;

    /**
     * The weak policies seen so far, one entry per responder, phase and chosen/offered (state kept
     * across calls): a fleet of peers on SHA-1 and group 2 is one line per responder, not one per
     * exchange.
     */
    private final Map<Group, Weak> weak = new LinkedHashMap<>();

    /**
     * What a {@link Weak} is kept by: the capture file, the responder, the phase and chosen or
     * offered. A class rather than the four joined into a string (made and hashed for every
     * exchange) or a record (whose hashCode and equals are method handles, slow under C1).
     */
    private static final class Group {
        final String file;
        final String responder;
        final String phase;
        final boolean chosen;

        Group(String file, String responder, String phase, boolean chosen) {
            this.file = file;
            this.responder = responder;
            this.phase = phase;
            this.chosen = chosen;
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(file) * 31 + Objects.hashCode(responder)) * 31 + phase.hashCode()) * 31
                    + (chosen ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Group g && g.chosen == chosen && Objects.equals(g.responder, responder)
                    && g.phase.equals(phase) && Objects.equals(g.file, file);
        }
    }

    /** What is reported at the end of the capture for one responder, phase and chosen/offered. */
    private static final class Weak {
        final String responder;
        final String phase;
        final boolean chosen;
        final boolean ikev2;
        final Set<String> weaknesses = new LinkedHashSet<>();
        final Set<String> policies = new LinkedHashSet<>();
        final Set<String> peers = new LinkedHashSet<>();
        final List<Long> frames = new ArrayList<>();
        int exchanges;

        Weak(String responder, String phase, boolean chosen, boolean ikev2) {
            this.responder = responder;
            this.phase = phase;
            this.chosen = chosen;
            this.ikev2 = ikev2;
        }

        /** True while policies are still listed: the caller then {@link #policy adds} this exchange's. */
        boolean wantsPolicy() {
            return policies.size() < 3;
        }

        void policy(String description) {
            policies.add(description);
        }

        /** True while frames are still cited: the caller then {@link #frames adds} this exchange's. */
        boolean wantsFrames() {
            return frames.size() < MAX_FRAMES;
        }

        void frames(List<Long> more) {
            for (Long f : more) {
                if (frames.size() < MAX_FRAMES) {
                    frames.add(f);
                }
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Weak IKE/IPsec algorithms offered or chosen, and aggressive mode exposing the PSK hash";
    }

    @Override
    public synchronized void analyze(ExchangeView x, FindingSink sink) {
        phaseOne(x);
        phaseTwo(x);
        aggressive(x, sink);
    }

    /**
     * Counts the exchange in its group and notes its weaknesses and initiator; returns the group,
     * whose policy and frames the caller adds while it {@link Weak#wantsPolicy wants} them (made
     * only then, and without a lambda per exchange), or null when there are too many groups.
     */
    private Weak note(ExchangeView x, String phase, boolean chosen, Set<String> weaknesses) {
        Group key = new Group(x.file(), x.responder().ip(), phase, chosen);
        Weak w = weak.get(key);
        if (w == null) {
            if (weak.size() >= MAX_GROUPS) {
                return null;
            }
            w = new Weak(x.responder().ip(), phase, chosen, x.version() == 2);
            weak.put(key, w);
        }
        w.exchanges++;
        w.weaknesses.addAll(weaknesses);
        if (w.peers.size() < MAX_PEERS) {
            w.peers.add(x.initiator().ip());
        }
        return w;
    }

    /** One finding per responder, phase and chosen/offered. */
    @Override
    public synchronized void endOfCapture(List<ExchangeView> exchanges, FindingSink sink) {
        for (Weak w : weak.values()) {
            String peers = peers(w);
            String list = String.join(", ", w.weaknesses);
            if (w.chosen) {
                report(sink, Severity.WARNING, "Responder " + w.responder + " chose a weak " + w.phase + " policy for "
                                + peers + ": " + list,
                        "The responder chose " + String.join("; ", w.policies) + " for the " + sa(w.phase)
                                + (w.exchanges > 1 ? " in " + w.exchanges + " exchanges" : "") + " (" + peers(w, true)
                                + "). " + explain(w.weaknesses) + (w.exchanges > 1 ? " The tunnels work, but they are"
                                + " protected" : " The tunnel works, but it is protected") + " by algorithms that no"
                                + " longer give the margin expected of a VPN.",
                        w.frames, w.ikev2);
            } else {
                report(sink, Severity.INFO, "Weak algorithms offered to " + w.responder + " in " + w.phase + " by "
                                + peers + ": " + list,
                        "The proposals of " + peers(w, true) + " include " + list + (w.exchanges > 1 ? " (in "
                                + w.exchanges + " exchanges)" : "") + ". " + explain(w.weaknesses)
                                + " Offering them lets a misconfigured or downgraded peer settle on them.",
                        w.frames, w.ikev2);
            }
        }
        weak.clear();
    }

    private static String sa(String phase) {
        return switch (phase) {
            case "IKE SA" -> "IKE SA";
            case "phase-2" -> "IPsec SAs";
            default -> "phase-1 SA";
        };
    }

    /** "7 peers" / "192.0.2.1". */
    private static String peers(Weak w) {
        return w.peers.size() == 1 ? w.peers.iterator().next() : w.peers.size() + " peers";
    }

    /** The peers by address, at most ten. */
    private static String peers(Weak w, boolean listed) {
        List<String> all = new ArrayList<>(w.peers);
        String shown = all.size() <= 10 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 10)) + " and " + (all.size() - 10) + " more";
        return (all.size() == 1 ? "peer " : "peers ") + shown;
    }

    // ---------------------------------------------------------------- weak proposals

    private void phaseOne(ExchangeView x) {
        Optional<ProposalView> chosen = x.chosenProposal();
        String phase = x.version() == 2 ? "IKE SA" : "phase-1";
        if (chosen.isPresent()) {
            Set<String> weak = weaknesses(chosen.get());
            if (!weak.isEmpty()) {
                Weak w = note(x, phase, true, weak);
                if (w != null && w.wantsPolicy()) {
                    w.policy(Evidence.describe(chosen.get()));
                }
                if (w != null && w.wantsFrames()) {
                    w.frames(frames(firstOf(x, Step.MM1, Step.AM1, Step.IKE_SA_INIT_REQUEST),
                            firstOf(x, Step.MM2, Step.AM2, Step.IKE_SA_INIT_RESPONSE)));
                }
                return;
            }
        }
        Set<String> offeredWeak = new LinkedHashSet<>();
        for (ProposalView p : x.offeredProposals()) {
            offeredWeak.addAll(weaknesses(p));
        }
        if (!offeredWeak.isEmpty()) {
            Weak w = note(x, phase, false, offeredWeak);
            if (w != null && w.wantsPolicy()) {
                w.policy(Evidence.describeAll(x.offeredProposals()));
            }
            if (w != null && w.wantsFrames()) {
                w.frames(frames(firstOf(x, Step.MM1, Step.AM1, Step.IKE_SA_INIT_REQUEST), null));
            }
        }
    }

    /** The frames of a quick mode's messages, retransmissions left out. */
    private static List<Long> firstCopies(QuickModeView q) {
        List<Long> ev = new ArrayList<>();
        for (MessageView m : q.messages()) {
            if (!m.isRetransmission()) {
                ev.add(m.frame());
            }
        }
        return ev;
    }

    private void phaseTwo(ExchangeView x) {
        for (QuickModeView q : x.quickModes()) {
            if (q.chosenProposal().isPresent()) {
                Set<String> weak = weaknesses(q.chosenProposal().get());
                if (!weak.isEmpty()) {
                    Weak w = note(x, "phase-2", true, weak);
                    if (w != null && w.wantsPolicy()) {
                        w.policy(Evidence.describe(q.chosenProposal().get()));
                    }
                    if (w != null && w.wantsFrames()) {
                        w.frames(firstCopies(q));
                    }
                    continue;
                }
            }
            Set<String> offeredWeak = new LinkedHashSet<>();
            for (ProposalView p : q.offeredProposals()) {
                offeredWeak.addAll(weaknesses(p));
            }
            if (!offeredWeak.isEmpty()) {
                Weak w = note(x, "phase-2", false, offeredWeak);
                if (w != null && w.wantsPolicy()) {
                    w.policy(Evidence.describeAll(q.offeredProposals()));
                }
                if (w != null && w.wantsFrames()) {
                    w.frames(firstCopies(q));
                }
            }
        }
    }

    private static void report(FindingSink sink, Severity s, String title, String explanation, List<Long> evidence,
                               boolean ikev2) {
        sink.report(Finding.of("crypto.weak-proposal", s, Confidence.CONFIRMED)
                .title(title)
                .explanation(explanation)
                .evidence(evidence)
                .remediation(ikev2
                        ? "Prefer AES (CBC or GCM), SHA-256 or better, DH group 14, 19, 20 or 21: ASA crypto ikev2"
                        + " policy / ipsec-proposal; strongSwan proposals= / esp_proposals= in swanctl.conf."
                        : "Move both peers to AES, SHA-256 or better and DH group 14 or higher (19/20/21 where"
                        + " supported): ASA crypto ikev1 policy <n> (encryption aes-256, hash sha, group 14) and"
                        + " crypto ipsec ikev1 transform-set (esp-aes-256 esp-sha-hmac) with set pfs group14 in"
                        + " the crypto map; strongSwan ike= and esp= in ipsec.conf or proposals= in swanctl.conf."
                        + " Remove the weak entries so they cannot be negotiated; consider IKEv2.")
                .build());
    }

    /** The weak parts of a proposal, by name. */
    static Set<String> weaknesses(ProposalView p) {
        Set<String> out = new LinkedHashSet<>();
        boolean phaseTwo = !p.ikev2() && p.protocolId() != ProtocolId.PROTO_ISAKMP.code() && p.protocolId() != 0;
        if (p.ikev2()) {
            Ikev2EncryptionAlgorithm e = Ikev2EncryptionAlgorithm.of(p.encryption());
            switch (e) {
                case ENCR_DES, ENCR_DES_IV64, ENCR_DES_IV32 -> out.add("DES");
                case ENCR_3DES -> out.add("3DES");
                case ENCR_NULL -> out.add("NULL encryption");
                default -> { }
            }
            Ikev2IntegrityAlgorithm h = Ikev2IntegrityAlgorithm.of(p.integrity());
            switch (h) {
                case AUTH_HMAC_MD5_96, AUTH_HMAC_MD5_128, AUTH_KPDK_MD5 -> out.add("MD5");
                case AUTH_HMAC_SHA1_96, AUTH_HMAC_SHA1_160 -> out.add("SHA1");
                case AUTH_DES_MAC -> out.add("DES-MAC");
                default -> { }
            }
        } else if (phaseTwo) {
            if (p.protocolId() == ProtocolId.PROTO_IPSEC_ESP.code()) {
                EspTransformId e = EspTransformId.of(p.transformId() != 0 ? p.transformId() : p.encryption());
                switch (e) {
                    case ESP_DES, ESP_DES_IV64, ESP_DES_IV32 -> out.add("DES");
                    case ESP_3DES -> out.add("3DES");
                    case ESP_NULL -> out.add("NULL encryption");
                    default -> { }
                }
            }
            IpsecAuthAlgorithm h = IpsecAuthAlgorithm.of(p.integrity());
            switch (h) {
                case HMAC_MD5 -> out.add("MD5");
                case HMAC_SHA -> out.add("SHA1");
                default -> { }
            }
        } else {
            IkeEncryptionAlgorithm e = IkeEncryptionAlgorithm.of(p.encryption());
            switch (e) {
                case DES_CBC -> out.add("DES");
                case TRIPLE_DES_CBC -> out.add("3DES");
                default -> { }
            }
            IkeHashAlgorithm h = IkeHashAlgorithm.of(p.hash());
            switch (h) {
                case MD5 -> out.add("MD5");
                case SHA -> out.add("SHA1");
                default -> { }
            }
        }
        if (WEAK_GROUPS.contains(p.group())) {
            out.add("DH group " + p.group() + " (" + DhGroup.of(p.group()).shortName() + ")");
        }
        return out;
    }

    private static String explain(Set<String> weak) {
        List<String> why = new ArrayList<>();
        String all = String.join(" ", weak);
        if (all.contains("3DES") || all.contains("DES")) {
            why.add("DES and 3DES are 64-bit block ciphers (DES is broken outright; 3DES is exposed to"
                    + " birthday attacks such as Sweet32 on long-lived SAs)");
        }
        if (all.contains("MD5") || all.contains("SHA1")) {
            why.add("MD5 and SHA-1 are deprecated hash functions; current guidance for IKE and IPsec is"
                    + " SHA-256 or better");
        }
        if (all.contains("DH group")) {
            why.add("DH groups 1, 2 and 5 (768-1536-bit MODP) are within reach of well-funded attackers"
                    + " (Logjam), and groups 22-24 have small subgroups; group 14 or an elliptic group"
                    + " (19, 20, 21) is the minimum");
        }
        if (all.contains("NULL")) {
            why.add("NULL encryption sends the traffic in clear");
        }
        return String.join("; ", why) + ".";
    }

    private static MessageView firstOf(ExchangeView x, Step... steps) {
        for (Step s : steps) {
            MessageView m = Evidence.first(x, s);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static List<Long> frames(MessageView a, MessageView b) {
        List<Long> out = new ArrayList<>();
        if (a != null) {
            out.add(a.frame());
        }
        if (b != null) {
            out.add(b.frame());
        }
        return out;
    }

    // ---------------------------------------------------------------- aggressive mode

    private static void aggressive(ExchangeView x, FindingSink sink) {
        if (!Evidence.ikev1PhaseOne(x) || !Evidence.aggressive(x) || Evidence.auth(x) != Evidence.Auth.PSK) {
            return;
        }
        MessageView am2 = Evidence.first(x, Step.AM2);
        if (am2 == null) {
            return;
        }
        MessageView am1 = Evidence.first(x, Step.AM1);
        boolean completed = Evidence.has(x, Step.AM3);
        String id = x.responderIdentity().map(v -> " (responder identity " + v.value() + ")").orElse("");
        sink.report(Finding.of("crypto.aggressive-psk-exposed", Severity.WARNING, Confidence.CONFIRMED)
                .title("Aggressive mode with a pre-shared key " + (completed ? "completed" : "answered")
                        + ": HASH_R travelled in clear text" + id)
                .explanation("In aggressive mode the responder sends its identity, its Diffie-Hellman value, the"
                        + " nonces and its authentication hash HASH_R in AM2 without encryption. Whoever sees AM1"
                        + " and AM2 (on the path, or by sending AM1 himself as ike-scan does) can test"
                        + " pre-shared key guesses offline against HASH_R (psk-crack), at full speed and"
                        + " unnoticed. A short or dictionary PSK falls quickly; the ASA accepts aggressive mode"
                        + " by default.")
                .evidence(frames(am1, am2))
                .remediation("Use main mode (ASA: crypto ikev1 am-disable; strongSwan aggressive=no) or"
                        + " certificates; if aggressive mode is needed (remote access with group names), use a"
                        + " long random pre-shared key, XAUTH on top, and restrict which peers may reach UDP"
                        + " 500. Better still, move to IKEv2.")
                .build());
    }
}
