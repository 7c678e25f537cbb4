package org.ikescope.analyzer.plugins;

import java.util.concurrent.TimeUnit;

/**
 * Keeps the time limit of plugin calls that run on the caller's thread: one daemon thread that
 * looks at the call in progress a few times per limit, and when it overruns, refuses its
 * findings from then on and interrupts the caller. A plugin that ignores the interrupt for
 * another whole limit is stopped with {@link Thread#stop()}: the last resort that keeps a plugin
 * stuck in a loop from hanging the analysis, as an abandoned worker thread did before. Only the
 * plugin's own state can be left half-made by it: the stop is sent only while the call is in
 * progress (under this object's lock), and {@link #end} absorbs one that arrives as the plugin
 * returns.
 *
 * <p>Per call the caller pays two uncontended lock acquisitions; no thread is woken.
 */
final class Watchdog implements AutoCloseable {
    /** The watchdog looks this many times per limit... */
    static final int CHECKS_PER_LIMIT = 8;
    /** ...but not more often than this (a 1 ms limit is checked every millisecond)... */
    static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** ...and not less often than this (the 2 s default: a call overruns by at most 5%). */
    static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long limitNanos;
    private final long periodNanos;
    private final Thread thread;

    // All guarded by this.
    private Thread caller;
    private Runnable onOverrun;
    private long deadline;
    private boolean running;
    private boolean overran;
    private boolean stopped;
    private boolean closed;

    Watchdog(long limitNanos, String name) {
        this.limitNanos = limitNanos;
        this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, limitNanos / CHECKS_PER_LIMIT));
        this.thread = new Thread(this::watch, name);
        // The watchdog must not keep the JVM alive.
        thread.setDaemon(true);
        thread.start();
    }

    /** A call by {@code t} begins; {@code overrun} runs (on the watchdog) should it overrun. */
    synchronized void begin(Thread t, Runnable overrun) {
        caller = t;
        onOverrun = overrun;
        deadline = System.nanoTime() + limitNanos;
        running = true;
        overran = false;
        stopped = false;
    }

    /** The call is over; returns true when it overran its limit. */
    boolean end() {
        while (true) {
            try {
                return finish();
            } catch (ThreadDeath late) {
                // A stop sent as the plugin returned: the call overran, nothing else to undo.
            }
        }
    }

    private synchronized boolean finish() {
        running = false;
        caller = null;
        onOverrun = null;
        return overran;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private synchronized void watch() {
        while (!closed) {
            if (running) {
                long now = System.nanoTime();
                if (!overran && now - deadline >= 0) {
                    overran = true;
                    onOverrun.run();
                    caller.interrupt();
                } else if (overran && !stopped && now - deadline >= limitNanos) {
                    stopped = true;
                    try {
                        caller.stop();
                    } catch (UnsupportedOperationException e) {
                        // A JDK without Thread.stop: the plugin keeps the caller until it returns.
                    }
                }
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, periodNanos);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
