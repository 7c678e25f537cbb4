package org.ikescope.analyzer.analysis;

import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.dissector.capture.ForwardingSource;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;

/**
 * The second core: what the reading thread hands over is worked on by one worker thread while the
 * reading thread goes on. In {@code analyze}, emitted exchanges are diagnosed (plugins) and written
 * (the report) while the capture is dissected and tracked; in {@code dissect}, messages are written
 * while the capture is dissected. One worker, first in first out: plugins see the exchanges in
 * emission order and never concurrently, and the output is written in the same order as on one
 * thread, byte for byte. What is handed over must not change afterwards.
 *
 * <p>What the worker throws (a failed write, an out-of-memory error, a bug) is kept, the worker
 * goes on taking (and dropping) what is handed over so that the reading thread never blocks for
 * ever, and the reading thread throws the same throwable at its next {@link #accept}, {@link #check}
 * or {@link #awaitFinished}: the run ends as it would have on one thread.
 */
public final class Handoff<T> implements Consumer<T>, ExchangeTracker.AsyncConsumer, AutoCloseable {
    /** Items in flight: enough to keep the worker busy, few enough that their bytes stay small. */
    static final int CAPACITY = 256;

    private final Consumer<? super T> work;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread worker;
    private volatile long finished;
    private volatile Throwable failure;
    private long handedOver;

    /** A request to be told when everything before it is finished. */
    private record Barrier(CountDownLatch reached) {
    }

    /** Ends the worker. */
    private static final Object END = new Object();

    /** Starts the worker thread {@code name}, which calls {@code work} on each item handed over. */
    public Handoff(String name, Consumer<? super T> work) {
        this.work = work;
        this.worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        try {
            while (true) {
                Object o = queue.take();
                if (o == END) {
                    return;
                }
                if (o instanceof Barrier b) {
                    b.reached().countDown();
                    continue;
                }
                if (failure == null) {
                    try {
                        @SuppressWarnings("unchecked") // only accept puts anything else in
                        T item = (T) o;
                        work.accept(item);
                    } catch (Throwable t) { // kept for the reading thread, which ends the run with it
                        failure = t;
                    }
                }
                finished++; // only this thread writes it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands {@code x} to the worker (waiting while {@link #CAPACITY} are in flight). */
    @Override
    public void accept(T x) {
        check();
        put(x);
        handedOver++;
    }

    @Override
    public long finished() {
        return finished;
    }

    /** Waits until the worker has finished with everything handed over, then {@link #check}s. */
    @Override
    public void awaitFinished() {
        if (finished < handedOver) {
            Barrier b = new Barrier(new CountDownLatch(1));
            put(b);
            try {
                b.reached().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the diagnosis", e);
            }
        }
        check();
    }

    /**
     * {@code in}, which before each frame throws what the worker threw, if it did: a closed pipe or
     * a full disk under the output ends the run at the next frame, not at the next item handed over.
     */
    public PacketSource failFast(PacketSource in) {
        return new ForwardingSource(in) {
            @Override
            public boolean next(Frame frame) throws java.io.IOException {
                check();
                return this.in.next(frame);
            }
        };
    }

    /** Throws what the worker threw, if it did. */
    public void check() {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new java.io.IOException(t));
    }

    private void put(Object o) {
        try {
            queue.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing an exchange over", e);
        }
    }

    /** Ends the worker once it has taken what is queued. */
    @Override
    public void close() {
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
