package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin SPI as the host implements it: discovery, ordering, duplicates, versions, isolation. */
class PluginHostTest {
    private static final String PKG = "org.example.testplugin";

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    static ExchangeView exchange(String ispi) {
        Views.Message mm1 = new Views.Message(Step.MM1, Side.INITIATOR, 7, 1_000_000_000L, "192.0.2.1", 500,
                "192.0.2.2", 500, false, false, false, 100, 0, 2, 0, List.of(), List.of(), List.of(), List.of());
        return Views.Exchange.of(ispi, ExchangeMode.MAIN, Views.Peer.of("192.0.2.1", 500),
                Views.Peer.of("192.0.2.2", 500), Phase1State.MM_WAIT_MSG2, Phase1State.NONE, List.of(mm1));
    }

    private PluginHost load(PluginHost.Config config) {
        return PluginHost.load(config, warnings::add);
    }

    private PluginHost.Config jarsOnly(Path dir) {
        return PluginHost.Config.defaults().withClassPath(null).withPluginPaths(List.of(dir));
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void discoversTheTestPluginOnTheClassPath() {
        try (PluginHost host = load(PluginHost.Config.defaults())) {
            LoadedPlugin p = host.plugins().stream().filter(x -> x.id().equals(MarkerTestPlugin.ID)).findFirst().orElseThrow();
            assertEquals("0.0.1", p.version());
            assertTrue(p.origin().startsWith("class path ("), p.origin());
            assertEquals(ApiVersion.string(), p.apiVersion());

            List<Finding> marked = host.analyze(exchange(MarkerTestPlugin.MARKER_ISPI));
            Finding f = marked.stream().filter(x -> x.code().equals("test.marked")).findFirst().orElseThrow();
            assertEquals(MarkerTestPlugin.ID, f.source());
            assertEquals(List.of(7L), f.evidence());
            assertTrue(host.analyze(exchange("0123456789abcdef")).stream().noneMatch(x -> x.code().equals("test.marked")));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void ordersPluginsByIdWhateverTheDiscoveryOrder() throws IOException {
        Path dir = dir("plugins");
        TestJars.build(dir.resolve("b.jar"), Map.of(PKG + ".Zeta", TestJars.plugin(PKG, "Zeta", "zeta", TestJars.CURRENT, TestJars.reports("z")),
                PKG + ".Alpha", TestJars.plugin(PKG, "Alpha", "alpha", TestJars.CURRENT, TestJars.reports("a"))),
                List.of(PKG + ".Zeta", PKG + ".Alpha"), List.of());
        TestJars.build(dir.resolve("a.jar"), Map.of(PKG + ".Mid", TestJars.plugin(PKG, "Mid", "mid", TestJars.CURRENT, TestJars.reports("m"))),
                List.of(PKG + ".Mid"), List.of());
        try (PluginHost host = load(jarsOnly(dir))) {
            assertEquals(List.of("alpha", "mid", "zeta"), host.plugins().stream().map(LoadedPlugin::id).toList());
            assertEquals(dir.resolve("a.jar").toString(), host.plugins().get(1).origin());
            assertEquals(List.of("a", "m", "z"), host.analyze(exchange("0123456789abcdef")).stream().map(Finding::code).toList());
        }
    }

    @Test
    void duplicateIdsStopTheRunNamingBothJars() throws IOException {
        Path dir = dir("plugins");
        TestJars.build(dir.resolve("first.jar"), Map.of(PKG + ".One", TestJars.plugin(PKG, "One", "same.id", TestJars.CURRENT, "")),
                List.of(PKG + ".One"), List.of());
        TestJars.build(dir.resolve("second.jar"), Map.of("org.other.Two", TestJars.plugin("org.other", "Two", "same.id", TestJars.CURRENT, "")),
                List.of("org.other.Two"), List.of());
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> load(jarsOnly(dir)));
        assertTrue(e.getMessage().contains("duplicate plugin id same.id"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("first.jar").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("second.jar").toString()), e.getMessage());
    }

    @Test
    void aDuplicateOfAClassPathPluginNamesTheClassPath() throws IOException {
        Path dir = dir("plugins");
        TestJars.build(dir.resolve("clash.jar"), Map.of(PKG + ".Clash", TestJars.plugin(PKG, "Clash", MarkerTestPlugin.ID, TestJars.CURRENT, "")),
                List.of(PKG + ".Clash"), List.of());
        PluginLoadException e = assertThrows(PluginLoadException.class,
                () -> load(PluginHost.Config.defaults().withPluginPaths(List.of(dir))));
        assertTrue(e.getMessage().contains("class path"), e.getMessage());
        assertTrue(e.getMessage().contains("clash.jar"), e.getMessage());
    }

    @Test
    void eachJarHasItsOwnClassLoader() throws IOException {
        // Both jars hold a class org.example.shared.Helper, with different answers: no clash.
        Path dir = dir("plugins");
        for (String n : List.of("x", "y")) {
            String helper = "package org.example.shared; public final class Helper { public static String code() { return \"from-" + n + "\"; } }";
            String plugin = TestJars.plugin(PKG + n, "P", "p." + n, TestJars.CURRENT,
                    "    sink.report(org.example.shared.Helper.code(), Severity.INFO, Confidence.CONFIRMED, \"t\", \"\", \"\");");
            TestJars.build(dir.resolve(n + ".jar"), Map.of("org.example.shared.Helper", helper, PKG + n + ".P", plugin),
                    List.of(PKG + n + ".P"), List.of());
        }
        try (PluginHost host = load(jarsOnly(dir))) {
            assertEquals(List.of("from-x", "from-y"), host.analyze(exchange("0123456789abcdef")).stream().map(Finding::code).toList());
        }
    }

    @Test
    void aPluginBuiltForAnotherMajorVersionIsRefused() throws IOException {
        // Compiled against an ApiVersion whose MAJOR is 2: javac inlines 2 into the annotation, as it
        // would for a plugin built against plugins-api 2.x. Only the plugin class goes into the jar.
        Path dir = dir("plugins");
        String futureApi = "package org.ikescope.api.plugin; public final class ApiVersion {"
                + " public static final int MAJOR = " + (ApiVersion.MAJOR + 1) + "; public static final int MINOR = 0; }";
        TestJars.build(dir.resolve("future.jar"), Map.of("org.ikescope.api.plugin.ApiVersion", futureApi,
                        PKG + ".Future", TestJars.plugin(PKG, "Future", "future", "@PluginApi(major = ApiVersion.MAJOR)", TestJars.reports("f"))),
                List.of(PKG + ".Future"), List.of(PKG));
        TestJars.build(dir.resolve("good.jar"), Map.of(PKG + "g.Good", TestJars.plugin(PKG + "g", "Good", "good", TestJars.CURRENT, "")),
                List.of(PKG + "g.Good"), List.of());
        try (PluginHost host = load(jarsOnly(dir))) {
            assertEquals(List.of("good"), host.plugins().stream().map(LoadedPlugin::id).toList());
        }
        String w = warnings.stream().filter(x -> x.contains(PKG + ".Future")).findFirst().orElseThrow();
        assertTrue(w.contains("refused"), w);
        assertTrue(w.contains("built for plugin API " + (ApiVersion.MAJOR + 1) + ".0"), w);
        assertTrue(w.contains("this ikescope provides " + ApiVersion.string()), w);
        assertTrue(w.contains("future.jar"), w);
    }

    @Test
    void aPluginWithoutTheAnnotationOrNeedingANewerMinorIsRefused() throws IOException {
        Path dir = dir("plugins");
        TestJars.build(dir.resolve("bare.jar"), Map.of(PKG + ".Bare", TestJars.plugin(PKG, "Bare", "bare", "", "")),
                List.of(PKG + ".Bare"), List.of());
        TestJars.build(dir.resolve("newer.jar"), Map.of(PKG + "n.Newer", TestJars.plugin(PKG + "n", "Newer", "newer",
                        "@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR + 1)", "")),
                List.of(PKG + "n.Newer"), List.of());
        try (PluginHost host = load(jarsOnly(dir))) {
            assertTrue(host.isEmpty());
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains(PKG + ".Bare") && w.contains("no @PluginApi")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(PKG + "n.Newer") && w.contains("needs plugin API")), warnings.toString());
    }

    @Test
    void aBrokenServicesEntryIsRefusedAndTheRestLoad() throws IOException {
        Path dir = dir("plugins");
        TestJars.build(dir.resolve("broken.jar"), Map.of(PKG + ".Ok", TestJars.plugin(PKG, "Ok", "ok", TestJars.CURRENT, "")),
                List.of(PKG + ".Missing", PKG + ".Ok"), List.of());
        try (PluginHost host = load(jarsOnly(dir))) {
            assertEquals(List.of("ok"), host.plugins().stream().map(LoadedPlugin::id).toList());
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains(PKG + ".Missing")), warnings.toString());
    }

