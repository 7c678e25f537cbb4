package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.Finding;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.ForwardingSource;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * What a long run shows on a terminal, and what Ctrl-C does.
 *
 * <p>Progress: one line on standard error, redrawn at most {@link #REDRAW_NANOS} apart: bytes
 * read of the captures (a bar and a percentage when their size is known: regular files, not
 * gzipped), packets per second, exchanges found. Only when standard error is a terminal and
 * standard output too ({@link System#console()}: a report piped elsewhere means a script is
 * reading, and it gets no bar); never with {@code --quiet}.
 *
 * <p>Ctrl-C: the first one ends the reading as if the captures ended there, so the analysis
 * finishes its open exchanges and the report of what was read is written (a line on standard
 * error says so); the JVM exits when it is written, or after {@link #REPORT_WAIT_SECONDS}.
 * Reading is stopped between frames through the {@link #opener} wrapper, so every reader and
 * {@code --merge} stop the same way.
 */
final class Progress {
    static final long REDRAW_NANOS = 200_000_000L;
    /** Frames between two looks at the clock. */
    private static final int CLOCK_EVERY = 256;
    /** How long Ctrl-C waits for the report of what was read before the JVM goes. */
    static final long REPORT_WAIT_SECONDS = 30;
    /** The bytes a pcap record header adds to a frame (16); pcapng adds more, so the percentage is a floor. */
    private static final int RECORD_HEADER = 16;
    private static final int BAR = 24;

    private final PrintStream err;
    private final boolean show;
    private final long redrawNanos;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile boolean stopped;
    private Thread hook;
    private long bytes;
    private long frames;
    private long exchanges;
    private long lastDraw;
    private boolean drawn;

    /**
     * @param files the captures, for their total size
     * @param show  draw the progress line (a terminal, and not {@code --quiet})
     */
    Progress(List<String> files, boolean show, PrintStream err) {
        this(files, show, err, REDRAW_NANOS);
    }

    /** With another redraw interval (tests). */
    Progress(List<String> files, boolean show, PrintStream err, long redrawNanos) {
        this.redrawNanos = redrawNanos;
        this.err = err;
        this.show = show;
        this.totalBytes = knownSize(files);
    }

    /** Whether this run draws the line. */
    boolean shown() {
        return show;
    }

    /** True when a progress line belongs on standard error: a terminal, and not {@code --quiet}. */
    static boolean wanted(boolean quiet) {
        return !quiet && System.console() != null;
    }

    /** The total size of {@code files} when every one is a regular, uncompressed file; else -1. */
    private static long knownSize(List<String> files) {
        long total = 0;
        for (String f : files) {
            try {
                Path p = Path.of(f);
                if (f.equals("-") || f.endsWith(".gz") || !Files.isRegularFile(p)) {
                    return -1;
                }
                total += Files.size(p);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    /** Ctrl-C ends the reading and waits for the report ({@link #done}); undone by {@link #done}. */
    Progress catchInterrupt() {
        hook = new Thread(() -> {
            stop();
            try {
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ikescope-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** Ends the reading at the next frame, as if the captures ended there (what Ctrl-C does). */
    void stop() {
        stopped = true;
        clear();
        err.println("ikescope: interrupted: reporting what was found in the " + frames + " frames read");
        err.flush();
    }

    /** True once the reading was stopped (Ctrl-C). */
    boolean stopped() {
        return stopped;
    }

    /** The report is written: the line is cleared, and an interrupted run may end. */
    void done() {
        clear();
        reported.countDown();
        if (hook != null && !stopped) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** {@code inner} with every source counted, drawn and stoppable. */
    CaptureOpener opener(CaptureOpener inner) {
        return name -> new Counted(inner.open(name));
    }

    /** {@code sink} with its exchanges counted; the line is cleared before anything is written. */
    AnalysisSink sink(AnalysisSink sink) {
        return new AnalysisSink() {
            @Override
            public void exchange(Exchange exchange) throws IOException {
                exchanges++;
                clear();
                sink.exchange(exchange);
            }

            @Override
            public void pskWordlist(PskWordlistSearch.Result result) throws IOException {
                clear();
                sink.pskWordlist(result);
            }

            @Override
            public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) throws IOException {
                clear();
                sink.end(findings, stats, errors);
            }
        };
    }

    /** Called by the reading thread only. */
    private void frame(Frame f) {
        frames++;
        bytes += f.capturedLength() + RECORD_HEADER;
        if (show && frames % CLOCK_EVERY == 0) {
            long now = System.nanoTime();
            if (now - lastDraw >= redrawNanos) {
                lastDraw = now;
                draw(now);
            }
        }
    }

    private synchronized void draw(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        StringBuilder sb = new StringBuilder("\r");
        if (totalBytes > 0) {
            double share = Math.min(1.0, (double) bytes / totalBytes);
            int filled = (int) (share * BAR);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  %s of %s", (int) (share * 100), mb(bytes), mb(totalBytes)));
        } else {
            sb.append(mb(bytes)).append(" read");
        }
        sb.append(String.format(Locale.ROOT, "  %,.0f packets/s  %,d exchanges", frames / seconds, exchanges));
        err.print(sb.append("\u001b[K"));
        err.flush();
        drawn = true;
    }

    private synchronized void clear() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
            drawn = false;
        }
    }

    private static String mb(long n) {
        return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }

    /** A source that counts what it delivers, and ends when Ctrl-C was pressed. */
    private final class Counted extends ForwardingSource {
        Counted(PacketSource in) {
            super(in);
        }

        @Override
        public boolean next(Frame frame) throws IOException {
            // Checked again after the read: a reader blocked on a pipe when Ctrl-C came returns one more frame.
            if (stopped || !in.next(frame) || stopped) {
                return false;
            }
            frame(frame);
            return true;
        }
    }
}
