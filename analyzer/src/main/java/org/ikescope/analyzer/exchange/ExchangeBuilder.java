package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.event.EspCursor;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.DeleteBody;
import org.ikescope.dissector.isakmp.IdBody;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.NotifyBody;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.model.ActivityList;
import org.ikescope.dissector.model.Diagnostic;
import org.ikescope.dissector.session.SaKey;
import org.ikescope.dissector.session.SaSession;

/**
 * One IKE SA while the {@link ExchangeTracker} follows it: it takes each message and piece of
 * evidence in capture order and hands them to the part that owns that concern
 * ({@link StepLabeler} for steps and retransmissions, {@link QuickModes}, {@link AnswerMatcher}
 * for answers and round trips, {@link AsaStateMachine} for the states, {@link SaEvidence} and
 * {@link NatDiscovery} for what surrounds the messages, {@link PeerSightings} per side);
 * {@link #freeze} makes the immutable {@link Exchange}. Roles come from the dissector's
 * {@link SaSession}, which decided them once.
 */
final class ExchangeBuilder extends ActivityList.Node<ExchangeBuilder> {
    static final int MAX_DISSECTOR_FINDINGS = 20;

    final long id;
    /** The SA's key (initiator cookie and address); null for a record of ESP alone. */
    final SaKey key;
    final String file;
    final int version;
    final ExchangeMode mode;
    final boolean startedAfterPhase1;
    final boolean rolesInferred;
    final long ispi;
    long continuationOf;
    long rspi;
    final PeerSightings initiator;
    final PeerSightings responder;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    /** Capture time of the last activity (for the idle timeout). */
    long lastActivity;
    Suite chosen;
    List<Suite> offered = List.of();
    private Identity initiatorIdentity;
    private Identity responderIdentity;
    final ArrayList<Msg> msgs = new ArrayList<>(8);
    long dropped;
    private final int maxMessages;
    private final QuickModes quickModes = new QuickModes();
    private final StepLabeler labeler = new StepLabeler(msgs, quickModes);
    private final AnswerMatcher answers;
    private final AsaStateMachine states;
    private final SaEvidence evidence = new SaEvidence();
    /** NAT-D checks and keepalives per side; null until the first NAT-D step or keepalive. */
    private NatDiscovery natDiscovery;
    private List<Notification> notifications;
    private List<Finding> findings;
    long ikeFragments;
    /** The SA's session as of its last message (its key slot tells which key decrypted each side). */
    private SaSession session;
    boolean deleted;
    boolean established;
    boolean decrypted;

    /** The tracker's registration by address pair. */
    ExchangeTracker.PairKey pair;

    /**
     * @param key              the SA's key (null for a record of ESP alone)
     * @param initiatorAddress the initiator's address (a private copy)
     * @param carried          the states of the record this one continues ({@code [NONE, NONE]} if none)
     */
    ExchangeBuilder(long id, SaKey key, String file, int version, ExchangeMode mode, boolean rolesInferred,
                    boolean startedAfterPhase1, long ispi, byte[] initiatorAddress, byte[] responderAddress,
                    Phase1State[] carried, int maxMessages, long answerWindow) {
        this.id = id;
        this.key = key;
        this.file = file;
        this.version = version;
        this.mode = mode;
        this.rolesInferred = rolesInferred;
        this.startedAfterPhase1 = startedAfterPhase1;
        this.ispi = ispi;
        this.initiator = new PeerSightings(initiatorAddress);
        this.responder = new PeerSightings(responderAddress);
        this.maxMessages = maxMessages;
        this.answers = new AnswerMatcher(answerWindow, quickModes);
        this.states = new AsaStateMachine(mode, carried[0], carried[1]);
    }

    PeerSightings peer(Side s) {
        return s == Side.INITIATOR ? initiator : responder;
    }

    /** The side whose address is {@code address} (the initiator when both peers share it). */
    Side sideOf(byte[] address) {
        return java.util.Arrays.equals(address, initiator.address) ? Side.INITIATOR : Side.RESPONDER;
    }

    private void time(long t) {
        start = Math.min(start, t);
        end = Math.max(end, t);
    }

    private NatDiscovery natDiscovery() {
        if (natDiscovery == null) {
            natDiscovery = new NatDiscovery();
        }
        return natDiscovery;
    }

