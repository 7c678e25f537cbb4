package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the command line says when asked for help, given nothing, or given something it refuses. */
class UsageTest {
    @ParameterizedTest
    @ValueSource(strings = {"dissect", "analyze", "extract", "keys", "plugins"})
    void everyCommandHasHelpWithExamples(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            CliRunner.Result r = CliRunner.run(command, flag);
            assertEquals(0, r.exit(), command + " " + flag + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: ikescope " + command), r.out());
            assertTrue(r.out().contains("Examples:\n  "), command + " " + flag + " shows examples");
            assertTrue(r.out().contains("Exit codes:"), command + " " + flag + " says its exit codes");
        }
        CliRunner.Result v = CliRunner.run(command, "--version");
        assertEquals("ikescope 0.1.0", v.out().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dissect", "analyze", "extract", "keys", "plugins"})
    void aCommandsModelIsTheSameBuiltAloneOrWithAllTheOthers(String command) {
        picocli.CommandLine alone = Main.commandLine(command, "x.pcap");
        picocli.CommandLine all = Main.commandLine();
        assertEquals(java.util.List.of(command), java.util.List.copyOf(alone.getSubcommands().keySet()),
                "only the named command is built");
        assertEquals(java.util.List.of("dissect", "analyze", "extract", "keys", "plugins", "help"),
                java.util.List.copyOf(all.getSubcommands().keySet()), "usage lists all, in order");
        assertEquals(all.getSubcommands().get(command).getUsageMessage(), alone.getSubcommands().get(command).getUsageMessage());
        assertEquals(all.getSubcommands().keySet(), Main.commandLine("help", command).getSubcommands().keySet());
        assertEquals(all.getSubcommands().keySet(), Main.commandLine("-h", command).getSubcommands().keySet());
    }

    @Test
    void noArgumentsIsAUsageError() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Usage: ikescope"), r.err());
    }

    @Test
    void dashCapitalVIsThePayloadTreeOnly() {
        assertEquals(2, CliRunner.run("-V").exit(), "not the version");
        assertEquals(2, CliRunner.run("analyze", "-V", "x.pcap").exit());
        CliRunner.Result tree = CliRunner.run("dissect", "-V", CliRunner.CAPTURES.resolve("lab/mm-pskmismatch.pcap").toString());
        assertEquals(0, tree.exit(), tree.err());
        assertTrue(tree.out().contains("Initiator SPI") || tree.out().contains("ispi"), "the tree names fields");
        assertEquals("ikescope 0.1.0", CliRunner.run("--version").out().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "99999", "http"})
    void portsOutsideTheRangeAreRefused(String port) {
        for (String option : new String[] {"--ike-port", "--natt-port"}) {
            CliRunner.Result r = CliRunner.run("analyze", option, port, CliRunner.CAPTURES.resolve("lab/mm-pskmismatch.pcap").toString());
            assertEquals(2, r.exit(), option + " " + port);
            assertEquals("", r.out());
            assertTrue(r.err().contains("1..65535"), r.err());
        }
        assertEquals(0, CliRunner.run("dissect", "--ike-port", "65535", "--natt-port", "1",
                CliRunner.CAPTURES.resolve("lab/mm-pskmismatch.pcap").toString()).exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "html"})
    void aMissingFilePrintsNoEmptyReport(String format) {
        CliRunner.Result r = CliRunner.run("analyze", "--format", format, "no-such-capture.pcap");
        assertEquals(3, r.exit());
        assertEquals("", r.out(), "no report of nothing");
        assertTrue(r.err().contains("no-such-capture.pcap: no such file"), r.err());
        CliRunner.Result d = CliRunner.run("dissect", "--format", "jsonl", "no-such-capture.pcap");
        assertEquals(3, d.exit());
        assertEquals("", d.out());
    }

    @Test
    void anOutputThatCannotBeWrittenIsAUsageError() {
        String capture = CliRunner.CAPTURES.resolve("lab/mm-pskmismatch.pcap").toString();
        CliRunner.Result r = CliRunner.run("analyze", "--format", "html", "-o", "/nonexistent-dir/r.html", capture);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot write"), r.err());
        CliRunner.Result x = CliRunner.run("extract", "--peer", "192.0.2.22", "-o", "/nonexistent-dir/x.pcap", capture);
        assertEquals(2, x.exit());
        assertTrue(x.err().contains("cannot write"), x.err());
    }
}
