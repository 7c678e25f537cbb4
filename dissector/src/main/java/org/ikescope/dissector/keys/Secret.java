package org.ikescope.dissector.keys;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secret the user supplied (a pre-shared key, a DH value, a key), with a label that says where it
 * came from ({@code --psk #2}, {@code IKESCOPE_PSK}, {@code keys.txt line 7}) and never what it is:
 * {@link #toString()} prints the label only, so that a secret cannot reach output, logs or error
 * messages by accident. Only {@link #reveal()} gives the value away, for the output that asks for
 * it ({@code ikescope keys}, {@code --show-keys}).
 */
public final class Secret {
    private final byte[] value;
    private final String label;

    /** @param value the secret (copied) */
    public Secret(byte[] value, String label) {
        this.value = value.clone();
        this.label = label;
    }

    /** A secret given as hex digits (spaces and colons allowed between them). */
    public static Secret ofHex(String hex, String label) {
        String clean = hex.replaceAll("[\\s:]", "");
        try {
            return new Secret(HexFormat.of().parseHex(clean), label);
        } catch (IllegalArgumentException e) {
            // No part of the value in the message: it is the secret.
            throw new IllegalArgumentException(label + ": not hex digits (expected: an even number of 0-9a-f)");
        }
    }

    /** The bytes of the secret (a copy). */
    public byte[] bytes() {
        return value.clone();
    }

    /** Where it came from, for people. */
    public String label() {
        return label;
    }

    public int length() {
        return value.length;
    }

    /** The value as lowercase hex, for the outputs that are asked to show secrets. */
    public String reveal() {
        return HexFormat.of().formatHex(value);
    }

    /** True when {@code other} holds the same bytes (constant time). */
    public boolean sameValue(Secret other) {
        return java.security.MessageDigest.isEqual(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(s.value, value) && s.label.equals(label);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return label;
    }
}
