package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds {@code examples/custom-diagnostic} as a user would ({@code mvn package} in a copy of
 * it, against the {@code plugins-api} that {@code mvn install} put in the local repository: in a
 * reactor {@code install}, plugins-api is installed before the analyzer's tests run), then loads
 * the jar from a directory with {@code --plugin-path}.
 */
class ExamplePluginTest {
    private static final String ID = "example.slow-handshake";
    private static final Path EXAMPLE = Path.of("../examples/custom-diagnostic");

    @TempDir
    Path tmp;

    @Test
    void theExamplePluginBuildsAndLoadsFromAPluginDirectory() throws Exception {
        String mvn = onPath(isWindows() ? "mvn.cmd" : "mvn");
        assumeTrue(mvn != null, "mvn is not on PATH");
        assertTrue(Files.isRegularFile(EXAMPLE.resolve("pom.xml")), "example not found at " + EXAMPLE.toAbsolutePath());

        Path project = tmp.resolve("custom-diagnostic");
        copy(EXAMPLE, project);
        Run build = run(project, List.of(mvn, "-q", "-B", "-o", "package"), Duration.ofMinutes(5));
        if (build.exit != 0) {
            // Offline fails when a build plugin was never downloaded here: try once with the network.
            build = run(project, List.of(mvn, "-q", "-B", "package"), Duration.ofMinutes(10));
        }
        assertEquals(0, build.exit, "mvn package of the example failed (is plugins-api installed? run mvn install"
                + " at the root first):\n" + build.output);
        Path jar;
        try (Stream<Path> s = Files.list(project.resolve("target"))) {
            jar = s.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));

        // ikescope plugins --plugin-path DIR
        Run list = ikescope(List.of(), "plugins", "--plugin-path", plugins.toString());
        assertEquals(0, list.exit, list.output);
        String line = list.output.lines().filter(l -> l.startsWith(ID)).findFirst().orElseThrow(() -> new AssertionError(list.output));
        assertTrue(line.contains("1.0.0") && line.contains(plugins.resolve(jar.getFileName()).toString()), line);

        // The plugin's finding through the host, on an exchange whose phase 1 took 10 s.
        try (PluginHost host = PluginHost.load(PluginHost.Config.defaults().withClassPath(null).withPluginPaths(List.of(plugins)),
                w -> { throw new AssertionError(w); })) {
            ExchangeView slow = slow(10);
            List<Finding> f = host.analyze(slow);
            assertEquals(1, f.size(), f.toString());
            assertEquals(ID, f.get(0).code());
            assertEquals(ID, f.get(0).source());
            assertEquals(List.of(3L), f.get(0).evidence());
            assertEquals(List.of(), host.analyze(slow(1)));
        }

        // ikescope analyze --format json --plugin-path DIR on a capture (threshold 0 s: every completed phase 1).
        Path pcap = ExchangeViewsTest.capture("mm-aes128-sha256-ecp256-esp.pcap");
        if (pcap != null) {
            Run analyze = ikescope(List.of("-Dexample.slow-handshake.seconds=0"), "analyze", "--format", "json",
                    "--plugin-path", plugins.toString(), pcap.toAbsolutePath().toString());
            assertEquals(0, analyze.exit, analyze.output);
            assertTrue(analyze.output.contains("\"code\":\"" + ID + "\"") || analyze.output.contains("\"code\" : \"" + ID + "\""),
                    analyze.output);
        }
    }

    /** A completed main-mode exchange whose phase 1 took {@code seconds}; its MM1 is frame 3. */
    private static ExchangeView slow(long seconds) {
        long nanos = seconds * 1_000_000_000L;
        Views.Message mm1 = new Views.Message(Step.MM1, Side.INITIATOR, 3, 0, "192.0.2.1", 500, "192.0.2.2", 500, false,
                false, false, 100, 0, 2, 0, List.of(), List.of(), List.of(), List.of());
        Views.Exchange x = Views.Exchange.of("0123456789abcdef", ExchangeMode.MAIN, Views.Peer.of("192.0.2.1", 500),
                Views.Peer.of("192.0.2.2", 500), Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE, List.of(mm1));
        return new Views.Exchange(x.file(), x.ispi(), x.rspi(), x.version(), x.mode(), x.initiator(), x.responder(),
                x.initiatorState(), x.responderState(), x.stateInferred(), x.chosenProposal(), x.offeredProposals(), x.initiatorIdentity(),
                x.responderIdentity(), x.messages(), x.notifications(), x.quickModes(), x.informationals(), x.esp(),
                x.icmpErrors(), x.incompleteFragmentSets(), x.nat(), 0, nanos, OptionalLong.of(nanos), false, false,
                x.decryption(), List.of(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** Runs the ikescope command line in a fresh JVM on this test's class path. */
    private Run ikescope(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.ikescope.analyzer.cli.Main");
        cmd.addAll(List.of(args));
        return run(tmp, cmd, Duration.ofMinutes(2));
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path dir, List<String> cmd, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path log = Files.createTempFile(dir, "run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out: " + cmd + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : s.toList()) {
                Path rel = from.relativize(src);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
