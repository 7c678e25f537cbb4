package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.NotifyType;

/**
 * Questions the built-in diagnostics ask of an {@link ExchangeView}, answered once here so that
 * two plugins looking at the same evidence read it the same way (e.g. "the MM5s went to UDP 4500
 * and nothing came back" decides both {@code natt.port-4500-blocked} and the confidence of
 * {@code auth.psk-mismatch}). Only the public plugin API is used: the built-ins are ordinary
 * plugins.
 */
final class Evidence {
    /** The NAT-T port (RFC 3947 section 4). */
    static final int NAT_T_PORT = 4500;
    /** The IKE port (RFC 2408 section 2.5.2 / IANA). */
    static final int IKE_PORT = 500;

    private Evidence() {
    }

    // ---------------------------------------------------------------- exchange kinds

    /** An IKEv1 main- or aggressive-mode exchange whose phase 1 is in the capture. */
    static boolean ikev1PhaseOne(ExchangeView x) {
        return x.version() == 1 && !x.startedBeforeCapture()
                && (x.mode() == ExchangeMode.MAIN || x.mode() == ExchangeMode.AGGRESSIVE);
    }

    static boolean aggressive(ExchangeView x) {
        return x.mode() == ExchangeMode.AGGRESSIVE;
    }

    // ---------------------------------------------------------------- messages

    /** Every copy of {@code step} (first copy and retransmissions), in capture order. */
    static List<MessageView> all(ExchangeView x, Step step) {
        List<MessageView> out = new ArrayList<>();
        // By index: the views' lists are random access, and an iterator per call adds up.
        List<MessageView> messages = x.messages();
        for (int i = 0, size = messages.size(); i < size; i++) {
            MessageView m = messages.get(i);
            if (m.step() == step) {
                out.add(m);
            }
        }
        return out;
    }

    /** The first message {@code from} sent, or null (as {@code x.messages(from)}, without the list). */
    static MessageView firstFrom(ExchangeView x, Side from) {
        List<MessageView> messages = x.messages();
        for (int i = 0, size = messages.size(); i < size; i++) {
            MessageView m = messages.get(i);
            if (m.from() == from) {
                return m;
            }
        }
        return null;
    }

    /** True when {@code from} sent a message in this exchange. */
    static boolean sent(ExchangeView x, Side from) {
        return firstFrom(x, from) != null;
    }

    /** The first copy of {@code step}, or null. */
    static MessageView first(ExchangeView x, Step step) {
        List<MessageView> messages = x.messages();
        for (int i = 0, size = messages.size(); i < size; i++) {
            MessageView m = messages.get(i);
            if (m.step() == step) {
                return m;
            }
        }
        return null;
    }

    static boolean has(ExchangeView x, Step step) {
        return first(x, step) != null;
    }

    /** Number of retransmitted copies of {@code step}. */
    static int retransmissions(ExchangeView x, Step step) {
        int n = 0;
        List<MessageView> messages = x.messages();
        for (int i = 0, size = messages.size(); i < size; i++) {
            MessageView m = messages.get(i);
            if (m.step() == step && m.isRetransmission()) {
                n++;
            }
        }
        return n;
    }

    /** Retransmitted copies of {@code step} sent after {@code nanos}. */
    static int retransmissionsAfter(ExchangeView x, Step step, long nanos) {
        int n = 0;
        for (MessageView m : x.messages()) {
            if (m.step() == step && m.isRetransmission() && m.timeNanos() > nanos) {
                n++;
            }
        }
        return n;
    }

    /** Messages {@code from} sent at or after {@code nanos}. */
    static List<MessageView> sentAfter(ExchangeView x, Side from, long nanos) {
        List<MessageView> out = new ArrayList<>();
        for (MessageView m : x.messages()) {
            if (m.from() == from && m.timeNanos() >= nanos) {
                out.add(m);
            }
        }
        return out;
    }

    /** Frame numbers of messages (the frame each was listed at: for IP fragments, the last one). */
    static List<Long> frames(Collection<MessageView> messages) {
        List<Long> out = new ArrayList<>();
        for (MessageView m : messages) {
            out.add(m.frame());
        }
        return out;
    }

    @SafeVarargs
    static List<Long> frames(List<MessageView>... lists) {
        List<Long> out = new ArrayList<>();
        for (List<MessageView> l : lists) {
            out.addAll(frames(l));
        }
        return out;
    }

