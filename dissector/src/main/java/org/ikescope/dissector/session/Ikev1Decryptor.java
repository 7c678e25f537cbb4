package org.ikescope.dissector.session;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.crypto.DiffieHellman;
import org.ikescope.dissector.crypto.Phase1Crypto;
import org.ikescope.dissector.crypto.Phase1Keys;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.SaKeyMaterial;
import org.ikescope.dissector.keys.Secret;
import org.ikescope.dissector.model.Addresses;

/**
 * Decrypts the encrypted messages of IKEv1 SAs (MM5/MM6, AM3 when encrypted, quick mode,
 * informational and transaction exchanges) with the key material the user supplied, keeping its
 * state in each session's {@link SaKeys} (RFC 2409 section 5 and appendix B).
 *
 * <p>Keys come, per SA, from what was given: the final encryption key (Wireshark's table: for
 * either side), SKEYID_e per side (a daemon's log), or g^xy (given, or computed from one side's
 * DH private value and the other side's KE payload) with the nonces of the capture, for
 * signatures alone and for pre-shared keys with every PSK candidate. <b>A PSK alone cannot
 * decrypt main mode</b>: SKEYID_e needs g^xy, which never travels; the outcome says so.
 *
 * <p>Where naive decryptors go wrong, this one does not:
 * <ul>
 *   <li><b>keys per side</b>: each sender's messages are tried with that sender's candidates, and
 *       the one that decrypts is kept per side (with mismatched PSKs each peer encrypts with its
 *       own SKEYID_e);</li>
 *   <li><b>retransmissions</b>: a byte-identical copy was encrypted with the IV of its first copy;
 *       its outcome is reused and the chain does not move;</li>
 *   <li><b>the first IV of a message ID</b>: hash(last phase-1 CBC block | M-ID) as the RFC says,
 *       else hash(initial phase-1 IV | M-ID), which a peer that could not decrypt the other's last
 *       phase-1 message may use; the first whose plaintext parses wins and the outcome names the
 *       rule ({@link Decryption.IvRule});</li>
 *   <li><b>roles</b> come from the session, not from "the first packet seen".</li>
 * </ul>
 * A plaintext counts when its payload chain parses to its end with at most one block of padding
 * after it (IKEv1 padding is not PKCS#7: strongSwan pads with zeros); its HASH is then recomputed
 * when SKEYID is known. Not thread-safe: one per pipeline.
 */
public final class Ikev1Decryptor {
    /** Said when only pre-shared keys were given for a main-mode SA. */
    public static final String PSK_ALONE = "a pre-shared key alone cannot decrypt main mode: its keys need g^xy, the"
            + " Diffie-Hellman shared secret, which never crosses the wire (RFC 2409 section 5); give --dh-secret,"
            + " one side's --dh-private, or the keys a daemon logged (--keys, see KEYS.md)";

    /** What decrypting one message gave. */
    public record Result(IsakmpMessage message, Decryption outcome) {
    }

    private final KeyMaterial keys;
    private final IsakmpDecoder decoder;

    public Ikev1Decryptor(KeyMaterial keys, IsakmpDecoder decoder) {
        this.keys = keys;
        this.decoder = decoder;
    }

    /**
     * Decrypts {@code m}, an IKEv1 message with its E flag set that {@code from} sent in SA
     * {@code s}; null when {@code m} is not one. The result holds the decrypted message (walked
     * like cleartext, {@link IsakmpMessage#decrypted()} true) or {@code m} itself when it could not
     * be decrypted, and the outcome either way.
     */
    public Result decrypt(SaSession s, IsakmpMessage m, Side from) {
        if (!m.encrypted() || m.isIkev2() || m.decrypted() || m.bytes().length <= IsakmpMessage.HEADER_BYTES) {
            return null;
        }
        SaKeys k = prepared(s);
        int end = (int) Math.min(m.bytes().length, Math.max(m.length(), IsakmpMessage.HEADER_BYTES));
        byte[] body = Arrays.copyOfRange(m.bytes(), IsakmpMessage.HEADER_BYTES, end);
        long fingerprint = fingerprint(from, body);
        Result cached = k.recent.get(fingerprint);
        if (cached != null) {
            return cached;
        }
        Result r = decrypt(s, k, m, from, body);
        k.recent.put(fingerprint, r);
        return r;
    }

    /**
     * The key slot of {@code s} with its candidate keys derived from the material given (once, as
     * for its first encrypted message): what {@code ikescope keys} prints. Call it when the SA's
     * phase-1 messages have been seen; before, the KE payloads and nonces may be missing.
     */
    public SaKeys prepared(SaSession s) {
        SaKeys k = s.keysForUpdate();
        if (!k.prepared) {
            prepare(s, k);
        }
        return k;
    }

