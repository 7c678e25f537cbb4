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
 * @param kinds the payloads in order
 */
public record PayloadShape(List<Kind> kinds) {
    /** No payloads: an encrypted message, or one whose payloads could not be decoded. */
    public static final PayloadShape NONE = new PayloadShape(List.of());
    /** Distinct shapes kept (a flood of odd messages must not grow the heap); beyond it each message has its own. */
    static final int MAX_SHAPES = 4_096;
    private static final Map<List<Kind>, PayloadShape> SHAPES = new ConcurrentHashMap<>();

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
    }

    public PayloadShape {
        kinds = List.copyOf(kinds);
    }

    /** The shape of {@code m}'s payloads (cleartext or decrypted), interned. */
    static PayloadShape of(IsakmpMessage m) {
        if (m.payloads().isEmpty()) {
            return NONE;
        }
        List<Kind> k = new ArrayList<>(m.payloads().size());
        for (Payload p : m.payloads()) {
            k.add(new Kind(p.type(), p.payloadType()));
        }
        PayloadShape s = SHAPES.get(k);
        if (s != null) {
            return s;
        }
        s = new PayloadShape(k);
        if (SHAPES.size() < MAX_SHAPES) {
            PayloadShape earlier = SHAPES.putIfAbsent(s.kinds(), s);
            return earlier != null ? earlier : s;
        }
        return s;
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
}
