package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.cli.Main;
import org.ikescope.api.plugin.ApiVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ikescope plugins} and the plugin options' exit codes. */
class PluginsCommandTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private static synchronized Result ikescope(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void listsIdVersionOriginAndDescription() {
        Result r = ikescope("plugins");
        assertEquals(0, r.exit(), r.err());
        String line = r.out().lines().filter(l -> l.startsWith(MarkerTestPlugin.ID + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(line.contains("0.0.1"), line);
        assertTrue(line.contains("class path ("), line);
        assertTrue(line.contains("Test plugin: marks exchanges"), line);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ID ") && l.contains("VERSION") && l.contains("FROM")), r.out());
        assertTrue(r.out().contains("(plugin API " + ApiVersion.string() + ")"), r.out());
    }

    @Test
    void jsonAndSelection() {
        Result r = ikescope("plugins", "--format", "json", "--only-plugin", MarkerTestPlugin.ID);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"apiVersion\":\"" + ApiVersion.string() + "\",\"plugins\":[{\"id\":\"test.marker\",\"version\":\"0.0.1\""), r.out());
        Result none = ikescope("plugins", "--disable-plugin", MarkerTestPlugin.ID);
        assertEquals(0, none.exit());
        assertTrue(none.out().lines().noneMatch(l -> l.startsWith(MarkerTestPlugin.ID)), none.out());
    }

    @Test
    void duplicateIdsExitTwoNamingBothJars() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        for (String n : List.of("one", "two")) {
            TestJars.build(dir.resolve(n + ".jar"), Map.of("org." + n + ".P", TestJars.plugin("org." + n, "P", "dup", TestJars.CURRENT, "")),
                    List.of("org." + n + ".P"), List.of());
        }
        Result r = ikescope("plugins", "--plugin-path", dir.toString());
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().startsWith("ikescope: duplicate plugin id dup: "), r.err());
        assertTrue(r.err().contains(dir.resolve("one.jar").toString()) && r.err().contains(dir.resolve("two.jar").toString()), r.err());
    }

    @Test
    void aRefusedPluginIsAWarningNotAFailure() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.build(dir.resolve("old.jar"), Map.of("org.old.P", TestJars.plugin("org.old", "P", "old", "@PluginApi(major = 0)", "")),
                List.of("org.old.P"), List.of());
        Result r = ikescope("plugins", "--plugin-path", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("ikescope: warning: plugin org.old.P (" + dir.resolve("old.jar") + ") refused: built for plugin API 0.0"),
                r.err());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("old ")), r.out());
    }

    @Test
    void badOptionsExitTwo() {
        assertEquals(Main.EXIT_USAGE, ikescope("plugins", "--only-plugin", "no.such").exit());
        assertEquals(Main.EXIT_USAGE, ikescope("plugins", "--plugin-path", tmp.resolve("missing").toString()).exit());
        assertEquals(Main.EXIT_USAGE, ikescope("plugins", "--plugin-timeout", "0").exit());
        assertEquals(Main.EXIT_USAGE, ikescope("plugins", "--format", "xml").exit());
    }
}