    private Result decrypt(SaSession s, SaKeys k, IsakmpMessage m, Side from, byte[] body) {
        if (k.crypto == null) {
            return new Result(m, k.hadMaterial ? Decryption.failed(k.unavailable) : Decryption.noKeys(k.unavailable));
        }
        int bs = k.crypto.cipher().blockSize();
        if (body.length == 0 || body.length % bs != 0) {
            return new Result(m, Decryption.failed("its " + body.length + " encrypted bytes are not a whole number of "
                    + bs + "-byte blocks"));
        }
        byte[] lastBlock = Arrays.copyOfRange(body, body.length - bs, body.length);
        List<byte[]> ivs = new ArrayList<>(2);
        List<Decryption.IvRule> rules = new ArrayList<>(2);
        int mid = m.messageId();
        if (mid == 0) {
            ivs.add(k.nextPhase1Iv);
            rules.add(Decryption.IvRule.PHASE1);
            // The CBC chain runs over the ciphertext, whoever can read it.
            k.nextPhase1Iv = lastBlock;
            k.lastPhase1Block = lastBlock;
        } else {
            byte[] chain = k.iv(mid);
            if (chain != null) {
                ivs.add(chain);
                rules.add(Decryption.IvRule.CHAINED);
            } else {
                if (k.lastPhase1Block != null) {
                    ivs.add(k.crypto.phase2Iv(k.lastPhase1Block, mid));
                    rules.add(Decryption.IvRule.FROM_LAST_PHASE1_BLOCK);
                }
                ivs.add(k.crypto.phase2Iv(k.initialIv, mid));
                rules.add(Decryption.IvRule.FROM_INITIAL_PHASE1_IV);
            }
            k.iv(mid, lastBlock);
        }
        List<SaKeys.Candidate> candidates = ordered(k, from);
        for (SaKeys.Candidate c : candidates) {
            for (int i = 0; i < ivs.size(); i++) {
                byte[] plaintext = k.crypto.cipher().decrypt(c.keys().encryptionKey(), ivs.get(i), body, 0, body.length);
                IsakmpMessage d = decoder.decrypted(m, plaintext, s.natT());
                if (plausible(d, bs)) {
                    k.decryptedWith[from.ordinal()] = c;
                    return new Result(d, Decryption.decrypted(c.label(), rules.get(i), verify(s, k, c, d, from)));
                }
            }
        }
        String who = from.label();
        String reason = candidates.isEmpty() ? "no key for the " + who
                : "none of the " + candidates.size() + " keys tried for the " + who + " decrypts it"
                + (candidates.stream().allMatch(SaKeys.Candidate::fromPsk)
                ? ": the " + who + " used a pre-shared key that is not among the candidates" : "");
        return new Result(m, Decryption.failed(reason));
    }

