package org.ikescope.analyzer.plugins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.IcmpEvidence;
import org.ikescope.analyzer.exchange.Identity;
import org.ikescope.analyzer.exchange.IncompleteFragmentSet;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.exchange.MessageBytes;
import org.ikescope.analyzer.exchange.NatDetection;
import org.ikescope.analyzer.exchange.Notification;
import org.ikescope.analyzer.exchange.PayloadKind;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.exchange.ProposalSummary;
import org.ikescope.analyzer.exchange.QuickMode;
import org.ikescope.api.plugin.EspView;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.FragmentSetView;
import org.ikescope.api.plugin.IcmpErrorView;
import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.InformationalView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.PeerView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.vendor.VendorIdCatalog;

/**
 * Turns the analyzer's {@link Exchange} records into the read-only views plugins see.
 *
 * <p>An {@link Exchange} is a bounded summary (so that a capture of any size analyses in a fixed
 * heap): it keeps each message's label, direction, timing, size, clear-text notify types and the
 * type and name of each payload (shared by all messages of the same shape). The message's bytes
 * and payload bounds ({@link MessageBytes}) are kept only within the tracker's budget and until
 * the exchange was diagnosed and written: a view built then has each payload's offset and body (a
 * slice of the one copy of the message, not a copy); otherwise {@link MessageView#payloads()}
 * lists type and name with an empty body, offset -1 and {@link PayloadView#bodyAvailable()}
 * false. Vendor IDs and identities carry no bytes beyond what the catalogue knows.
 * {@link org.ikescope.api.plugin.NatView#natDiscoverySeen()} comes from those payload types, the
 * NAT view's per-side verdicts from the {@link NatDetection} the tracker made while it saw the
 * NAT-D payloads, and
 * {@link ExchangeView#incompleteFragmentSets()} from the dissector's incomplete fragment sets.
 * Proposals and identities carry the registry codes the summary keeps beside its names (the API
 * derives the names from the codes); vendor IDs are looked up in the catalogue by label. States,
 * modes and the other values the summary keeps as names become the API's enums here.
 */
public final class ExchangeViews {
    private static final String DISSECTOR = "dissector";
    private static final int KEY_IKE = 1;
    private static final int PORT_IKE = 500;
    private static final int PORT_NATT = 4500;
    /** {@link PayloadView#offset()} when the summary did not keep it. */
    private static final int OFFSET_NOT_KEPT = -1;
    /** The abbreviation of every NAT-D payload, RFC 3947 (20) and draft (130; 15 named NAT_D_DRAFT). */
    private static final String NAT_D = "NAT-D";
    /** Payload types the dissector names by context rather than by number (15 and 16 between draft NAT-T peers). */
    private static final List<PayloadType> NAMED_IN_CONTEXT = List.of(PayloadType.NAT_D_DRAFT, PayloadType.NAT_OA_DRAFT);

    private ExchangeViews() {
    }

    /** The view of {@code x}. */
    public static ExchangeView of(Exchange x) {
        Map<Long, List<Notification>> notifiesByFrame = new HashMap<>();
        for (Notification n : x.notifications()) {
            notifiesByFrame.computeIfAbsent(n.frame(), k -> new ArrayList<>(1)).add(n);
        }
        Map<Long, Integer> messageIdByFrame = new HashMap<>();
        for (ExchangeMessage m : x.messages()) {
            messageIdByFrame.putIfAbsent(m.frame(), m.messageId());
        }
        boolean ikev2 = x.version() == 2;
        Map<ExchangeMessage, MessageView> views = new HashMap<>();
        List<MessageView> messages = new ArrayList<>(x.messages().size());
        for (ExchangeMessage m : x.messages()) {
            MessageView v = message(x, m, notifiesByFrame.getOrDefault(m.frame(), List.of()));
            views.put(m, v);
            messages.add(v);
        }
        List<NotificationView> notifications = new ArrayList<>();
        for (Notification n : x.notifications()) {
            notifications.add(notification(n, ikev2, messageIdByFrame.getOrDefault(n.frame(), 0)));
        }
        List<QuickModeView> quickModes = new ArrayList<>();
        for (QuickMode q : x.quickModes()) {
            List<MessageView> qm = new ArrayList<>();
            for (ExchangeMessage m : q.messages()) {
                qm.add(views.computeIfAbsent(m, k -> message(x, k, notifiesByFrame.getOrDefault(k.frame(), List.of()))));
            }
            quickModes.add(new Views.QuickMode(q.messageId(), q.initiator(), qm,
                    constant(QuickModeState.class, q.state(), null), Optional.empty(), List.of(),
                    notificationsOf(qm, notifications)));
        }
        List<InformationalView> informationals = new ArrayList<>();
        for (Informational i : x.informational()) {
            // One IKEv1 informational is one message and its retransmissions.
            List<MessageView> im = messages.stream()
                    .filter(m -> m.frame() == i.frame() || m.retransmissionOf() == i.frame())
                    .toList();
            informationals.add(new Views.Informational(i.messageId(), im, i.answeredBy() != 0,
                    notificationsOf(im, notifications)));
        }
        List<EspView> esp = x.esp().stream().map(ExchangeViews::esp).toList();
        List<IcmpErrorView> icmp = x.icmpErrors().stream().map(ExchangeViews::icmp).toList();
        List<Finding> diagnostics = x.findings().stream().filter(f -> DISSECTOR.equals(f.source())).toList();
        long toActive = x.timeToEstablishedNanos();
        Views.Peer initiator = peer(x.initiator());
        Views.Peer responder = peer(x.responder());
        return new Views.Exchange(nullToEmpty(x.file()), x.ispiHex(), x.rspiHex(), x.version(),
                constant(ExchangeMode.class, x.mode(), ExchangeMode.UNKNOWN), initiator, responder,
                constant(Phase1State.class, x.initiatorState(), Phase1State.NONE),
                constant(Phase1State.class, x.responderState(), Phase1State.NONE), x.stateInferred(),
                Optional.ofNullable(x.proposal()).map(p -> proposal(p, ikev2)),
                x.offered().stream().map(p -> proposal(p, ikev2)).toList(),
                Optional.ofNullable(x.initiatorIdentity()).map(i -> identity(i, ikev2)),
                Optional.ofNullable(x.responderIdentity()).map(i -> identity(i, ikev2)),
                messages, notifications, quickModes, informationals, esp, icmp, fragments(x),
                nat(x, initiator, responder), x.startNanos(), x.endNanos(),
                toActive >= 0 ? OptionalLong.of(toActive) : OptionalLong.empty(), x.startedAfterPhase1(), false,
                diagnostics);
    }