    /** "3 times" / "once" / "twice". */
    static String times(int n) {
        return switch (n) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> n + " times";
        };
    }

    /** Seconds between two capture times, one decimal. */
    static String seconds(long fromNanos, long toNanos) {
        return String.format(Locale.ROOT, "%.1f s", (toNanos - fromNanos) / 1e9);
    }

    // ---------------------------------------------------------------- notifications

    /** Readable (cleartext or decrypted) notifications {@code from} sent with any of {@code types}. */
    static List<NotificationView> notifications(ExchangeView x, Side from, Set<Integer> types) {
        List<NotificationView> out = new ArrayList<>();
        for (NotificationView n : x.notifications()) {
            if (n.from() == from && n.type() >= 0 && types.contains(n.type())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Readable notifications carried by the message in {@code frame}. */
    static List<Integer> notifyTypesOf(ExchangeView x, MessageView m) {
        List<Integer> out = new ArrayList<>(m.notifyTypes());
        for (NotificationView n : x.notifications()) {
            if (n.frame() == m.frame() && n.type() >= 0 && !out.contains(n.type())) {
                out.add(n.type());
            }
        }
        return out;
    }

    static String notifyName(int type) {
        return NotifyType.nameOf(type);
    }

    // ---------------------------------------------------------------- proposals

    /** How phase 1 authenticates, as far as the proposals show. */
    enum Auth { PSK, SIGNATURES, OTHER, UNKNOWN }

    static Auth auth(ExchangeView x) {
        Optional<ProposalView> chosen = x.chosenProposal();
        if (chosen.isPresent() && chosen.get().authMethod() != 0) {
            return auth(chosen.get().authMethod());
        }
        Auth seen = Auth.UNKNOWN;
        for (ProposalView p : x.offeredProposals()) {
            Auth a = auth(p.authMethod());
            if (a == Auth.PSK) {
                return Auth.PSK;
            }
            if (a != Auth.UNKNOWN) {
                seen = a;
            }
        }
        return seen;
    }

    private static Auth auth(int code) {
        AuthMethod m = AuthMethod.of(code);
        return switch (m) {
            case PRE_SHARED_KEY, XAUTH_INIT_PRE_SHARED, XAUTH_RESP_PRE_SHARED -> Auth.PSK;
            case DSS_SIGNATURES, RSA_SIGNATURES, ECDSA_SIGNATURES, ECDSA_SHA256_P256, ECDSA_SHA384_P384,
                 ECDSA_SHA512_P521, XAUTH_INIT_RSA, XAUTH_RESP_RSA, XAUTH_INIT_DSS, XAUTH_RESP_DSS,
                 HYBRID_INIT_RSA, HYBRID_RESP_RSA, HYBRID_INIT_DSS, HYBRID_RESP_DSS -> Auth.SIGNATURES;
            case UNKNOWN -> Auth.UNKNOWN;
            default -> Auth.OTHER;
        };
    }

    /** "AES-CBC-256 SHA2-256 group 14 PSK, lifetime 86400 s" (the ASA's HAGLE: hash, auth, group, lifetime, encryption). */
    static String describe(ProposalView p) {
        StringBuilder b = new StringBuilder();
        b.append(p.encryptionName().isEmpty() ? "enc " + p.encryption() : p.encryptionName());
        if (p.keyLength() > 0) {
            b.append('-').append(p.keyLength());
        }
        if (p.hash() != 0) {
            b.append(' ').append(hashName(p.hash()));
        } else if (p.integrity() != 0) {
            b.append(' ').append(p.integrityName());
        }
        if (p.group() != 0) {
            b.append(" group ").append(p.group());
            DhGroup g = DhGroup.of(p.group());
            if (g != DhGroup.UNKNOWN) {
                b.append(" (").append(g.shortName()).append(')');
            }
        }
        if (p.authMethod() != 0) {
            b.append(' ').append(p.authMethodName().isEmpty() ? "auth " + p.authMethod() : p.authMethodName());
        }
        if (p.lifetimeSeconds() > 0) {
            b.append(", lifetime ").append(p.lifetimeSeconds()).append(" s");
        }
        return b.toString();
    }

    /** The IKEv1 hash algorithm's name, {@code SHA1} rather than the registry's {@code SHA} so that it says which SHA. */
    static String hashName(int code) {
        return code == IkeHashAlgorithm.SHA.code() ? "SHA1" : IkeHashAlgorithm.nameOf(code);
    }

    static String describeAll(List<ProposalView> ps) {
        if (ps.isEmpty()) {
            return "(not seen)";
        }
        List<String> out = new ArrayList<>();
        for (ProposalView p : ps) {
            out.add(describe(p));
        }
        return String.join("; ", out);
    }

    // ---------------------------------------------------------------- shared verdicts

    /**
     * The capture misses one direction of this exchange: every message comes from one side, yet
     * that side sent steps it could only send after receiving answers that are not in the capture
     * (MM3 needs MM2, MM5 needs MM4, AM3 needs AM2, MM4 needs MM3...). Returns those messages, or
     * an empty list.
     */
    static List<MessageView> oneDirectionGap(ExchangeView x) {
        if (x.messages().isEmpty()) {
            return List.of();
        }
        boolean fromInitiator = sent(x, Side.INITIATOR);
        boolean fromResponder = sent(x, Side.RESPONDER);
        if (fromInitiator && fromResponder) {
            return List.of();
        }
        List<MessageView> out = new ArrayList<>();
        for (MessageView m : x.messages()) {
            if (m.isRetransmission()) {
                continue;
            }
            boolean needsAnswer = switch (m.step()) {
                case MM3, MM5, AM3, MM4, MM6, QM3 -> true;
                case MM2, AM2 -> fromResponder;
                case QM2 -> true;
                default -> false;
            };
            if (needsAnswer) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * NAT-T was negotiated (or the peers floated), the initiator sent phase-1 messages to UDP 4500,
     * and nothing came back from the responder on 4500 while it did answer on 500. Returns the
     * unanswered 4500 messages, or an empty list.
     */
    static List<MessageView> unanswered4500(ExchangeView x) {
        if (!ikev1PhaseOne(x) || aggressive(x) || x.phase1Complete()) {
            return List.of();
        }
        List<MessageView> to4500 = new ArrayList<>();
        boolean answeredOn500 = false;
        boolean answeredOn4500 = false;
        for (MessageView m : x.messages()) {
            boolean natPort = m.nonEspMarker() || m.destinationPort() == NAT_T_PORT || m.sourcePort() == NAT_T_PORT;
            if (m.from() == Side.INITIATOR && natPort && (m.step() == Step.MM3 || m.step() == Step.MM5)) {
                to4500.add(m);
            } else if (m.from() == Side.RESPONDER) {
                if (natPort && !to4500.isEmpty()) {
                    answeredOn4500 = true;
                } else if (!natPort) {
                    answeredOn500 = true;
                }
            }
        }
        boolean natT = x.nat().natTNegotiated() || x.nat().floatedTo4500();
        return natT && answeredOn500 && !answeredOn4500 && !to4500.isEmpty() ? to4500 : List.of();
    }

    /**
     * The IKEv1 phase-1 message an initiator is stuck on (MM3 in MM_WAIT_MSG4, MM5 in
     * MM_WAIT_MSG6) left as IP fragments and was never answered, or its answer came as IP
     * fragments the initiator behaved as if it never got.
     *
     * @param stuck            MM3 or MM5
     * @param answerStep       MM4 or MM6
     * @param answerFragmented the answer was seen, as IP fragments
     * @param frames           the fragments' frames
     */
    record FragmentStall(Step stuck, Step answerStep, boolean answerFragmented, List<Long> frames) {
    }

    /**
     * A phase 1 that failed where an IP-fragmented message was never answered, with no incomplete
     * fragment set in the capture (those are diagnosed apart): the fragments may be lost past the
     * capture point. Empty when the capture ends mid-exchange.
     */
    static Optional<FragmentStall> fragmentStall(ExchangeView x) {
        boolean failed = !x.startedBeforeCapture() && !x.messages().isEmpty() && !x.initiatorState().active();
        if (!failed || !x.incompleteFragmentSets().isEmpty() || !ikev1PhaseOne(x) || Window.endsMidExchange(x)) {
            return Optional.empty();
        }
        Step stuck = switch (x.initiatorState()) {
            case MM_WAIT_MSG4 -> Step.MM3;
            case MM_WAIT_MSG6 -> Step.MM5;
            default -> null;
        };
        if (stuck == null) {
            return Optional.empty();
        }
        List<MessageView> copies = all(x, stuck);
        List<Long> frames = new ArrayList<>();
        for (MessageView m : copies) {
            frames.addAll(m.ipFragmentFrames());
        }
        Step answerStep = stuck == Step.MM3 ? Step.MM4 : Step.MM6;
        List<MessageView> answer = all(x, answerStep);
        for (MessageView m : answer) {
            frames.addAll(m.ipFragmentFrames());
        }
        boolean otherAnswers = !copies.isEmpty() && !sentAfter(x, Side.RESPONDER, copies.get(0).timeNanos()).isEmpty();
        if (frames.isEmpty() || otherAnswers && answer.isEmpty()) {
            return Optional.empty();
        }
        boolean answerFragmented = answer.stream().anyMatch(m -> !m.ipFragmentFrames().isEmpty());
        return Optional.of(new FragmentStall(stuck, answerStep, answerFragmented, frames));
    }

    /**
     * The phase-1 stall of {@code x} is diagnosed by the path diagnostics (UDP 4500 filtered, IP
     * fragments lost): one finding per stuck point, so the state-based diagnosis (tunnel-group,
     * pre-shared key) stays silent and is named there as the other cause.
     */
    static boolean pathExplainsStall(ExchangeView x) {
        return !unanswered4500(x).isEmpty() || fragmentStall(x).isPresent() || !x.incompleteFragmentSets().isEmpty()
                && !x.initiatorState().active();
    }
}
