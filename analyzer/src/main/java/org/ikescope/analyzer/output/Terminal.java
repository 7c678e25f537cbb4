package org.ikescope.analyzer.output;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ikescope.dissector.model.Escape;

/**
 * Text for a terminal: escaping of what came from a capture, a plugin or a file name, the width
 * to write for, and word wrapping.
 *
 * <p>Escaping is {@link Escape#text}, the one escaping of everything headed to a terminal:
 * controls become {@code \xNN}, format characters (bidirectional overrides, zero-width
 * characters), line and paragraph separators a backslash, {@code u} and the code point in braces.
 */
public final class Terminal {
    /** The width written for when standard output is not a terminal. */
    public static final int DEFAULT_WIDTH = 100;
    /** Narrower than this, wrapping does more harm than good. */
    public static final int MIN_WIDTH = 60;

    private Terminal() {
    }

    /** {@code s} with every character that could act on a terminal escaped: {@link Escape#text}, the one escaping. */
    public static String escape(String s) {
        return Escape.text(s);
    }

    /**
     * The width to write for: the terminal's when standard output is one (from {@code COLUMNS},
     * else {@code stty size} on the controlling terminal), else {@link #DEFAULT_WIDTH}; never
     * below {@link #MIN_WIDTH}.
     */
    public static int width() {
        if (System.console() == null) {
            return DEFAULT_WIDTH;
        }
        int w = parse(System.getenv("COLUMNS"));
        if (w <= 0) {
            w = stty();
        }
        return w <= 0 ? DEFAULT_WIDTH : Math.max(MIN_WIDTH, w);
    }

    private static int parse(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroy();
                return -1;
            }
            String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return rowsCols.length == 2 ? parse(rowsCols[1]) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * {@code text} broken at spaces into lines of at most {@code width} characters, the first
     * starting with {@code first}, the others with {@code next}. Spaces within a line are kept as
     * they are (aligned columns stay aligned); a line is broken at its last space that fits, and
     * the spaces at the break are dropped; a word longer than a line is cut.
     */
    public static List<String> wrap(String text, int width, String first, String next) {
        List<String> out = new ArrayList<>();
        wrap(text, width, first, next, (prefix, t, from, to) -> out.add(prefix + t.subSequence(from, to)));
        return out;
    }

    /** One line of {@link #wrap(CharSequence, int, String, String, LineSink)}: {@code prefix}, then {@code text[from, to)}. */
    @FunctionalInterface
    public interface LineSink {
        void line(String prefix, CharSequence text, int from, int to);
    }

    /**
     * {@link #wrap(String, int, String, String)} without its strings: each line is given to
     * {@code out} as its prefix and a range of {@code text} (the text report writes a few lines
     * per exchange message, the substrings were most of what it allocated).
     */
    public static void wrap(CharSequence text, int width, String first, String next, LineSink out) {
        String prefix = first;
        int start = 0;
        int end = text.length();
        while (prefix.length() + end - start > width) {
            int room = width - prefix.length();
            if (room <= 0) {
                break;
            }
            // The last space at most room characters in (the text left is longer than room).
            int cut = room;
            while (cut >= 0 && text.charAt(start + cut) != ' ') {
                cut--;
            }
            int from = cut;
            while (cut > 0 && text.charAt(start + cut - 1) == ' ') {
                cut--;
            }
            if (cut <= 0 || blank(text, start, start + cut)) {
                cut = room;
                from = room;
            }
            out.line(prefix, text, start, start + cut);
            start += from;
            // As String.stripLeading: a surrogate is never white space, so char by char is the same.
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            prefix = next;
        }
        out.line(prefix, text, start, end);
    }

    /** As {@code text.substring(from, to).isBlank()}. */
    private static boolean blank(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code s} when no character of it needs escaping ({@link #escape}), the usual case, without
     * making a string of it; else its escaped text.
     */
    public static CharSequence escaped(CharSequence s) {
        // Read through the class, not CharSequence: C1 alone (the launcher's compiler for small
        // captures) does not inline an interface call, one per character.
        StringBuilder b = s instanceof StringBuilder sb ? sb : null;
        String str = b == null ? s.toString() : null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = b != null ? b.charAt(i) : str.charAt(i);
            // Printable ASCII is never escaped; anything else is left to the one escaping.
            if (c < 0x20 || c >= 0x7f) {
                return escape(s.toString());
            }
        }
        return s;
    }
}
