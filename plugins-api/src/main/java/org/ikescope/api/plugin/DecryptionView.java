package org.ikescope.api.plugin;

import java.util.Optional;

/**
 * What decrypting an IKEv1 SA's encrypted messages gave, with the key material the user supplied:
 * whether anything was decrypted, why not, and which key each side's messages decrypted with
 * (named by where the key came from, {@code --psk #2} or a key file and line, never by value).
 *
 * @since 2.1
 */
public interface DecryptionView {
    /** The outcome for the SA. */
    enum Status {
        /** At least one encrypted message of the SA was decrypted. */
        DECRYPTED,
        /** No key material for this SA (or only a pre-shared key, which alone cannot decrypt main mode). */
        NO_KEYS,
        /** Key material was given, and none of it decrypts the SA's messages. */
        FAILED
    }

    Status status();

    /** For people: why not, or what decrypted it; never a secret. */
    String reason();

    /** Where the key that decrypted the initiator's messages came from, when one did. */
    Optional<String> initiatorKey();

    /** Where the key that decrypted the responder's messages came from, when one did. */
    Optional<String> responderKey();

    /**
     * The pre-shared-key candidate the initiator's key was derived from ({@code --psk #3}, never the
     * secret), when its messages decrypted with a key derived from one, or, in aggressive mode, the
     * candidate whose HASH_I matched. Two different candidates for the two sides prove a PSK mismatch.
     *
     * @since 2.1
     */
    default Optional<String> initiatorPsk() {
        return Optional.empty();
    }

    /** Likewise for the responder ({@link #initiatorPsk()}). @since 2.1 */
    default Optional<String> responderPsk() {
        return Optional.empty();
    }

    /**
     * True when each side's phase-1 messages decrypted with a pre-shared-key candidate (and their
     * HASH verified where it could be recomputed), or, in aggressive mode, each HASH seen in the
     * clear (HASH_R of AM2, HASH_I of an unencrypted AM3) matched a candidate: the PSKs are known;
     * false when PSK candidates with g^xy did not decrypt a side's messages, or matched none of
     * its HASHes in the clear (its PSK is not among them); empty when no PSK was involved.
     * In aggressive mode {@link #initiatorKey()} and {@link #responderKey()} name the candidate
     * whose HASH matched when no key decrypted that side.
     */
    Optional<Boolean> pskVerified();

    /** Encrypted messages of the SA that were decrypted. */
    int decryptedMessages();

    /** Encrypted messages of the SA that were not. */
    int undecryptedMessages();
}