    /** See {@link StepLabeler#seenAtAnotherCapturePoint}. */
    boolean seenAtAnotherCapturePoint(MessageEvent e, long hash) {
        return labeler.seenAtAnotherCapturePoint(e.file(), e.timeNanos(), e.from(), hash);
    }

    /**
     * Adds one message. Returns true when it completed phase 1 (the SA became established).
     *
     * @param keep keeps a message's bytes within the tracker's budget (or returns {@link MessageBytes#NONE})
     */
    boolean add(MessageEvent e, long hash, Function<IsakmpMessage, MessageBytes> keep) {
        IsakmpMessage m = e.message();
        Side from = e.from();
        SaSession session = e.session();
        time(e.timeNanos());
        peer(from).port(e.src().port());
        peer(from.opposite()).port(e.dst().port());
        if (rspi == 0) {
            rspi = session.responderCookie();
        }
        Msg x = new Msg();
        x.frame = e.frame();
        x.time = e.timeNanos();
        x.file = e.file();
        x.from = from;
        x.ikev2 = m.isIkev2();
        x.exchangeType = m.exchangeType();
        x.messageId = m.messageId();
        x.response = m.isIkev2() && m.hasFlag(IsakmpMessage.FLAG_RESPONSE);
        x.encrypted = m.encrypted();
        x.decrypted = m.decrypted();
        x.decryption = e.decryption();
        this.session = session;
        x.size = m.bytes().length;
        x.srcPort = e.src().port();
        x.dstPort = e.dst().port();
        x.marker = e.nonEspMarker();
        x.vlan = e.vlan();
        x.hash = hash;
        x.ipFragments = e.ipFragmentFrames();
        x.ikeFragments = e.ikeFragmentFrames();
        x.payloads = PayloadShape.of(m);
        x.hasSa = x.payloads.has(m.isIkev2() ? PayloadType.V2_SA : PayloadType.SA);
        readPayloads(x, m);
        labeler.label(x, m);
        decrypted |= m.decrypted();

        if (!x.notifyTypes.isEmpty() && x.original == null) {
            if (notifications == null) {
                notifications = new ArrayList<>(2);
            }
            for (int type : x.notifyTypes) {
                notifications.add(new Notification(type, x.ikev2, x.frame, from, m.encrypted(), x.messageId));
            }
        }
        deleted |= x.deletes;
        if (x.original == null) {
            learn(x, m, session, e);
        }
        for (Diagnostic d : m.diagnostics()) {
            if (findings == null) {
                findings = new ArrayList<>(2);
            }
            if (findings.size() < MAX_DISSECTOR_FINDINGS) {
                findings.add(d.toFinding(x.frame, "frame " + x.frame + " ("
                        + ExchangeMessage.label(x.step, x.ikev2, x.exchangeType, x.response) + ")"));
            }
        }
        answers.answer(x);
        if (msgs.size() < maxMessages) {
            if (!m.payloads().isEmpty()) {
                // A retransmission shares the bytes of its original when they are the same: no charge.
                x.bytes = x.original != null && x.original.bytes.sameBytes(m.bytes()) ? x.original.bytes : keep.apply(m);
            }
            msgs.add(x);
        } else {
            dropped++;
        }
        boolean nowEstablished = !established && (x.step == Step.MM6 || x.step == Step.AM3 || x.step == Step.IKE_AUTH_RESPONSE);
        established |= nowEstablished;
        return nowEstablished;
    }

    /** Notify types (and a DPD sequence number) and deletes, from the decoded bodies (cleartext or decrypted). */
    private static void readPayloads(Msg x, IsakmpMessage m) {
        List<Integer> types = null;
        List<Deletion> deletions = null;
        for (Payload p : m.payloads()) {
            if (p.body() instanceof NotifyBody n) {
                if (types == null) {
                    types = new ArrayList<>(2);
                }
                types.add(n.type());
                if (n.sequenceNumber() >= 0 && !n.v2()) {
                    x.dpd = n.type() == NotifyBody.R_U_THERE ? Msg.DPD_REQUEST : Msg.DPD_ACK;
                    x.dpdSequence = n.sequenceNumber();
                }
            } else if (p.body() instanceof DeleteBody d) {
                x.deletes |= d.protocolId() == Suite.PROTO_ISAKMP;
                if (deletions == null) {
                    deletions = new ArrayList<>(1);
                }
                if (deletions.size() < Deletion.MAX_SPIS) {
                    deletions.add(Deletion.of(d));
                }
            }
        }
        x.notifyTypes = types == null ? List.of() : List.copyOf(types);
        x.deletions = deletions == null ? List.of() : List.copyOf(deletions);
    }

