package org.ikescope.analyzer.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, problems 1, 7 and 10 (time): exit codes that mean one thing, write errors that end
 * the run, no stack trace without --debug, timestamps that are odd but readable said once.
 */
class ExitCodesTest {
    static final Path CAPTURE = CliRunner.CAPTURES.resolve("lab/mm-aes128-sha1-modp1024.pcap");

    @TempDir
    Path tmp;

    /** ikescope in a JVM of its own, standard output to {@code out}. */
    static Process java(File out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE);
        if (out != null) {
            pb.redirectOutput(out);
        }
        return pb.start();
    }

    static String stderr(Process p) throws IOException, InterruptedException {
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // The test class path holds a test plugin, so Java 17's notice of the security manager
        // (PLUGINS.md, "Containment") comes first; it is the JVM's, not ikescope's.
        return String.join("\n", err.lines().filter(l -> !l.startsWith("WARNING: ")).toList());
    }

    @Test
    void aFullDiskIsExitCode4InEveryOutputMode() throws Exception {
        for (List<String> mode : List.of(List.of("analyze", "--format", "json"), List.of("analyze"), List.of("dissect"),
                List.of("dissect", "--format", "jsonl"))) {
            List<String> args = new ArrayList<>(mode);
            args.add(CAPTURE.toString());
            Process p = java(new File("/dev/full"), args.toArray(String[]::new));
            String err = stderr(p);
            assertEquals(Main.EXIT_OUTPUT, p.exitValue(), mode + ": " + err);
            assertEquals(List.of("ikescope: cannot write standard output: No space left on device (the output is incomplete)"),
                    err.lines().toList(), mode.toString());
        }
    }

    /** {@code -o FILE} is output too: a report that cannot be written there is exit 4, naming the file. */
    @Test
    void aFullDiskBehindDashOIsExitCode4() throws Exception {
        for (String format : List.of("text", "json", "html")) {
            Process p = java(null, "analyze", "--format", format, "-o", "/dev/full", CAPTURE.toString());
            String err = stderr(p);
            assertEquals(Main.EXIT_OUTPUT, p.exitValue(), format + ": " + err);
            assertEquals(List.of("ikescope: cannot write /dev/full: No space left on device (the output is incomplete)"),
                    err.lines().toList(), format);
        }
    }

    /**
     * The text and HTML reports keep their table in a temporary file past 4 MiB: a disk that fills
     * under it is a failed output (4) with one line saying so, however the failure is wrapped on
     * its way out (the analysis' worker thread, picocli's execution exception), never an internal error.
     */
    @Test
    void aFullDiskUnderTheReportsTemporaryFileIsExitCode4() throws Exception {
        java.lang.reflect.Constructor<org.ikescope.analyzer.report.TemporaryFileFailure> c =
                org.ikescope.analyzer.report.TemporaryFileFailure.class.getDeclaredConstructor(String.class, IOException.class);
        c.setAccessible(true);
        RuntimeException full = c.newInstance("the report's table", new IOException("No space left on device"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream p = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_OUTPUT, Main.internal(new picocli.CommandLine.ExecutionException(
                new picocli.CommandLine(new Main()), "wrapped", full), false, p));
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("ikescope: cannot write the temporary file of the report's table: No space left on device"
                + " (the output is incomplete)\n", said);
    }

    @Test
    void aClosedPipeStopsTheRunQuietly() throws Exception {
        Process p = java(null, "dissect", CliRunner.CAPTURES.resolve("lab/many-peers.pcap").toString());
        InputStream in = p.getInputStream();
        assertTrue(in.read() > 0);
        in.close();
        String err = stderr(p);
        assertEquals(Main.EXIT_OUTPUT, p.exitValue(), err);
        assertEquals("", err);
    }

    @Test
    void writeErrorsOfAPrintStreamAreNotSwallowed() {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("disk on fire");
                }
            }, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(Main.EXIT_OUTPUT, Main.run("analyze", "--format", "json", CAPTURE.toString()));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals("ikescope: cannot write standard output: write error (the output is incomplete)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anOverflowingPluginTimeoutIsAUsageErrorWithoutAStackTrace() {
        CliRunner.Result r = CliRunner.run("analyze", "--plugin-timeout", "9300000000000", CAPTURE.toString());
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertEquals("ikescope: --plugin-timeout: 9300000000000 (expected: milliseconds, 1..86400000)", r.err().strip());
    }

    @Test
    void unexpectedExceptionsAreInternalErrorsWithTheTraceOnlyUnderDebug() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_INTERNAL, Main.internal(new IllegalStateException("boom"), false, err));
        String line = b.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("ikescope: internal error: java.lang.IllegalStateException: boom at "), line);
        assertTrue(line.contains("run with --debug for the stack trace"), line);
        assertEquals(1, line.lines().count(), line);
        b.reset();
        assertEquals(Main.EXIT_INTERNAL, Main.internal(new IllegalStateException("boom"), true, err));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("\tat "), "the stack trace under --debug");
        b.reset();
        assertEquals(Main.EXIT_OUT_OF_MEMORY, Main.internal(new RuntimeException(new OutOfMemoryError("Java heap space")), false, err));
        assertTrue(b.toString(StandardCharsets.UTF_8).startsWith("ikescope: out of memory (maximum heap "));
    }

    /** The lab capture with frame 3's microseconds set to {@code micros}. */
    Path withMicros(long micros) throws IOException {
        byte[] b = Files.readAllBytes(CAPTURE);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        for (int frame = 1; frame < 3; frame++) {
            at += 16 + buf.getInt(at + 8);
        }
        buf.putInt(at + 4, (int) micros);
        Path p = tmp.resolve("micros.pcap");
        Files.write(p, b);
        return p;
    }

    @Test
    void microsecondsAbove999999AreSaidAndReadByBothReaders() throws IOException {
        Path p = withMicros(1_500_000);
        CliRunner.Result builtin = CliRunner.run("dissect", p.toString());
        assertEquals(Main.EXIT_OK, builtin.exit(), builtin.err());
        assertTrue(builtin.err().contains("1 frame with a timestamp fraction out of range, first frame 3: microseconds 1500000"
                + " (expected: <= 999999)"), builtin.err());
        CliRunner.Result libpcap = CliRunner.run("dissect", "--reader", "libpcap", p.toString());
        assertEquals(Main.EXIT_DAMAGED, libpcap.exit(), libpcap.err());
        assertTrue(libpcap.err().contains("damaged: frame 3: timestamp fraction out of range"), libpcap.err());
        assertFalse(libpcap.err().contains("\tat "), libpcap.err());
        assertTrue(libpcap.out().contains("-- 2 frames"), "what was read before is printed: " + libpcap.out());
    }

    @Test
    void timeGoingBackwardsIsSaidOnce() throws IOException {
        Path p = withMicros(0);
        byte[] b = Files.readAllBytes(p);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        for (int frame = 1; frame < 3; frame++) {
            at += 16 + buf.getInt(at + 8);
        }
        buf.putInt(at, buf.getInt(at) - 100);
        Files.write(p, b);
        CliRunner.Result r = CliRunner.run("analyze", p.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("time goes backwards")).count(), r.err());
        assertTrue(r.err().contains("first at frame 3"), r.err());
    }
}
