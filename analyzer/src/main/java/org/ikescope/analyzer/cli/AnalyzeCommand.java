package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.analyzer.plugins.IsolatedChild;
import org.ikescope.analyzer.plugins.IsolatedPlugins;
import org.ikescope.analyzer.plugins.PluginHost;
import org.ikescope.analyzer.plugins.PluginLoadException;
import org.ikescope.analyzer.plugins.PluginOptions;
import org.ikescope.analyzer.report.HtmlReport;
import org.ikescope.analyzer.report.JsonReport;
import org.ikescope.analyzer.output.Terminal;
import org.ikescope.analyzer.report.TextReport;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.model.Addresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


/** {@code ikescope analyze}: one record per IKE SA, with the state each side reached in ASA terms. */
@Command(name = "analyze", versionProvider = Main.Version.class,
        footer = {"%nExamples:",
                "  ikescope analyze capture.pcap",
                "  ikescope analyze --peer 192.0.2.22 --format json a.pcap b.pcap",
                "  ikescope analyze --format html -o report.html capture.pcap",
                "  ikescope analyze --psk cisco123 --fail-on error capture.pcap"},
        description = {"Reconstruct every IKE SA (per peer: messages, retransmissions, chosen proposal, ESP) and the state each side reached, as the Cisco ASA names it.",
                "States come from the last phase-1 message each side sent: a capture shows what crossed the capture point, not what a device accepted.",
                "Exit codes: 0 done, 1 findings at --fail-on or worse, 2 usage, 3 a file damaged or unreadable (everything readable is still analysed), 4 output could not be written, 5 a plugin broke containment (exit, halt, stream replaced, out of memory, or its child JVM of --isolate-plugins died), 6 internal error, 7 out of memory."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    HelpOptions help = new HelpOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, optionally gzipped; - for standard input.")
    List<String> files;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, or html (one self-contained page with ladder diagrams; use with -o).")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    java.nio.file.Path output;

    @Option(names = "--peer", paramLabel = "IP", description = "Show only the exchanges of this peer (initiator or responder address).")
    String peer;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "An SA with nothing new for this long (capture time) is over (default: ${DEFAULT-VALUE}).")
    double idleTimeoutSeconds = ExchangeTracker.Options.DEFAULT_IDLE_SECONDS;

    @Option(names = "--max-tracked", paramLabel = "N", description = "SAs followed at once; beyond it the least recently active is reported early (default: ${DEFAULT-VALUE}).")
    int maxTracked = ExchangeTracker.Options.DEFAULT_MAX_TRACKED;

    @Option(names = "--payload-budget", paramLabel = "MIB", description = "Memory for the bytes of the messages of open SAs, so that plugins can read payload bodies, per timeline in MiB; beyond it bodies are not kept (counted in payloadBytesNotRetained). 0 keeps none (default: ${DEFAULT-VALUE}).")
    long payloadBudgetMib = ExchangeTracker.Options.DEFAULT_PAYLOAD_BYTES_BUDGET >> 20;

    @Option(names = {"-q", "--quiet"}, description = "No progress line on standard error (there is one only when it and standard output are a terminal).")
    boolean quiet;

    @Option(names = "--merge", description = "Merge all files into one timeline by timestamp (default: each file is its own timeline).")
    boolean merge;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a finding of SEVERITY (error, warning, info) or worse was reported.")
    String failOn;

    @Option(names = "--min-severity", paramLabel = "SEVERITY", description = "Report only findings of SEVERITY (error, warning, info) or worse; the others are left out of the output and of --fail-on.")
    String minSeverity;

    @Option(names = "--suppress", paramLabel = "CODE", description = "Leave out findings with this code (repeatable), built-in codes included; PREFIX.* leaves out a family (e.g. crypto.*).")
    List<String> suppress = new ArrayList<>();

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Mixin
    ShowKeysOption show = new ShowKeysOption();

    @Mixin
    PluginOptions pluginOptions = new PluginOptions();

    @Option(names = "--isolate-plugins", description = "Run the plugins of --plugin-path jars in a child JVM (same java, heap --plugin-heap): their exit, halt, running out of memory or writes to standard output end that JVM, not this one; the report is the same. The built-in diagnostics run here. PLUGINS.md, \"Containment\".")
    boolean isolatePlugins;

    @Option(names = "--plugin-heap", paramLabel = "SIZE", description = "Maximum heap of the child JVM of --isolate-plugins, as for java -Xmx: 256m, 1g (default: " + IsolatedPlugins.DEFAULT_HEAP + ", at least 16m).")
    String pluginHeap;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json") && !format.equals("html")) {
            return usage("--format: " + format + " (expected: text, json or html)");
        }
        Severity threshold = null;
        if (failOn != null) {
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                return usage("--fail-on: " + failOn + " (expected: error, warning or info)");
            }
        }
        Severity floor = Severity.INFO;
        if (minSeverity != null) {
            try {
                floor = Severity.parse(minSeverity);
            } catch (IllegalArgumentException e) {
                return usage("--min-severity: " + minSeverity + " (expected: error, warning or info)");
            }
        }
        for (String code : suppress) {
            if (!code.matches("[A-Za-z0-9_.-]+(\\.\\*)?")) {
                return usage("--suppress: " + code + " (expected: a finding code, e.g. auth.psk-mismatch, or PREFIX.*)");
            }
        }
        java.util.function.Predicate<Finding> keep = findings(floor, suppress);
        if (!(idleTimeoutSeconds > 0)) {
            return usage("--idle-timeout: " + idleTimeoutSeconds + " (expected: > 0)");
        }
        if (maxTracked < 1) {
            return usage("--max-tracked: " + maxTracked + " (expected: >= 1)");
        }
        if (payloadBudgetMib < 0 || payloadBudgetMib > Integer.MAX_VALUE) {
            return usage("--payload-budget: " + payloadBudgetMib + " (expected: 0.." + Integer.MAX_VALUE + " MiB)");
        }
        String peerIp = null;
        if (peer != null) {
            byte[] peerAddress = Addresses.parse(peer);
            if (peerAddress == null) {
                return usage("--peer: " + peer + " (expected: an IPv4 or IPv6 address)");
            }
            peerIp = Addresses.format(peerAddress);
        }
        IsolatedChild child = IsolatedChild.current();
        if (pluginHeap != null && !isolatePlugins) {
            return usage("--plugin-heap: " + pluginHeap + " (it sets the heap of --isolate-plugins' child JVM; add --isolate-plugins)");
        }
        String heap = pluginHeap == null ? IsolatedPlugins.DEFAULT_HEAP : pluginHeap;
        if (isolatePlugins && IsolatedPlugins.heapBytes(heap) < 0) {
            return usage("--plugin-heap: " + pluginHeap + " (expected: a size as for java -Xmx, e.g. 256m or 1g; at least 16m)");
        }
        if (child != null) {
            // The child: its findings go to the parent, which reports and searches the wordlist.
            keys.wordlist = null;
        }
        KeyMaterial keyMaterial = keys.loadOrReport();
        if (keyMaterial == null) {
            if (child != null) {
                // The parent read them: a key file that can be read only once (a pipe) is gone by now.
                child.usage("--isolate-plugins: the child JVM could not read the key material again (expected: key"
                        + " files it can read too, not a pipe or process substitution)");
            }
            return Main.EXIT_USAGE;
        }
        ExchangeTracker.Options options = new ExchangeTracker.Options((long) (idleTimeoutSeconds * 1e9), maxTracked,
                ExchangeTracker.Options.DEFAULT_MAX_MESSAGES, payloadBudgetMib << 20);
        if (InputOptions.reportAllMissing(files)) {
            return Main.EXIT_DAMAGED;
        }
        if (child != null) {
            return runChild(child, keyMaterial, options, peerIp, keep);
        }
        boolean isolate = isolatePlugins && IsolatedPlugins.anyJar(pluginOptions.pluginPaths);
        // Through System.out so that Main.run callers, tests included, can redirect it. Buffered: the
        // JSON generator and the text report flush at the end of each exchange.
        java.io.OutputStream sink = System.out;
        if (output != null) {
            try {
                sink = CheckedOutput.of(java.nio.file.Files.newOutputStream(output), output.toString());
            } catch (IOException e) {
                return usage("-o " + Terminal.escape(output.toString()) + ": cannot write (" + Terminal.escape(String.valueOf(e.getMessage())) + ")");
            }
        }
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(sink, 1 << 16), false, StandardCharsets.UTF_8);
        Progress progress = new Progress(files, Progress.wanted(quiet), System.err).catchInterrupt();
        Analysis.Result result;
        // What this JVM and the child read: captures that can be read only once are copied first.
        Map<String, String> spooled = isolate ? IsolatedPlugins.spool(files, System.in) : Map.of();
        try (Diagnostician diagnostician = isolate ? isolated(heap, spooled, progress) : pluginOptions.create()) {
            Analysis analysis;
            try {
                analysis = Analysis.builder()
                    .opener(progress.opener(IsolatedPlugins.spooledOpener(CaptureOpener.named(input.reader), spooled)))
                    .dissector(input.dissectorOptions().withKeys(keyMaterial))
                    .tracker(options)
                    .diagnostician(diagnostician)
                    .merge(merge)
                    .peer(peerIp)
                    .errors(line -> System.err.println("ikescope: " + Terminal.escape(line)))
                    .keep(keep)
                    // The line is drawn between the report's writes: both from one thread.
                    .parallel(!progress.shown() && Runtime.getRuntime().availableProcessors() >= 2)
                    .build();
            } catch (IllegalArgumentException e) {
                // Only the options are a usage error: an exception from the run itself is ikescope's (Main).
                System.err.println("ikescope: " + Terminal.escape(e.getMessage()));
                return Main.EXIT_USAGE;
            }
            AnalysisSink report = switch (format) {
                case "json" -> new JsonReport(out, show.showKeys);
                case "html" -> new HtmlReport(out, files, peer, show.showKeys);
                default -> new TextReport(out, files, peer, output == null ? Terminal.width() : Terminal.DEFAULT_WIDTH,
                        show.showKeys);
            };
            result = analysis.run(files, progress.sink(report));
        } finally {
            IsolatedPlugins.unspool(spooled);
            try {
                if (output == null) {
                    out.flush();
                } else {
                    out.close();
                }
            } finally {
                // Also when the flush fails (exit 4): a run that ends is no interrupted run for Ctrl-C's hook.
                progress.done();
            }
        }
        if (result.wordlist() != null && result.wordlist().error() != null) {
            return usage(result.wordlist().error());
        }
        if (threshold != null && result.worst() != null && result.worst().compareTo(threshold) >= 0) {
            return Main.EXIT_FINDINGS;
        }
        return result.errors().isEmpty() ? Main.EXIT_OK : Main.EXIT_DAMAGED;
    }

    /**
     * {@code --isolate-plugins}: starts the child JVM with this run's arguments (on its standard
     * input), waits for it to load the plugins of {@code --plugin-path}, says its warnings, and
     * returns the diagnostician that runs the other plugins here and merges the child's findings.
     */
    private Diagnostician isolated(String heap, Map<String, String> spooled, Progress progress) throws IOException {
        PluginHost.Config config = pluginOptions.config();
        IsolatedPlugins child = IsolatedPlugins.start(spec.root().commandLine().getParseResult().originalArgs(), spooled,
                heap, config.timeout());
        child.awaitPlugins(w -> System.err.println("ikescope: warning: " + Terminal.escape(w)));
        return child.diagnostician(config, progress::stopped);
    }

    /**
     * The child JVM of {@code --isolate-plugins}: the same analysis with only the plugins of
     * {@code --plugin-path} jars, their findings sent to the parent, no report, no -o file.
     */
    private int runChild(IsolatedChild child, KeyMaterial keyMaterial, ExchangeTracker.Options options, String peerIp,
                         java.util.function.Predicate<Finding> keep) throws IOException {
        PluginHost all;
        try {
            all = PluginHost.load(pluginOptions.config(), child::warn);
        } catch (PluginLoadException e) {
            child.usage(e.getMessage());
            throw e;
        }
        try (Diagnostician diagnostician = child.diagnostician(all)) {
            Analysis.builder()
                    .opener(child.opener(CaptureOpener.named(input.reader)))
                    .dissector(input.dissectorOptions().withKeys(keyMaterial))
                    .tracker(options)
                    .diagnostician(diagnostician)
                    .merge(merge)
                    .peer(peerIp)
                    .keep(keep)
                    .retainBudget(child.retainBudget())
                    .build()
                    .run(files, new AnalysisSink() {
                        @Override
                        public void exchange(org.ikescope.analyzer.exchange.Exchange exchange) {
                        }

                        @Override
                        public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
                        }
                    });
        }
        return Main.EXIT_OK;
    }

    /** The findings to report: at least {@code floor}, and no code (or {@code PREFIX.*} family) in {@code suppressed}. */
    static java.util.function.Predicate<Finding> findings(Severity floor, List<String> suppressed) {
        java.util.Set<String> exact = new java.util.HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String c : suppressed) {
            if (c.endsWith(".*")) {
                prefixes.add(c.substring(0, c.length() - 1));
            } else {
                exact.add(c);
            }
        }
        return f -> f.severity().compareTo(floor) >= 0 && !exact.contains(f.code())
                && prefixes.stream().noneMatch(f.code()::startsWith);
    }

    private static int usage(String message) {
        System.err.println("ikescope: " + message);
        return Main.EXIT_USAGE;
    }
}
