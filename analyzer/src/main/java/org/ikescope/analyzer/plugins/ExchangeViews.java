package org.ikescope.analyzer.plugins;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.exchange.MessageBytes;
import org.ikescope.analyzer.exchange.NatDetection;
import org.ikescope.analyzer.exchange.Notification;
import org.ikescope.analyzer.exchange.PayloadShape;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.exchange.QuickMode;
import org.ikescope.api.plugin.AttributeView;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.InformationalView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.api.protocol.IkeAttributeType;
import org.ikescope.api.protocol.Ikev2TransformAttributeType;
import org.ikescope.api.protocol.IpsecAttributeType;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.model.Diagnostic;

/**
 * The read-only views plugins see, over the analyzer's {@link Exchange} records. Most parts of an
 * exchange are views already (peers, vendor IDs, notifications, identities, ESP, ICMP errors,
 * fragment sets implement their view interfaces); what is assembled here are the parts whose
 * shape differs: the exchange itself, messages with their payload views, quick modes,
 * informationals, the NAT view and the suites. Nothing is turned into text and back: the views
 * carry the same codes and enums as the exchange.
 *
 * <p>An {@link Exchange} is a bounded summary (so that a capture of any size analyses in a fixed
 * heap): each message keeps its step, direction, timing, size, notify types and payload kinds.
 * The message's bytes and payload bounds ({@link MessageBytes}) are kept only within the
 * tracker's budget and until the exchange was diagnosed and written: a view built then has each
 * payload's offset and body (a slice of the one copy of the message, not a copy); otherwise
 * {@link MessageView#payloads()} lists type and kind with an empty body, offset -1 and
 * {@link PayloadView#bodyAvailable()} false.
 */
public final class ExchangeViews {
    private static final int PORT_IKE = 500;
    private static final int PORT_NATT = 4500;
    /** {@link PayloadView#offset()} when the summary did not keep it. */
    private static final int OFFSET_NOT_KEPT = -1;
    /** Shapes whose byte-less payload views are kept (as many as {@link PayloadShape} interns). */
    private static final int MAX_UNKEPT_SHAPES = 4_096;
    private static final Map<PayloadShape, List<PayloadView>> UNKEPT = new ConcurrentHashMap<>();

    private ExchangeViews() {
    }

    /** The view of {@code x}. */
    public static ExchangeView of(Exchange x) {
        return of(x, messages(x), chosen(x));
    }

    /**
     * A view of {@code x} that makes its parts when asked: the exchange's own values at once, the
     * messages and the chosen proposal on first use, the rest (quick modes, informationals, NAT,
     * offered proposals...) as {@link #of} makes them, on first use of any of them. For the
     * end-of-capture hooks, which walk every exchange again and mostly read a few values of each.
     */
    static ExchangeView lazy(Exchange x) {
        return new LazyExchangeView(x);
    }

    /** The message views of {@code x}, in order (an immutable list). */
    static List<MessageView> messages(Exchange x) {
        List<ExchangeMessage> all = x.messages();
        if (all.isEmpty()) {
            return List.of();
        }
        MessageView[] out = new MessageView[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = message(x, all.get(i));
        }
        return List.of(out);
    }

    /** The chosen proposal's view. */
    static Optional<ProposalView> chosen(Exchange x) {
        return x.proposal() == null ? Optional.empty() : Optional.of(proposal(x.proposal()));
    }

