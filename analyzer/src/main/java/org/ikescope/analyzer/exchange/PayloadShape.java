package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;

/**
 * The payloads of a message in order, as wire type and meaning in context (payload 15 between
 * draft NAT-T peers is a NAT-D): what an exchange keeps of every message however large it was.
 * Messages of the same shape (most of them: every MM1 of a fleet looks alike) share one interned
 * instance.
 *
 * <p>A class rather than a record so that it keeps its hash: the plugins' views look their
 * byte-less payload views up by shape for every message, and the interning looks shapes up by
 * their payloads for every message; both were list hashes of records each time.
 */
public final class PayloadShape {
    /** No payloads: an encrypted message, or one whose payloads could not be decoded. */
    public static final PayloadShape NONE = new PayloadShape(List.of());
    /** Distinct shapes kept (a flood of odd messages must not grow the heap); beyond it each message has its own. */
    static final int MAX_SHAPES = 4_096;
    private static final Map<List<Kind>, PayloadShape> SHAPES = new ConcurrentHashMap<>();
    /**
     * The interned shapes by {@link #hashOf} of their payloads: found without making a list of kinds
     * (a hash shared by two shapes keeps the first; the other takes the way through {@link #SHAPES}).
     */
    private static final Map<Integer, PayloadShape> BY_PAYLOADS = new ConcurrentHashMap<>();

    private final List<Kind> kinds;
    private final int hash;

    /**
     * One payload: its wire type and what it is here.
     *
     * @param type    wire payload type
     * @param meaning the registry constant it stands for in its message ({@link PayloadType#UNKNOWN} when unassigned)
     */
    public record Kind(int type, PayloadType meaning) {
        /** As {@code ikescope dissect} writes payloads: {@code SA}, {@code KE}, {@code NAT-D}, {@code VID}, or the number. */
        public String abbreviation() {
            return meaning == PayloadType.UNKNOWN ? String.valueOf(type) : meaning.abbreviation();
        }

        /** Registry name in context ({@code NAT_D_DRAFT}), or the range's name of an unassigned number. */
        public String name() {
            return meaning == PayloadType.UNKNOWN ? PayloadType.nameOf(type) : meaning.wireName();
        }

        // Written out: the record's own equality and hash go through a method handle per call.
        @Override
        public boolean equals(Object o) {
            return o instanceof Kind k && k.type == type && k.meaning == meaning;
        }

        @Override
        public int hashCode() {
            return 31 * type + (meaning == null ? 0 : meaning.ordinal());
        }
    }

    /** @param kinds the payloads in order */
    public PayloadShape(List<Kind> kinds) {
        this.kinds = List.copyOf(kinds);
        this.hash = this.kinds.hashCode();
    }

    /** The payloads in order. */
    public List<Kind> kinds() {
        return kinds;
    }

    /** The shape of {@code m}'s payloads (cleartext or decrypted), interned. */
    static PayloadShape of(IsakmpMessage m) {
        List<Payload> payloads = m.payloads();
        if (payloads.isEmpty()) {
            return NONE;
        }
        Integer h = hashOf(payloads);
        PayloadShape s = BY_PAYLOADS.get(h);
        if (s != null && s.sameAs(payloads)) {
            return s;
        }
        List<Kind> k = new ArrayList<>(payloads.size());
        for (Payload p : payloads) {
            k.add(new Kind(p.type(), p.payloadType()));
        }
        s = SHAPES.get(k);
        if (s != null) {
            return s;
        }
        s = new PayloadShape(k);
        if (SHAPES.size() < MAX_SHAPES) {
            PayloadShape earlier = SHAPES.putIfAbsent(s.kinds(), s);
            if (earlier != null) {
                return earlier;
            }
            BY_PAYLOADS.putIfAbsent(h, s);
        }
        return s;
    }

    private static int hashOf(List<Payload> payloads) {
        int h = 1;
        for (int i = 0, n = payloads.size(); i < n; i++) {
            Payload p = payloads.get(i);
            h = 31 * h + 31 * p.type() + p.payloadType().ordinal();
        }
        return h;
    }

    /** True when these are the kinds of {@code payloads}, in order. */
    private boolean sameAs(List<Payload> payloads) {
        if (payloads.size() != kinds.size()) {
            return false;
        }
        for (int i = 0, n = kinds.size(); i < n; i++) {
            Kind k = kinds.get(i);
            Payload p = payloads.get(i);
            if (k.type() != p.type() || k.meaning() != p.payloadType()) {
                return false;
            }
        }
        return true;
    }

    /** True when a payload of this kind is present, whatever number it travelled under (NAT-D as 20, 130, 15). */
    public boolean has(PayloadType kind) {
        for (Kind k : kinds) {
            if (k.meaning() == kind || kind != PayloadType.UNKNOWN && k.meaning().abbreviation().equals(kind.abbreviation())
                    && k.meaning().isIkev2() == kind.isIkev2()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    public int size() {
        return kinds.size();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PayloadShape s && s.hash == hash && s.kinds.equals(kinds);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "PayloadShape[kinds=" + kinds + "]";
    }
}
