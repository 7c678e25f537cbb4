package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.DissectionListener;
import org.ikescope.dissector.Endpoint;
import org.ikescope.dissector.EspEvent;
import org.ikescope.dissector.FrameEvent;
import org.ikescope.dissector.IncompleteFragmentsEvent;
import org.ikescope.dissector.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * Follows the IKE SAs of one capture timeline and emits one {@link Exchange} per SA when it is
 * over: when nothing new arrived within the idle timeout (capture time), when its IKE SA was seen
 * deleted, when more than {@code maxTracked} SAs are open (the least recently active one goes), or
 * at {@link #finish()}. An SA that shows up again after it was emitted gets a new record with
 * {@link Exchange#continuationOf()}. Memory is bounded by the open SAs, not by the capture: a
 * summary per message, and its bytes (for the plugins) within {@link Options#payloadBytesBudget()}
 * until its SA is emitted.
 *
 * <p>Roles: the initiator is the sender of the first message with a zero responder cookie (MM1,
 * AM1; IKEv2: the I flag). An SA is keyed by the initiator cookie and the initiator's address, so
 * a message that arrives mid-exchange with a zero or different responder cookie stays with its SA,
 * and so does a peer whose ports change (the float to 4500, NAT port mappings).
 *
 * <p>Not thread-safe: one tracker per timeline.
 */
public final class ExchangeTracker implements DissectionListener {
    /**
     * @param idleTimeoutNanos       an SA with no activity this long (capture time) is emitted
     * @param maxTracked             SAs open at once; beyond it the least recently active is emitted
     * @param maxMessagesPerExchange messages listed per record (more are counted)
     * @param payloadBytesBudget     heap for the bytes of the messages of open SAs, kept so that plugins
     *                               can read payload bodies at emission (see {@link MessageBytes}); a
     *                               message beyond it keeps none and is counted in
     *                               {@link TrackerStats#payloadBytesNotRetained}. 0 keeps none.
     */
    public record Options(long idleTimeoutNanos, int maxTracked, int maxMessagesPerExchange, long payloadBytesBudget) {
        public static final long DEFAULT_IDLE_SECONDS = 120;
        /** About 100 bytes per message and a few hundred per SA: 50,000 open SAs fit well in 256 MB. */
        public static final int DEFAULT_MAX_TRACKED = 50_000;
        public static final int DEFAULT_MAX_MESSAGES = 10_000;
        /**
         * 24 MiB of message bytes per timeline, about a tenth of the 256 MB heap the analyzer is
         * sized for. The large test (a million messages, 24,000 SAs open at once) charges at most
         * about 18 MiB for its clear-text messages, so it keeps every body and peaks at about 187 MB
         * of live heap (171 MB keeping none); a spent budget adds at most its own size.
         */
        public static final long DEFAULT_PAYLOAD_BYTES_BUDGET = 24L << 20;

        /** Options with the default budget of message bytes. */
        public Options(long idleTimeoutNanos, int maxTracked, int maxMessagesPerExchange) {
            this(idleTimeoutNanos, maxTracked, maxMessagesPerExchange, DEFAULT_PAYLOAD_BYTES_BUDGET);
        }

        public static Options defaults() {
            return new Options(DEFAULT_IDLE_SECONDS * 1_000_000_000L, DEFAULT_MAX_TRACKED, DEFAULT_MAX_MESSAGES);
        }
    }

    /** After a clear-text delete, the peers' last words (the other side's delete) still join the record. */
    static final long DELETE_GRACE_NANOS = 2_000_000_000L;
    /** Emitted SAs remembered so that later messages become continuations. */
    static final int MAX_TOMBSTONES = 100_000;
    /** Frame-level problems reported as findings per timeline. */
    static final int MAX_FRAME_FINDINGS = 1_000;

    /** An SA key: initiator cookie and the initiator's address. */
    static final class Key {
        final long ispi;
        final byte[] address;
        private final int hash;

        Key(long ispi, byte[] address) {
            this.ispi = ispi;
            this.address = address;
            this.hash = Long.hashCode(ispi) * 31 + Arrays.hashCode(address);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.ispi == ispi && Arrays.equals(k.address, address);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Two addresses, in either order. */
    static final class PairKey {
        final byte[] a;
        final byte[] b;
        private final int hash;

        PairKey(byte[] x, byte[] y) {
            boolean swap = Arrays.compareUnsigned(x, y) > 0;
            this.a = swap ? y : x;
            this.b = swap ? x : y;
            this.hash = Arrays.hashCode(a) * 31 + Arrays.hashCode(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PairKey k && Arrays.equals(k.a, a) && Arrays.equals(k.b, b);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What is kept of an emitted SA so that a later message of it continues its record. */
    private record Tombstone(long id, long ispi, long rspi, int version, String mode, byte[] initiatorAddress,
                             String initiatorIp, byte[] responderAddress, String responderIp, String initiatorState,
                             String responderState, ProposalSummary proposal, boolean rolesInferred,
                             boolean startedAfterPhase1) {
    }

    private final Options options;
    private final Consumer<Exchange> sink;
    private final Consumer<Finding> frameFindings;
    private final LongSupplier ids;
    private final TrackerStats stats = new TrackerStats();
    private final Map<Key, ExchangeBuilder> byKey = new HashMap<>();
    private final Map<PairKey, ExchangeBuilder> byPair = new HashMap<>();
    private final Map<Key, Tombstone> tombstones = lru();
    private final Map<PairKey, Tombstone> pairTombstones = lru();
    private ExchangeBuilder head;
    private ExchangeBuilder tail;
    private int tracked;
    private long now = Long.MIN_VALUE;
    private int frameFindingCount;
    /** Charged {@link MessageBytes} of the open SAs (bounded by {@link Options#payloadBytesBudget()}). */
    private long payloadBytesRetained;
    /** {@link #keepBytes}, made once rather than per message. */
    private final Function<IsakmpMessage, MessageBytes> keeper = this::keepBytes;

    /**
     * @param sink          receives each emitted exchange
     * @param frameFindings receives problems of frames that belong to no SA (malformed frames), or null
     * @param ids           record numbers (shared when several timelines form one report)
     */
    public ExchangeTracker(Options options, Consumer<Exchange> sink, Consumer<Finding> frameFindings, LongSupplier ids) {
        this.options = options;
        this.sink = sink;
        this.frameFindings = frameFindings;
        this.ids = ids;
    }

    private static <K> Map<K, Tombstone> lru() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Tombstone> eldest) {
                return size() > MAX_TOMBSTONES;
            }
        };
    }

    public TrackerStats stats() {
        return stats;
    }

    /** SAs open now. */
    public int tracked() {
        return tracked;
    }

    /** Heap charged for the message bytes the open SAs keep (see {@link MessageBytes}). */
    public long payloadBytesRetained() {
        return payloadBytesRetained;
    }

    /** Keeps {@code m}'s bytes when the budget allows; else counts it and returns {@link MessageBytes#NONE}. */
    private MessageBytes keepBytes(IsakmpMessage m) {
        long charge = MessageBytes.charge(m);
        if (payloadBytesRetained + charge > options.payloadBytesBudget()) {
            stats.payloadBytesNotRetained++;
            return MessageBytes.NONE;
        }
        payloadBytesRetained += charge;
        return MessageBytes.of(m);
    }

    @Override
    public void message(MessageEvent e) {
        advance(e.timeNanos());
        if (e.duplicateOf() != 0) {
            stats.duplicatesSkipped++;
            return;
        }
        IsakmpMessage m = e.message();
        byte[] src = e.src().address();
        byte[] dst = e.dst().address();
        Key ks = new Key(m.initiatorCookie(), src);
        Key kd = new Key(m.initiatorCookie(), dst);
        ExchangeBuilder b = byKey.get(ks);
        if (b == null) {
            b = byKey.get(kd);
        }
        if (e.quotedByIcmp()) {
            stats.icmpErrors++;
            if (b == null) {
                stats.icmpUnmatched++;
            } else {
                b.icmp(e, b.sideOf(src));
            }
            return;
        }
        if (m.has(PayloadFacts.FRAGMENT) && e.ikeFragmentFrames().isEmpty() && !m.isIkev2()) {
            // One IKE fragment: the message it belongs to comes when the last one arrives.
            if (b == null) {
                stats.ikeFragmentsUnmatched++;
            } else {
                stats.ikeFragments++;
                b.ikeFragments++;
                touch(b, e.timeNanos());
            }
            return;
        }
        if (b == null) {
            Tombstone t = tombstones.remove(ks);
            if (t == null) {
                t = tombstones.remove(kd);
            }
            b = t != null ? continuation(t, e.file()) : create(e, src, dst);
            register(b);
        }
        Side from = b.sideOf(src);
        long hash = PayloadFacts.fingerprint(m.bytes());
        if (b.seenAtAnotherCapturePoint(e, from, hash)) {
            stats.crossCaptureCopies++;
            touch(b, e.timeNanos());
            return;
        }
        stats.messages++;
        boolean established = b.add(e, from, hash, keeper);
        if (established && b.pair != null) {
            byPair.put(b.pair, b);
        }
        touch(b, e.timeNanos());
    }

    /** A new SA: its roles and mode from its first message. */
    private ExchangeBuilder create(MessageEvent e, byte[] src, byte[] dst) {
        IsakmpMessage m = e.message();
        int t = m.exchangeType();
        boolean senderIsInitiator;
        boolean rolesInferred;
        boolean afterPhase1;
        String mode;
        if (m.isIkev2()) {
            senderIsInitiator = m.hasFlag(IsakmpMessage.FLAG_INITIATOR);
            rolesInferred = false;
            afterPhase1 = t != ExchangeBuilder.IKE_SA_INIT && t != ExchangeBuilder.IKE_AUTH;
            mode = "ikev2";
        } else if (t == ExchangeBuilder.MAIN || t == ExchangeBuilder.AGGRESSIVE) {
            senderIsInitiator = true;
            // Only a first message (zero responder cookie) shows who initiated.
            rolesInferred = m.responderCookie() != 0;
            afterPhase1 = false;
            mode = t == ExchangeBuilder.MAIN ? "main" : "aggressive";
        } else {
            senderIsInitiator = true;
            rolesInferred = true;
            afterPhase1 = true;
            mode = "unknown";
        }
        Endpoint i = senderIsInitiator ? e.src() : e.dst();
        Endpoint r = senderIsInitiator ? e.dst() : e.src();
        ExchangeBuilder b = new ExchangeBuilder(ids.getAsLong(), e.file(), m.initiatorCookie(),
                senderIsInitiator ? src : dst, i.ip(), senderIsInitiator ? dst : src, r.ip(),
                options.maxMessagesPerExchange(), options.idleTimeoutNanos());
        b.version = m.isIkev2() ? 2 : 1;
        b.mode = mode;
        b.rolesInferred = rolesInferred;
        b.startedAfterPhase1 = afterPhase1;
        return b;
    }

    private ExchangeBuilder continuation(Tombstone t, String file) {
        ExchangeBuilder b = new ExchangeBuilder(ids.getAsLong(), file, t.ispi(), t.initiatorAddress(), t.initiatorIp(),
                t.responderAddress(), t.responderIp(), options.maxMessagesPerExchange(), options.idleTimeoutNanos());
        b.continuationOf = t.id();
        b.rspi = t.rspi();
        b.version = t.version();
        b.mode = t.mode();
        b.rolesInferred = t.rolesInferred();
        b.startedAfterPhase1 = t.startedAfterPhase1();
        b.carriedInitiatorState = t.initiatorState();
        b.carriedResponderState = t.responderState();
        b.chosen = t.proposal();
        b.established = "MM_ACTIVE".equals(t.initiatorState()) || "AM_ACTIVE".equals(t.initiatorState())
                || "ESTABLISHED".equals(t.initiatorState());
        return b;
    }

    private void register(ExchangeBuilder b) {
        if (b.ispi != 0 || b.version != 0) {
            b.key = new Key(b.ispi, b.initiator.address);
            byKey.put(b.key, b);
            if (b.rolesInferred) {
                b.key2 = new Key(b.ispi, b.responder.address);
                byKey.putIfAbsent(b.key2, b);
            }
        }
        b.pair = new PairKey(b.initiator.address, b.responder.address);
        ExchangeBuilder current = byPair.get(b.pair);
        if (current == null || !current.established || b.established) {
            byPair.put(b.pair, b);
        }
        tracked++;
        if (tracked > options.maxTracked() && head != null) {
            // The new SA is not in the activity list yet: the head is the least recently active other one.
            stats.closedAtCap++;
            emit(head, "cap");
        }
        stats.peakTracked = Math.max(stats.peakTracked, tracked);
    }

    @Override
    public void esp(EspEvent e) {
        advance(e.timeNanos());
        stats.espPackets++;
        byte[] src = e.src().address();
        byte[] dst = e.dst().address();
        PairKey pk = new PairKey(src, dst);
        ExchangeBuilder b = byPair.get(pk);
        if (b == null) {
            Tombstone t = pairTombstones.remove(pk);
            if (t != null) {
                tombstones.remove(new Key(t.ispi(), t.initiatorAddress()));
                b = continuation(t, e.file());
            } else {
                // ESP of an SA negotiated before the capture began.
                b = new ExchangeBuilder(ids.getAsLong(), e.file(), 0, src, e.src().ip(), dst, e.dst().ip(),
                        options.maxMessagesPerExchange(), options.idleTimeoutNanos());
                b.version = 0;
                b.mode = "unknown";
                b.rolesInferred = true;
                b.startedAfterPhase1 = true;
            }
            register(b);
        }
        b.esp(e, b.sideOf(src));
        touch(b, e.timeNanos());
    }

    @Override
    public void frame(FrameEvent e) {
        advance(e.timeNanos());
        if (FrameEvent.NAT_KEEPALIVE.equals(e.kind()) && e.src() != null && e.dst() != null) {
            byte[] src = e.src().address();
            ExchangeBuilder b = byPair.get(new PairKey(src, e.dst().address()));
            if (b == null) {
                stats.natKeepalivesUnmatched++;
                return;
            }
            stats.natKeepalives++;
            b.keepalive(e.timeNanos(), b.sideOf(src), e.src().port(), e.dst().port());
            touch(b, e.timeNanos());
        } else if (e.diagnostic() != null) {
            if (frameFindings == null || frameFindingCount >= MAX_FRAME_FINDINGS) {
                stats.findingsNotReported++;
                return;
            }
            frameFindingCount++;
            frameFindings.accept(new Finding(e.diagnostic().code(), Severity.WARNING, Confidence.CONFIRMED,
                    e.diagnostic().detail(), "Frame " + e.frame() + " of " + e.file() + " could not be decoded.",
                    List.of(e.frame()), "", "dissector", e.diagnostic().offset()));
        }
    }

    /**
     * A fragment set that never completed joins its SA: by initiator cookie when known (IKE sets
     * always; IP sets whose first fragment came), else an IP set joins the open SA of the same
     * address pair when its time fits. The clock does not move: the event may come late (when the
     * dissector gave the set up), its times are those of the fragments.
     */
    @Override
    public void incompleteFragments(IncompleteFragmentsEvent e) {
        if (e.src() == null || e.dst() == null) {
            stats.incompleteFragmentSetsUnmatched++;
            return;
        }
        byte[] src = e.src().address();
        byte[] dst = e.dst().address();
        ExchangeBuilder b = null;
        if (e.initiatorCookie() != 0) {
            b = byKey.get(new Key(e.initiatorCookie(), src));
            if (b == null) {
                b = byKey.get(new Key(e.initiatorCookie(), dst));
            }
        }
        if (b == null && IncompleteFragmentsEvent.IP.equals(e.kind())) {
            ExchangeBuilder p = byPair.get(new PairKey(src, dst));
            if (p != null && e.firstNanos() <= p.lastActivity + options.idleTimeoutNanos()
                    && (p.start == Long.MAX_VALUE || e.lastNanos() >= p.start)) {
                b = p;
            }
        }
        if (b == null) {
            stats.incompleteFragmentSetsUnmatched++;
            return;
        }
        stats.incompleteFragmentSets++;
        b.incompleteFragments(e, b.sideOf(src));
    }

    /** Emits every SA still open, in order of their first activity. */
    public void finish() {
        List<ExchangeBuilder> open = new ArrayList<>(tracked);
        for (ExchangeBuilder b = head; b != null; b = b.next) {
            open.add(b);
        }
        open.sort(Comparator.comparingLong((ExchangeBuilder b) -> b.start).thenComparingLong(b -> b.id));
        for (ExchangeBuilder b : open) {
            emit(b, "end");
        }
        tombstones.clear();
        pairTombstones.clear();
    }

    /** Moves the clock to {@code t} and emits the SAs idle for longer than the timeout. */
    private void advance(long t) {
        if (t > now) {
            now = t;
        }
        while (head != null && now - head.lastActivity > timeout(head)) {
            emit(head, head.deleted ? "deleted" : "idle");
        }
    }

    private long timeout(ExchangeBuilder b) {
        return b.deleted ? Math.min(DELETE_GRACE_NANOS, options.idleTimeoutNanos()) : options.idleTimeoutNanos();
    }

    /** Marks activity: the SA moves to the tail of the activity list. */
    private void touch(ExchangeBuilder b, long t) {
        b.lastActivity = Math.max(b.lastActivity, t);
        if (b.linked) {
            if (tail == b) {
                return;
            }
            unlink(b);
        }
        b.prev = tail;
        b.next = null;
        if (tail != null) {
            tail.next = b;
        } else {
            head = b;
        }
        tail = b;
        b.linked = true;
    }

    private void unlink(ExchangeBuilder b) {
        if (b.prev != null) {
            b.prev.next = b.next;
        } else {
            head = b.next;
        }
        if (b.next != null) {
            b.next.prev = b.prev;
        } else {
            tail = b.prev;
        }
        b.prev = null;
        b.next = null;
        b.linked = false;
    }

    private void emit(ExchangeBuilder b, String reason) {
        if (b.linked) {
            unlink(b);
        }
        if (b.key != null && byKey.get(b.key) == b) {
            byKey.remove(b.key);
        }
        if (b.key2 != null && byKey.get(b.key2) == b) {
            byKey.remove(b.key2);
        }
        if (b.pair != null && byPair.get(b.pair) == b) {
            byPair.remove(b.pair);
        }
        tracked--;
        Exchange x = b.freeze(reason);
        switch (reason) {
            case "idle" -> stats.closedIdle++;
            case "deleted" -> stats.closedDeleted++;
            case "end" -> stats.closedEnd++;
            default -> {
            }
        }
        if (!"end".equals(reason) && !b.deleted) {
            Tombstone t = new Tombstone(x.id(), b.ispi, x.rspi(), b.version, b.mode, b.initiator.address, b.initiator.ip,
                    b.responder.address, b.responder.ip, x.initiatorState(), x.responderState(), x.proposal(),
                    b.rolesInferred, b.startedAfterPhase1);
            if (b.key != null) {
                tombstones.put(b.key, t);
            }
            if (b.pair != null && (b.established || b.version == 0)) {
                pairTombstones.put(b.pair, t);
            }
        }
        stats.exchanges++;
        if (x.established()) {
            stats.established++;
        }
        if (x.continuationOf() != 0) {
            stats.continuations++;
        }
        if (x.startedAfterPhase1()) {
            stats.startedAfterPhase1++;
        }
        stats.messagesNotListed += x.messagesDropped();
        try {
            sink.accept(x);
        } finally {
            // The plugins ran and the record was written: whatever keeps x (the end-of-capture
            // diagnosis) keeps it without the bytes, and the budget goes to the SAs still open.
            payloadBytesRetained -= b.releaseBytes();
        }
    }
}
