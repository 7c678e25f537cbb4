package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.dissector.Diagnostic;
import org.ikescope.dissector.EspEvent;
import org.ikescope.dissector.IncompleteFragmentsEvent;
import org.ikescope.dissector.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.vendor.VendorIdCatalog;

/**
 * The mutable state of one IKE SA while the tracker follows it; {@link #freeze} turns it into an
 * {@link Exchange}. Its summary of a message is a fingerprint and about a hundred bytes however
 * large the message was; the message's bytes themselves ({@link MessageBytes}, for the plugins)
 * only as long as the tracker's budget allows, and only until the SA is emitted.
 */
final class ExchangeBuilder {
    /** How far back an identical copy is looked for (a retransmission follows its original closely). */
    static final int RETRANSMISSION_LOOKBACK = 64;
    /** An informational answers one from the other side only this soon after it (a DPD answer comes at once). */
    static final long INFORMATIONAL_ANSWER_NANOS = 5_000_000_000L;
    /** Clock difference tolerated between two capture points of one merged timeline (retransmissions come later). */
    static final long CAPTURE_POINT_SKEW_NANOS = 500_000_000L;
    /** Per-record limits: a peer that floods must not exhaust the heap. */
    static final int MAX_QUICK_MODES = 1_000;
    static final int MAX_ICMP = 100;
    static final int MAX_DISSECTOR_FINDINGS = 20;
    static final int MAX_VENDOR_IDS = 32;
    static final int MAX_INCOMPLETE_FRAGMENT_SETS = 32;

    // IKEv1 and IKEv2 exchange type codes (RFC 2408 section 3.1, RFC 2409, RFC 7296 section 3.1).
    static final int MAIN = 2;
    static final int AGGRESSIVE = 4;
    static final int INFO = 5;
    static final int TRANSACTION = 6;
    static final int QUICK = 32;
    static final int IKE_SA_INIT = 34;
    static final int IKE_AUTH = 35;
    static final int CREATE_CHILD_SA = 36;
    static final int INFORMATIONAL_V2 = 37;

    /** One message while the SA is followed. */
    static final class Msg {
        long frame;
        long time;
        String file;
        Step step;
        String label;
        Side from;
        int exchangeType;
        int messageId;
        boolean response;
        boolean encrypted;
        int size;
        int srcPort;
        int dstPort;
        boolean marker;
        int vlan;
        long hash;
        Msg original;
        int retransmissionNumber;
        int retransmissions;
        long inResponseTo;
        long rtt = -1;
        long answeredBy;
        List<String> notifications = List.of();
        List<Long> ipFragments = List.of();
        List<Long> ikeFragments = List.of();
        boolean deletes;
        boolean hasSa;
        List<String> payloads = List.of();
        List<PayloadKind> payloadKinds = List.of();
        /** Bytes and payload bounds, until the record is emitted ({@link MessageBytes#NONE} when not kept). */
        MessageBytes bytes = MessageBytes.NONE;
    }

    /** One quick mode (one message ID). */
    static final class Quick {
        final int messageId;
        final Side initiator;
        Msg qm1;
        Msg qm2;
        Msg qm3;
        long answeredByInformational;
        final List<Msg> msgs = new ArrayList<>(3);

        Quick(int messageId, Side initiator) {
            this.messageId = messageId;
            this.initiator = initiator;
        }
    }

    /** One side's addresses, ports and vendor IDs. */
    static final class PeerState {
        final byte[] address;
        final String ip;
        int firstPort = -1;
        final Set<Integer> ports = new TreeSet<>();
        final Set<String> vendorIds = new LinkedHashSet<>();
        String implementation;
        boolean unity;

        PeerState(byte[] address, String ip) {
            this.address = address;
            this.ip = ip;
        }

        void port(int p) {
            if (p <= 0) {
                return;
            }
            if (firstPort < 0) {
                firstPort = p;
            }
            ports.add(p);
        }

        Peer freeze() {
            String impl = implementation != null ? implementation : unity ? "cisco (Unity)" : null;
            return new Peer(ip, Math.max(firstPort, 0), List.copyOf(ports), impl, List.copyOf(vendorIds));
        }
    }

    /** Packets of one SPI in one direction. */
    static final class EspCounter {
        final int spi;
        final Side from;
        final boolean udp;
        final int srcPort;
        final int dstPort;
        long packets;
        long bytes;
        long first;
        long last;
        long firstFrame;
        long lastFrame;

        EspCounter(int spi, Side from, boolean udp, int srcPort, int dstPort) {
            this.spi = spi;
            this.from = from;
            this.udp = udp;
            this.srcPort = srcPort;
            this.dstPort = dstPort;
        }
    }

