package org.ikescope.analyzer.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.analyzer.exchange.TrackerStats;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.session.PskTarget;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * The whole analysis as a library: captures through the dissector and the exchange tracker, each
 * exchange diagnosed as it is emitted and handed to a sink, then the findings that concern several
 * exchanges of a timeline, what a {@code --psk-wordlist} search found, the counters and the errors. What {@code ikescope analyze} runs; tests,
 * benchmarks and anything that embeds ikescope build the same pipeline here instead of by hand.
 *
 * <pre>{@code
 * Analysis.Result r = Analysis.builder()
 *         .diagnostician(plugins)
 *         .merge(true)
 *         .build()
 *         .run(List.of("a.pcap", "b.pcap.gz"), sink);
 * }</pre>
 *
 * <p>Timelines: each file is its own (one dissector and one tracker per file), or with
 * {@link Builder#merge(boolean)} all files are one, merged by timestamp as they are read (a k-way
 * merge that holds one frame per file: memory does not grow with the input). Memory is bounded by
 * the open SAs ({@link ExchangeTracker.Options}), the per-SA sessions
 * ({@link Dissector.Options#sessions()}), and the emitted exchanges kept for the cross-exchange
 * diagnosis, which get at most {@link #RETAINED_HEAP_SHARE a share} of the heap.
 *
 * <p>One {@code Analysis} runs once at a time (not thread-safe); build one per run.
 */
public final class Analysis {
    /**
     * Exchanges kept for the cross-exchange diagnosis of a timeline: at most an eighth of the heap
     * (estimated), so that the open SAs keep the rest; more are counted in the stats.
     */
    public static final long RETAINED_HEAP_SHARE = 8;

    private final CaptureOpener opener;
    private final Dissector.Options dissectorOptions;
    private final ExchangeTracker.Options trackerOptions;
    private final Diagnostician diagnostician;
    private final boolean merge;
    private final String peer;
    private final Consumer<String> errorSink;
    private final Predicate<Finding> keep;
    private final boolean parallel;
    private final long retainBudget;

    private Analysis(Builder b) {
        this.opener = b.opener;
        this.dissectorOptions = b.dissectorOptions;
        this.trackerOptions = b.trackerOptions;
        this.diagnostician = b.diagnostician;
        this.merge = b.merge;
        this.peer = b.peer;
        this.errorSink = b.errorSink;
        this.keep = b.keep;
        this.parallel = b.parallel;
        this.retainBudget = b.retainBudget;
    }

    /** The default budget of the exchanges kept for the cross-exchange diagnosis: a share of this JVM's heap. */
    public static long defaultRetainBudget() {
        return Runtime.getRuntime().maxMemory() / RETAINED_HEAP_SHARE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of an {@link Analysis}; every one has a default. */
    public static final class Builder {
        private CaptureOpener opener = CaptureOpener.BUILTIN;
        private Dissector.Options dissectorOptions = Dissector.Options.defaults();
        private ExchangeTracker.Options trackerOptions = ExchangeTracker.Options.defaults();
        private Diagnostician diagnostician = Diagnostician.NONE;
        private boolean merge;
        private String peer;
        private Consumer<String> errorSink;
        private Predicate<Finding> keep = f -> true;
        private boolean parallel = Runtime.getRuntime().availableProcessors() >= 2;
        private long retainBudget = defaultRetainBudget();

        private Builder() {
        }

        /**
         * Diagnose and write each exchange on a second thread while the capture is read on this one
         * ({@link Handoff}; default: when the machine has two processors or more). The sink is then
         * called from that thread, always one call at a time and in the order of one thread; the
         * output is the same.
         */
        public Builder parallel(boolean p) {
            this.parallel = p;
            return this;
        }

        /**
         * Estimated bytes of the exchanges kept per timeline for the cross-exchange diagnosis
         * (default: {@link #defaultRetainBudget()}); the child JVM of {@code --isolate-plugins}
         * keeps what its parent keeps, as far as its own heap allows.
         */
        public Builder retainBudget(long bytes) {
            this.retainBudget = bytes;
            return this;
        }

        /** The capture reader (default: the built-in one). */
        public Builder opener(CaptureOpener o) {
            this.opener = Objects.requireNonNull(o);
            return this;
        }

        /** Ports, duplicate detection and session bounds of the dissector. */
        public Builder dissector(Dissector.Options o) {
            this.dissectorOptions = Objects.requireNonNull(o);
            return this;
        }

        /** Idle timeout, caps and the payload budget of the exchange tracker. */
        public Builder tracker(ExchangeTracker.Options o) {
            this.trackerOptions = Objects.requireNonNull(o);
            return this;
        }

        /** Who diagnoses each exchange (the plugin host; default: nobody). */
        public Builder diagnostician(Diagnostician d) {
            this.diagnostician = Objects.requireNonNull(d);
            return this;
        }

        /** All files on one timeline, merged by timestamp (default: each file is its own). */
        public Builder merge(boolean m) {
            this.merge = m;
            return this;
        }

        /** Only the exchanges with this peer (initiator or responder address, as text); null for all. */
        public Builder peer(String address) {
            this.peer = address;
            return this;
        }

        /**
         * Which findings to report (default: all): the others are dropped from the exchanges, the
         * cross-exchange findings and the frame findings before they reach the sink, and do not
         * count for {@link Result#worst()} ({@code --min-severity}, {@code --suppress}).
         */
        public Builder keep(Predicate<Finding> p) {
            this.keep = Objects.requireNonNull(p);
            return this;
        }

        /** Told each error line (a damaged or unreadable file) as it happens; null for none. */
        public Builder errors(Consumer<String> sink) {
            this.errorSink = sink;
            return this;
        }

        public Analysis build() {
            return new Analysis(this);
        }
    }

    /**
     * What a run found beyond what the sink received.
     *
     * @param frames    frame accounting of every file
     * @param exchanges the tracker's counters, summed over the timelines
     * @param errors    one line per damaged or unreadable file
     * @param worst     the most severe finding reported (of the exchanges shown, and cross-exchange), or null
     * @param wordlist  what the search of {@code --psk-wordlist} found (after the capture), or null without one
     */
    public record Result(CaptureStats frames, TrackerStats exchanges, List<String> errors, Severity worst,
                         PskWordlistSearch.Result wordlist) {
        /** Every counter in a stable order, as the reports write them. */
        public Map<String, Object> stats() {
            return Analysis.stats(frames, exchanges);
        }
    }

    private static Map<String, Object> stats(CaptureStats frames, TrackerStats exchanges) {
        Map<String, Object> s = new LinkedHashMap<>(frames.asMap());
        s.put("balanced", frames.balanced());
        s.putAll(exchanges.asMap());
        return s;
    }

    /**
     * Analyses {@code files} into {@code sink}: every exchange as it is emitted, then
     * {@link AnalysisSink#end} with the cross-exchange findings, the counters and the errors.
     *
     * @throws IOException when the sink fails to write
     */
    public Result run(List<String> files, AnalysisSink sink) throws IOException {
        Timelines t = new Timelines(sink);
        // With a worker, each frame read first looks whether it failed (a closed pipe ends the run
        // now, not at the next exchange).
        CaptureReading reading = new CaptureReading(t.handoff == null ? opener
                : name -> t.handoff.failFast(opener.open(name)), errorSink);
        try (Handoff<Exchange> h = t.handoff) {
            if (merge) {
                ExchangeTracker tracker = t.tracker();
                Dissector d = new Dissector(dissectorOptions);
                reading.readMerged(d, files, tracker);
                t.finish(tracker, d);
            } else {
                for (String f : files) {
                    ExchangeTracker tracker = t.tracker();
                    Dissector d = new Dissector(dissectorOptions);
                    reading.read(d, f, tracker);
                    t.finish(tracker, d);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        t.trackerStats.exchangesNotRetained += t.notRetained;
        for (Finding f : t.crossFindings) {
            t.note(f);
        }
        PskWordlistSearch.Result wordlist = null;
        if (dissectorOptions.keys().wordlist() != null) {
            wordlist = PskWordlistSearch.run(dissectorOptions.keys().wordlist(), t.pskTargets, t.pskTargetsDropped);
            sink.pskWordlist(wordlist);
        }
        sink.end(t.crossFindings, stats(reading.total(), t.trackerStats), reading.errors());
        return new Result(reading.total(), t.trackerStats, reading.errors(), t.worst, wordlist);
    }

    /** The state of one run across its timelines. */
    private final class Timelines {
        final AnalysisSink sink;
        /** The worker that examines emitted exchanges ({@link Builder#parallel}), or null: this thread does. */
        final Handoff<Exchange> handoff;
        final AtomicLong ids = new AtomicLong();
        final TrackerStats trackerStats = new TrackerStats();
        final List<Finding> crossFindings = new ArrayList<>();
        final List<Exchange> retained = new ArrayList<>();
        long retainedBytes;
        long notRetained;
        Severity worst;
        /** The aggressive-mode HASHes of every timeline, for the wordlist. */
        final List<PskTarget> pskTargets = new ArrayList<>();
        long pskTargetsDropped;

        Timelines(AnalysisSink sink) {
            this.sink = sink;
            this.handoff = parallel ? new Handoff<>("ikescope-diagnose", this::emitted) : null;
        }

        ExchangeTracker tracker() {
            if (handoff == null) {
                return new ExchangeTracker(trackerOptions, this::emitted, this::frameFinding, ids::incrementAndGet);
            }
            ExchangeTracker t = new ExchangeTracker(trackerOptions, handoff, this::frameFinding, ids::incrementAndGet);
            t.releaseAfter(handoff);
            return t;
        }

        /**
         * One exchange: diagnosed while its message bytes are still kept (the tracker drops them
         * when this returns), retained without them for the end of the timeline, and written.
         */
        private void emitted(Exchange x) {
            if (!shown(x)) {
                return;
            }
            Exchange d = x.withFindings(diagnostician.diagnose(x)).keepFindings(keep);
            long size = estimatedBytes(d);
            if (retainedBytes + size <= retainBudget) {
                retained.add(d);
                retainedBytes += size;
            } else {
                notRetained++;
            }
            for (Finding f : d.findings()) {
                note(f);
            }
            try {
                sink.exchange(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void frameFinding(Finding f) {
            if (peer == null && keep.test(f)) {
                crossFindings.add(f);
            }
        }

        void finish(ExchangeTracker tracker, Dissector dissector) {
            if (dissector.keyed() != null) {
                pskTargets.addAll(dissector.keyed().pskTargets());
                pskTargetsDropped += dissector.keyed().pskTargetsDropped();
            }
            tracker.finish();
            if (handoff != null) {
                handoff.awaitFinished(); // every exchange of the timeline diagnosed and written, its findings noted
            }
            trackerStats.add(tracker.stats());
            for (Finding f : diagnostician.endOfTimeline(List.copyOf(retained))) {
                if (keep.test(f)) {
                    crossFindings.add(f);
                }
            }
            retained.clear();
            retainedBytes = 0;
        }

        void note(Finding f) {
            if (worst == null || f.severity().compareTo(worst) > 0) {
                worst = f.severity();
            }
        }

        private boolean shown(Exchange x) {
            return peer == null || peer.equals(x.initiator().ip()) || peer.equals(x.responder().ip());
        }
    }

    /**
     * A rough heap size of an emitted exchange: its messages and the text of its findings. A
     * message's summary is about 300 bytes with its lists (measured with a class histogram of the
     * large test: 136 for the record, the rest for its payload kinds, notify types and frames).
     */
    static long estimatedBytes(Exchange x) {
        long n = 1_000 + 300L * x.messages().size() + 300L * (x.quickModes().size() + x.informational().size() + x.esp().size());
        for (Finding f : x.findings()) {
            n += 100 + 2L * (f.title().length() + f.explanation().length() + f.remediation().length()) + 8L * f.evidence().size();
        }
        return n;
    }
}
