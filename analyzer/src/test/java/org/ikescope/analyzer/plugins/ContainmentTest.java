package org.ikescope.analyzer.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Issue 11, problems 2, 3 and 9: a plugin from a --plugin-path jar cannot end the run, mix text
 * into the report, or close standard output; a world-writable plugin directory is refused; a
 * corrupt jar is named as one. Each case runs the command line on a lab capture with one hostile
 * plugin and checks that the JSON report is whole and the exit code says what happened.
 */
class ContainmentTest {
    static final Path CAPTURE = CliRunner.CAPTURES.resolve("lab/mm-aes128-sha1-modp1024.pcap");
    static final String PKG = "org.hostile";

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }

        List<String> codes() throws IOException {
            List<String> codes = new ArrayList<>();
            JsonNode j = json();
            j.path("findings").forEach(f -> codes.add(f.get("code").asText()));
            j.path("exchanges").forEach(x -> x.path("findings").forEach(f -> codes.add(f.get("code").asText())));
            return codes;
        }
    }

    static Run run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    /** A plugin directory (mode 700) holding one jar with plugin {@code Bad} whose analyze body is {@code analyze}. */
    Path plugin(String constructor, String analyze, String endOfCapture) throws IOException {
        String src = TestJars.header(PKG)
                + "public final class Bad implements DiagnosticPlugin, EndOfCaptureHook {\n"
                + "  public Bad() { " + constructor + " }\n"
                + "  public String id() { return \"hostile.bad\"; }\n"
                + "  public String description() { return \"hostile\"; }\n"
                + "  public void analyze(ExchangeView e, FindingSink sink) {\n"
                + "    sink.report(\"hostile.seen\", Severity.ERROR, Confidence.CONFIRMED, \"t\", \"e\", \"r\", 1L);\n"
                + analyze + "\n  }\n"
                + "  public void endOfCapture(List<ExchangeView> all, FindingSink sink) { " + endOfCapture + " }\n"
                + "}\n";
        return TestJars.pluginDir(tmp.resolve("plugins"), "bad.jar", PKG, "Bad", src);
    }

    Run analyze(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json", "--plugin-path", dir.toString()));
        args.addAll(List.of(more));
        args.add(CAPTURE.toString());
        return run(args.toArray(String[]::new));
    }

    @Test
    void printingToStandardOutputBecomesAFindingNotPartOfTheReport() throws IOException {
        Run r = analyze(plugin("System.out.println(\"hello from the constructor\");",
                "System.out.println(\"{garbage\"); System.err.println(\"\\u001b[2Jcleared\"); System.out.printf(\"%d%n\", 42);", ""));
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        JsonNode j = r.json(); // parses: nothing was mixed into it
        assertTrue(r.codes().contains(Containment.PLUGIN_OUTPUT), r.out());
        assertTrue(r.out().contains("{garbage"), "what the plugin wrote is in the finding");
        assertFalse(r.err().contains("cleared"), "nor on the terminal: " + r.err());
        assertTrue(j.path("exchanges").size() > 0);
    }

    @Test
    void systemExitInAnalyzeIsPreventedAndTheReportIsWhole() throws IOException {
        Run r = analyze(plugin("", "System.exit(0);", ""), "--fail-on", "error");
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertTrue(r.codes().contains(Containment.PLUGIN_EXIT), r.out());
        assertTrue(r.codes().contains("hostile.seen"), "findings reported before the exit are kept");
        assertTrue(r.err().contains("hostile.bad called System.exit(0)"), r.err());
    }

    @Test
    void runtimeHaltInAnalyzeIsPrevented() throws IOException {
        Run r = analyze(plugin("", "Runtime.getRuntime().halt(0);", ""));
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertTrue(r.codes().contains(Containment.PLUGIN_EXIT), r.out());
        assertTrue(r.err().contains("Runtime.halt(0)"), r.err());
    }

    @Test
    void systemExitInTheConstructorRefusesThePlugin() throws IOException {
        Run r = analyze(plugin("System.exit(0);", "", ""));
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertTrue(r.err().contains("refused: its constructor tried to end the run"), r.err());
        assertTrue(r.json().path("exchanges").size() > 0, "the analysis ran without it");
    }

    @Test
    void systemExitAtTheEndOfTheCaptureLeavesValidJson() throws IOException {
        Run r = analyze(plugin("", "", "System.exit(7);"));
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertTrue(r.codes().contains(Containment.PLUGIN_EXIT), r.out());
    }

    @Test
    void closingOrReplacingStandardOutputDoesNotSilenceTheReport() throws IOException {
        Run r = analyze(plugin("", "System.out.close(); System.out.flush();", ""));
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertTrue(r.json().path("exchanges").size() > 0, r.out());
        assertTrue(r.out().contains("tried to close standard output"), r.out());
        Run replaced = run("analyze", "--format", "json", "--plugin-path",
                plugin2("System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));").toString(),
                CAPTURE.toString());
        assertEquals(Main.EXIT_PLUGIN, replaced.exit(), replaced.err());
        assertTrue(replaced.json().path("exchanges").size() > 0, replaced.out());
    }

    private Path plugin2(String analyze) throws IOException {
        return TestJars.pluginDir(tmp.resolve("plugins2"), "b.jar", PKG, "Two",
                TestJars.plugin(PKG, "Two", "hostile.two", TestJars.CURRENT, analyze));
    }

    @Test
    void outOfMemoryInAPluginStopsThatPlugin() throws IOException {
        // Simulated: a real exhausted heap would take the test JVM with it.
        Run r = analyze(plugin("", "throw new OutOfMemoryError(\"simulated\");", ""));
        assertEquals(Main.EXIT_PLUGIN, r.exit(), r.err());
        assertTrue(r.codes().contains(Containment.PLUGIN_EXIT), r.out());
        assertTrue(r.err().contains("ran out of memory"), r.err());
    }

    /**
     * Without a security manager (Java 24+, here Java 17 started with
     * -Djava.security.manager=disallow) an exit is detected, not prevented: one line and exit code 5.
     */
    @Test
    void withoutASecurityManagerAnExitIsDetected() throws Exception {
        Path dir = plugin("", "System.exit(0);", "");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.manager=disallow", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "analyze", "--format", "json", "--plugin-path", dir.toString(), CAPTURE.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Main.EXIT_PLUGIN, p.exitValue(), err);
        assertTrue(err.contains("plugin hostile.bad ended the process (System.exit) during its call; the report is incomplete"), err);
    }

    @Test
    void worldWritablePluginPathIsRefusedUnlessTrusted() throws IOException {
        Path dir = plugin("", "", "");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run r = analyze(dir);
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("writable by every user"), r.err());
        assertEquals("", r.out());
        Run trusted = analyze(dir, "--trust-plugin-path");
        assertEquals(Main.EXIT_OK, trusted.exit(), trusted.err());
        assertTrue(trusted.codes().contains("hostile.seen"));
    }

    @Test
    void aCorruptJarIsNamedAsOne() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("corrupt"));
        Files.write(dir.resolve("broken.jar"), "this is not a zip file".getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Run r = analyze(dir);
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertTrue(r.err().contains("broken.jar: not a jar"), r.err());
    }
}