    /** Learns from a first copy: the states' steps, vendor IDs, suites, identities, NAT-D. */
    private void learn(Msg x, IsakmpMessage m, SaSession session, MessageEvent e) {
        if (x.step.phase1()) {
            states.sent(x.step, x.time);
        }
        if (x.from == Side.RESPONDER && x.step == Step.INFORMATIONAL) {
            states.responderNotified();
        }
        if (x.from == Side.RESPONDER && x.step == Step.IKE_SA_INIT_RESPONSE) {
            states.responderAnsweredInit(x.hasSa);
        }
        if (offered.isEmpty() && !session.offered().isEmpty()) {
            offered = session.offered();
        }
        if (chosen == null && session.chosen() != null) {
            chosen = session.chosen();
        }
        if (m.payloads().isEmpty()) {
            return;
        }
        PeerSightings p = peer(x.from);
        for (Payload pl : m.payloads()) {
            if (pl.is(PayloadType.VID) || pl.is(PayloadType.V2_V)) {
                p.vendorId(pl);
            }
        }
        switch (x.step) {
            case AM1, IKE_AUTH_REQUEST -> initiatorIdentity = initiatorIdentity != null ? initiatorIdentity : identity(m, x);
            case AM2, IKE_AUTH_RESPONSE -> responderIdentity = responderIdentity != null ? responderIdentity : identity(m, x);
            case MM5 -> initiatorIdentity = initiatorIdentity != null || !m.decrypted() ? initiatorIdentity : identity(m, x);
            case MM6 -> responderIdentity = responderIdentity != null || !m.decrypted() ? responderIdentity : identity(m, x);
            default -> {
            }
        }
        if (x.step == Step.QM1 || x.step == Step.QM2) {
            quickModes.content(x, m);
        }
        if (x.step == Step.MM3 || x.step == Step.MM4 || x.step == Step.AM2 || x.step == Step.AM3) {
            // AM2 carries the chosen SA itself: the session has just read it.
            natDiscovery().message(e, x.from, m, session.phase1Hash());
        }
    }

    /** The first identity payload of {@code m} (IKEv1 ID; IKEv2 IDi or IDr by the sender), or null. */
    private static Identity identity(IsakmpMessage m, Msg x) {
        PayloadType want = !m.isIkev2() ? PayloadType.ID : x.from == Side.INITIATOR ? PayloadType.IDI : PayloadType.IDR;
        for (Payload p : m.payloads()) {
            if (p.is(want) && p.body() instanceof IdBody id) {
                return new Identity(id.type(), id.v2(), id.value() != null ? id.value() : id.dataHex(),
                        ImmutableBytes.copyOfRange(id.message(), id.dataFrom(), id.dataTo()), x.frame);
            }
        }
        return null;
    }

    void esp(EspCursor e, Side from) {
        time(e.timeNanos());
        if (e.udpEncapsulated()) {
            peer(from).port(e.srcPort());
            peer(from.opposite()).port(e.dstPort());
        }
        evidence.esp(e, from);
    }

    void keepalive(Side from, int srcPort, int dstPort) {
        evidence.keepalives++;
        natDiscovery().keepalive(from);
        peer(from).port(srcPort);
        peer(from.opposite()).port(dstPort);
    }

    void icmp(MessageEvent e, Side about) {
        evidence.icmp(e, about, msgs);
    }

    /** Fragments sent by {@code from} that never completed (the message they carried is missing from {@link #msgs}). */
    void incompleteFragments(IncompleteFragmentsEvent e, Side from) {
        evidence.incompleteFragments(e, from);
        states.lostFragments(from, e.firstNanos());
        if (e.src() != null && e.src().port() != 0) {
            peer(from).port(e.src().port());
        }
        time(e.firstNanos());
        time(e.lastNanos());
    }

    /** True when some phase-1 step was seen. */
    boolean sawPhase1() {
        return labeler.sawPhase1();
    }

    Phase1State initiatorState() {
        return states.initiator();
    }

    Phase1State responderState() {
        return states.responder();
    }

    /**
     * Drops the bytes of every message, in the builder and in the {@link Exchange} it froze (they
     * share each {@link MessageBytes}); returns what they were charged.
     */
    long releaseBytes() {
        long freed = 0;
        for (Msg m : msgs) {
            freed += m.bytes.release();
            m.bytes = MessageBytes.NONE;
        }
        return freed;
    }

