package org.ikescope.dissector.session;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.isakmp.BytesBody;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.KeBody;
import org.ikescope.dissector.isakmp.NatTraversalNumbering;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.model.ActivityList;

/**
 * What the dissector knows of one IKE SA across its messages, as Wireshark keeps its decryption
 * state per SA: who initiated (decided once, from the first message seen, by
 * {@link SaSessions#open}), both cookies, how phase 1 is done, the suites the initiator offered and
 * the one the responder chose, each side's KE and nonce, SAi_b and aggressive mode's ID bodies
 * (when {@link SaSessions.Options#retainKeyExchange()} asks for them), the NAT-T numbering, IKE
 * fragments waiting for their set, and the slot for keys and IV chains ({@link #keys()}) that
 * decryption fills.
 *
 * <p>Roles: the initiator is the sender of the first message with a zero responder cookie (MM1,
 * AM1; IKEv2: the I flag). When the first message seen is a later one, the roles are a guess
 * ({@link #rolesInferred()}): its sender is taken for the initiator.
 *
 * <p>Mutable, owned by one {@link SaSessions} table and its thread. Everything else reads it.
 */
public final class SaSession extends ActivityList.Node<SaSession> {
    /** The generic payload header (RFC 2408 section 3.2). */
    private static final int GENERIC_HEADER_BYTES = 4;
    /** Offered suites kept per SA (ike-scan offers dozens; a flood must not grow the heap). */
    static final int MAX_OFFERED = 64;

    private final long id;
    private final SaKey key;
    private final byte[] initiatorAddress;
    private final byte[] responderAddress;
    private final int version;
    private final ExchangeMode mode;
    private final boolean rolesInferred;
    private final boolean startedAfterPhase1;
    private final NatTraversalNumbering natT;
    private long responderCookie;
    private List<Suite> offered = List.of();
    private Suite chosen;
    private byte[][] keyExchange;
    private byte[][] nonce;
    /** SAi_b: the body of the initiator's first SA payload (RFC 2409 section 5: it goes into HASH_I and HASH_R). */
    private byte[] initiatorSaBody;
    /** IDii_b and IDir_b of aggressive mode (AM1, AM2), which HASH_I and HASH_R cover. */
    private byte[][] identity;
    private IkeFragments fragments;
    private SaKeys keys;
    long droppedFragmentSets;
    long lastNanos;
    /** The table's second index key (rolesInferred: the responder's address finds the SA too). */
    SaKey responderKey;

    SaSession(long id, long initiatorCookie, byte[] initiatorAddress, byte[] responderAddress, int version,
              ExchangeMode mode, boolean rolesInferred, boolean startedAfterPhase1, NatTraversalNumbering natT) {
        this.id = id;
        this.key = new SaKey(initiatorCookie, initiatorAddress);
        this.initiatorAddress = initiatorAddress;
        this.responderAddress = responderAddress;
        this.version = version;
        this.mode = mode;
        this.rolesInferred = rolesInferred;
        this.startedAfterPhase1 = startedAfterPhase1;
        this.natT = natT;
    }

    /** Sequence number of this session in its table (a reopened SA gets a new one). */
    public long id() {
        return id;
    }

    /** Initiator cookie and address: what identifies the SA. */
    public SaKey key() {
        return key;
    }

    public long initiatorCookie() {
        return key.initiatorCookie();
    }

    /** The responder cookie from the responder's first message that carried one; 0 until then. */
    public long responderCookie() {
        return responderCookie;
    }

    void restoreResponderCookie(long cookie) {
        responderCookie = cookie;
    }

    /** IKE major version of the message that opened the session (1 or 2). */
    public int version() {
        return version;
    }

    /** How phase 1 is done; {@link ExchangeMode#UNKNOWN} when the first message seen was not a phase-1 one. */
    public ExchangeMode mode() {
        return mode;
    }

    /** Which peer initiated is a guess: no first phase-1 message showed it. */
    public boolean rolesInferred() {
        return rolesInferred;
    }

