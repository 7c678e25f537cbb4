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
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.EspCursor;
import org.ikescope.dissector.event.EspEvent;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.model.ActivityList;
import org.ikescope.dissector.session.SaKey;
import org.ikescope.dissector.session.SaSession;

/**
 * Follows the IKE SAs of one capture timeline and emits one {@link Exchange} per SA when it is
 * over: when nothing new arrived within the idle timeout (capture time), when its IKE SA was seen
 * deleted, when more than {@code maxTracked} SAs are open (the least recently active one goes), or
 * at {@link #finish()}. An SA that shows up again after it was emitted gets a new record with
 * {@link Exchange#continuationOf()}. Memory is bounded by the open SAs, not by the capture: a
 * summary per message, and its bytes (for the plugins) within {@link Options#payloadBytesBudget()}
 * until its SA is emitted.
 *
 * <p>Roles and identity come from the dissector's per-SA {@link SaSession} (which decided them once,
 * from the first message it saw): an SA is its session's {@link SaKey}, the initiator cookie and
 * the initiator's address, so a message that arrives mid-exchange with a zero or different
 * responder cookie stays with its SA, and so does a peer whose ports change (the float to 4500,
 * NAT port mappings). ESP, keepalives and IP fragments without a cookie join the SA of their
 * address pair.
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

    /**
     * Two addresses, in either order. A key in a map is never changed; the tracker's one
     * {@link #probe} is refilled with {@link #set} for look-ups that allocate nothing.
     */
    static final class PairKey {
        byte[] a;
        byte[] b;
        private int hash;

        PairKey(byte[] x, byte[] y) {
            set(x, y);
        }

        /** Only for the probe: this key now stands for {@code x} and {@code y}. */
        PairKey set(byte[] x, byte[] y) {
            boolean swap = Arrays.compareUnsigned(x, y) > 0;
            this.a = swap ? y : x;
            this.b = swap ? x : y;
            this.hash = Arrays.hashCode(a) * 31 + Arrays.hashCode(b);
            return this;
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

    /**
     * The look-up key of ESP packets, refilled per packet from {@link #probeSrc}/{@link #probeDst}
     * (one array per address length), never stored.
     */
    private final PairKey probe = new PairKey(new byte[0], new byte[0]);
    private final byte[][] probeSrc = {new byte[4], new byte[16]};
    private final byte[][] probeDst = {new byte[4], new byte[16]};
    /**
     * The record the last ESP packet went to, with that packet's addresses and side; null once
     * {@link #byPair} changes ({@link #pairs}, {@link #unpair}: nothing else changes it), so it is
     * always the pair's current record.
     */
    private ExchangeBuilder lastEsp;
    private Side lastEspSide;
    private int lastEspLength;
    private final byte[] lastEspSrc = new byte[16];
    private final byte[] lastEspDst = new byte[16];

    /** What is kept of an emitted SA so that a later message of it continues its record. */
    private record Tombstone(long id, SaKey key, long ispi, long rspi, int version, ExchangeMode mode,
                             byte[] initiatorAddress, byte[] responderAddress, Phase1State initiatorState,
                             Phase1State responderState, Suite proposal, List<Suite> offered, boolean rolesInferred,
                             boolean startedAfterPhase1) {
    }

    private final Options options;
    private final Consumer<Exchange> sink;
    private final Consumer<Finding> frameFindings;
    private final LongSupplier ids;
    private final TrackerStats stats = new TrackerStats();
    private final Map<SaKey, ExchangeBuilder> byKey = new HashMap<>();
    private final Map<PairKey, ExchangeBuilder> byPair = new HashMap<>();
    private final Map<SaKey, Tombstone> tombstones = lru();
    private final Map<PairKey, Tombstone> pairTombstones = lru();
    /** Open SAs, least recently active first. */
    private final ActivityList<ExchangeBuilder> activity = new ActivityList<>();
    private int tracked;
    private long now = Long.MIN_VALUE;
    private int frameFindingCount;
    /** The frame clock ({@link #clock}): first and last capture time, frames seen, whether time moved. */
    private long firstFrameNanos;
    private long lastFrameNanos = Long.MIN_VALUE;
    private long framesSeen;
    private boolean timeMoved;
    /** Charged {@link MessageBytes} of the open SAs (bounded by {@link Options#payloadBytesBudget()}). */
    private long payloadBytesRetained;
    /**
     * When the sink hands exchanges to another thread ({@link #releaseAfter}): that consumer, and
     * the SAs emitted whose bytes wait until it is done with them, in emission order.
     */
    private AsyncConsumer consumer;
    private final java.util.ArrayDeque<ExchangeBuilder> unreleased = new java.util.ArrayDeque<>();
    private long emittedCount;
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

    /**
     * A consumer of emitted exchanges on another thread: exchanges are handed over in emission
     * order and finished in that order.
     */
    public interface AsyncConsumer {
        /** How many exchanges it has finished with (their bytes may go). */
        long finished();

        /** Waits until it has finished with every exchange handed over. */
        void awaitFinished();
    }

    /**
     * The sink hands each exchange to {@code c}, which examines it on another thread: the bytes of
     * an emitted SA are released when {@code c} has finished with it rather than when the sink
     * returns. Decisions stay those of a run on one thread: a message whose bytes would exceed the
     * budget first waits for {@code c} to finish everything emitted, so the budget then counts
     * what it would count had every emitted SA been released at once.
     */
    public void releaseAfter(AsyncConsumer c) {
        this.consumer = c;
    }

    /** Releases the bytes of the emitted SAs the consumer has finished with (all of them with {@code all}). */
    private void releaseFinished(boolean all) {
        if (unreleased.isEmpty()) {
            return;
        }
        if (all) {
            consumer.awaitFinished();
        }
        long finished = all ? emittedCount : consumer.finished();
        // The oldest unreleased SA is number emittedCount - unreleased.size() in emission order.
        while (!unreleased.isEmpty() && emittedCount - unreleased.size() < finished) {
            payloadBytesRetained -= unreleased.removeFirst().releaseBytes();
        }
    }

    /** Keeps {@code m}'s bytes when the budget allows; else counts it and returns {@link MessageBytes#NONE}. */
    private MessageBytes keepBytes(IsakmpMessage m) {
        long charge = MessageBytes.charge(m);
        if (payloadBytesRetained + charge > options.payloadBytesBudget() && consumer != null) {
            releaseFinished(false);
            if (payloadBytesRetained + charge > options.payloadBytesBudget()) {
                releaseFinished(true);
            }
        }
        if (payloadBytesRetained + charge > options.payloadBytesBudget()) {
            stats.payloadBytesNotRetained++;
            return MessageBytes.NONE;
        }
        payloadBytesRetained += charge;
        return MessageBytes.of(m);
    }

    @Override
    public void clock(long timeNanos) {
        if (framesSeen++ == 0) {
            firstFrameNanos = timeNanos;
        } else if (timeNanos != firstFrameNanos) {
            timeMoved = true;
        }
        lastFrameNanos = Math.max(lastFrameNanos, timeNanos);
    }

    /** The capture's window as far as read now (see {@link CaptureWindow}). */
    CaptureWindow window() {
        if (framesSeen == 0) {
            return CaptureWindow.UNKNOWN;
        }
        return new CaptureWindow(firstFrameNanos, Math.max(lastFrameNanos, now), framesSeen == 1 || timeMoved);
    }

    @Override
    public void message(MessageEvent e) {
        advance(e.timeNanos());
        if (e.duplicateOf() != 0) {
            stats.duplicatesSkipped++;
            return;
        }
        IsakmpMessage m = e.message();
        SaSession session = e.session();
        ExchangeBuilder b = session == null ? null : byKey.get(session.key());
        if (e.quotedByIcmp()) {
            stats.icmpErrors++;
            if (b == null) {
                stats.icmpUnmatched++;
            } else {
                b.icmp(e, e.from());
            }
            return;
        }
        if (e.ikeFragmentFrames().isEmpty() && !m.isIkev2() && hasFragment(m)) {
            // One IKE fragment: the message it belongs to comes when the last one arrives. The SA is
            // opened by its first fragment, so that one whose fragments never complete is still listed
            // (with its incomplete set).
            if (b == null && session == null) {
                stats.ikeFragmentsUnmatched++;
                return;
            }
            if (b == null) {
                Tombstone t = tombstones.remove(session.key());
                b = t != null ? continuation(t, e.file()) : create(e.file(), session);
                register(b);
            }
            stats.ikeFragments++;
            b.ikeFragments++;
            touch(b, e.timeNanos());
            return;
        }
        if (b == null) {
            Tombstone t = tombstones.remove(session.key());
            b = t != null ? continuation(t, e.file()) : create(e.file(), session);
            register(b);
        }
        long hash = Msg.fingerprint(m.bytes());
        if (b.seenAtAnotherCapturePoint(e, hash)) {
            stats.crossCaptureCopies++;
            touch(b, e.timeNanos());
            return;
        }
        stats.messages++;
        boolean established = b.add(e, hash, keeper);
        if (established && b.pair != null) {
            pairs(b);
        }
        touch(b, e.timeNanos());
    }

    private static boolean hasFragment(IsakmpMessage m) {
        for (Payload p : m.payloads()) {
            if (p.is(PayloadType.FRAGMENT)) {
                return true;
            }
        }
        return false;
    }

    /** A new record of the SA of {@code session}: roles and mode as the session decided them. */
    private ExchangeBuilder create(String file, SaSession s) {
        return new ExchangeBuilder(ids.getAsLong(), s.key(), file, s.version(), s.mode(), s.rolesInferred(),
                s.startedAfterPhase1(), s.initiatorCookie(), s.initiatorAddress(), s.responderAddress(),
                new Phase1State[] {Phase1State.NONE, Phase1State.NONE}, options.maxMessagesPerExchange(),
                options.idleTimeoutNanos());
    }

    private ExchangeBuilder continuation(Tombstone t, String file) {
        ExchangeBuilder b = new ExchangeBuilder(ids.getAsLong(), t.key(), file, t.version(), t.mode(), t.rolesInferred(),
                t.startedAfterPhase1(), t.ispi(), t.initiatorAddress(), t.responderAddress(),
                new Phase1State[] {t.initiatorState(), t.responderState()}, options.maxMessagesPerExchange(),
                options.idleTimeoutNanos());
        b.continuationOf = t.id();
        b.rspi = t.rspi();
        b.chosen = t.proposal();
        b.offered = t.offered();
        b.established = t.initiatorState().active();
        return b;
    }

    private void register(ExchangeBuilder b) {
        if (b.key != null) {
            byKey.put(b.key, b);
        }
        b.pair = new PairKey(b.initiator.address, b.responder.address);
        ExchangeBuilder current = byPair.get(b.pair);
        if (current == null || !current.established || b.established) {
            pairs(b);
        }
        tracked++;
        if (tracked > options.maxTracked() && activity.leastRecent() != null) {
            // The new SA is not in the activity list yet: the least recent is another one.
            stats.closedAtCap++;
            emit(activity.leastRecent(), CloseReason.CAP);
        }
        stats.peakTracked = Math.max(stats.peakTracked, tracked);
    }

    @Override
    public void esp(EspEvent e) {
        byte[] src = e.src().address();
        byte[] dst = e.dst().address();
        esp(new EspCursor().set(e.file(), e.frame(), e.timeNanos(), src, dst, src.length, e.src().port(), e.dst().port(),
                e.udpEncapsulated(), e.spi(), e.sequence(), e.length()));
    }

    /** An ESP packet joins the SA of its address pair; nothing is allocated unless it opens one. */
    @Override
    public void esp(EspCursor e) {
        advance(e.timeNanos());
        stats.espPackets++;
        int n = e.addressLength();
        ExchangeBuilder last = lastEsp;
        if (last != null && n == lastEspLength && sameAddresses(e, n)) {
            // The same direction of the same pair as the packet before (ESP comes in bursts): the
            // record it went to is still the pair's, since every change of byPair forgets it.
            last.esp(e, lastEspSide);
            touch(last, e.timeNanos());
            return;
        }
        int which = n == 4 ? 0 : 1;
        byte[] src = probeSrc[which];
        byte[] dst = probeDst[which];
        if (src.length != n) {
            src = e.srcAddress();
            dst = e.dstAddress();
        } else {
            for (int i = 0; i < n; i++) {
                src[i] = e.src(i);
                dst[i] = e.dst(i);
            }
        }
        ExchangeBuilder b = byPair.get(probe.set(src, dst));
        if (b == null) {
            // Copies from here on: the probe's arrays are refilled by the next packet.
            src = e.srcAddress();
            dst = e.dstAddress();
            PairKey pk = new PairKey(src, dst);
            Tombstone t = pairTombstones.remove(pk);
            if (t != null) {
                if (t.key() != null) {
                    tombstones.remove(t.key());
                }
                b = continuation(t, e.file());
            } else {
                // ESP of an SA negotiated before the capture began.
                b = new ExchangeBuilder(ids.getAsLong(), null, e.file(), 0, ExchangeMode.UNKNOWN, true, true, 0, src, dst,
                        new Phase1State[] {Phase1State.NONE, Phase1State.NONE}, options.maxMessagesPerExchange(),
                        options.idleTimeoutNanos());
            }
            register(b);
        }
        Side side = b.sideOf(src);
        b.esp(e, side);
        touch(b, e.timeNanos());
        if (byPair.get(b.pair) == b) { // not evicted by its own registration
            lastEsp = b;
            lastEspSide = side;
            lastEspLength = n;
            for (int i = 0; i < n; i++) {
                lastEspSrc[i] = e.src(i);
                lastEspDst[i] = e.dst(i);
            }
        }
    }

    /** {@code b} becomes its address pair's record; the ESP shortcut ({@link #lastEsp}) forgets its record. */
    private void pairs(ExchangeBuilder b) {
        byPair.put(b.pair, b);
        lastEsp = null;
    }

    /** {@code b} is no longer its address pair's record; the ESP shortcut forgets its record. */
    private void unpair(ExchangeBuilder b) {
        byPair.remove(b.pair);
        lastEsp = null;
    }

    /** Whether {@code e}'s addresses are those of the packet {@link #lastEsp} was remembered for, in the same direction. */
    private boolean sameAddresses(EspCursor e, int n) {
        for (int i = 0; i < n; i++) {
            if (e.src(i) != lastEspSrc[i] || e.dst(i) != lastEspDst[i]) {
                return false;
            }
        }
        return true;
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
            b.keepalive(b.sideOf(src), e.src().port(), e.dst().port());
            touch(b, e.timeNanos());
        } else if (e.diagnostic() != null) {
            if (frameFindings == null || frameFindingCount >= MAX_FRAME_FINDINGS) {
                stats.findingsNotReported++;
                return;
            }
            frameFindingCount++;
            frameFindings.accept(e.diagnostic().toFinding(e.frame(), "frame " + e.frame() + " of " + e.file()));
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
        ExchangeBuilder b = e.session() == null ? null : byKey.get(e.session().key());
        if (b == null && e.kind() == FragmentKind.IP) {
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
        b.incompleteFragments(e, e.from() != null && e.session() != null && e.session().key().equals(b.key) ? e.from()
                : b.sideOf(src));
    }

    /** Emits every SA still open, in order of their first activity. */
    public void finish() {
        List<ExchangeBuilder> open = new ArrayList<>(tracked);
        for (ExchangeBuilder b = activity.leastRecent(); b != null; b = b.nextMoreRecent()) {
            open.add(b);
        }
        open.sort(Comparator.comparingLong((ExchangeBuilder b) -> b.start).thenComparingLong(b -> b.id));
        for (ExchangeBuilder b : open) {
            emit(b, CloseReason.END);
        }
        tombstones.clear();
        pairTombstones.clear();
        if (consumer != null) {
            releaseFinished(true);
        }
    }

    /** Moves the clock to {@code t} and emits the SAs idle for longer than the timeout. */
    private void advance(long t) {
        if (t > now) {
            now = t;
        }
        ExchangeBuilder idle;
        while ((idle = activity.leastRecent()) != null && now - idle.lastActivity > timeout(idle)) {
            emit(idle, idle.deleted ? CloseReason.DELETED : CloseReason.IDLE);
        }
    }

    private long timeout(ExchangeBuilder b) {
        return b.deleted ? Math.min(DELETE_GRACE_NANOS, options.idleTimeoutNanos()) : options.idleTimeoutNanos();
    }

    /** Marks activity: the SA moves to the end of the activity list. */
    private void touch(ExchangeBuilder b, long t) {
        b.lastActivity = Math.max(b.lastActivity, t);
        activity.touch(b);
    }

    private void emit(ExchangeBuilder b, CloseReason reason) {
        activity.remove(b);
        if (b.key != null && byKey.get(b.key) == b) {
            byKey.remove(b.key);
        }
        if (b.pair != null && byPair.get(b.pair) == b) {
            unpair(b);
        }
        tracked--;
        Exchange x = b.freeze(reason, window());
        switch (reason) {
            case IDLE -> stats.closedIdle++;
            case DELETED -> stats.closedDeleted++;
            case END -> stats.closedEnd++;
            default -> {
            }
        }
        if (reason != CloseReason.END && !b.deleted) {
            Tombstone t = new Tombstone(x.id(), b.key, b.ispi, x.rspi(), b.version, b.mode, b.initiator.address,
                    b.responder.address, x.initiatorState(), x.responderState(), x.proposal(), x.offered(),
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
        if (consumer != null) {
            // Released when the consumer is done with it (releaseAfter); those before it, now.
            sink.accept(x);
            unreleased.addLast(b);
            emittedCount++;
            releaseFinished(false);
            return;
        }
        try {
            sink.accept(x);
        } finally {
            // The plugins ran and the record was written: whatever keeps x (the end-of-capture
            // diagnosis) keeps it without the bytes, and the budget goes to the SAs still open.
            payloadBytesRetained -= b.releaseBytes();
        }
    }
}
