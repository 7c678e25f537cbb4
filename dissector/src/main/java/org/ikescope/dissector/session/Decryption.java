package org.ikescope.dissector.session;

import java.util.Locale;

/**
 * What became of an encrypted IKEv1 message: decrypted (and how: with which key, which IV rule,
 * whether its HASH verified), or why not.
 *
 * @param status       decrypted, no key material for it, or key material that does not decrypt it
 * @param reason       for people: why not, or what the key was ({@code g^xy and --psk #2});
 *                     never a secret
 * @param key          the label of the key that decrypted it ({@link org.ikescope.dissector.keys.Secret#label()}
 *                     of the PSK, or what the key came from), or null
 * @param ivRule       how the IV was obtained, or null when not decrypted
 * @param hashVerified true when its HASH (HASH_I, HASH_R, or the HASH(1..3) of a phase-2 or
 *                     informational message) was recomputed and matched, false when it did not,
 *                     null when it could not be checked (no SKEYID)
 */
public record Decryption(Status status, String reason, String key, IvRule ivRule, Boolean hashVerified) {
    /** The outcome. */
    public enum Status {
        DECRYPTED, NO_KEYS, FAILED;

        /** {@code decrypted}, {@code no-keys}, {@code failed}, as written in output. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where the IV of a message came from (RFC 2409 appendix B, and what peers do instead). */
    public enum IvRule {
        /** Phase 1: hash(g^xi | g^xr) for the first encrypted message, then the last CBC block of the previous one. */
        PHASE1,
        /** The first message of a message ID: hash(last phase-1 CBC block | M-ID), as RFC 2409 says. */
        FROM_LAST_PHASE1_BLOCK,
        /**
         * The first message of a message ID: hash(phase-1 IV | M-ID), the initial phase-1 IV in
         * place of the last block: what a peer that could not decrypt the other's last phase-1
         * message (a PSK mismatch) may use.
         */
        FROM_INITIAL_PHASE1_IV,
        /** A later message of a message ID: the last CBC block of the one before. */
        CHAINED;

        /** As written in output. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Decryption decrypted(String key, IvRule rule, Boolean hashVerified) {
        return new Decryption(Status.DECRYPTED, "decrypted with " + key, key, rule, hashVerified);
    }

    public static Decryption noKeys(String reason) {
        return new Decryption(Status.NO_KEYS, reason, null, null, null);
    }

    public static Decryption failed(String reason) {
        return new Decryption(Status.FAILED, reason, null, null, null);
    }

    public boolean isDecrypted() {
        return status == Status.DECRYPTED;
    }
}
