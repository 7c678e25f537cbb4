package org.ikescope.dissector.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Wireshark's decryption tables as Wireshark saves them (UAT files) and as strongSwan's
 * {@code save-keys} plugin writes them ({@code charon.plugins.save-keys.wireshark_keys}): comma
 * separated fields, each optionally in double quotes, {@code #} comments.
 * <ul>
 *   <li>{@code ikev1_decryption_table}: {@code ICOOKIE_HEX,ENCRYPTION_KEY_HEX}, the initiator
 *       cookie and the final phase-1 encryption key. IKEv1 uses one key in both directions, and
 *       the table does not say which side derived it: it is loaded for either side.</li>
 *   <li>{@code ikev2_decryption_table}: {@code SPIi,SPIr,SK_ei,SK_er,"encr",SK_ai,SK_ar,"integ"}:
 *       recognised and counted, not loaded (IKEv2 decryption is out of scope), one warning.</li>
 *   <li>{@code esp_sa} (the third file of {@code save-keys}): {@code "IPv4","src","dst","0xSPI",...}:
 *       recognised and counted, not loaded (ESP is not decrypted), one warning.</li>
 * </ul>
 * Lines of any other shape are skipped with one warning each.
 */
final class WiresharkKeyTable extends KeyFileParser {
    private static final Pattern COOKIE = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final Pattern ESP_PROTOCOL = Pattern.compile("(Any )?IPv[46]");
    /** Fields of an {@code ikev2_decryption_table} line. */
    private static final int IKEV2_FIELDS = 8;
    /** Fields of an {@code esp_sa} line at least (newer Wireshark versions add some). */
    private static final int ESP_MIN_FIELDS = 8;

    private int ikev2Entries;
    private int espEntries;

    WiresharkKeyTable(String file, KeyMaterial.Builder into, Consumer<String> warn) {
        super(file, into, warn);
    }

    /** True when {@code text} is a line of one of these tables. */
    static boolean recognizes(String text) {
        List<String> f = fields(text);
        return f.size() >= 2 && (COOKIE.matcher(f.get(0)).matches() || ESP_PROTOCOL.matcher(f.get(0)).matches());
    }

    @Override
    void line(int number, String text) throws KeyFileException {
        if (isBlankOrComment(text)) {
            return;
        }
        List<String> f = fields(text);
        if (f.size() == 2) {
            String label = at(number);
            try {
                long cookie = KeyText.cookie(f.get(0));
                Secret key = KeyText.hex(f.get(1), "encryption key", label);
                into.sa(SaKeyMaterial.none(cookie, label).withEncryptionKey(null, key));
            } catch (IllegalArgumentException e) {
                throw KeyFileException.at(file, number, e.getMessage() + " in ICOOKIE_HEX,ENCRYPTION_KEY_HEX");
            }
        } else if (f.size() == IKEV2_FIELDS && COOKIE.matcher(f.get(0)).matches()) {
            ikev2Entries++;
        } else if (f.size() >= ESP_MIN_FIELDS && ESP_PROTOCOL.matcher(f.get(0)).matches()) {
            espEntries++;
        } else {
            warn.accept(at(number) + ": not a decryption table entry (expected: ICOOKIE_HEX,ENCRYPTION_KEY_HEX); ignored");
        }
    }

    @Override
    void end() {
        if (ikev2Entries > 0) {
            warn.accept(file + ": " + ikev2Entries + " ikev2_decryption_table entries not loaded (IKEv2 decryption is out of scope)");
        }
        if (espEntries > 0) {
            warn.accept(file + ": " + espEntries + " esp_sa entries not loaded (ESP is not decrypted)");
        }
    }

    /** The comma-separated fields, each stripped of spaces and of one pair of double quotes. */
    private static List<String> fields(String text) {
        List<String> out = new ArrayList<>();
        for (String f : text.split(",", -1)) {
            String t = f.strip();
            if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
                t = t.substring(1, t.length() - 1).strip();
            }
            out.add(t);
        }
        return out;
    }
}
