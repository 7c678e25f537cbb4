package org.ikescope.dissector.keys;

import java.util.Optional;
import org.ikescope.api.plugin.Side;

/**
 * What the user supplied for one IKE SA, identified by its initiator cookie. Any part may be
 * absent; decryption takes what is there (RFC 2409 section 5):
 * <ul>
 *   <li>{@code dhSharedSecret}, g^xy: with the nonces from the capture it gives SKEYID for
 *       signatures, and with a PSK for pre-shared keys;</li>
 *   <li>{@code dhPrivate}, one side's x: with the other side's KE payload it gives g^xy;</li>
 *   <li>{@code skeyidE} per side: SKEYID_e as a daemon logged it, expanded to the key;</li>
 *   <li>{@code encryptionKey} per side: the final key (Wireshark's {@code ikev1_decryption_table}
 *       holds one per cookie, with no side: {@link #anySide}).</li>
 * </ul>
 *
 * @param initiatorCookie the SA's initiator cookie
 * @param source          where this came from, for people (a file and line, an option)
 */
public record SaKeyMaterial(long initiatorCookie, Secret dhSharedSecret, DhPrivate dhPrivate, Secret skeyidEInitiator,
                            Secret skeyidEResponder, Secret encryptionKeyInitiator, Secret encryptionKeyResponder,
                            Secret anySide, String source) {
    /** One side's Diffie-Hellman private value. */
    public record DhPrivate(Side side, Secret value) {
    }

    /** Nothing known for {@code cookie} yet. */
    public static SaKeyMaterial none(long cookie, String source) {
        return new SaKeyMaterial(cookie, null, null, null, null, null, null, null, source);
    }

    /** This material with g^xy. */
    public SaKeyMaterial withDhSharedSecret(Secret gxy) {
        return new SaKeyMaterial(initiatorCookie, gxy, dhPrivate, skeyidEInitiator, skeyidEResponder, encryptionKeyInitiator,
                encryptionKeyResponder, anySide, source);
    }

    /** This material with {@code side}'s DH private value. */
    public SaKeyMaterial withDhPrivate(Side side, Secret x) {
        return new SaKeyMaterial(initiatorCookie, dhSharedSecret, new DhPrivate(side, x), skeyidEInitiator, skeyidEResponder,
                encryptionKeyInitiator, encryptionKeyResponder, anySide, source);
    }

    /** This material with the SKEYID_e that {@code side} derived. */
    public SaKeyMaterial withSkeyidE(Side side, Secret skeyidE) {
        return new SaKeyMaterial(initiatorCookie, dhSharedSecret, dhPrivate, side == Side.INITIATOR ? skeyidE : skeyidEInitiator,
                side == Side.RESPONDER ? skeyidE : skeyidEResponder, encryptionKeyInitiator, encryptionKeyResponder, anySide, source);
    }

    /** This material with the encryption key that {@code side} derived, or ({@code side} null) a key for either side. */
    public SaKeyMaterial withEncryptionKey(Side side, Secret key) {
        return new SaKeyMaterial(initiatorCookie, dhSharedSecret, dhPrivate, skeyidEInitiator, skeyidEResponder,
                side == Side.INITIATOR ? key : encryptionKeyInitiator, side == Side.RESPONDER ? key : encryptionKeyResponder,
                side == null ? key : anySide, source);
    }

    public Optional<Secret> encryptionKey(Side sender) {
        return Optional.ofNullable(sender == Side.INITIATOR ? encryptionKeyInitiator : encryptionKeyResponder);
    }

    public Optional<Secret> skeyidE(Side sender) {
        return Optional.ofNullable(sender == Side.INITIATOR ? skeyidEInitiator : skeyidEResponder);
    }

    /** This material with what {@code other} (for the same SA) adds; what both have, this one keeps. */
    public SaKeyMaterial merge(SaKeyMaterial other) {
        return new SaKeyMaterial(initiatorCookie, first(dhSharedSecret, other.dhSharedSecret),
                dhPrivate != null ? dhPrivate : other.dhPrivate, first(skeyidEInitiator, other.skeyidEInitiator),
                first(skeyidEResponder, other.skeyidEResponder), first(encryptionKeyInitiator, other.encryptionKeyInitiator),
                first(encryptionKeyResponder, other.encryptionKeyResponder), first(anySide, other.anySide),
                source.equals(other.source) ? source : source + ", " + other.source);
    }

    private static Secret first(Secret a, Secret b) {
        return a != null ? a : b;
    }

    @Override
    public String toString() {
        return "keys for " + Long.toHexString(initiatorCookie) + " from " + source;
    }
}
