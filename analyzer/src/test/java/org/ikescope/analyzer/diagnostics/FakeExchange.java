package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ikescope.analyzer.plugins.Views;
import org.ikescope.api.plugin.EspView;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentSetView;
import org.ikescope.api.plugin.IcmpErrorView;
import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NatView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.plugin.VendorIdView;

/**
 * A hand-made exchange for unit tests: messages are added one per second from frame 1 on, in the
 * order written, and the result is a {@link Views.Exchange} as the analyzer would build it.
 */
final class FakeExchange {
    static final String I_IP = "192.0.2.1";
    static final String R_IP = "198.51.100.1";
    private static final long SECOND = 1_000_000_000L;

    private final String ispi;
    private final ExchangeMode mode;
    private int version = 1;
    private Phase1State initiatorState = Phase1State.NONE;
    private Phase1State responderState = Phase1State.NONE;
    private String file = "test.pcap";
    private String initiatorIp = I_IP;
    private String responderIp = R_IP;
    private long startNanos = 1_000 * SECOND;
    private final List<MessageView> messages = new ArrayList<>();
    private final List<NotificationView> notifications = new ArrayList<>();
    private final List<QuickModeView> quickModes = new ArrayList<>();
    private final List<EspView> esp = new ArrayList<>();
    private final List<IcmpErrorView> icmp = new ArrayList<>();
    private final List<FragmentSetView> fragments = new ArrayList<>();
    private ProposalView chosen;
    private final List<ProposalView> offered = new ArrayList<>();
    private IdentityView initiatorId;
    private NatView nat = Views.Nat.NONE;
    private boolean decrypted;
    private long timeToActive = -1;
    /** Seconds the capture goes on after the last message; negative: the window is not known. */
    private long captureAfter = -1;

    private FakeExchange(String ispi, ExchangeMode mode) {
        this.ispi = ispi;
        this.mode = mode;
    }

    static FakeExchange main(String ispi) {
        return new FakeExchange(ispi, ExchangeMode.MAIN);
    }

    static FakeExchange aggressive(String ispi) {
        return new FakeExchange(ispi, ExchangeMode.AGGRESSIVE);
    }

    static FakeExchange ikev2(String ispi) {
        FakeExchange f = new FakeExchange(ispi, ExchangeMode.IKEV2);
        f.version = 2;
        return f;
    }

    FakeExchange version(int v) {
        this.version = v;
        return this;
    }

    FakeExchange states(Phase1State i, Phase1State r) {
        this.initiatorState = i;
        this.responderState = r;
        return this;
    }

    FakeExchange peers(String initiator, String responder) {
        this.initiatorIp = initiator;
        this.responderIp = responder;
        return this;
    }

    FakeExchange startAt(long seconds) {
        this.startNanos = seconds * SECOND;
        return this;
    }

    FakeExchange active(long nanos) {
        this.timeToActive = nanos;
        return this;
    }

    /** The capture starts with the first message and goes on {@code seconds} after the last one. */
    FakeExchange captureFor(long seconds) {
        this.captureAfter = seconds;
        return this;
    }

    FakeExchange decrypted() {
        this.decrypted = true;
        return this;
    }

    FakeExchange chosen(ProposalView p) {
        this.chosen = p;
        return this;
    }

    FakeExchange offered(ProposalView p) {
        this.offered.add(p);
        return this;
    }

    FakeExchange initiatorId(String ip) {
        this.initiatorId = new Views.Identity(1, false, ip, ImmutableBytes.EMPTY, 5);
        return this;
    }

    FakeExchange nat(NatView n) {
        this.nat = n;
        return this;
    }

    FakeExchange esp(EspView e) {
        this.esp.add(e);
        return this;
    }

    FakeExchange icmp(IcmpErrorView e) {
        this.icmp.add(e);
        return this;
    }

    FakeExchange fragments(FragmentSetView f) {
        this.fragments.add(f);
        return this;
    }

