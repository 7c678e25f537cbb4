package org.ikescope.dissector.session;

import java.util.HashMap;
import java.util.Map;
import org.ikescope.api.plugin.Side;

/**
 * The slot for what decryption derives for one IKE SA and carries from message to message:
 * the encryption key of each sender (per side, not per SA: with mismatched pre-shared keys each
 * peer encrypts with its own SKEYID_e, RFC 2409 section 5), the phase-1 CBC chain, and one IV
 * chain per message ID for quick mode and informational exchanges (RFC 2409 appendix B). Empty
 * until key material is given; bounded to {@link #MAX_MESSAGE_IDS} chains.
 */
public final class SaKeys {
    /** A peer that runs more phase-2 exchanges than this under one IKE SA gets no more IV chains. */
    static final int MAX_MESSAGE_IDS = 4096;

    private final byte[][] encryptionKey = new byte[2][];
    private byte[] phase1Iv;
    private final Map<Integer, byte[]> ivByMessageId = new HashMap<>();

    /** The key {@code sender} encrypts with, or null when not known. */
    public byte[] encryptionKey(Side sender) {
        return encryptionKey[sender.ordinal()];
    }

    public void encryptionKey(Side sender, byte[] key) {
        encryptionKey[sender.ordinal()] = key;
    }

    /** The IV of the next phase-1 message (the last ciphertext block so far), or null. */
    public byte[] phase1Iv() {
        return phase1Iv;
    }

    public void phase1Iv(byte[] iv) {
        phase1Iv = iv;
    }

    /** The IV of the next message with this message ID, or null when its chain has not started. */
    public byte[] iv(int messageId) {
        return ivByMessageId.get(messageId);
    }

    /** Sets the chain of {@code messageId}; returns false when the cap of chains is reached. */
    public boolean iv(int messageId, byte[] iv) {
        if (!ivByMessageId.containsKey(messageId) && ivByMessageId.size() >= MAX_MESSAGE_IDS) {
            return false;
        }
        ivByMessageId.put(messageId, iv);
        return true;
    }
}
