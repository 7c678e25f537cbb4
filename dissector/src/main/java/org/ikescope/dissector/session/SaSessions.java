package org.ikescope.dissector.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.dissector.isakmp.FragmentBody;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.NatTraversalNumbering;
import org.ikescope.dissector.model.ActivityList;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.model.FragmentsLost;

/**
 * The per-SA sessions of one capture timeline, keyed by {@link SaKey} (initiator cookie and
 * initiator address). Bounded whatever the capture's size: past {@link Options#capacity()} the
 * least recently active session is evicted, and a session idle for
 * {@link Options#idleTimeoutNanos()} of capture time expires; both are counted. What identifies
 * an evicted SA and who initiated it stays in a bounded list of tombstones, so that a later message
 * of it reopens the session with the same roles (its fragments and keys are gone).
 *
 * <p>Not thread-safe: one table per timeline.
 */
public final class SaSessions {
    /**
     * @param capacity          sessions open at once
     * @param idleTimeoutNanos  a session with no message this long (capture time) expires
     * @param retainKeyExchange keep each side's KE and nonce (decryption needs them; a few hundred
     *                          bytes per SA otherwise spent for nothing)
     */
    public record Options(int capacity, long idleTimeoutNanos, boolean retainKeyExchange) {
        public static final int DEFAULT_CAPACITY = 65_536;
        /**
         * An hour of capture time. An IKE SA lives up to a day (the ASA's default lifetime is
         * 86,400 s), but peers that keep one busy send DPD or rekey well within the hour; a quiet
         * SA that comes back later is reopened from its tombstone with its roles.
         */
        public static final long DEFAULT_IDLE_NANOS = 3_600_000_000_000L;

        public static Options defaults() {
            return new Options(DEFAULT_CAPACITY, DEFAULT_IDLE_NANOS, false);
        }
    }

    /** Evicted SAs remembered (roles only) so that a later message reopens them the same way. */
    static final int MAX_TOMBSTONES = 100_000;
    /** Dropped IKE fragment sets kept until drained; beyond it they are counted only. */
    static final int MAX_UNDRAINED = 4096;
    /** Sessions with an IKE fragment set waiting for its timeout check. */
    static final int MAX_FRAGMENT_WATCH = 65_536;

    /** What is kept of an evicted session. */
    private record Tombstone(byte[] initiatorAddress, byte[] responderAddress, int version, ExchangeMode mode,
                             boolean rolesInferred, boolean startedAfterPhase1, long responderCookie) {
    }

