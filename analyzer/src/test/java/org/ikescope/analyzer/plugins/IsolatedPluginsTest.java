package org.ikescope.analyzer.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.cli.CliRunner;
import org.ikescope.analyzer.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, containment: {@code analyze --isolate-plugins} runs the plugins of --plugin-path jars in
 * a child JVM. A plugin that behaves gets the same report as in one JVM; a plugin that halts the
 * child, exhausts its heap, kills it, wedges it or writes garbage leaves a whole report with the
 * built-in findings, a plugin.exit finding and exit code 5. Each test starts one child JVM (a
 * second or so) on a capture of 10 exchanges.
 */
class IsolatedPluginsTest {
    static final Path CAPTURE = CliRunner.CAPTURES.resolve("lab/many-peers.pcap");
    static final String PKG = "org.isolated";

    @TempDir
    Path tmp;

    /** A plugin directory (mode 700) with one jar of plugin {@code P} (id {@code iso.p}); {@code analyze} runs after its first finding. */
    Path plugin(String fields, String analyze, String endOfCapture) throws IOException {
        String src = TestJars.header(PKG)
                + "public final class P implements DiagnosticPlugin, EndOfCaptureHook {\n"
                + fields + "\n"
                + "  public String id() { return \"iso.p\"; }\n"
                + "  public String description() { return \"isolated\"; }\n"
                + "  public void analyze(ExchangeView e, FindingSink sink) {\n"
                + "    sink.report(Finding.of(\"iso.seen\", Severity.WARNING, Confidence.LIKELY).title(\"seen \" + e.ispi()"
                + " + \" \\u00e9\\n\\\"q\\\"\").explanation(\"messages \" + e.messages().size() + \", diagnostics \""
                + " + e.diagnostics().size()).remediation(\"r\").evidence(e.messages().get(0).frame())"
                + ".asa(AsaLines.of(\"MM_WAIT_MSG2\", \"%ASA-5-713904: x\")).build());\n"
                + analyze + "\n  }\n"
                + "  public void endOfCapture(List<ExchangeView> all, FindingSink sink) {\n"
                + "    sink.report(\"iso.count\", Severity.INFO, Confidence.CONFIRMED, \"count \" + all.size(), \"e\", \"r\", 1L);\n"
                + endOfCapture + "\n  }\n"
                + "}\n";
        return TestJars.pluginDir(tmp.resolve("plugins"), "p.jar", PKG, "P", src);
    }