    /** The view of {@code x} with its message views and chosen proposal already made. */
    static Views.Exchange of(Exchange x, List<MessageView> messages, Optional<ProposalView> chosen) {
        List<ExchangeMessage> all = x.messages();
        // Quick modes list the exchange's own message records: one view per record, shared.
        Map<ExchangeMessage, MessageView> views = null;
        if (!x.quickModes().isEmpty()) {
            views = new IdentityHashMap<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                views.putIfAbsent(all.get(i), messages.get(i));
            }
        }
        List<NotificationView> notifications = shared(x.notifications());
        QuickModeView[] quickModes = new QuickModeView[x.quickModes().size()];
        for (int j = 0; j < quickModes.length; j++) {
            QuickMode q = x.quickModes().get(j);
            MessageView[] qm = new MessageView[q.messages().size()];
            for (int i = 0; i < qm.length; i++) {
                ExchangeMessage m = q.messages().get(i);
                MessageView v = views.get(m);
                if (v == null) {
                    v = message(x, m);
                    views.put(m, v);
                }
                qm[i] = v;
            }
            List<MessageView> qmList = List.of(qm);
            quickModes[j] = new Views.QuickMode(q.messageId(), q.initiator(), qmList, q.state(),
                    q.chosen() == null ? Optional.empty() : Optional.of(proposal(q.chosen())),
                    proposals(q.offered()), notificationsOf(qmList, x.notifications()),
                    List.copyOf(q.proxyIds()), List.copyOf(q.answeredProxyIds()));
        }
        List<InformationalView> informationals = new ArrayList<>(x.informational().size());
        for (Informational i : x.informational()) {
            // One IKEv1 informational is one message and its retransmissions.
            List<MessageView> im = new ArrayList<>(2);
            for (MessageView m : messages) {
                if (m.frame() == i.frame() || m.retransmissionOf() == i.frame()) {
                    im.add(m);
                }
            }
            informationals.add(new Views.Informational(i.messageId(), im, i.answeredBy() != 0,
                    notificationsOf(im, x.notifications()), List.copyOf(i.deletions()),
                    i.dpdSequence() >= 0 ? OptionalLong.of(i.dpdSequence()) : OptionalLong.empty()));
        }
        List<Finding> diagnostics = List.of();
        for (Finding f : x.findings()) {
            if (Diagnostic.SOURCE.equals(f.source())) {
                if (diagnostics.isEmpty()) {
                    diagnostics = new ArrayList<>();
                }
                diagnostics.add(f);
            }
        }
        long toActive = x.timeToEstablishedNanos();
        return new Views.Exchange(x.file() == null ? "" : x.file(), x.ispiHex(), x.rspiHex(), x.version(), x.mode(),
                x.initiator(), x.responder(), x.initiatorState(), x.responderState(), x.stateInferred(),
                chosen,
                proposals(x.offered()),
                Optional.ofNullable(x.initiatorIdentity()), Optional.ofNullable(x.responderIdentity()),
                messages, notifications, List.of(quickModes), informationals, shared(x.esp()),
                shared(x.icmpErrors()), shared(x.incompleteFragmentSets()),
                nat(x), x.startNanos(), x.endNanos(), toActive >= 0 ? OptionalLong.of(toActive) : OptionalLong.empty(),
                x.startedAfterPhase1(), x.decrypted(), Optional.ofNullable(x.decryption()), diagnostics,
                x.window().timed() ? OptionalLong.of(x.window().firstFrameNanos()) : OptionalLong.empty(),
                x.window().timed() ? OptionalLong.of(x.window().lastFrameNanos()) : OptionalLong.empty());
    }

    /**
     * The exchange's own list as a list of the view type it implements: no copy, since the
     * exchange's lists are immutable ({@code List.copyOf}), which the views' {@code List.copyOf}
     * keeps as is. (Lists built here are {@code List.of} of an array for the same reason.)
     */
    @SuppressWarnings("unchecked")
    private static <T> List<T> shared(List<? extends T> immutable) {
        return (List<T>) immutable;
    }

    private static List<ProposalView> proposals(List<Suite> suites) {
        if (suites.isEmpty()) {
            return List.of();
        }
        ProposalView[] out = new ProposalView[suites.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = proposal(suites.get(i));
        }
        return List.of(out);
    }

    private static List<NotificationView> notificationsOf(List<MessageView> messages, List<Notification> all) {
        if (all.isEmpty()) {
            return List.of();
        }
        List<NotificationView> out = new ArrayList<>();
        for (Notification n : all) {
            for (MessageView m : messages) {
                if (m.frame() == n.frame()) {
                    out.add(n);
                    break;
                }
            }
        }
        return out;
    }

    private static MessageView message(Exchange x, ExchangeMessage m) {
        Peer src = x.peer(m.from());
        Peer dst = x.peer(m.from().opposite());
        return new Views.Message(m.step(), m.from(), m.frame(), m.timeNanos(), src == null ? "" : src.ip(), m.srcPort(),
                dst == null ? "" : dst.ip(), m.dstPort(), m.nonEspMarker(), m.encrypted(), m.decrypted(), m.size(),
                m.retransmissionOf(), m.exchangeType(), m.messageId(), payloads(m), m.notifyTypes(), m.ipFragmentFrames(),
                m.ikeFragmentFrames());
    }

    /** Type and kind always; offset and body while the message's bytes are kept (see the class comment). */
    private static List<PayloadView> payloads(ExchangeMessage m) {
        PayloadShape shape = m.payloads();
        if (shape.isEmpty()) {
            return List.of();
        }
        MessageBytes b = m.payloadBytes();
        if (!b.available() || b.payloadCount() != shape.size()) {
            return unkept(shape);
        }
        List<PayloadShape.Kind> kinds = shape.kinds();
        PayloadView[] out = new PayloadView[kinds.size()];
        for (int i = 0; i < out.length; i++) {
            PayloadShape.Kind k = kinds.get(i);
            out[i] = new Views.Payload(k.type(), k.meaning(), b.offset(i), b.body(i));
        }
        return List.of(out);
    }

    /**
     * The payload views of a shape without bytes: the same for every message of that shape, so made
     * once (shapes are interned; the end-of-capture hooks see every exchange again after its bytes went).
     */
    private static List<PayloadView> unkept(PayloadShape shape) {
        List<PayloadView> out = UNKEPT.get(shape);
        if (out == null) {
            List<PayloadView> made = new ArrayList<>(shape.size());
            for (PayloadShape.Kind k : shape.kinds()) {
                made.add(new Views.Payload(k.type(), k.meaning(), OFFSET_NOT_KEPT, ImmutableBytes.EMPTY));
            }
            out = List.copyOf(made);
            if (UNKEPT.size() < MAX_UNKEPT_SHAPES) {
                UNKEPT.putIfAbsent(shape, out);
            }
        }
        return out;
    }

    private static Views.Nat nat(Exchange x) {
        boolean floated = false;
        boolean natD = false;
        for (ExchangeMessage m : x.messages()) {
            // Once seen, not looked for again: PayloadShape.has compares each payload's kind by name.
            natD = natD || m.payloads().has(PayloadType.NAT_D);
            floated |= m.nonEspMarker() || m.dstPort() == PORT_NATT && x.initiator().port() == PORT_IKE;
        }
        NatDetection d = x.natDetection();
        Optional<Boolean> nat = Optional.empty();
        if (Boolean.TRUE.equals(d.initiatorBehindNat()) || Boolean.TRUE.equals(d.responderBehindNat())) {
            nat = Optional.of(true);
        } else if (Boolean.FALSE.equals(d.initiatorBehindNat()) && Boolean.FALSE.equals(d.responderBehindNat())) {
            nat = Optional.of(false);
        } else {
            // The NAT-D hashes leave it open: a rewritten port still shows a NAT.
            if (rewrittenPort(x.initiator()) || rewrittenPort(x.responder())) {
                nat = Optional.of(true);
            }
        }
        return new Views.Nat(floated, natD, natT(x.initiator()), natT(x.responder()), nat,
                Optional.ofNullable(d.initiatorBehindNat()), Optional.ofNullable(d.responderBehindNat()),
                d.natDiscovery(), d.note() == null ? "" : d.note());
    }

    private static boolean rewrittenPort(Peer p) {
        for (int port : p.ports()) {
            if (port != PORT_IKE && port != PORT_NATT) {
                return true;
            }
        }
        return false;
    }

    private static List<VendorIdView> natT(Peer p) {
        List<VendorIdView> out = List.of();
        for (VendorIdView v : p.vendorIds()) {
            if (v.natTraversal()) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                out.add(v);
            }
        }
        return out;
    }

    /**
     * A suite as the API's proposal: the same codes (absent values are 0 on both sides), and its
     * attributes beyond the algorithms (encapsulation mode...) by type and value.
     */
    public static ProposalView proposal(Suite s) {
        AttributeView[] attributes = new AttributeView[s.attributes().size()];
        for (int i = 0; i < attributes.length; i++) {
            Suite.TypedValue a = s.attributes().get(i);
            String name = s.ikev2() ? Ikev2TransformAttributeType.nameOf(a.type())
                    : s.phase1() ? IkeAttributeType.nameOf(a.type()) : IpsecAttributeType.nameOf(a.type());
            attributes[i] = new Views.Attribute(a.type(), name, a.value(), null, ImmutableBytes.EMPTY);
        }
        return new Views.Proposal(s.ikev2(), s.proposalNumber(), s.transformNumber(), s.protocolId(), s.spi(),
                s.transformId(), s.encryption(), s.keyLength(),
                s.hash(), s.integrity(), s.prf(), s.authMethod(), s.group(), s.lifetimeSeconds(), s.lifetimeKilobytes(),
                List.of(attributes));
    }
}