    /** The first message seen was not a phase-1 one: phase 1 happened before the capture began. */
    public boolean startedAfterPhase1() {
        return startedAfterPhase1;
    }

    /** A copy of the initiator's address. */
    public byte[] initiatorAddress() {
        return initiatorAddress.clone();
    }

    /** A copy of the responder's address. */
    public byte[] responderAddress() {
        return responderAddress.clone();
    }

    /** The side whose address is {@code address} (the initiator when both peers share it). */
    public Side sideOf(byte[] address) {
        return Arrays.equals(address, initiatorAddress) ? Side.INITIATOR : Side.RESPONDER;
    }

    /** The NAT-T numbering its vendor IDs announced (read and written by the decoder). */
    public NatTraversalNumbering natT() {
        return natT;
    }

    /** Every suite of the initiator's first SA payload (MM1, AM1, IKE_SA_INIT request), in wire order, at most {@value #MAX_OFFERED}. */
    public List<Suite> offered() {
        return offered;
    }

    /** The suite the responder chose (the first of its MM2/AM2/IKE_SA_INIT response SA), or null. */
    public Suite chosen() {
        return chosen;
    }

    /**
     * The phase-1 hash algorithm: the chosen suite's, else the one every offered suite names (a
     * capture without MM2 still tells it when the initiator offered one), else null. It selects
     * the NAT-D hash (RFC 3947 section 3.2) and the PRF (RFC 2409 section 5).
     */
    public IkeHashAlgorithm phase1Hash() {
        if (chosen != null && !chosen.ikev2()) {
            return hashOf(chosen);
        }
        IkeHashAlgorithm only = null;
        for (Suite s : offered) {
            IkeHashAlgorithm a = s.ikev2() ? null : hashOf(s);
            if (a == null || only != null && only != a) {
                return null;
            }
            only = a;
        }
        return only;
    }

    private static IkeHashAlgorithm hashOf(Suite s) {
        IkeHashAlgorithm a = IkeHashAlgorithm.of(s.hash());
        return a == IkeHashAlgorithm.UNKNOWN ? null : a;
    }

    /** The public Diffie-Hellman value {@code side} sent (g^x), or null when not seen or not retained. */
    public byte[] keyExchange(Side side) {
        return keyExchange == null ? null : keyExchange[side.ordinal()];
    }

    /** The nonce {@code side} sent in phase 1 (Ni_b, Nr_b), or null when not seen or not retained. */
    public byte[] nonce(Side side) {
        return nonce == null ? null : nonce[side.ordinal()];
    }

    /**
     * SAi_b, the body (after the generic header) of the initiator's first SA payload, which
     * HASH_I and HASH_R cover (RFC 2409 section 5); null when not seen or not retained.
     */
    public byte[] initiatorSaBody() {
        return initiatorSaBody;
    }

    /**
     * The body (after the generic header) of the ID payload {@code side} sent in aggressive mode
     * (IDii_b of AM1, IDir_b of AM2), which HASH_I and HASH_R cover; null when not seen or not
     * retained. (Main mode sends its IDs encrypted, in MM5 and MM6.)
     */
    public byte[] identityBody(Side side) {
        return identity == null ? null : identity[side.ordinal()];
    }

    /** IKE fragments of this SA waiting for the rest of their set (created on first use). */
    public IkeFragments fragments() {
        return fragments;
    }

    IkeFragments fragments(Consumer<IncompleteIkeFragments> dropped) {
        if (fragments == null) {
            fragments = new IkeFragments(this, dropped);
        }
        return fragments;
    }

    /** Fragment sets of this SA given up so far. */
    public long droppedFragmentSets() {
        return droppedFragmentSets;
    }

    /** The keys and IV chains decryption derived for this SA, or null when none (no key material). */
    public SaKeys keys() {
        return keys;
    }

    /** The key slot, created on first use (by decryption). */
    public SaKeys keysForUpdate() {
        if (keys == null) {
            keys = new SaKeys();
        }
        return keys;
    }

    /** Capture time of the last message of this SA. */
    public long lastNanos() {
        return lastNanos;
    }