    static CliRunner.Result analyze(Path capture, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        if (dir != null) {
            args.addAll(List.of("--plugin-path", dir.toString()));
        }
        args.addAll(List.of(more));
        args.add(capture.toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    static List<String> codes(CliRunner.Result r) throws IOException {
        List<String> codes = new ArrayList<>();
        JsonNode j = new ObjectMapper().readTree(r.out());
        j.path("findings").forEach(f -> codes.add(f.get("code").asText()));
        j.path("exchanges").forEach(x -> x.path("findings").forEach(f -> codes.add(f.get("code").asText())));
        return codes;
    }

    /** Every finding of the report that is not the test plugin's nor about it: the built-in diagnoses. */
    static List<String> builtIn(CliRunner.Result r) throws IOException {
        List<String> out = new ArrayList<>();
        JsonNode j = new ObjectMapper().readTree(r.out());
        j.path("exchanges").forEach(x -> x.path("findings").forEach(f -> {
            if (!f.get("source").asText().equals("iso.p")) {
                out.add(x.path("ispi").asText() + " " + f.get("code").asText());
            }
        }));
        return out;
    }

    @Test
    void aWellBehavedPluginGetsTheSameReportAsInOneJvm() throws IOException {
        Path dir = plugin("int calls;", "if (++calls == 3) System.out.println(\"printed by the plugin\");", "");
        CliRunner.Result one = analyze(CAPTURE, dir);
        int before = IsolatedPlugins.STARTED.get();
        CliRunner.Result isolated = analyze(CAPTURE, dir, "--isolate-plugins", "--plugin-heap", "64m");
        assertEquals(before + 1, IsolatedPlugins.STARTED.get(), "one child JVM");
        assertEquals(Main.EXIT_OK, one.exit(), one.err());
        assertEquals(Main.EXIT_OK, isolated.exit(), isolated.err());
        assertTrue(one.out().contains("iso.seen") && one.out().contains("printed by the plugin"), one.out());
        assertEquals(one.out(), isolated.out(), "the same JSON, byte for byte");
        assertEquals("", isolated.err());
        assertEquals(10, codes(isolated).stream().filter("iso.seen"::equals).count());
    }

    @Test
    void withoutAPluginJarNoChildIsStarted() {
        int before = IsolatedPlugins.STARTED.get();
        CliRunner.Result plain = analyze(CAPTURE, null);
        CliRunner.Result r = analyze(CAPTURE, null, "--isolate-plugins");
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertEquals(plain.out(), r.out());
        assertEquals(before, IsolatedPlugins.STARTED.get());
    }

    @Test
    void pluginHeapIsChecked() {
        for (String bad : List.of("lots", "12", "1m", "-5m", "99999999g", "")) {
            CliRunner.Result r = analyze(CAPTURE, null, "--isolate-plugins", "--plugin-heap", bad);
            assertEquals(Main.EXIT_USAGE, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("--plugin-heap"), r.err());
        }
        CliRunner.Result alone = analyze(CAPTURE, null, "--plugin-heap", "256m");
        assertEquals(Main.EXIT_USAGE, alone.exit(), alone.err());
        assertEquals(256L << 20, IsolatedPlugins.heapBytes("256m"));
        assertEquals(1L << 30, IsolatedPlugins.heapBytes("1G"));
    }

    /** A named pipe can be read once: the parent spools it and both JVMs read the copy. */
    @Test
    void aFifoIsReadOnceAndBothJvmsSeeTheSameBytes() throws Exception {
        Path dir = plugin("", "", "");
        CliRunner.Result file = analyze(CAPTURE, dir);
        Path fifo = tmp.resolve("capture.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(CAPTURE, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CliRunner.Result r = analyze(fifo, dir, "--isolate-plugins");
        writer.join();
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertEquals(file.out().replace(CAPTURE.toString(), "F"), r.out().replace(fifo.toString(), "F"));
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("ikescope-spool-")), "the copy is deleted");
        }
    }

    /**
     * Runtime.halt without a security manager (Java 24 and later; here the child is started with
     * -Djava.security.manager=disallow): the child dies, the parent's report is whole.
     */
    @Test
    void haltEndsTheChildNotTheRun() throws IOException {
        Path dir = plugin("int calls;", "if (++calls == 4) Runtime.getRuntime().halt(0);", "");
        CliRunner.Result plain = analyze(CAPTURE, null);
        String before = System.getProperty("java.security.manager");
        System.setProperty("java.security.manager", "disallow");
        CliRunner.Result r;
        try {
            r = analyze(CAPTURE, dir, "--isolate-plugins");
        } finally {
            if (before == null) {
                System.clearProperty("java.security.manager");
            } else {
                System.setProperty("java.security.manager", before);
            }
        }
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertEquals(builtIn(plain), builtIn(r), "the built-in findings are all there");
        List<String> codes = codes(r);
        assertEquals(3, codes.stream().filter("iso.seen"::equals).count(), "the findings sent before the halt are kept");
        assertTrue(codes.contains(Containment.PLUGIN_EXIT), r.out());
        assertTrue(r.out().contains("exited with code 0 after frame"), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ikescope: plugin iso.p ran in a child JVM (--isolate-plugins) that exited with code 0"),
                r.err());
    }

    /** With a security manager (Java 17 to 23), System.exit in the child is prevented there, as in one JVM. */
    @Test
    void systemExitIsPreventedInTheChildAsInOneJvm() throws IOException {
        Path dir = plugin("", "System.exit(3);", "");
        CliRunner.Result one = analyze(CAPTURE, dir);
        CliRunner.Result r = analyze(CAPTURE, dir, "--isolate-plugins");
        assertEquals(Main.EXIT_PLUGIN, one.exit(), one.err());
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertEquals(one.out(), r.out(), "the same report");
        assertTrue(r.err().contains("plugin iso.p called System.exit(3) (prevented) (in its child JVM, -Xmx256m)"), r.err());
    }