    @Test
    void aThrowingPluginBecomesPluginFailedAndTheOthersGoOn() {
        try (PluginHost host = PluginHost.of(Duration.ofSeconds(2), new Throwing(), new Reporting("z.after"))) {
            List<Finding> f = host.analyze(exchange("0123456789abcdef"));
            assertEquals(List.of("partial", PluginHost.PLUGIN_FAILED, "z.after"), f.stream().map(Finding::code).toList());
            Finding failed = f.get(1);
            assertEquals("a.throwing", failed.source());
            assertEquals(Severity.WARNING, failed.severity());
            assertTrue(failed.explanation().contains("IllegalStateException: boom"), failed.explanation());
            assertEquals(List.of(7L), failed.evidence());
            // The next exchange is examined again.
            assertEquals(3, host.analyze(exchange("0123456789abcdef")).size());
        }
    }

    @Test
    void aSlowPluginBecomesPluginTimeoutWithinTheLimit() {
        Slow slow = new Slow();
        try (PluginHost host = PluginHost.of(Duration.ofMillis(200), slow, new Reporting("z.after"))) {
            long t0 = System.nanoTime();
            List<Finding> f = host.analyze(exchange("0123456789abcdef"));
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMillis < 1500, "took " + tookMillis + " ms");
            assertEquals(List.of(PluginHost.PLUGIN_TIMEOUT, "z.after"), f.stream().map(Finding::code).toList());
            assertEquals("a.slow", f.get(0).source());
            assertTrue(f.get(0).title().contains("200 ms"), f.get(0).title());
            // A fresh worker serves the next call: the other plugin still runs.
            assertEquals(List.of(PluginHost.PLUGIN_TIMEOUT, "z.after"),
                    host.analyze(exchange("0123456789abcdef")).stream().map(Finding::code).toList());
            host.analyze(exchange("0123456789abcdef"));
            assertEquals(PluginHost.MAX_TIMEOUTS, slow.calls.get());
            // After MAX_TIMEOUTS the plugin is skipped at once, and the exchange says so.
            t0 = System.nanoTime();
            List<Finding> skipped = host.analyze(exchange("0123456789abcdef"));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 150);
            assertEquals(PluginHost.MAX_TIMEOUTS, slow.calls.get());
            assertEquals(PluginHost.PLUGIN_TIMEOUT, skipped.get(0).code());
            assertTrue(skipped.get(0).title().contains("skipped"), skipped.get(0).title());
        }
    }

    @Test
    void theHostStampsThePluginIdAsSource() {
        DiagnosticPlugin liar = new Reporting("x.lie") {
            @Override
            public void analyze(ExchangeView exchange, FindingSink sink) {
                sink.report(Finding.of("x.lie", Severity.ERROR, Confidence.LIKELY).title("t").source("dissector").build());
            }
        };
        try (PluginHost host = PluginHost.of(Duration.ofSeconds(2), liar)) {
            assertEquals("x.lie", host.analyze(exchange("0123456789abcdef")).get(0).source());
        }
    }

    @Test
    void disableAndOnlySelectPlugins() throws IOException {
        Path dir = dir("plugins");
        TestJars.build(dir.resolve("p.jar"), Map.of(PKG + ".A", TestJars.plugin(PKG, "A", "a", TestJars.CURRENT, ""),
                        PKG + ".B", TestJars.plugin(PKG, "B", "b", TestJars.CURRENT, ""),
                        PKG + ".C", TestJars.plugin(PKG, "C", "c", TestJars.CURRENT, "")),
                List.of(PKG + ".A", PKG + ".B", PKG + ".C"), List.of());
        try (PluginHost host = load(jarsOnly(dir).withDisabled(List.of("b", "nosuch")))) {
            assertEquals(List.of("a", "c"), host.plugins().stream().map(LoadedPlugin::id).toList());
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("nosuch")), warnings.toString());
        try (PluginHost host = load(jarsOnly(dir).withOnly(List.of("b")))) {
            assertEquals(List.of("b"), host.plugins().stream().map(LoadedPlugin::id).toList());
        }
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> load(jarsOnly(dir).withOnly(List.of("zz"))));
        assertTrue(e.getMessage().contains("--only-plugin: zz (expected one of: a, b, c)"), e.getMessage());
    }

    @Test
    void aPluginPathThatIsNotADirectoryIsAUsageError() {
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> load(jarsOnly(tmp.resolve("nope"))));
        assertTrue(e.getMessage().startsWith("--plugin-path: "), e.getMessage());
    }

    @Test
    void endOfCaptureHookSeesEveryExchange() {
        try (PluginHost host = PluginHost.of(Duration.ofSeconds(2), new Counting(), new Reporting("plain"))) {
            assertTrue(host.wantsEndOfCapture());
            List<Finding> f = host.endOfCapture(List.of(exchange("0000000000000001"), exchange("0000000000000002")));
            assertEquals(1, f.size());
            assertEquals("count.2", f.get(0).code());
            assertEquals("counting", f.get(0).source());
        }
        try (PluginHost host = PluginHost.of(Duration.ofSeconds(2), new Reporting("plain"))) {
            assertFalse(host.wantsEndOfCapture());
        }
    }

    @Test
    void instancesAreCheckedLikeDiscoveredOnes() {
        PluginLoadException dup = assertThrows(PluginLoadException.class,
                () -> PluginHost.of(Duration.ofSeconds(1), new Reporting("same"), new Reporting("same")));
        assertTrue(dup.getMessage().contains("duplicate plugin id same"), dup.getMessage());
        PluginLoadException bare = assertThrows(PluginLoadException.class,
                () -> PluginHost.of(Duration.ofSeconds(1), new Unannotated()));
        assertTrue(bare.getMessage().contains("no @PluginApi"), bare.getMessage());
    }

    @PluginApi(major = ApiVersion.MAJOR)
    static class Reporting implements DiagnosticPlugin {
        private final String id;

        Reporting(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "reports " + id;
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
            sink.report(id, Severity.INFO, Confidence.CONFIRMED, "t", "e", "r", 1);
        }
    }

    @PluginApi(major = ApiVersion.MAJOR)
    static final class Throwing extends Reporting {
        Throwing() {
            super("a.throwing");
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
            sink.report("partial", Severity.INFO, Confidence.POSSIBLE, "t", "", "");
            throw new IllegalStateException("boom");
        }
    }

    @PluginApi(major = ApiVersion.MAJOR)
    static final class Slow extends Reporting {
        final AtomicInteger calls = new AtomicInteger();

        Slow() {
            super("a.slow");
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
            calls.incrementAndGet();
            long until = System.nanoTime() + 60_000_000_000L;
            // Busy, as a plugin stuck in a loop; stops when the host interrupts it.
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
                if (Thread.interrupted()) {
                    return;
                }
            }
            sink.report("late", Severity.INFO, Confidence.POSSIBLE, "t", "", "");
        }
    }

    @PluginApi(major = ApiVersion.MAJOR)
    static final class Counting extends Reporting implements EndOfCaptureHook {
        Counting() {
            super("counting");
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
        }

        @Override
        public void endOfCapture(List<ExchangeView> exchanges, FindingSink sink) {
            sink.report("count." + exchanges.size(), Severity.INFO, Confidence.CONFIRMED, "t", "", "");
        }
    }

    static final class Unannotated implements DiagnosticPlugin {
        @Override
        public String id() {
            return "bare";
        }

        @Override
        public String description() {
            return "";
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
        }
    }
}
