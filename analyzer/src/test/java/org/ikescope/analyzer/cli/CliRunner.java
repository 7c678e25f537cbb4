package org.ikescope.analyzer.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs {@link Main#run} in-process with standard input, output and error captured (also used by other packages' tests). */
public final class CliRunner {
    /** The dissector module's test captures, relative to this module (surefire's working directory). */
    public static final Path CAPTURES = Path.of("../dissector/src/test/resources/captures");

    private static final Object LOCK = new Object();

    private CliRunner() {
    }

    /** Exit code and captured streams of one run. */
    public record Result(int exit, String out, String err) {
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    public static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    static Result run(InputStream stdin, String... args) {
        synchronized (LOCK) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            InputStream oldIn = System.in;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                System.setIn(stdin);
                int exit = Main.run(args);
                System.out.flush();
                System.err.flush();
                return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
                System.setIn(oldIn);
            }
        }
    }

    /** Every capture in the test resources, sorted. */
    static List<Path> captures() {
        try (Stream<Path> s = Files.walk(CAPTURES)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
            }).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String label(Path capture) {
        return CAPTURES.relativize(capture).toString();
    }
}
