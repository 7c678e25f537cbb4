package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real captures copied into the test resources ({@code captures/lab}: strongSwan/libreswan/ike-scan
 * lab runs with truth files; {@code captures/thirdparty}: public captures, see their README). Tests
 * run with the module directory as working directory (surefire's default).
 */
public final class TestCaptures {
    public static final Path ROOT = Path.of("src/test/resources/captures");

    private TestCaptures() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** Every capture file (pcap, pcapng, cap), sorted. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From a truth file, the {@code "frame"} of every flat JSON object holding {@code key} (an array of
     * frame numbers), with that array: {frame, a0, a1, ...}. A regex suffices for these flat objects
     * and keeps the dissector's tests free of a JSON library.
     */
    public static List<long[]> framesWithArray(String truthText, String key) {
        Pattern obj = Pattern.compile("\\{[^{}]*\"" + Pattern.quote(key) + "\":\\s*\\[([0-9,\\s]*)\\][^{}]*\\}");
        Pattern frame = Pattern.compile("\"frame\":\\s*(\\d+)");
        Matcher m = obj.matcher(truthText);
        List<long[]> out = new java.util.ArrayList<>();
        while (m.find()) {
            Matcher f = frame.matcher(m.group(0));
            if (!f.find()) {
                continue;
            }
            String[] parts = m.group(1).trim().split("\\s*,\\s*");
            long[] r = new long[parts.length + 1];
            r[0] = Long.parseLong(f.group(1));
            for (int i = 0; i < parts.length; i++) {
                r[i + 1] = Long.parseLong(parts[i]);
            }
            out.add(r);
        }
        return out;
    }
}
