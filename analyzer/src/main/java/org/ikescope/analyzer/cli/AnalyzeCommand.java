package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.analyzer.exchange.TrackerStats;
import org.ikescope.analyzer.plugins.PluginOptions;
import org.ikescope.analyzer.report.AnalysisReport;
import org.ikescope.analyzer.report.JsonReport;
import org.ikescope.analyzer.report.TextReport;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.EspEvent;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.net.Addresses;
import org.ikescope.dissector.pipeline.Dissector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ikescope analyze}: one record per IKE SA, with the state each side reached in ASA terms. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reconstruct every IKE SA (per peer: messages, retransmissions, chosen proposal, ESP) and the state each side reached, as the Cisco ASA names it.",
                "States come from the last phase-1 message each side sent: a capture shows what crossed the capture point, not what a device accepted.",
                "Exit codes: 0 done, 1 findings at --fail-on or worse, 2 usage, 3 a file damaged or unreadable (everything readable is still analysed)."})
public final class AnalyzeCommand implements Callable<Integer> {
    /**
     * Exchanges kept for the cross-exchange diagnosis of a timeline: at most an eighth of the heap
     * (estimated), so that the open SAs keep the rest; more are counted in the stats.
     */
    static final long RETAINED_HEAP_SHARE = 8;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, optionally gzipped; - for standard input.")
    List<String> files;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Option(names = "--peer", paramLabel = "IP", description = "Show only the exchanges of this peer (initiator or responder address).")
    String peer;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "An SA with nothing new for this long (capture time) is over (default: ${DEFAULT-VALUE}).")
    double idleTimeoutSeconds = ExchangeTracker.Options.DEFAULT_IDLE_SECONDS;

    @Option(names = "--max-tracked", paramLabel = "N", description = "SAs followed at once; beyond it the least recently active is reported early (default: ${DEFAULT-VALUE}).")
    int maxTracked = ExchangeTracker.Options.DEFAULT_MAX_TRACKED;

    @Option(names = "--payload-budget", paramLabel = "MIB", description = "Memory for the bytes of the messages of open SAs, so that plugins can read payload bodies, per timeline in MiB; beyond it bodies are not kept (counted in payloadBytesNotRetained). 0 keeps none (default: ${DEFAULT-VALUE}).")
    long payloadBudgetMib = ExchangeTracker.Options.DEFAULT_PAYLOAD_BYTES_BUDGET >> 20;

    @Option(names = "--merge", description = "Merge all files into one timeline by timestamp (default: each file is its own timeline).")
    boolean merge;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a finding of SEVERITY (error, warning, info) or worse was reported.")
    String failOn;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    PluginOptions pluginOptions = new PluginOptions();

    private Severity worst;
    private byte[] peerAddress;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json")) {
            return usage("--format: " + format + " (expected: text or json)");
        }
        Severity threshold = null;
        if (failOn != null) {
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                return usage("--fail-on: " + failOn + " (expected: error, warning or info)");
            }
        }
        if (!(idleTimeoutSeconds > 0)) {
            return usage("--idle-timeout: " + idleTimeoutSeconds + " (expected: > 0)");
        }
        if (maxTracked < 1) {
            return usage("--max-tracked: " + maxTracked + " (expected: >= 1)");
        }
        if (payloadBudgetMib < 0 || payloadBudgetMib > Integer.MAX_VALUE) {
            return usage("--payload-budget: " + payloadBudgetMib + " (expected: 0.." + Integer.MAX_VALUE + " MiB)");
        }
        if (peer != null) {
            peerAddress = Addresses.parse(peer);
            if (peerAddress == null) {
                return usage("--peer: " + peer + " (expected: an IPv4 or IPv6 address)");
            }
        }
        ExchangeTracker.Options options = new ExchangeTracker.Options((long) (idleTimeoutSeconds * 1e9), maxTracked,
                ExchangeTracker.Options.DEFAULT_MAX_MESSAGES, payloadBudgetMib << 20);
        // Through System.out so that Main.run callers, tests included, can redirect it. Buffered: the
        // JSON generator and the text report flush at the end of each exchange.
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        CaptureRunner runner = new CaptureRunner(input, System.err);
        TrackerStats trackerStats = new TrackerStats();
        List<Finding> topFindings = new ArrayList<>();
        try (Diagnostician diagnostician = pluginOptions.create()) {
            AnalysisReport report = format.equals("json") ? new JsonReport(out) : new TextReport(out, files, peer);
            AtomicLong ids = new AtomicLong();
            List<Exchange> retained = new ArrayList<>();
            long[] notRetained = {0};
            long[] retainedBytes = {0};
            long retainBudget = Runtime.getRuntime().maxMemory() / RETAINED_HEAP_SHARE;
            java.util.function.Consumer<Exchange> sink = x -> {
                if (!shown(x)) {
                    return;
                }
                // Plugins read payload bodies here; once this returns the tracker drops the bytes, so
                // d is retained for endOfTimeline without them.
                Exchange d = x.withFindings(diagnostician.diagnose(x));
                long size = estimatedBytes(d);
                if (retainedBytes[0] + size <= retainBudget) {
                    retained.add(d);
                    retainedBytes[0] += size;
                } else {
                    notRetained[0]++;
                }
                for (Finding f : d.findings()) {
                    note(f);
                }
                try {
                    report.exchange(d);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            java.util.function.Consumer<Finding> frameFindings = f -> {
                if (peerAddress == null) {
                    topFindings.add(f);
                }
            };
            if (merge) {
                ExchangeTracker tracker = new ExchangeTracker(options, sink, frameFindings, ids::incrementAndGet);
                mergedTimeline(runner, tracker);
                tracker.finish();
                trackerStats.add(tracker.stats());
                topFindings.addAll(diagnostician.endOfTimeline(List.copyOf(retained)));
            } else {
                for (String f : files) {
                    ExchangeTracker tracker = new ExchangeTracker(options, sink, frameFindings, ids::incrementAndGet);
                    runner.run(new Dissector(input.dissectorOptions()), f, tracker);
                    tracker.finish();
                    trackerStats.add(tracker.stats());
                    topFindings.addAll(diagnostician.endOfTimeline(List.copyOf(retained)));
                    retained.clear();
                    retainedBytes[0] = 0;
                }
            }
            trackerStats.exchangesNotRetained += notRetained[0];
            for (Finding f : topFindings) {
                note(f);
            }
            Map<String, Object> stats = new LinkedHashMap<>(runner.total.asMap());
            stats.put("balanced", runner.total.balanced());
            stats.putAll(trackerStats.asMap());
            report.end(topFindings, stats, runner.errors);
        } catch (IllegalArgumentException e) {
            System.err.println("ikescope: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            out.flush();
        }
        if (threshold != null && worst != null && worst.compareTo(threshold) >= 0) {
            return Main.EXIT_FINDINGS;
        }
        return runner.errors.isEmpty() ? Main.EXIT_OK : Main.EXIT_DAMAGED;
    }

    /** A rough heap size of an emitted exchange: its messages and the text of its findings. */
    static long estimatedBytes(Exchange x) {
        long n = 1_000 + 200L * x.messages().size() + 300L * (x.quickModes().size() + x.informational().size() + x.esp().size());
        for (Finding f : x.findings()) {
            n += 100 + 2L * (f.title().length() + f.explanation().length() + f.remediation().length()) + 8L * f.evidence().size();
        }
        return n;
    }

    private static int usage(String message) {
        System.err.println("ikescope: " + message);
        return Main.EXIT_USAGE;
    }

    private void note(Finding f) {
        if (worst == null || f.severity().compareTo(worst) > 0) {
            worst = f.severity();
        }
    }

    private boolean shown(Exchange x) {
        if (peerAddress == null) {
            return true;
        }
        String ip = Addresses.format(peerAddress);
        return ip.equals(x.initiator().ip()) || ip.equals(x.responder().ip());
    }

    /**
     * {@code --merge}: every file is dissected on its own, then all events are replayed in time
     * order (stable: equal times keep file order) as one timeline. This holds the events of all
     * files in memory, which only merge needs.
     */
    private void mergedTimeline(CaptureRunner runner, ExchangeTracker tracker) {
        List<Object[]> events = new ArrayList<>();
        for (String f : files) {
            runner.run(new Dissector(input.dissectorOptions()), f, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    events.add(new Object[] {e.timeNanos(), e});
                }

                @Override
                public void esp(EspEvent e) {
                    events.add(new Object[] {e.timeNanos(), e});
                }

                @Override
                public void frame(FrameEvent e) {
                    events.add(new Object[] {e.timeNanos(), e});
                }

                @Override
                public void incompleteFragments(IncompleteFragmentsEvent e) {
                    // At its last fragment: its SA is open there, whenever the dissector gave the set up.
                    events.add(new Object[] {e.lastNanos(), e});
                }
            });
        }
        events.sort(Comparator.comparingLong(a -> (Long) a[0]));
        for (Object[] ev : events) {
            if (ev[1] instanceof MessageEvent m) {
                tracker.message(m);
            } else if (ev[1] instanceof EspEvent s) {
                tracker.esp(s);
            } else if (ev[1] instanceof FrameEvent fr) {
                tracker.frame(fr);
            } else if (ev[1] instanceof IncompleteFragmentsEvent inc) {
                tracker.incompleteFragments(inc);
            }
        }
    }
}
