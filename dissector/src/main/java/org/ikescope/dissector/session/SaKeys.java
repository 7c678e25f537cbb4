package org.ikescope.dissector.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.crypto.Phase1Crypto;
import org.ikescope.dissector.crypto.Phase1Keys;

/**
 * What decryption derived for one IKE SA and carries from message to message: the SA's algorithms,
 * the candidate keys of each sender (per side, not per SA: with mismatched pre-shared keys each
 * peer encrypts with its own SKEYID_e, RFC 2409 section 5) and the one that decrypted, the
 * phase-1 CBC chain, one IV chain per message ID for quick mode and informational exchanges
 * (RFC 2409 appendix B), what checking pre-shared keys against an aggressive-mode HASH in the
 * clear found ({@link AggressivePskCheck}), and the outcome of recent ciphertexts (a
 * byte-identical retransmission was encrypted with the IV of its first copy: it is not chained
 * again). Filled by
 * {@link Ikev1Decryptor}; bounded to {@link #MAX_MESSAGE_IDS} chains and {@link #MAX_RECENT}
 * remembered ciphertexts.
 */
public final class SaKeys {
    /** A peer that runs more phase-2 exchanges than this under one IKE SA gets no more IV chains. */
    static final int MAX_MESSAGE_IDS = 4096;
    /** Recent ciphertexts remembered for their retransmissions. */
    static final int MAX_RECENT = 64;

    /**
     * A key a sender may have used.
     *
     * @param keys     the phase-1 keys (at least the encryption key)
     * @param label    where it came from, for people ({@code g^xy and --psk #2}); never the secret
     * @param pskLabel the label of the pre-shared key candidate it was derived from ({@code --psk #2}),
     *                 or null; decrypting with such a key proves that PSK
     */
    public record Candidate(Phase1Keys keys, String label, String pskLabel) {
        /** Derived from a pre-shared key candidate. */
        public boolean fromPsk() {
            return pskLabel != null;
        }
    }

    boolean prepared;
    /** Key material was supplied for this SA (a PSK for its peers counts). */
    boolean hadMaterial;
    /** Why nothing can be decrypted (null when keys were derived). */
    String unavailable;
    Phase1Crypto crypto;
    byte[] initialIv;
    byte[] nextPhase1Iv;
    byte[] lastPhase1Block;
    final List<List<Candidate>> candidates = List.of(new ArrayList<>(), new ArrayList<>());
    final Candidate[] decryptedWith = new Candidate[2];
    /** The pre-shared keys checked against an aggressive-mode HASH in the clear; null when there was none to check. */
    AggressivePskCheck pskCheck;
    /** Per side: its aggressive-mode HASH in the clear was met (only the first copy is checked and kept). */
    final boolean[] aggressiveHashSeen = new boolean[2];
    private final Map<Integer, byte[]> ivByMessageId = new HashMap<>();
    final LinkedHashMap<Long, Ikev1Decryptor.Result> recent = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Ikev1Decryptor.Result> eldest) {
            return size() > MAX_RECENT;
        }
    };

    /** The SA's phase-1 algorithms, or null when they are not known (no MM2 in the capture, or unsupported). */
    public Phase1Crypto crypto() {
        return crypto;
    }

    /** The IV of the first encrypted phase-1 message, hash(g^xi | g^xr), or null. */
    public byte[] initialIv() {
        return initialIv == null ? null : initialIv.clone();
    }

    /** Why nothing of this SA can be decrypted, or null. */
    public String unavailable() {
        return unavailable;
    }

    /** The candidate keys of {@code sender}, in the order they are tried. */
    public List<Candidate> candidates(Side sender) {
        return List.copyOf(candidates.get(sender.ordinal()));
    }

    /** The key that decrypted {@code sender}'s messages, or null when none did (yet). */
    public Candidate decryptedWith(Side sender) {
        return decryptedWith[sender.ordinal()];
    }

    /**
     * What checking the pre-shared key candidates against the HASH_R (AM2) and HASH_I (AM3, when in
     * the clear) of an aggressive-mode SA found; null when no such check was made (main mode, no
     * candidates, not pre-shared-key authentication, AM2 not in the capture).
     */
    public AggressivePskCheck pskCheck() {
        return pskCheck;
    }

    /**
     * The key a sender used, as far as the capture tells.
     *
     * @param candidate the key, or null when nothing tells it apart from others
     * @param how       for people: how it is known ({@code decrypted the initiator's messages}), or why not
     */
    public record KnownKey(Candidate candidate, String how) {
    }

    /**
     * The key {@code sender} used: the one that decrypted its messages; else the one derived from
     * the pre-shared key whose aggressive-mode HASH matched; else the only key the material gives
     * (unverified); else none, with why.
     */
    public KnownKey keyOf(Side sender) {
        String who = sender.label();
        if (decryptedWith(sender) != null) {
            return new KnownKey(decryptedWith(sender), "decrypted the " + who + "'s messages");
        }
        List<Candidate> all = candidates.get(sender.ordinal());
        String psk = pskCheck == null ? null : pskCheck.matched(sender);
        for (Candidate c : all) {
            if (psk != null && psk.equals(c.pskLabel())) {
                return new KnownKey(c, "its pre-shared key matched the " + who + "'s HASH in the clear");
            }
        }
        long distinct = all.stream().map(c -> HexFormat.of().formatHex(c.keys().encryptionKey())).distinct().count();
        if (distinct == 1) {
            return new KnownKey(all.get(0), "the only key the material gives (not verified: no message of the " + who
                    + " was decrypted)");
        }
        return new KnownKey(null, all.isEmpty() ? (unavailable != null ? unavailable : "no key for the " + who)
                : distinct + " candidate keys, and no message of the " + who + " decrypted to tell them apart");
    }

    /** The IV of the next message with this message ID, or null when its chain has not started. */
    byte[] iv(int messageId) {
        return ivByMessageId.get(messageId);
    }

    /** Continues the chain of {@code messageId}; returns false when the cap of chains is reached. */
    boolean iv(int messageId, byte[] iv) {
        if (!ivByMessageId.containsKey(messageId) && ivByMessageId.size() >= MAX_MESSAGE_IDS) {
            return false;
        }
        ivByMessageId.put(messageId, iv);
        return true;
    }
}
