package org.ikescope.analyzer.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ikescope.dissector.keys.KeyText;
import org.ikescope.dissector.session.PskTarget;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * What a {@code --psk-wordlist} search found, the same for {@code dissect} and {@code analyze}: the
 * {@code pskWordlist} JSON member and its text lines. A key is named by where it came from
 * ({@code wordlist FILE line N}, {@code --psk #2}); its value is written only when the user asked
 * with {@code --show-keys}.
 * <pre>
 * "pskWordlist":{"file":"words.txt","linesRead":5000,"hashesNotSearched":0,"error":null,
 *   "hashes":[{"ispi":"f91e7913189b2aa2","initiator":"192.0.2.33","responder":"192.0.2.123",
 *              "from":"responder","hash":"HASH_R","key":"wordlist words.txt line 3"}]}
 * </pre>
 */
public final class PskWordlistOutput {
    private PskWordlistOutput() {
    }

    /** Writes {@code "pskWordlist":{...}}; with {@code showKeys}, each wordlist match also has {@code "psk"}. */
    public static void json(JsonOut g, PskWordlistSearch.Result r, boolean showKeys) {
        g.writeObjectFieldStart("pskWordlist");
        g.writeStringField("file", r.wordlist().file().toString());
        g.writeNumberField("linesRead", r.linesRead());
        g.writeNumberField("hashesNotSearched", r.dropped());
        if (r.error() == null) {
            g.writeNullField("error");
        } else {
            g.writeStringField("error", r.error());
        }
        g.writeArrayFieldStart("hashes");
        for (PskWordlistSearch.Match m : r.matches()) {
            PskTarget t = m.target();
            g.writeStartObject();
            g.writeStringField("ispi", KeyText.cookie(t.initiatorCookie()));
            g.writeStringField("initiator", t.initiator());
            g.writeStringField("responder", t.responder());
            g.writeStringField("from", t.side().label());
            g.writeStringField("hash", t.hashName().substring(0, t.hashName().indexOf(' ')));
            if (m.label() == null) {
                g.writeNullField("key");
            } else {
                g.writeStringField("key", m.label());
            }
            if (showKeys && m.psk() != null) {
                g.writeStringField("psk", KeyText.written(m.psk()));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * {@code -- pre-shared keys from wordlist words.txt (5000 lines read): 1 of 1 aggressive-mode HASH found},
     * then one line per HASH.
     */
    public static List<String> text(PskWordlistSearch.Result r, boolean showKeys) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "-- pre-shared keys from %s (%d lines read): %d of %d aggressive-mode HASH%s found%s",
                r.wordlist(), r.linesRead(), r.found(), r.matches().size(), r.matches().size() == 1 ? "" : "es",
                r.dropped() > 0 ? "; " + r.dropped() + " more not searched (cap)" : ""));
        for (PskWordlistSearch.Match m : r.matches()) {
            PskTarget t = m.target();
            String key = m.label() == null ? (r.error() == null ? "not in the wordlist" : "not found before the search stopped")
                    : m.label() + (showKeys && m.psk() != null ? ": " + KeyText.written(m.psk()) : "");
            lines.add("   " + KeyText.cookie(t.initiatorCookie()) + "  " + t.initiator() + " -> " + t.responder() + "  the "
                    + t.side().label() + "'s " + t.hashName() + ": " + key);
        }
        if (r.error() != null) {
            lines.add("   search stopped: " + r.error());
        }
        return lines;
    }
}