    /**
     * The constant of {@code type} that the summary's {@code name} stands for (its name in any
     * case: {@code main} is {@link ExchangeMode#MAIN}, {@code MM_ACTIVE} {@link Phase1State#MM_ACTIVE});
     * {@code absent} when the summary has none.
     */
    private static <E extends Enum<E>> E constant(Class<E> type, String name, E absent) {
        return name == null ? absent : Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }

    private static List<NotificationView> notificationsOf(List<MessageView> messages, List<NotificationView> all) {
        List<NotificationView> out = new ArrayList<>();
        for (NotificationView n : all) {
            for (MessageView m : messages) {
                if (m.frame() == n.frame()) {
                    out.add(n);
                    break;
                }
            }
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Views.Peer peer(Peer p) {
        if (p == null) {
            return new Views.Peer("", 0, List.of(), null, List.of());
        }
        List<VendorIdView> vids = new ArrayList<>(p.vendorIds().size());
        for (String label : p.vendorIds()) {
            VendorIdCatalog.VendorId v = CatalogByLabel.MAP.get(label);
            vids.add(new Views.VendorId(v == null ? ImmutableBytes.EMPTY : ImmutableBytes.copyOf(v.bytes()), label,
                    v != null && v.has("natt")));
        }
        return new Views.Peer(p.ip(), p.port(), p.ports(), p.implementation(), vids);
    }

    /** Catalogue entries by label, built on first use. */
    private static final class CatalogByLabel {
        static final Map<String, VendorIdCatalog.VendorId> MAP = new HashMap<>();

        static {
            for (VendorIdCatalog.VendorId v : VendorIdCatalog.builtIn().entries()) {
                MAP.putIfAbsent(v.label(), v);
            }
        }
    }

    private static MessageView message(Exchange x, ExchangeMessage m, List<Notification> notifies) {
        Side from = m.from();
        Peer src = x.peer(from);
        Peer dst = x.peer(from.opposite());
        List<Integer> codes = new ArrayList<>(notifies.size());
        for (Notification n : notifies) {
            codes.add(n.code());
        }
        return new Views.Message(m.step(), from, m.frame(), m.timeNanos(), src == null ? "" : src.ip(), m.srcPort(),
                dst == null ? "" : dst.ip(), m.dstPort(), m.nonEspMarker(), m.encrypted(), false, m.size(),
                m.retransmissionOf(), m.exchangeType(), m.messageId(), payloads(m), codes, m.ipFragmentFrames(),
                m.ikeFragmentFrames());
    }

    /** Type and kind always; offset and body while the message's bytes are kept (see the class comment). */
    private static List<PayloadView> payloads(ExchangeMessage m) {
        if (m.payloadKinds().isEmpty()) {
            return List.of();
        }
        MessageBytes b = m.payloadBytes();
        boolean kept = b.available() && b.payloadCount() == m.payloadKinds().size();
        List<PayloadView> out = new ArrayList<>(m.payloadKinds().size());
        for (int i = 0; i < m.payloadKinds().size(); i++) {
            PayloadKind k = m.payloadKinds().get(i);
            PayloadType t = payloadType(k);
            out.add(kept ? new Views.Payload(k.type(), t, b.offset(i), b.body(i))
                    : new Views.Payload(k.type(), t, OFFSET_NOT_KEPT, ImmutableBytes.EMPTY));
        }
        return out;
    }

    /** What the payload is in its message: the registry's meaning of its number, unless the dissector named it by context. */
    private static PayloadType payloadType(PayloadKind k) {
        for (PayloadType t : NAMED_IN_CONTEXT) {
            if (t.name().equals(k.name())) {
                return t;
            }
        }
        return PayloadType.of(k.type());
    }

    private static List<FragmentSetView> fragments(Exchange x) {
        List<FragmentSetView> out = new ArrayList<>(x.incompleteFragmentSets().size());
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            out.add(new Views.FragmentSet(constant(FragmentKind.class, f.kind(), null), f.from(), f.frames(), false));
        }
        return out;
    }

    private static NotificationView notification(Notification n, boolean ikev2, int messageId) {
        return new Views.Notification(n.code(), ikev2, n.frame(), n.from(), n.encrypted(), messageId);
    }

    private static EspView esp(EspFlow f) {
        long spi;
        try {
            spi = Long.parseLong(f.spi(), 16);
        } catch (NumberFormatException e) {
            spi = -1;
        }
        return new Views.Esp(spi, f.from(), f.udpEncapsulated(), f.packets(), f.bytes(), f.firstFrame(),
                f.lastFrame(), f.firstNanos(), f.lastNanos());
    }

    private static IcmpErrorView icmp(IcmpEvidence e) {
        return new Views.IcmpError(e.frame(), e.timeNanos(), e.ipv6(), e.icmpType(), e.icmpCode(),
                Optional.ofNullable(e.quoted()), e.about());
    }

    private static IdentityView identity(Identity i, boolean ikev2) {
        return new Views.Identity(i.typeCode(), ikev2, i.value(), ImmutableBytes.EMPTY, i.frame());
    }

    private static Views.Nat nat(Exchange x, PeerView initiator, PeerView responder) {
        boolean floated = false;
        boolean natD = false;
        for (ExchangeMessage m : x.messages()) {
            natD |= m.has(NAT_D);
        }
        for (ExchangeMessage m : x.messages()) {
            if (m.nonEspMarker() || (m.dstPort() == PORT_NATT && x.initiator() != null && x.initiator().port() == PORT_IKE)) {
                floated = true;
                break;
            }
        }
        NatDetection d = x.natDetection();
        Optional<Boolean> nat = Optional.empty();
        if (Boolean.TRUE.equals(d.initiatorBehindNat()) || Boolean.TRUE.equals(d.responderBehindNat())) {
            nat = Optional.of(true);
        } else if (Boolean.FALSE.equals(d.initiatorBehindNat()) && Boolean.FALSE.equals(d.responderBehindNat())) {
            nat = Optional.of(false);
        } else {
            // The NAT-D hashes leave it open: a rewritten port still shows a NAT.
            for (Peer p : new Peer[] {x.initiator(), x.responder()}) {
                if (p != null && p.ports().stream().anyMatch(port -> port != PORT_IKE && port != PORT_NATT)) {
                    nat = Optional.of(true);
                }
            }
        }
        return new Views.Nat(floated, natD, natT(initiator), natT(responder), nat,
                Optional.ofNullable(d.initiatorBehindNat()), Optional.ofNullable(d.responderBehindNat()),
                constant(NatDiscoveryResult.class, d.natDiscovery(), NatDiscoveryResult.UNKNOWN),
                d.note() == null ? "" : d.note());
    }

    private static List<VendorIdView> natT(PeerView p) {
        return p.vendorIds().stream().filter(VendorIdView::natTraversal).toList();
    }

    /**
     * A phase-1 proposal: IKEv1 (one transform, KEY_IKE) or IKEv2 (one proposal, its transform ID
     * the ENCR one). The summary's IKEv2 hash is the INTEG transform, so it becomes
     * {@link ProposalView#integrity()}; absent values (-1) become 0.
     */
    private static ProposalView proposal(ProposalSummary p, boolean ikev2) {
        int enc = orZero(p.encryptionId());
        int hash = orZero(p.hashId());
        return new Views.Proposal(ikev2, p.proposal(), p.transform(), ProposalView.PROTO_ISAKMP, ImmutableBytes.EMPTY,
                ikev2 ? enc : KEY_IKE, enc, orZero(p.keyLength()), ikev2 ? 0 : hash, ikev2 ? hash : 0,
                orZero(p.prfId()), orZero(p.authId()), orZero(p.group()), Math.max(p.lifetimeSeconds(), 0),
                Math.max(p.lifetimeKilobytes(), 0), List.of());
    }

    private static int orZero(int code) {
        return Math.max(code, 0);
    }
}