    @Test
    void runningOutOfMemoryStaysInTheChild() throws IOException {
        Path dir = plugin("static final List<long[]> KEPT = new ArrayList<>();",
                "while (true) KEPT.add(new long[1 << 16]);", "");
        CliRunner.Result plain = analyze(CAPTURE, null);
        CliRunner.Result r = analyze(CAPTURE, dir, "--isolate-plugins", "--plugin-heap", "32m");
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertEquals(builtIn(plain), builtIn(r));
        assertTrue(codes(r).contains(Containment.PLUGIN_EXIT), r.out());
        assertTrue(r.err().contains("out of memory"), r.err());
        assertTrue(r.err().contains("32m"), "the budget is named: " + r.err());
    }

    /** A crash: the plugin kills its own JVM (SIGKILL) on the fifth exchange. */
    @Test
    void aKilledChildIsReportedWithItsExitCode() throws IOException {
        Path dir = plugin("int calls;", "if (++calls == 5) { System.err.println(\"\\u001b[2Jdying\"); "
                + "try { new ProcessBuilder(\"sh\", \"-c\", \"kill -9 $PPID\").start().waitFor();"
                + " Thread.sleep(60000); } catch (Exception x) { } }", "");
        CliRunner.Result r = analyze(CAPTURE, dir, "--isolate-plugins");
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertEquals(4, codes(r).stream().filter("iso.seen"::equals).count(), r.out());
        assertTrue(r.out().contains("exited with code 137 (signal 9) after frame"), r.out());
        assertFalse(r.err().contains("\u001b"), "the child's standard error never reaches the terminal raw");
    }

    /** A plugin whose call never ends (it swallows the interrupt and the stop): the parent kills the child. */
    @Test
    void aWedgedChildIsKilled() throws IOException {
        Path dir = plugin("int calls;", "if (++calls == 2) while (true) { try { Thread.sleep(100000); } catch (Throwable t) { } }", "");
        CliRunner.Result r = analyze(CAPTURE, dir, "--isolate-plugins", "--plugin-timeout", "100");
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertEquals(1, codes(r).stream().filter("iso.seen"::equals).count(), r.out());
        assertTrue(r.err().contains("made no progress") && r.err().contains("plugin iso.p was in a call"), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).path("exchanges").size() == 10);
    }

    /**
     * Stray bytes on file descriptor 1 are no records; a forged record (the plugin found the nonce by
     * reflection) that is not one is garbage: the child is stopped, what it sent before is kept.
     */
    @Test
    void strayOutputIsIgnoredAndGarbageStopsTheChild() throws IOException {
        String fd1 = "java.io.FileOutputStream o = new java.io.FileOutputStream(java.io.FileDescriptor.out);";
        Path dir = plugin("int calls;", "try { " + fd1 + " if (++calls == 2) o.write(\"{not a record\\n\".getBytes()); "
                + " if (calls == 6) { Object c = Class.forName(\"org.ikescope.analyzer.plugins.IsolatedChild\")"
                + ".getMethod(\"current\").invoke(null); java.lang.reflect.Field s = c.getClass().getDeclaredField(\"setup\");"
                + " s.setAccessible(true); Object setup = s.get(c); java.lang.reflect.Method m = setup.getClass()"
                + ".getDeclaredMethod(\"nonce\"); m.setAccessible(true); String n = (String) m.invoke(setup); o.write((\"\\n\" + n + \" X 1 2 3 4 garbage!\\n\").getBytes()); o.flush(); Thread.sleep(1000); }"
                + " } catch (Exception x) { throw new RuntimeException(x); }", "");
        CliRunner.Result r = analyze(CAPTURE, dir, "--isolate-plugins");
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err() + r.out());
        assertEquals(5, codes(r).stream().filter("iso.seen"::equals).count(), r.err() + r.out());
        assertTrue(r.err().contains("sent findings for exchange 1"), r.err());
    }
}