    FakeExchange quickMode(int messageId, QuickModeState state) {
        List<MessageView> qm = new ArrayList<>();
        for (MessageView m : messages) {
            if (m.messageId() == messageId && m.step().quickMode()) {
                qm.add(m);
            }
        }
        List<NotificationView> ns = new ArrayList<>();
        Side initiator = qm.isEmpty() ? Side.INITIATOR : qm.get(0).from();
        quickModes.add(new Views.QuickMode(messageId, initiator, qm, state, Optional.empty(), List.of(), ns, List.of(), List.of()));
        return this;
    }

    /** A message on UDP 500. */
    FakeExchange msg(Step step, Side from) {
        return msg(step, from, 0, 500, false, List.of(), List.of());
    }

    /** A retransmission of the first earlier copy of {@code step}. */
    FakeExchange resend(Step step, Side from) {
        long of = 0;
        for (MessageView m : messages) {
            if (m.step() == step && m.from() == from) {
                of = m.frame();
                break;
            }
        }
        return add(step, from, 0, 500, false, false, 100, of, List.of(), List.of(), List.of());
    }

    FakeExchange msg(Step step, Side from, int messageId, int port, boolean encrypted, List<Integer> notifyTypes,
                     List<PayloadView> payloads) {
        return add(step, from, messageId, port, encrypted, encrypted && decrypted, 100, 0, notifyTypes, payloads,
                List.of());
    }

    FakeExchange add(Step step, Side from, int messageId, int port, boolean encrypted, boolean decryptedMsg,
                     long length, long retransmissionOf, List<Integer> notifyTypes, List<PayloadView> payloads,
                     List<Long> ipFragments) {
        long frame = messages.size() + 1;
        long t = startNanos + frame * SECOND;
        String src = from == Side.INITIATOR ? initiatorIp : responderIp;
        String dst = from == Side.INITIATOR ? responderIp : initiatorIp;
        int type = switch (step) {
            case MM1, MM2, MM3, MM4, MM5, MM6 -> 2;
            case AM1, AM2, AM3 -> 4;
            case QM1, QM2, QM3 -> 32;
            case TRANSACTION -> 6;
            case IKE_SA_INIT_REQUEST, IKE_SA_INIT_RESPONSE, IKE_AUTH_REQUEST, IKE_AUTH_RESPONSE -> 34;
            default -> 5;
        };
        messages.add(new Views.Message(step, from, frame, t, src, port, dst, port, port == 4500, encrypted,
                decryptedMsg, length, retransmissionOf, type, messageId, payloads, notifyTypes, ipFragments,
                List.of()));
        for (int n : notifyTypes) {
            notifications.add(new Views.Notification(n, version == 2, frame, from, encrypted, messageId));
        }
        return this;
    }

    long lastFrame() {
        return messages.size();
    }

    ExchangeView build() {
        long end = messages.isEmpty() ? startNanos : messages.get(messages.size() - 1).timeNanos();
        long start = messages.isEmpty() ? startNanos : messages.get(0).timeNanos();
        return new Views.Exchange(file, ispi, "0000000000000000", version, mode,
                Views.Peer.of(initiatorIp, 500), Views.Peer.of(responderIp, 500), initiatorState, responderState, false,
                Optional.ofNullable(chosen), offered, Optional.ofNullable(initiatorId), Optional.empty(), messages,
                notifications, quickModes, List.of(), esp, icmp, fragments, nat, start, end,
                timeToActive < 0 ? OptionalLong.empty() : OptionalLong.of(timeToActive), false, decrypted,
                Optional.empty(), List.<Finding>of(), captureAfter < 0 ? OptionalLong.empty() : OptionalLong.of(start),
                captureAfter < 0 ? OptionalLong.empty() : OptionalLong.of(end + captureAfter * SECOND));
    }

    /** A phase-1 transform (IKEv1 codes; the view names them from the registries). */
    static ProposalView proposal(int encryption, int hash, int group, int auth) {
        return new Views.Proposal(false, 1, 1, ProposalView.PROTO_ISAKMP, ImmutableBytes.EMPTY, 1, encryption, 0, hash,
                0, 0, auth, group, 86400, 0, List.of());
    }

    /** A NAT-T vendor ID known by its catalogue name. */
    static VendorIdView natT(String name) {
        return new Views.VendorId(ImmutableBytes.EMPTY, name, true);
    }
}
