package org.ikescope.dissector.model;

/**
 * The one escaping of text on its way to a terminal: everything from a capture (decoded strings),
 * a plugin (finding texts) or the user (file names) passes {@link #text} or {@link #decoded}
 * before it is printed, so that no byte of it can move the cursor, clear the screen, start an
 * escape sequence, or make the text read differently from its characters.
 *
 * <ul>
 * <li>C0 controls, DEL and C1 controls become {@code \xNN};</li>
 * <li>format characters (Unicode category Cf: the bidirectional embeddings, overrides and
 *     isolates U+202A..U+202E and U+2066..U+2069, U+200E/U+200F/U+061C, zero-width characters
 *     U+200B..U+200D and U+2060, U+FEFF, soft hyphen, tag characters), the line and paragraph
 *     separators (Zl U+2028, Zp U+2029) and unpaired surrogates become a backslash, {@code u} and the code point in braces ({@code u{202E}}).</li>
 * </ul>
 *
 * <p>JSON output escapes the same characters as JSON {@code \}{@code uXXXX} escapes instead
 * ({@code analyzer.output.JsonOut}), so the JSON string holds the real text.
 */
public final class Escape {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escape() {
    }

    /**
     * {@code s} for a terminal. A backslash is left as it is: text decoded from a capture arrives
     * with its own {@code \xNN} escapes ({@link #decoded}), which must not be escaped twice.
     */
    public static String text(String s) {
        return s == null ? "" : escape(s, false);
    }

    /**
     * Text decoded from a capture: as {@link #text}, and a backslash becomes {@code \x5c} too, so
     * that every backslash in the result starts an escape and none can be forged.
     */
    public static String decoded(String s) {
        return escape(s, true);
    }

    /** True when code point {@code cp} is one that {@link #text} escapes. */
    public static boolean unsafe(int cp) {
        if (cp < 0x20 || cp == 0x7f || cp >= 0x80 && cp < 0xa0) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.FORMAT || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR
                || t == Character.SURROGATE;
    }

    private static String escape(String s, boolean backslash) {
        StringBuilder sb = null;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean bad = unsafe(cp) || backslash && cp == '\\';
            if (bad && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (!bad) {
                    sb.appendCodePoint(cp);
                } else if (cp < 0xa0) {
                    sb.append("\\x").append(HEX[(cp >> 4) & 0xf]).append(HEX[cp & 0xf]);
                } else {
                    String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
                    sb.append("\\u{").append("0000", 0, Math.max(0, 4 - hex.length())).append(hex).append('}');
                }
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }
}