    /** The sender's key that decrypted before first, then the rest in the order given. */
    private static List<SaKeys.Candidate> ordered(SaKeys k, Side from) {
        List<SaKeys.Candidate> all = k.candidates.get(from.ordinal());
        SaKeys.Candidate known = k.decryptedWith[from.ordinal()];
        if (known == null) {
            return all;
        }
        List<SaKeys.Candidate> out = new ArrayList<>(all.size());
        out.add(known);
        for (SaKeys.Candidate c : all) {
            if (c != known) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The decrypted chain parsed to its end with no problem, and what follows its last payload is
     * at most one block of padding.
     */
    static boolean plausible(IsakmpMessage d, int blockSize) {
        if (!d.diagnostics().isEmpty() || d.payloads().isEmpty()) {
            return false;
        }
        Payload last = d.payloads().get(d.payloads().size() - 1);
        int padding = d.bytes().length - (last.offset() + last.length());
        return padding >= 0 && padding <= blockSize;
    }

    /**
     * Recomputes the HASH of a decrypted phase-1 message: HASH_I over the initiator's ID (MM5,
     * AM3), HASH_R over the responder's (MM6). Null when it cannot be checked: no SKEYID (keys
     * from a log or a table), no HASH payload (signatures), not a phase-1 message, or SAi_b
     * missing.
     */
    private static Boolean verify(SaSession s, SaKeys k, SaKeys.Candidate c, IsakmpMessage d, Side from) {
        byte[] skeyid = c.keys().skeyid();
        if (skeyid == null || d.messageId() != 0 || s.initiatorSaBody() == null) {
            return null;
        }
        byte[] hash = SaSession.payloadBody(d, PayloadType.HASH);
        byte[] id = SaSession.payloadBody(d, PayloadType.ID);
        byte[] gxi = s.keyExchange(Side.INITIATOR);
        byte[] gxr = s.keyExchange(Side.RESPONDER);
        if (hash == null || id == null || gxi == null || gxr == null) {
            return null;
        }
        byte[] expected = from == Side.INITIATOR
                ? k.crypto.hashI(skeyid, gxi, gxr, s.initiatorCookie(), s.responderCookie(), s.initiatorSaBody(), id)
                : k.crypto.hashR(skeyid, gxi, gxr, s.initiatorCookie(), s.responderCookie(), s.initiatorSaBody(), id);
        return MessageDigest.isEqual(expected, hash);
    }

    /** The candidate keys of the SA, once: from the material given, with the capture's nonces and KE payloads. */
    private void prepare(SaSession s, SaKeys k) {
        k.prepared = true;
        SaKeyMaterial given = keys.forSa(s.initiatorCookie());
        List<Secret> psks = keys.psks(Addresses.format(s.initiatorAddress()), Addresses.format(s.responderAddress()));
        k.hadMaterial = given != null || !psks.isEmpty();
        if (!k.hadMaterial) {
            k.unavailable = "no key material for this SA (initiator cookie " + IsakmpMessage.hex64(s.initiatorCookie()) + ")";
            return;
        }
        Suite chosen = s.chosen();
        if (chosen == null || chosen.ikev2()) {
            k.unavailable = "the proposal the responder chose (MM2/AM2) is not in the capture: cipher and hash unknown";
            return;
        }
        byte[] gxi = s.keyExchange(Side.INITIATOR);
        byte[] gxr = s.keyExchange(Side.RESPONDER);
        if (gxi == null || gxr == null) {
            k.unavailable = "the KE payloads (MM3/MM4, AM1/AM2) are not both in the capture: no phase-1 IV";
            return;
        }
        Phase1Crypto crypto;
        try {
            crypto = Phase1Crypto.of(chosen);
        } catch (IllegalArgumentException e) {
            k.unavailable = e.getMessage();
            return;
        }
        List<String> problems = new ArrayList<>(2);
        for (Side side : Side.values()) {
            List<SaKeys.Candidate> c = k.candidates.get(side.ordinal());
            if (given != null) {
                given.encryptionKey(side).ifPresent(key ->
                        add(c, problems, () -> Phase1Keys.fromEncryptionKey(crypto, key.bytes()), key.label(), null));
                given.skeyidE(side).ifPresent(e ->
                        add(c, problems, () -> Phase1Keys.fromSkeyidE(crypto, e.bytes()), e.label(), null));
                if (given.anySide() != null) {
                    add(c, problems, () -> Phase1Keys.fromEncryptionKey(crypto, given.anySide().bytes()),
                            given.anySide().label(), null);
                }
            }
        }
        // One daemon's log gives its own side's key only; both peers use the same keys unless their
        // PSKs differ, so each side also tries the other's (after its own: a wrong one does not decrypt).
        List<SaKeys.Candidate> initiatorOwn = List.copyOf(k.candidates.get(0));
        List<SaKeys.Candidate> responderOwn = List.copyOf(k.candidates.get(1));
        addMissing(k.candidates.get(0), responderOwn);
        addMissing(k.candidates.get(1), initiatorOwn);
        byte[] gxy = sharedSecret(s, chosen, given, gxi, gxr, problems);
        if (gxy != null) {
            List<SaKeys.Candidate> derived = new ArrayList<>();
            AuthMethod auth = AuthMethod.of(chosen.authMethod());
            String dh = given.dhSharedSecret() != null ? given.dhSharedSecret().label() : given.dhPrivate().value().label();
            byte[] ni = s.nonce(Side.INITIATOR);
            byte[] nr = s.nonce(Side.RESPONDER);
            if (ni == null || nr == null) {
                problems.add("the nonces (MM3/MM4, AM1/AM2) are not both in the capture");
            } else if (preSharedKey(auth)) {
                for (Secret psk : psks) {
                    add(derived, problems, () -> Phase1Keys.preSharedKey(crypto, psk.bytes(), ni, nr, gxy,
                            s.initiatorCookie(), s.responderCookie()), dh + " and " + psk.label(), psk.label());
                }
                if (psks.isEmpty()) {
                    problems.add("the SA authenticates with a pre-shared key: give the candidates (--psk) with " + dh);
                }
            } else if (signatures(auth)) {
                add(derived, problems, () -> Phase1Keys.signatures(crypto, ni, nr, gxy, s.initiatorCookie(),
                        s.responderCookie()), dh + " (signatures)", null);
            } else {
                problems.add("authentication method " + AuthMethod.nameOf(chosen.authMethod())
                        + " is not supported for key derivation (public-key encryption)");
            }
            for (Side side : Side.values()) {
                k.candidates.get(side.ordinal()).addAll(derived);
            }
        }
        if (k.candidates.get(0).isEmpty() && k.candidates.get(1).isEmpty()) {
            k.unavailable = gxy == null && given == null ? PSK_ALONE
                    : problems.isEmpty() ? "the key material given yields no key for this SA" : String.join("; ", problems);
            // Only PSKs: nothing to decrypt with, which is not a failure of what was given.
            k.hadMaterial = !k.unavailable.equals(PSK_ALONE);
            return;
        }
        k.crypto = crypto;
        k.initialIv = crypto.phase1Iv(gxi, gxr);
        k.nextPhase1Iv = k.initialIv;
    }

    /** g^xy given, or computed from one side's private value and the other side's KE payload; null when neither. */
    private static byte[] sharedSecret(SaSession s, Suite chosen, SaKeyMaterial given, byte[] gxi, byte[] gxr,
                                       List<String> problems) {
        if (given == null) {
            return null;
        }
        if (given.dhSharedSecret() != null) {
            return given.dhSharedSecret().bytes();
        }
        if (given.dhPrivate() == null) {
            return null;
        }
        try {
            DiffieHellman dh = DiffieHellman.of(chosen.group());
            byte[] x = given.dhPrivate().value().bytes();
            byte[] mine = dh.publicValue(x);
            Side side = given.dhPrivate().side();
            if (!Arrays.equals(mine, side == Side.INITIATOR ? gxi : gxr)) {
                if (Arrays.equals(mine, side == Side.INITIATOR ? gxr : gxi)) {
                    side = side.opposite(); // labelled for the wrong side; the KE payloads say whose it is
                } else {
                    problems.add(given.dhPrivate().value().label() + " matches neither side's KE payload");
                    return null;
                }
            }
            return dh.sharedSecret(x, side == Side.INITIATOR ? gxr : gxi);
        } catch (IllegalArgumentException e) {
            problems.add(given.dhPrivate().value().label() + ": " + e.getMessage());
            return null;
        }
    }

    /** SKEYID = prf(pre-shared-key, Ni_b | Nr_b): pre-shared keys, also under XAUTH (draft-beaulieu-ike-xauth). */
    static boolean preSharedKey(AuthMethod a) {
        return a == AuthMethod.PRE_SHARED_KEY || a == AuthMethod.XAUTH_INIT_PRE_SHARED || a == AuthMethod.XAUTH_RESP_PRE_SHARED;
    }

    /** SKEYID = prf(Ni_b | Nr_b, g^xy): signatures (DSS, RSA, ECDSA), also under XAUTH and hybrid. */
    private static boolean signatures(AuthMethod a) {
        return switch (a) {
            case DSS_SIGNATURES, RSA_SIGNATURES, ECDSA_SIGNATURES, ECDSA_SHA256_P256, ECDSA_SHA384_P384, ECDSA_SHA512_P521,
                 HYBRID_INIT_RSA, HYBRID_RESP_RSA, HYBRID_INIT_DSS, HYBRID_RESP_DSS, XAUTH_INIT_DSS, XAUTH_RESP_DSS,
                 XAUTH_INIT_RSA, XAUTH_RESP_RSA -> true;
            default -> false;
        };
    }

    private static void addMissing(List<SaKeys.Candidate> to, List<SaKeys.Candidate> more) {
        for (SaKeys.Candidate c : more) {
            if (to.stream().noneMatch(o -> Arrays.equals(o.keys().encryptionKey(), c.keys().encryptionKey()))) {
                to.add(c);
            }
        }
    }

    private interface Derivation {
        Phase1Keys keys();
    }

    /** Adds the candidate {@code d} derives, or records why it could not be derived. */
    private static void add(List<SaKeys.Candidate> to, List<String> problems, Derivation d, String label, String pskLabel) {
        try {
            to.add(new SaKeys.Candidate(d.keys(), label, pskLabel));
        } catch (IllegalArgumentException e) {
            problems.add(label + ": " + e.getMessage());
        }
    }

    /** FNV-1a over the sender and the ciphertext: a retransmission has the same. */
    private static long fingerprint(Side from, byte[] body) {
        long h = 0xcbf29ce484222325L ^ from.ordinal();
        for (byte b : body) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ body.length;
    }
}
