package org.ikescope.analyzer.report;

import org.ikescope.analyzer.output.Terminal;

/**
 * Text into HTML and SVG: everything that comes from a capture, a plugin or a file name goes
 * through {@link #text}, in element content and in attribute values alike.
 */
final class Html {
    private Html() {
    }

    /**
     * {@code s} escaped for element content and for a quoted attribute value: {@code & < > " '}
     * become character references; control and bidirectional formatting characters are shown as
     * {@code \xNN} / {@code \\u{XXXX}} first ({@link Terminal#escape}), so that a name cannot reorder
     * what the engineer reads in the page either.
     */
    static String text(String s) {
        String t = Terminal.escape(s);
        StringBuilder sb = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && sb == null) {
                sb = new StringBuilder(t.length() + 16).append(t, 0, i);
            }
            if (sb != null) {
                if (r != null) {
                    sb.append(r);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? t : sb.toString();
    }
}