    private final Options options;
    private final Map<SaKey, SaSession> index = new HashMap<>();
    private final Map<SaKey, Tombstone> tombstones = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SaKey, Tombstone> eldest) {
            return size() > MAX_TOMBSTONES;
        }
    };
    /** Least recently active first. */
    private final ActivityList<SaSession> activity = new ActivityList<>();
    private final SuiteInterner suites = new SuiteInterner();
    private int size;
    private long nextId;
    private final List<IncompleteIkeFragments> dropped = new ArrayList<>();
    /** Sessions that started an IKE fragment set, roughly oldest first, for the fragment timeout. */
    private final ArrayDeque<SaSession> fragmentWatch = new ArrayDeque<>();
    private long evicted;
    private long expired;
    private long reopened;
    private long droppedFragmentSets;
    private int peak;

    public SaSessions(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** The session of the SA with initiator cookie {@code ispi} whose initiator is at {@code a} or {@code b}; null when none (never creates one). */
    public SaSession find(long ispi, byte[] a, byte[] b) {
        SaSession s = index.get(new SaKey(ispi, a));
        return s != null ? s : index.get(new SaKey(ispi, b));
    }

    /**
     * The session of {@code m} (sent from {@code src} to {@code dst}), opened when there is none:
     * its roles and mode from this first message (see {@link SaSession}), or from the tombstone
     * of the same SA evicted earlier. {@code natT} is the numbering {@code m} was decoded with.
     */
    public SaSession open(IsakmpMessage m, Endpoint src, Endpoint dst, NatTraversalNumbering natT) {
        byte[] s = src.address();
        byte[] d = dst.address();
        SaSession found = find(m.initiatorCookie(), s, d);
        if (found != null) {
            return found;
        }
        Tombstone t = tombstones.remove(new SaKey(m.initiatorCookie(), s));
        if (t == null) {
            t = tombstones.remove(new SaKey(m.initiatorCookie(), d));
        }
        SaSession session;
        if (t != null) {
            reopened++;
            session = new SaSession(++nextId, m.initiatorCookie(), t.initiatorAddress(), t.responderAddress(), t.version(),
                    t.mode(), t.rolesInferred(), t.startedAfterPhase1(), natT);
            session.restoreResponderCookie(t.responderCookie());
        } else {
            session = create(m, s, d, natT);
        }
        register(session);
        return session;
    }

    /** A new session: roles and mode from its first message. */
    private SaSession create(IsakmpMessage m, byte[] src, byte[] dst, NatTraversalNumbering natT) {
        ExchangeType t = ExchangeType.of(m.exchangeType());
        boolean senderIsInitiator;
        boolean rolesInferred;
        boolean afterPhase1;
        ExchangeMode mode;
        if (m.isIkev2()) {
            senderIsInitiator = m.hasFlag(IsakmpMessage.FLAG_INITIATOR);
            rolesInferred = false;
            afterPhase1 = t != ExchangeType.IKE_SA_INIT && t != ExchangeType.IKE_AUTH;
            mode = ExchangeMode.IKEV2;
        } else if (t == ExchangeType.IDENTITY_PROTECTION || t == ExchangeType.AGGRESSIVE) {
            senderIsInitiator = true;
            // Only a first message (zero responder cookie) shows who initiated.
            rolesInferred = m.responderCookie() != 0;
            afterPhase1 = false;
            mode = t == ExchangeType.IDENTITY_PROTECTION ? ExchangeMode.MAIN : ExchangeMode.AGGRESSIVE;
        } else {
            senderIsInitiator = true;
            rolesInferred = true;
            afterPhase1 = true;
            mode = ExchangeMode.UNKNOWN;
        }
        return new SaSession(++nextId, m.initiatorCookie(), senderIsInitiator ? src : dst, senderIsInitiator ? dst : src,
                m.isIkev2() ? 2 : 1, mode, rolesInferred, afterPhase1, natT);
    }

    private void register(SaSession s) {
        index.put(s.key(), s);
        if (s.rolesInferred()) {
            // The guess may be wrong: the responder's address finds the SA too.
            SaKey other = new SaKey(s.initiatorCookie(), s.responderAddress());
            if (index.putIfAbsent(other, s) == null) {
                s.responderKey = other;
            }
        }
        size++;
        peak = Math.max(peak, size);
        if (size > options.capacity() && activity.leastRecent() != null) {
            evicted++;
            remove(activity.leastRecent());
        }
    }

    /**
     * Records one message of {@code s}: what the session learns from it (see
     * {@link SaSession#learn}) and the time, which moves the session to the end of the activity
     * list.
     */
    public void observe(SaSession s, IsakmpMessage m, Side from, long timeNanos) {
        s.learn(m, from, options.retainKeyExchange(), suites);
        touch(s, timeNanos);
    }

    /**
     * Adds one IKE fragment of {@code s}; when it completes its set, returns the message bytes and
     * the frames of its fragments in {@code framesOut}; else null (see {@link IkeFragments#add}).
     */
    public byte[] fragment(SaSession s, Side from, FragmentBody f, long frame, long timeNanos, Endpoint src, Endpoint dst,
                           List<Long> framesOut) {
        IkeFragments fragments = s.fragments(this::dropped);
        boolean watched = fragments.pending();
        byte[] whole = fragments.add(from, f, frame, timeNanos, src, dst, framesOut);
        if (!watched && fragments.pending() && fragmentWatch.size() < MAX_FRAGMENT_WATCH) {
            fragmentWatch.addLast(s);
        }
        return whole;
    }

    private void dropped(IncompleteIkeFragments f) {
        droppedFragmentSets++;
        if (dropped.size() < MAX_UNDRAINED) {
            dropped.add(f);
        }
    }

    /**
     * Moves the clock to {@code now} (capture time): sessions idle past the timeout expire, and IKE
     * fragment sets that waited past {@link IkeFragments#TIMEOUT_NANOS} are given up. One peek at
     * each list when nothing is due.
     */
    public void expire(long now) {
        SaSession idle;
        while ((idle = activity.leastRecent()) != null && now - idle.lastNanos > options.idleTimeoutNanos()) {
            expired++;
            remove(idle);
        }
        SaSession s;
        while ((s = fragmentWatch.peekFirst()) != null) {
            IkeFragments f = s.fragments();
            long oldest = f == null ? Long.MAX_VALUE : f.oldestNanos();
            if (oldest != Long.MAX_VALUE && now - oldest <= IkeFragments.TIMEOUT_NANOS) {
                return;
            }
            fragmentWatch.pollFirst();
            if (f != null) {
                f.expire(now);
                if (f.pending()) {
                    fragmentWatch.addLast(s);
                }
            }
        }
    }

    /** True when IKE fragment sets were given up since the last drain (cheap: checked per frame). */
    public boolean hasDroppedFragmentSets() {
        return !dropped.isEmpty();
    }

    /** IKE fragment sets given up (evicted, invalid, timed out) since the last call, in drop order. */
    public List<IncompleteIkeFragments> drainDroppedFragmentSets() {
        if (dropped.isEmpty()) {
            return List.of();
        }
        List<IncompleteIkeFragments> r = List.copyOf(dropped);
        dropped.clear();
        return r;
    }

    /**
     * Every IKE fragment set still waiting that was not returned before, as
     * {@link FragmentsLost#PENDING} (the end of a capture); the sets stay, so that a capture
     * continued in another file can still complete them.
     */
    public List<IncompleteIkeFragments> takePendingFragmentSets() {
        List<IncompleteIkeFragments> r = new ArrayList<>();
        for (SaSession s = activity.leastRecent(); s != null; s = s.nextMoreRecent()) {
            if (s.fragments() != null && s.fragments().pending()) {
                r.addAll(s.fragments().takePending());
            }
        }
        return r;
    }

    private void touch(SaSession s, long t) {
        s.lastNanos = Math.max(s.lastNanos, t);
        activity.touch(s);
    }

    private void remove(SaSession s) {
        activity.remove(s);
        index.remove(s.key(), s);
        if (s.responderKey != null) {
            index.remove(s.responderKey, s);
        }
        size--;
        if (s.fragments() != null) {
            s.fragments().dropAll(FragmentsLost.EVICTED);
        }
        tombstones.put(s.key(), new Tombstone(s.initiatorAddress(), s.responderAddress(), s.version(), s.mode(),
                s.rolesInferred(), s.startedAfterPhase1(), s.responderCookie()));
    }

    /** Sessions open now. */
    public int size() {
        return size;
    }

    /** Most sessions open at once so far. */
    public int peak() {
        return peak;
    }

    /** Sessions evicted because the table was full (their fragments and keys are gone). */
    public long evicted() {
        return evicted;
    }

    /** Sessions that expired after {@link Options#idleTimeoutNanos()} without a message. */
    public long expired() {
        return expired;
    }

    /** Sessions reopened from a tombstone by a later message of an evicted or expired SA. */
    public long reopened() {
        return reopened;
    }

    /** IKE fragment sets given up so far. */
    public long droppedFragmentSets() {
        return droppedFragmentSets;
    }
}
