package org.ikescope.dissector.keys;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.ikescope.api.plugin.Side;

/**
 * ikescope's own key file (documented in KEYS.md): one statement per line, {@code #} comments,
 * words separated by spaces or tabs.
 * <pre>
 * sa ICOOKIE dh-secret HEX
 * sa ICOOKIE dh-private initiator|responder HEX
 * sa ICOOKIE skeyid-e initiator|responder HEX
 * sa ICOOKIE encryption-key [initiator|responder] HEX
 * psk [PEER_IP] SECRET
 * </pre>
 * HEX runs to the end of the line and may be split by spaces or colons (a pasted hex dump);
 * SECRET is the rest of the line without surrounding spaces, or {@code hex:HEX}. A statement
 * whose first word (or whose item after {@code sa ICOOKIE}) is unknown is skipped with a
 * warning, so that files written for a later version still load; a known statement written
 * wrong is an error.
 */
final class KeyStatements extends KeyFileParser {
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final String SA_FORM = "sa ICOOKIE ITEM VALUE";
    private static final String PSK_FORM = "psk [PEER_IP] SECRET";


    KeyStatements(String file, KeyMaterial.Builder into, Consumer<String> warn) {
        super(file, into, warn);
    }

    /** True when {@code text} starts with a statement keyword. */
    static boolean recognizes(String text) {
        String first = WORDS.split(text.strip(), 2)[0];
        return first.equals("sa") || first.equals("psk");
    }

    @Override
    void line(int number, String text) throws KeyFileException {
        if (isBlankOrComment(text)) {
            return;
        }
        String label = at(number);
        String[] w = WORDS.split(text.strip(), 2);
        try {
            switch (w[0]) {
                case "sa" -> sa(w.length > 1 ? w[1] : "", label);
                case "psk" -> psk(w.length > 1 ? w[1] : "", label);
                default -> warn.accept(label + ": unknown statement (expected: " + SA_FORM + " or " + PSK_FORM + "); ignored");
            }
        } catch (IllegalArgumentException e) {
            throw KeyFileException.at(file, number, e.getMessage());
        }
    }

    private void sa(String rest, String label) {
        String[] w = WORDS.split(rest, 3);
        if (w.length < 3) {
            throw new IllegalArgumentException("incomplete sa statement (expected: " + SA_FORM + ")");
        }
        SaKeyMaterial none = SaKeyMaterial.none(KeyText.cookie(w[0]), label);
        String value = w[2];
        SaKeyMaterial m = switch (w[1].toLowerCase(Locale.ROOT)) {
            case "dh-secret" -> none.withDhSharedSecret(KeyText.hex(value, "dh-secret", label));
            case "dh-private" -> {
                String[] sv = sided(value, "dh-private");
                yield none.withDhPrivate(KeyText.side(sv[0]), KeyText.hex(sv[1], "dh-private", label));
            }
            case "skeyid-e" -> {
                String[] sv = sided(value, "skeyid-e");
                yield none.withSkeyidE(KeyText.side(sv[0]), KeyText.hex(sv[1], "skeyid-e", label));
            }
            case "encryption-key" -> {
                String[] sv = WORDS.split(value, 2);
                boolean sided = sv.length == 2 && isSide(sv[0]);
                yield none.withEncryptionKey(sided ? KeyText.side(sv[0]) : null, KeyText.hex(sided ? sv[1] : value, "encryption-key", label));
            }
            default -> null;
        };
        if (m == null) {
            warn.accept(label + ": unknown sa item (expected: dh-secret, dh-private, skeyid-e or encryption-key); ignored");
            return;
        }
        into.sa(m);
    }

    /** {@code initiator|responder HEX} split in two. */
    private static String[] sided(String value, String item) {
        String[] sv = WORDS.split(value, 2);
        if (sv.length < 2 || !isSide(sv[0])) {
            throw new IllegalArgumentException(item + " without a side (expected: sa ICOOKIE " + item + " initiator|responder HEX)");
        }
        return sv;
    }

    private static boolean isSide(String word) {
        return word.equalsIgnoreCase(Side.INITIATOR.label()) || word.equalsIgnoreCase(Side.RESPONDER.label());
    }

    private void psk(String rest, String label) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("psk without a secret (expected: " + PSK_FORM + ")");
        }
        String[] w = WORDS.split(rest, 2);
        String peer = KeyText.peer(w[0]);
        if (peer == null) {
            into.psk(KeyText.psk(rest, label));
        } else if (w.length < 2) {
            throw new IllegalArgumentException("psk with a peer address and no secret (expected: " + PSK_FORM
                    + "; a secret that reads as an address is written hex:HEX)");
        } else {
            into.psk(peer, KeyText.psk(w[1], label));
        }
    }
}