    final long id;
    long continuationOf;
    final String file;
    int version;
    String mode;
    boolean startedAfterPhase1;
    boolean rolesInferred;
    final long ispi;
    long rspi;
    final PeerState initiator;
    final PeerState responder;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    /** Capture time of the last activity (for the idle timeout). */
    long lastActivity;
    String carriedInitiatorState;
    String carriedResponderState;
    ProposalSummary chosen;
    List<ProposalSummary> offered = List.of();
    Identity initiatorIdentity;
    Identity responderIdentity;
    final ArrayList<Msg> msgs = new ArrayList<>(8);
    long dropped;
    final int maxMessages;
    final long answerWindow;
    /** First copy of each step (phase-1 steps only). */
    private final Msg[] firstOf = new Msg[Step.values().length];
    private List<Notification> notifications;
    private Map<Integer, Quick> quick;
    private final Msg[] pending = new Msg[2];
    private Map<Long, EspCounter> esp;
    private List<IcmpEvidence> icmp;
    private List<IncompleteFragmentSet> incompleteFragments;
    long keepalives;
    long ikeFragments;
    boolean deleted;
    boolean established;
    boolean responderNoState;
    private List<Finding> findings;
    /** NAT-D checks and keepalives per side; null until the first NAT-D step or keepalive. */
    private NatDiscovery natDiscovery;

    // The tracker's activity list and registrations.
    ExchangeBuilder prev;
    ExchangeBuilder next;
    boolean linked;
    ExchangeTracker.Key key;
    ExchangeTracker.Key key2;
    ExchangeTracker.PairKey pair;

    ExchangeBuilder(long id, String file, long ispi, byte[] initiatorAddress, String initiatorIp,
                    byte[] responderAddress, String responderIp, int maxMessages, long answerWindow) {
        this.id = id;
        this.file = file;
        this.ispi = ispi;
        this.initiator = new PeerState(initiatorAddress, initiatorIp);
        this.responder = new PeerState(responderAddress, responderIp);
        this.maxMessages = maxMessages;
        this.answerWindow = answerWindow;
    }

    private NatDiscovery natDiscovery() {
        if (natDiscovery == null) {
            natDiscovery = new NatDiscovery();
        }
        return natDiscovery;
    }

    PeerState peer(Side s) {
        return s == Side.INITIATOR ? initiator : responder;
    }

    /** The side whose address is {@code address} (the initiator when both peers share it). */
    Side sideOf(byte[] address) {
        return Arrays.equals(address, initiator.address) ? Side.INITIATOR : Side.RESPONDER;
    }

    private void time(long t) {
        start = Math.min(start, t);
        end = Math.max(end, t);
    }

    /**
     * Adds one message sent by {@code from}. Returns true when it completed phase 1 (the SA became
     * established).
     *
     * @param keep keeps a message's bytes within the tracker's budget (or returns {@link MessageBytes#NONE})
     */
    boolean add(MessageEvent e, Side from, long hash, Function<IsakmpMessage, MessageBytes> keep) {
        IsakmpMessage m = e.message();
        time(e.timeNanos());
        peer(from).port(e.src().port());
        peer(from.opposite()).port(e.dst().port());
        if (from == Side.RESPONDER && rspi == 0 && m.responderCookie() != 0) {
            rspi = m.responderCookie();
        }
        Msg x = new Msg();
        x.frame = e.frame();
        x.time = e.timeNanos();
        x.file = e.file();
        x.from = from;
        x.exchangeType = m.exchangeType();
        x.messageId = m.messageId();
        x.response = m.isIkev2() && m.hasFlag(IsakmpMessage.FLAG_RESPONSE);
        x.encrypted = m.encrypted();
        x.size = m.bytes().length;
        x.srcPort = e.src().port();
        x.dstPort = e.dst().port();
        x.marker = e.nonEspMarker();
        x.vlan = e.vlan();
        x.hash = hash;
        x.ipFragments = e.ipFragmentFrames().isEmpty() ? List.of() : e.ipFragmentFrames();
        x.ikeFragments = e.ikeFragmentFrames().isEmpty() ? List.of() : e.ikeFragmentFrames();
        x.hasSa = m.has(m.isIkev2() ? PayloadFacts.V2_SA : PayloadFacts.SA);
        List<Integer> codes = PayloadFacts.notifyCodes(m);
        if (!codes.isEmpty()) {
            List<String> names = new ArrayList<>(codes.size());
            for (int c : codes) {
                names.add(PayloadFacts.notifyName(m.isIkev2(), c));
            }
            x.notifications = List.copyOf(names);
        }
        x.deletes = PayloadFacts.deletesIkeSa(m);
        PayloadFacts.Shape shape = PayloadFacts.shape(m);
        x.payloads = shape.abbreviations();
        x.payloadKinds = shape.kinds();

        classify(x, m);

        if (!x.notifications.isEmpty() && x.original == null) {
            if (notifications == null) {
                notifications = new ArrayList<>(2);
            }
            for (int i = 0; i < codes.size(); i++) {
                notifications.add(new Notification(x.notifications.get(i), codes.get(i), x.frame, from, m.encrypted()));
            }
        }
        if (x.deletes) {
            deleted = true;
        }
        if (x.original == null) {
            learn(x, m);
            if (x.step == Step.MM3 || x.step == Step.MM4 || x.step == Step.AM2 || x.step == Step.AM3) {
                // AM2 carries the chosen SA itself: learn() has just read it.
                natDiscovery().message(e, from, m, NatDiscovery.algorithm(chosen, offered));
            }
        }
        for (Diagnostic d : m.diagnostics()) {
            if (findings == null) {
                findings = new ArrayList<>(2);
            }
            if (findings.size() < MAX_DISSECTOR_FINDINGS) {
                findings.add(new Finding(d.code(), Severity.WARNING, Confidence.CONFIRMED, d.detail(),
                        "The dissector found this problem in frame " + x.frame + " (" + x.label + ").",
                        List.of(x.frame), "", "dissector", d.offset()));
            }
        }
        answer(x);
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
        if (nowEstablished) {
            established = true;
        }
        return nowEstablished;
    }