    /**
     * Learns from one message {@code from} sent: the responder cookie, and from phase-1 messages
     * the offered and chosen suites and (when {@code retainKeyExchange}) KE, nonce, SAi_b and the
     * aggressive-mode ID bodies. Each is taken from its first sighting: a retransmission or a later
     * copy does not change it. Suites are kept as {@code suites}' shared copies.
     */
    void learn(IsakmpMessage m, Side from, boolean retainKeyExchange, SuiteInterner suites) {
        if (from == Side.RESPONDER && responderCookie == 0 && m.responderCookie() != 0) {
            responderCookie = m.responderCookie();
        }
        if (m.payloads().isEmpty() || !phase1(m)) {
            return;
        }
        for (Payload p : m.payloads()) {
            if (p.is(PayloadType.SA) || p.is(PayloadType.V2_SA)) {
                if (from == Side.INITIATOR && offered.isEmpty()) {
                    List<Suite> all = suites.all(m, p);
                    offered = all.size() <= MAX_OFFERED ? all : List.copyOf(all.subList(0, MAX_OFFERED));
                    if (retainKeyExchange) {
                        initiatorSaBody = payloadBody(m, p);
                    }
                } else if (from == Side.RESPONDER && chosen == null) {
                    List<Suite> all = suites.all(m, p);
                    chosen = all.isEmpty() ? null : all.get(0);
                }
            } else if (retainKeyExchange && p.body() instanceof KeBody ke) {
                keyExchange = remember(keyExchange, from, ke.message(), ke.dataFrom(), ke.dataTo());
            } else if (retainKeyExchange && p.body() instanceof BytesBody b && (p.is(PayloadType.NONCE) || p.is(PayloadType.V2_NONCE))) {
                nonce = remember(nonce, from, b.message(), b.from(), b.to());
            } else if (retainKeyExchange && p.is(PayloadType.ID) && m.exchangeType() == ExchangeType.AGGRESSIVE.code()) {
                identity = remember(identity, from, m.bytes(), p.offset() + GENERIC_HEADER_BYTES, payloadEnd(m, p));
            }
        }
    }

    /**
     * A copy of the body of payload {@code p} of {@code m}, after its generic header: SAi_b, IDii_b,
     * IDir_b, a HASH (RFC 2409 section 5 hashes payload bodies without their generic headers).
     */
    static byte[] payloadBody(IsakmpMessage m, Payload p) {
        return Arrays.copyOfRange(m.bytes(), p.offset() + GENERIC_HEADER_BYTES, payloadEnd(m, p));
    }

    /** The body of the first payload of {@code kind} in {@code m} (see {@link #payloadBody(IsakmpMessage, Payload)}), or null. */
    static byte[] payloadBody(IsakmpMessage m, PayloadType kind) {
        for (Payload p : m.payloads()) {
            if (p.is(kind)) {
                return payloadBody(m, p);
            }
        }
        return null;
    }

    private static int payloadEnd(IsakmpMessage m, Payload p) {
        return Math.max(p.offset() + GENERIC_HEADER_BYTES, Math.min(m.bytes().length, p.offset() + p.length()));
    }

    private static boolean phase1(IsakmpMessage m) {
        ExchangeType t = ExchangeType.of(m.exchangeType());
        return t == ExchangeType.IDENTITY_PROTECTION || t == ExchangeType.AGGRESSIVE || t == ExchangeType.IKE_SA_INIT;
    }

    /** Copies the bytes when the side's slot is empty (a copy: the session outlives the message). */
    private static byte[][] remember(byte[][] slots, Side from, byte[] message, int start, int end) {
        byte[][] s = slots == null ? new byte[2][] : slots;
        if (s[from.ordinal()] == null) {
            s[from.ordinal()] = Arrays.copyOfRange(message, start, end);
        }
        return s;
    }

    @Override
    public String toString() {
        return "SaSession[" + id + " " + key + " " + mode.label() + (rolesInferred ? " roles inferred" : "") + "]";
    }
}
