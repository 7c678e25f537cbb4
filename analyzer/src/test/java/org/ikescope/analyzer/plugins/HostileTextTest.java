package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.cli.Main;
import org.ikescope.dissector.model.Escape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, problem 6: what a plugin says (code, title, explanation, remediation), a file name
 * and an option value reach the terminal escaped, on standard output and on standard error alike;
 * evidence frames below 1 are refused.
 */
class HostileTextTest {
    static final String HOSTILE = "\\u001b[2J\\u001b]0;title\\u0007\\u0000nul\\nnewline\\u202eevil\\u200bzw\\u2028";

    @TempDir
    Path tmp;

    static void assertSafe(String text) {
        text.codePoints().forEach(cp -> assertFalse(cp != '\n' && Escape.unsafe(cp),
                () -> "raw U+" + Integer.toHexString(cp) + " reached the terminal:\n" + text));
    }

    Path plugin(String body) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("p"));
        TestJars.build(dir.resolve("t.jar"), Map.of("org.hostile.Text", TestJars.plugin("org.hostile", "Text", "hostile.text",
                TestJars.CURRENT, body)), List.of("org.hostile.Text"), List.of("org.hostile"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    @Test
    void aPluginsTextIsEscapedInTheTextReport() throws IOException {
        Path dir = plugin("sink.report(Finding.of(\"hostile." + HOSTILE + "\", Severity.ERROR, Confidence.CONFIRMED)"
                + ".title(\"" + HOSTILE + "\").explanation(\"" + HOSTILE + "\").remediation(\"" + HOSTILE + "\").evidence(1L).build());"
                + "System.out.println(\"" + HOSTILE + "\");");
        ContainmentTest.Run r = ContainmentTest.run("analyze", "--plugin-path", dir.toString(), ContainmentTest.CAPTURE.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertSafe(r.out());
        assertSafe(r.err());
        assertTrue(r.out().contains("\\x1b[2J"), r.out());
        assertTrue(r.out().contains("\\u{202E}evil\\u{200B}zw"), r.out());
    }

    @Test
    void evidenceFramesBelowOneAreRefused() throws IOException {
        Path dir = plugin("sink.report(\"hostile.frames\", Severity.ERROR, Confidence.CONFIRMED, \"t\", \"e\", \"r\", -1L, 0L);");
        ContainmentTest.Run r = ContainmentTest.run("analyze", "--format", "json", "--plugin-path", dir.toString(),
                ContainmentTest.CAPTURE.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertFalse(r.codes().contains("hostile.frames"), r.out());
        assertTrue(r.codes().contains(PluginHost.PLUGIN_FAILED), r.out());
        assertTrue(r.out().contains("evidence: frame -1 (expected: frame numbers from 1)"), r.out());
    }

    @Test
    void fileNamesAndOptionValuesAreEscapedOnStandardError() throws IOException {
        Path missing = tmp.resolve("gone\u001b[2J\nx\u202e.pcap");
        ContainmentTest.Run r = ContainmentTest.run("analyze", missing.toString());
        assertEquals(Main.EXIT_DAMAGED, r.exit(), r.err());
        assertSafe(r.err());
        assertTrue(r.err().contains("gone\\x1b[2J\\x0ax\\u{202E}.pcap"), r.err());
        ContainmentTest.Run f = ContainmentTest.run("dissect", "--format", "\u001b]0;x\u0007", ContainmentTest.CAPTURE.toString());
        assertEquals(Main.EXIT_USAGE, f.exit());
        assertSafe(f.err());
        ContainmentTest.Run k = ContainmentTest.run("keys", missing.toString());
        assertSafe(k.err());
    }
}