    /**
     * True when the same message (same bytes, same sender) was already seen in another capture file
     * within {@link #CAPTURE_POINT_SKEW_NANOS}: with {@code --merge}, captures taken at two points
     * show each message twice, and the second sighting is not a retransmission.
     */
    boolean seenAtAnotherCapturePoint(MessageEvent e, Side from, long hash) {
        int stop = Math.max(0, msgs.size() - RETRANSMISSION_LOOKBACK);
        for (int i = msgs.size() - 1; i >= stop; i--) {
            Msg o = msgs.get(i);
            if (o.hash == hash && o.from == from && !o.file.equals(e.file())
                    && Math.abs(e.timeNanos() - o.time) <= CAPTURE_POINT_SKEW_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** Sets step, label and the retransmission link of {@code x}. */
    private void classify(Msg x, IsakmpMessage m) {
        // Same bytes from the same side: a retransmission of the first copy, whatever it is.
        Msg same = identical(x);
        int t = x.exchangeType;
        if (m.isIkev2()) {
            x.step = v2Step(t, x.response);
            x.label = x.step == Step.OTHER ? ExchangeType.nameOf(t) + (x.response ? " response" : " request") : x.step.label();
            if (same != null) {
                retransmission(x, same);
            } else if (x.step.phase1() && firstOf[x.step.ordinal()] != null) {
                Msg first = firstOf[x.step.ordinal()];
                // A request repeated after it was answered (a retry after INVALID_KE or COOKIE) is a new attempt.
                if (x.response || first.answeredBy == 0) {
                    retransmission(x, first);
                }
            }
            if (x.original == null && x.step.phase1() && firstOf[x.step.ordinal()] == null) {
                firstOf[x.step.ordinal()] = x;
            }
            return;
        }
        switch (t) {
            case MAIN -> phase1(x, same, mainStep(x, m));
            case AGGRESSIVE -> phase1(x, same, aggressiveStep(x, m));
            case QUICK -> quick(x, same);
            case INFO -> {
                x.step = Step.INFORMATIONAL;
                x.label = x.step.label();
                if (same != null) {
                    retransmission(x, same);
                }
            }
            case TRANSACTION -> {
                x.step = Step.TRANSACTION;
                x.label = x.step.label();
                if (same != null) {
                    retransmission(x, same);
                }
            }
            default -> {
                x.step = Step.OTHER;
                x.label = ExchangeType.nameOf(t);
                if (same != null) {
                    retransmission(x, same);
                }
            }
        }
    }

    private void phase1(Msg x, Msg same, Step step) {
        x.step = step;
        x.label = step.label();
        if (same != null) {
            retransmission(x, same);
            return;
        }
        if (!step.phase1()) {
            return;
        }
        Msg first = firstOf[step.ordinal()];
        if (first != null) {
            retransmission(x, first);
        } else {
            firstOf[step.ordinal()] = x;
        }
    }

    /**
     * Main mode by content, then by direction: SA (MM1/MM2), KE (MM3/MM4), then encrypted (or
     * clear ID/HASH/SIG) MM5 from the initiator, MM6 from the responder. A main-mode message with
     * only a notification is an informational answer.
     */
    private Step mainStep(Msg x, IsakmpMessage m) {
        boolean i = x.from == Side.INITIATOR;
        if (!m.encrypted() && m.payloads().isEmpty()) {
            // Nothing decodable (a damaged message): the next step of its sender.
            Step[] order = i ? new Step[] {Step.MM1, Step.MM3, Step.MM5} : new Step[] {Step.MM2, Step.MM4, Step.MM6};
            for (Step s : order) {
                if (firstOf[s.ordinal()] == null) {
                    return s;
                }
            }
            return order[order.length - 1];
        }
        if (!m.encrypted()) {
            if (m.has(PayloadFacts.SA)) {
                return i ? Step.MM1 : Step.MM2;
            }
            if (m.has(PayloadFacts.KE)) {
                return i ? Step.MM3 : Step.MM4;
            }
            if (!m.has(PayloadFacts.ID) && !m.has(PayloadFacts.HASH) && !m.has(PayloadFacts.SIG) && m.has(PayloadFacts.N)) {
                return Step.INFORMATIONAL;
            }
        }
        return i ? Step.MM5 : Step.MM6;
    }

    /** Aggressive mode: AM1 (initiator, SA in clear), AM2 (responder), AM3 (initiator, after AM2). */
    private Step aggressiveStep(Msg x, IsakmpMessage m) {
        if (x.from == Side.RESPONDER) {
            if (!m.encrypted() && !m.has(PayloadFacts.SA) && !m.has(PayloadFacts.HASH) && m.has(PayloadFacts.N)) {
                return Step.INFORMATIONAL;
            }
            return Step.AM2;
        }
        return !m.encrypted() && m.has(PayloadFacts.SA) ? Step.AM1 : Step.AM3;
    }

    /** Quick mode by message ID and order: QM1 from whoever starts it, QM2 from the other side, then QM3. */
    private void quick(Msg x, Msg same) {
        if (quick == null) {
            quick = new LinkedHashMap<>();
        }
        Quick q = quick.get(x.messageId);
        if (q == null && quick.size() < MAX_QUICK_MODES) {
            q = new Quick(x.messageId, x.from);
            quick.put(x.messageId, q);
        }
        if (same != null) {
            x.step = same.original != null ? same.original.step : same.step;
            x.label = x.step.label();
            retransmission(x, same);
        } else if (q == null) {
            x.step = Step.QM1;
            x.label = x.step.label();
        } else if (x.from == q.initiator) {
            if (q.qm1 == null) {
                x.step = Step.QM1;
                q.qm1 = x;
            } else if (q.qm2 == null) {
                x.step = Step.QM1;
                retransmission(x, q.qm1);
            } else if (q.qm3 == null) {
                x.step = Step.QM3;
                q.qm3 = x;
            } else {
                x.step = Step.QM3;
                retransmission(x, q.qm3);
            }
            x.label = x.step.label();
        } else {
            x.step = Step.QM2;
            x.label = x.step.label();
            if (q.qm2 == null) {
                q.qm2 = x;
            } else {
                retransmission(x, q.qm2);
            }
        }
        if (q != null) {
            q.msgs.add(x);
        }
    }

    private static Step v2Step(int t, boolean response) {
        return switch (t) {
            case IKE_SA_INIT -> response ? Step.IKE_SA_INIT_RESPONSE : Step.IKE_SA_INIT_REQUEST;
            case IKE_AUTH -> response ? Step.IKE_AUTH_RESPONSE : Step.IKE_AUTH_REQUEST;
            case CREATE_CHILD_SA -> response ? Step.CREATE_CHILD_SA_RESPONSE : Step.CREATE_CHILD_SA_REQUEST;
            case INFORMATIONAL_V2 -> response ? Step.INFORMATIONAL_RESPONSE : Step.INFORMATIONAL_REQUEST;
            default -> Step.OTHER;
        };
    }

    /** An earlier message from the same side with the same bytes, or null. */
    private Msg identical(Msg x) {
        int stop = Math.max(0, msgs.size() - RETRANSMISSION_LOOKBACK);
        for (int i = msgs.size() - 1; i >= stop; i--) {
            Msg o = msgs.get(i);
            if (o.hash == x.hash && o.from == x.from && o.size == x.size && o.exchangeType == x.exchangeType
                    && o.messageId == x.messageId) {
                return o;
            }
        }
        return null;
    }

    private static void retransmission(Msg x, Msg of) {
        Msg first = of.original != null ? of.original : of;
        x.original = first;
        first.retransmissions++;
        x.retransmissionNumber = first.retransmissions;
        x.step = first.step;
        x.label = first.label;
    }

    /** Learns proposals, identities and vendor IDs from a first copy. */
    private void learn(Msg x, IsakmpMessage m) {
        if (m.payloads().isEmpty()) {
            return;
        }
        PeerState p = peer(x.from);
        if (p.vendorIds.size() < MAX_VENDOR_IDS) {
            for (VendorIdCatalog.VendorId v : PayloadFacts.vendorIds(m, null)) {
                p.vendorIds.add(v.label());
                if (p.implementation == null && v.implementation().isPresent()) {
                    p.implementation = v.implementation().get();
                }
                if (v.has("unity")) {
                    p.unity = true;
                }
            }
        }
        boolean firstOfSa = x.step == Step.MM1 || x.step == Step.AM1 || x.step == Step.IKE_SA_INIT_REQUEST;
        boolean answerOfSa = x.step == Step.MM2 || x.step == Step.AM2 || x.step == Step.IKE_SA_INIT_RESPONSE;
        if (firstOfSa || answerOfSa) {
            Object sa = PayloadFacts.sa(m);
            if (sa != null) {
                List<ProposalSummary> all = PayloadFacts.transforms(sa);
                if (firstOfSa && offered.isEmpty()) {
                    offered = List.copyOf(all);
                } else if (answerOfSa && chosen == null && !all.isEmpty()) {
                    chosen = all.get(0);
                }
            }
        }
        if (x.step == Step.AM1 || x.step == Step.IKE_AUTH_REQUEST) {
            Identity id = PayloadFacts.identity(m, x.frame, PayloadFacts.V2_IDI);
            if (id != null && initiatorIdentity == null) {
                initiatorIdentity = id;
            }
        } else if (x.step == Step.AM2 || x.step == Step.IKE_AUTH_RESPONSE) {
            Identity id = PayloadFacts.identity(m, x.frame, PayloadFacts.V2_IDR);
            if (id != null && responderIdentity == null) {
                responderIdentity = id;
            }
        } else if (m.decrypted() && (x.step == Step.MM5 || x.step == Step.MM6)) {
            Identity id = PayloadFacts.identity(m, x.frame, 0);
            if (id != null) {
                if (x.step == Step.MM5 && initiatorIdentity == null) {
                    initiatorIdentity = id;
                } else if (x.step == Step.MM6 && responderIdentity == null) {
                    responderIdentity = id;
                }
            }
        }
        if (x.from == Side.RESPONDER && x.step == Step.IKE_SA_INIT_RESPONSE && !x.hasSa) {
            responderNoState = true;
        }
    }

    private static boolean isRequest(Msg x) {
        return switch (x.step) {
            case MM1, MM3, MM5, AM1, AM2, QM1, QM2, INFORMATIONAL, TRANSACTION -> true;
            case OTHER -> x.exchangeType >= IKE_SA_INIT && !x.response;
            default -> x.exchangeType >= IKE_SA_INIT && !x.response;
        };
    }

    /** True when {@code x} can answer {@code p} (sent by the other side). */
    private static boolean answers(Msg x, Msg p) {
        if (x.exchangeType >= IKE_SA_INIT) {
            return x.response && !p.response && p.exchangeType == x.exchangeType && p.messageId == x.messageId;
        }
        return switch (x.step) {
            case MM2 -> p.step == Step.MM1;
            case MM4 -> p.step == Step.MM3;
            case MM6 -> p.step == Step.MM5;
            case AM2 -> p.step == Step.AM1;
            case AM3 -> p.step == Step.AM2;
            case QM2 -> p.step == Step.QM1 && p.messageId == x.messageId;
            case QM3 -> p.step == Step.QM2 && p.messageId == x.messageId;
            case TRANSACTION -> p.step == Step.TRANSACTION && p.messageId == x.messageId;
            case INFORMATIONAL -> p.exchangeType < IKE_SA_INIT && (p.step != Step.INFORMATIONAL
                    || x.time - p.time <= INFORMATIONAL_ANSWER_NANOS);
            default -> false;
        };
    }

    /** Links requests and answers, for round-trip times and for what an informational answered. */
    private void answer(Msg x) {
        int other = x.from.opposite().ordinal();
        Msg p = pending[other];
        boolean answered = false;
        if (p != null && x.time - p.time <= answerWindow && answers(x, p)) {
            x.inResponseTo = p.frame;
            x.rtt = x.time - p.time;
            if (p.answeredBy == 0) {
                p.answeredBy = x.frame;
            }
            if (p.original != null && p.original.answeredBy == 0) {
                p.original.answeredBy = x.frame;
            }
            if (x.step == Step.INFORMATIONAL && p.step == Step.QM1 && quick != null) {
                Quick q = quick.get(p.messageId);
                if (q != null && q.answeredByInformational == 0) {
                    q.answeredByInformational = x.frame;
                }
            }
            pending[other] = null;
            answered = true;
        }
        if (isRequest(x) && !(answered && (x.step == Step.INFORMATIONAL || x.response))) {
            pending[x.from.ordinal()] = x;
        }
    }

    void esp(EspEvent e, Side from) {
        time(e.timeNanos());
        if (e.udpEncapsulated()) {
            peer(from).port(e.src().port());
            peer(from.opposite()).port(e.dst().port());
        }
        if (esp == null) {
            esp = new LinkedHashMap<>();
        }
        long k = ((long) e.spi() << 1) | from.ordinal();
        EspCounter c = esp.get(k);
        if (c == null) {
            c = new EspCounter(e.spi(), from, e.udpEncapsulated(), e.src().port(), e.dst().port());
            c.first = e.timeNanos();
            c.firstFrame = e.frame();
            esp.put(k, c);
        }
        c.packets++;
        c.bytes += e.length();
        c.last = e.timeNanos();
        c.lastFrame = e.frame();
    }

    void keepalive(long time, Side from, int srcPort, int dstPort) {
        keepalives++;
        natDiscovery().keepalive(from);
        peer(from).port(srcPort);
        peer(from.opposite()).port(dstPort);
    }

    void icmp(MessageEvent e, Side about) {
        if (icmp == null) {
            icmp = new ArrayList<>(2);
        }
        if (icmp.size() >= MAX_ICMP) {
            return;
        }
        long h = PayloadFacts.fingerprint(e.message().bytes());
        Msg quoted = null;
        for (int i = msgs.size() - 1; i >= 0 && quoted == null; i--) {
            Msg o = msgs.get(i);
            if (o.from == about && o.hash == h) {
                quoted = o;
            }
        }
        for (int i = msgs.size() - 1; i >= 0 && quoted == null; i--) {
            Msg o = msgs.get(i);
            if (o.from == about && o.exchangeType == e.message().exchangeType() && o.messageId == e.message().messageId()
                    && o.time <= e.timeNanos()) {
                quoted = o;
            }
        }
        boolean v6 = e.src().address().length == 16;
        icmp.add(new IcmpEvidence(e.frame(), e.timeNanos(), e.icmpType(), e.icmpCode(), v6,
                IcmpEvidence.describe(v6, e.icmpType(), e.icmpCode()), about, quoted == null ? 0 : quoted.frame,
                quoted == null ? null : quoted.label, quoted == null ? null : quoted.step));
    }

    /** Fragments sent by {@code from} that never completed (the message they carried is missing from {@link #msgs}). */
    void incompleteFragments(IncompleteFragmentsEvent e, Side from) {
        if (incompleteFragments == null) {
            incompleteFragments = new ArrayList<>(1);
        }
        if (incompleteFragments.size() < MAX_INCOMPLETE_FRAGMENT_SETS) {
            incompleteFragments.add(new IncompleteFragmentSet(e.kind(), from, e.frames(), e.firstNanos(), e.lastNanos(),
                    e.bytes(), e.reason()));
        }
        if (e.src() != null && e.src().port() != 0) {
            peer(from).port(e.src().port());
        }
        time(e.firstNanos());
        time(e.lastNanos());
    }

    /** True when some phase-1 step was seen (main, aggressive, IKE_SA_INIT/IKE_AUTH). */
    boolean sawPhase1() {
        for (Step s : Step.values()) {
            if (s.phase1() && firstOf[s.ordinal()] != null) {
                return true;
            }
        }
        return false;
    }

    private boolean sent(Step s) {
        return firstOf[s.ordinal()] != null;
    }

    private boolean responderSentInformational() {
        for (Msg m : msgs) {
            if (m.from == Side.RESPONDER && m.step == Step.INFORMATIONAL) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code from} started a fragment set (IP or IKE) after its peer's {@code after}
     * that never completed at the capture point: the next message left that side, but the capture
     * holds only part of it (e.g. an MM5 with certificates whose fragments were lost).
     */
    private boolean sentIncomplete(Side from, Step after) {
        Msg prev = firstOf[after.ordinal()];
        if (prev == null || incompleteFragments == null) {
            return false;
        }
        for (IncompleteFragmentSet f : incompleteFragments) {
            if (f.from() == from && f.firstNanos() >= prev.time) {
                return true;
            }
        }
        return false;
    }

    /** A state that rests on a message seen only as an incomplete fragment set. */
    boolean stateFromIncompleteFragments() {
        return "main".equals(mode) && (!sent(Step.MM5) && sentIncomplete(Side.INITIATOR, Step.MM4)
                || !sent(Step.MM6) && sent(Step.MM5) && sentIncomplete(Side.RESPONDER, Step.MM5));
    }

    String initiatorState() {
        switch (mode) {
            case "main" -> {
                if (sent(Step.MM6)) {
                    return "MM_ACTIVE";
                }
                if (sent(Step.MM5) || sentIncomplete(Side.INITIATOR, Step.MM4)) {
                    return "MM_WAIT_MSG6";
                }
                if (sent(Step.MM3)) {
                    return "MM_WAIT_MSG4";
                }
                if (sent(Step.MM1)) {
                    return "MM_WAIT_MSG2";
                }
            }
            case "aggressive" -> {
                if (sent(Step.AM3)) {
                    return "AM_ACTIVE";
                }
                if (sent(Step.AM1)) {
                    return "AM_WAIT_MSG2";
                }
            }
            case "ikev2" -> {
                if (sent(Step.IKE_AUTH_RESPONSE)) {
                    return "ESTABLISHED";
                }
                if (sent(Step.IKE_AUTH_REQUEST)) {
                    return "IKE_AUTH";
                }
                if (sent(Step.IKE_SA_INIT_REQUEST)) {
                    return "IKE_SA_INIT";
                }
            }
            default -> {
            }
        }
        return carriedInitiatorState;
    }

    String responderState() {
        switch (mode) {
            case "main" -> {
                if (sent(Step.MM6) || sent(Step.MM5) && sentIncomplete(Side.RESPONDER, Step.MM5)) {
                    return "MM_ACTIVE";
                }
                if (sent(Step.MM4)) {
                    return "MM_WAIT_MSG5";
                }
                if (sent(Step.MM2)) {
                    return "MM_WAIT_MSG3";
                }
                if (sent(Step.MM1) && responderSentInformational()) {
                    return "MM_NO_STATE";
                }
            }
            case "aggressive" -> {
                if (sent(Step.AM3)) {
                    return "AM_ACTIVE";
                }
                if (sent(Step.AM2)) {
                    return "AM_WAIT_MSG3";
                }
                if (sent(Step.AM1) && responderSentInformational()) {
                    return "MM_NO_STATE";
                }
            }
            case "ikev2" -> {
                if (sent(Step.IKE_AUTH_RESPONSE)) {
                    return "ESTABLISHED";
                }
                if (sent(Step.IKE_SA_INIT_RESPONSE)) {
                    return responderNoState && !sent(Step.IKE_AUTH_REQUEST) ? "NO_STATE" : "IKE_SA_INIT";
                }
            }
            default -> {
            }
        }
        return carriedResponderState;
    }

    private ExchangeMessage freeze(Msg m) {
        return new ExchangeMessage(m.frame, m.time, m.file, m.step, m.label, m.from, m.exchangeType, m.messageId,
                m.response, m.encrypted, m.size, m.srcPort, m.dstPort, m.marker, m.vlan,
                m.original == null ? 0 : m.original.frame, m.retransmissionNumber, m.retransmissions, m.inResponseTo,
                m.rtt, m.answeredBy, m.notifications, m.ipFragments, m.ikeFragments, m.payloads, m.payloadKinds,
                m.bytes);
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

    Exchange freeze(String closedBy) {
        Exchange x = new Exchange();
        x.id = id;
        x.continuationOf = continuationOf;
        x.file = file;
        x.version = version;
        x.mode = mode;
        x.startedAfterPhase1 = startedAfterPhase1;
        x.rolesInferred = rolesInferred;
        x.ispi = ispi;
        x.rspi = rspi;
        x.initiator = initiator.freeze();
        x.responder = responder.freeze();
        x.startNanos = start == Long.MAX_VALUE ? 0 : start;
        x.endNanos = end == Long.MIN_VALUE ? 0 : end;
        x.initiatorState = initiatorState();
        x.responderState = responderState();
        x.stateInferred = "ESTABLISHED".equals(x.initiatorState) || "ESTABLISHED".equals(x.responderState)
                || stateFromIncompleteFragments();
        x.proposal = chosen;
        x.offered = offered;
        x.initiatorIdentity = initiatorIdentity;
        x.responderIdentity = responderIdentity;
        Map<Msg, ExchangeMessage> frozen = new java.util.IdentityHashMap<>();
        List<ExchangeMessage> all = new ArrayList<>(msgs.size());
        for (Msg m : msgs) {
            ExchangeMessage f = freeze(m);
            frozen.put(m, f);
            all.add(f);
        }
        x.messages = List.copyOf(all);
        x.messagesDropped = dropped;
        x.notifications = notifications == null ? List.of() : List.copyOf(notifications);
        if (quick != null) {
            List<QuickMode> qms = new ArrayList<>(quick.size());
            for (Quick q : quick.values()) {
                List<ExchangeMessage> qm = new ArrayList<>(q.msgs.size());
                for (Msg m : q.msgs) {
                    ExchangeMessage f = frozen.get(m);
                    qm.add(f != null ? f : freeze(m));
                }
                String state = q.qm3 != null ? "QM_DONE" : q.qm2 != null ? "QM_WAIT_MSG3" : "QM_WAIT_MSG2";
                qms.add(new QuickMode(q.messageId, q.initiator, qm, state, q.answeredByInformational));
            }
            x.quickModes = List.copyOf(qms);
        }
        List<Informational> infos = new ArrayList<>();
        Map<Integer, List<ExchangeMessage>> transactions = new LinkedHashMap<>();
        for (Msg m : msgs) {
            if (m.original != null) {
                continue;
            }
            if (m.step == Step.INFORMATIONAL || m.step == Step.INFORMATIONAL_REQUEST) {
                infos.add(new Informational(m.messageId, m.frame, m.time, m.from, m.encrypted, m.size, m.retransmissions,
                        m.inResponseTo, m.answeredBy, m.rtt, m.notifications, m.deletes));
            }
        }
        for (ExchangeMessage m : all) {
            if (m.step() == Step.TRANSACTION) {
                transactions.computeIfAbsent(m.messageId(), k -> new ArrayList<>()).add(m);
            }
        }
        x.informational = List.copyOf(infos);
        List<Transaction> tx = new ArrayList<>();
        transactions.forEach((mid, l) -> tx.add(new Transaction(mid, l)));
        x.transactions = List.copyOf(tx);
        if (esp != null) {
            List<EspFlow> flows = new ArrayList<>(esp.size());
            for (EspCounter c : esp.values()) {
                flows.add(new EspFlow(org.ikescope.dissector.isakmp.IsakmpMessage.hex32(c.spi), c.from, c.udp, c.srcPort,
                        c.dstPort, c.packets, c.bytes, c.first, c.last, c.firstFrame, c.lastFrame));
            }
            x.esp = List.copyOf(flows);
        }
        x.icmpErrors = icmp == null ? List.of() : List.copyOf(icmp);
        x.incompleteFragmentSets = incompleteFragments == null ? List.of() : List.copyOf(incompleteFragments);
        x.natKeepalives = keepalives;
        x.natDetection = NatDiscovery.detect(natDiscovery, version, initiator, responder);
        x.ikeFragments = ikeFragments;
        Msg begin = firstOf[Step.MM1.ordinal()] != null ? firstOf[Step.MM1.ordinal()]
                : firstOf[Step.AM1.ordinal()] != null ? firstOf[Step.AM1.ordinal()] : firstOf[Step.IKE_SA_INIT_REQUEST.ordinal()];
        Msg done = firstOf[Step.MM6.ordinal()] != null ? firstOf[Step.MM6.ordinal()]
                : firstOf[Step.AM3.ordinal()] != null ? firstOf[Step.AM3.ordinal()] : firstOf[Step.IKE_AUTH_RESPONSE.ordinal()];
        x.timeToEstablishedNanos = begin != null && done != null ? done.time - begin.time : -1;
        x.scanner = scanner();
        x.deleted = deleted;
        x.closedBy = closedBy;
        x.notes = notes(x);
        x.findings = findings == null ? List.of() : List.copyOf(findings);
        return x;
    }

    /**
     * A scanner (ike-scan and the like) sends one first message, reads the answer and goes away:
     * no next step, no retransmission, no notification.
     */
    private boolean scanner() {
        Msg first = firstOf[Step.MM1.ordinal()] != null ? firstOf[Step.MM1.ordinal()] : firstOf[Step.AM1.ordinal()];
        Step answer = first == null ? null : first.step == Step.MM1 ? Step.MM2 : Step.AM2;
        if (first == null || first.retransmissions > 0 || firstOf[answer.ordinal()] == null) {
            return false;
        }
        for (Msg m : msgs) {
            if (m.from == Side.INITIATOR && m != first) {
                return false;
            }
        }
        return true;
    }

    private List<String> notes(Exchange x) {
        List<String> n = new ArrayList<>(2);
        if (x.startedAfterPhase1) {
            n.add("phase 1 of this SA is not in the capture (it started earlier): no phase-1 state can be given");
        }
        if (x.rolesInferred) {
            n.add("which peer initiated is a guess: no first phase-1 message showed it");
        }
        if (x.scanner) {
            n.add("the initiator never followed up the responder's answer: it behaves like a scanner (e.g. ike-scan)");
        }
        if (x.stateInferred) {
            n.add("ESTABLISHED is inferred from an IKE_AUTH response; its content is encrypted");
        }
        if (x.continuationOf != 0) {
            n.add("continues record " + x.continuationOf + " (emitted after " + "it was idle)");
        }
        if (dropped > 0) {
            n.add(dropped + " messages beyond the per-exchange limit were counted but not listed");
        }
        return n;
    }
}
