package org.ikescope.dissector.keys;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.model.Addresses;

/**
 * How key material is written as text, the same in every key file format and command-line
 * option: initiator cookies, hex values, sides, pre-shared keys and their peers. Every method
 * throws {@link IllegalArgumentException} whose message reads "what (expected: ...)" and never
 * holds the text it was given; the caller prefixes where the text came from.
 */
public final class KeyText {
    /** The prefix of a pre-shared key written as hex digits (binary keys, or text with surrounding spaces). */
    public static final String HEX_PREFIX = "hex:";

    private KeyText() {
    }

    /** An initiator cookie: exactly 16 hex digits, as tshark shows {@code isakmp.ispi}. */
    public static long cookie(String text) {
        if (text.length() != 16 || !isHex(text)) {
            throw new IllegalArgumentException("initiator cookie (expected: 16 hex digits)");
        }
        return Long.parseUnsignedLong(text, 16);
    }

    /** The cookie as written back: 16 lowercase hex digits. */
    public static String cookie(long cookie) {
        return HexFormat.of().toHexDigits(cookie);
    }

    /**
     * A secret value given as hex digits; spaces, tabs and colons may separate them (so that a
     * daemon's hex dump can be pasted).
     *
     * @param what names the value in the message ("DH shared secret")
     */
    public static Secret hex(String text, String what, String label) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + ": empty (expected: hex digits)");
        }
        try {
            return Secret.ofHex(text, label);
        } catch (IllegalArgumentException e) {
            // Secret.ofHex says where, not what: say which value it was.
            throw new IllegalArgumentException(what + " (expected: an even number of hex digits, optionally separated by spaces or colons)");
        }
    }

    /** {@code initiator} or {@code responder} (any case). */
    public static Side side(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "initiator" -> Side.INITIATOR;
            case "responder" -> Side.RESPONDER;
            default -> throw new IllegalArgumentException("side (expected: initiator or responder)");
        };
    }

    /**
     * A pre-shared key: {@code hex:HEX} for its bytes, otherwise the UTF-8 bytes of the text as
     * given. Empty is refused (no daemon accepts an empty PSK, so it is a mistake), and so is
     * text holding U+FFFD, the mark of bytes that were not UTF-8.
     */
    public static Secret psk(String text, String label) {
        if (text.regionMatches(true, 0, HEX_PREFIX, 0, HEX_PREFIX.length())) {
            return hex(text.substring(HEX_PREFIX.length()), "pre-shared key after hex:", label);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("pre-shared key: empty (expected: a secret, or hex:HEX)");
        }
        if (text.indexOf('\uFFFD') >= 0) {
            // What a UTF-8 decoder made of bytes that are not UTF-8: the key would not be the one meant.
            throw new IllegalArgumentException("pre-shared key: not UTF-8 text (expected: UTF-8 text, or hex:HEX for other bytes)");
        }
        return new Secret(text.getBytes(StandardCharsets.UTF_8), label);
    }

    /**
     * A pre-shared key written as {@code --psk} reads it back: its text when it is UTF-8 without
     * control characters or spaces around it, and does not begin with {@code hex:}, {@code @} or
     * {@code ADDRESS=}; else {@code hex:HEX}. Only for
     * the outputs asked to show secrets ({@code --show-keys}).
     */
    public static String written(Secret psk) {
        byte[] b = psk.bytes();
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
        try {
            String text = d.decode(java.nio.ByteBuffer.wrap(b)).toString();
            boolean plain = !text.isEmpty() && text.strip().equals(text) && text.codePoints().noneMatch(Character::isISOControl)
                    && !text.regionMatches(true, 0, HEX_PREFIX, 0, HEX_PREFIX.length()) && !text.startsWith("@")
                    && (text.indexOf('=') <= 0 || peer(text.substring(0, text.indexOf('='))) == null);
            return plain ? text : HEX_PREFIX + psk.reveal();
        } catch (java.nio.charset.CharacterCodingException e) {
            return HEX_PREFIX + psk.reveal();
        }
    }

    /**
     * The peer address of a pre-shared key, as {@code Addresses.format} writes it, or null when
     * {@code text} is not strictly an address: a dotted quad of four decimal numbers up to 255,
     * or an IPv6 address (with a colon). Strict on purpose: {@code InetAddress} also reads
     * {@code 2024} as 0.0.7.232, and a secret such as {@code 2024=summer} must stay a secret.
     */
    public static String peer(String text) {
        if (text.indexOf(':') < 0 && !isDottedQuad(text)) {
            return null;
        }
        byte[] address = Addresses.parse(text);
        return address == null ? null : Addresses.format(address);
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** ASCII hex digits only: {@code Character.digit} would also take other scripts' digits. */
    static boolean isHex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