    Exchange freeze(CloseReason closedBy, CaptureWindow window) {
        // The quick modes list the same message records: found by Msg (only an SA with quick modes needs the map).
        Map<Msg, ExchangeMessage> frozen = quickModes.isEmpty() ? null : new IdentityHashMap<>();
        List<ExchangeMessage> all = new ArrayList<>(msgs.size());
        for (Msg m : msgs) {
            ExchangeMessage f = m.freeze();
            if (frozen != null) {
                frozen.put(m, f);
            }
            all.add(f);
        }
        List<Informational> infos = new ArrayList<>();
        for (Msg m : msgs) {
            if (m.original == null && (m.step == Step.INFORMATIONAL || m.step == Step.INFORMATIONAL_REQUEST)) {
                infos.add(new Informational(m.messageId, m.frame, m.time, m.from, m.encrypted, m.size, m.retransmissions,
                        m.inResponseTo, m.answeredBy, m.rtt, m.notifyTypes, m.deletes, m.deletions, m.dpdSequence));
            }
        }
        Map<Integer, List<ExchangeMessage>> byMessageId = new LinkedHashMap<>();
        for (ExchangeMessage m : all) {
            if (m.step() == Step.TRANSACTION) {
                byMessageId.computeIfAbsent(m.messageId(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Transaction> transactions = new ArrayList<>();
        byMessageId.forEach((mid, l) -> transactions.add(new Transaction(mid, l)));
        Msg begin = first(Step.MM1, Step.AM1, Step.IKE_SA_INIT_REQUEST);
        Msg done = first(Step.MM6, Step.AM3, Step.IKE_AUTH_RESPONSE);
        boolean scanner = scanner();
        Phase1State is = states.initiator();
        Phase1State rs = states.responder();
        boolean inferred = states.inference() != AsaStateMachine.Inference.NONE;
        return new Exchange(id, continuationOf, file, closedBy, version, mode, ispi, rspi, rolesInferred, startedAfterPhase1,
                initiator.freeze(), responder.freeze(), start == Long.MAX_VALUE ? 0 : start, end == Long.MIN_VALUE ? 0 : end,
                window, is, rs, inferred, chosen, offered, initiatorIdentity, responderIdentity, all, dropped,
                notifications == null ? List.of() : notifications, quickModes.freeze(frozen), infos, transactions,
                evidence.espFlows(), evidence.icmpErrors(), evidence.incompleteFragmentSets(), evidence.keepalives,
                NatDiscovery.detect(natDiscovery, version, initiator, responder), ikeFragments,
                begin != null && done != null ? done.time - begin.time : -1, scanner, deleted, decrypted,
                DecryptionSummary.of(msgs, session), notes(scanner), findings == null ? List.of() : findings);
    }

    private Msg first(Step... steps) {
        for (Step s : steps) {
            if (labeler.first(s) != null) {
                return labeler.first(s);
            }
        }
        return null;
    }

    /**
     * A scanner (ike-scan and the like) sends one first message, reads the answer and goes away:
     * no next step, no retransmission, no notification.
     */
    private boolean scanner() {
        Msg first = first(Step.MM1, Step.AM1);
        Step answer = first == null ? null : first.step == Step.MM1 ? Step.MM2 : Step.AM2;
        if (first == null || first.retransmissions > 0 || labeler.first(answer) == null) {
            return false;
        }
        for (Msg m : msgs) {
            if (m.from == Side.INITIATOR && m != first) {
                return false;
            }
        }
        return true;
    }

    private List<String> notes(boolean scanner) {
        List<String> n = new ArrayList<>(2);
        if (startedAfterPhase1) {
            n.add("phase 1 of this SA is not in the capture (it started earlier): no phase-1 state can be given");
        }
        if (rolesInferred) {
            n.add("which peer initiated is a guess: no first phase-1 message showed it");
        }
        if (scanner) {
            n.add("the initiator never followed up the responder's answer: it behaves like a scanner (e.g. ike-scan)");
        }
        String inferred = states.note();
        if (inferred != null) {
            n.add(inferred);
        }
        if (continuationOf != 0) {
            n.add("continues record " + continuationOf + " (emitted after it was idle)");
        }
        if (dropped > 0) {
            n.add(dropped + " messages beyond the per-exchange limit were counted but not listed");
        }
        return n;
    }
}
