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
        String prefix = first;
        String rest = text;
        while (prefix.length() + rest.length() > width) {
            int room = width - prefix.length();
            if (room <= 0) {
                break;
            }
            int cut = rest.lastIndexOf(' ', room);
            int from = cut;
            while (cut > 0 && rest.charAt(cut - 1) == ' ') {
                cut--;
            }
            if (cut <= 0 || rest.substring(0, cut).isBlank()) {
                cut = room;
                from = room;
            }
            out.add(prefix + rest.substring(0, cut));
            rest = rest.substring(from).stripLeading();
            prefix = next;
        }
        out.add(prefix + rest);
        return out;
    }
}
