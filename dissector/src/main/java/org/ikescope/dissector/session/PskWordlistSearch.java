package org.ikescope.dissector.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.crypto.Prf;
import org.ikescope.dissector.keys.KeyFileException;
import org.ikescope.dissector.keys.PskWordlist;
import org.ikescope.dissector.keys.Secret;

/**
 * Searches a wordlist for the pre-shared keys of aggressive-mode HASHes seen in the clear, after
 * the capture, as ike-scan's psk-crack does with its dictionary: each candidate is tested against
 * every HASH not found yet ({@link org.ikescope.dissector.crypto.PskHash}: two PRF calls).
 *
 * <p>The file is streamed: this thread reads it in batches of {@value #BATCH} candidates into a
 * queue of a few batches, and one worker per core takes them. The search stops reading when every
 * HASH is found. A HASH that several lines match is reported with the first of them, whatever the
 * thread that got there: a worker skips a HASH for lines after its best match so far.
 */
public final class PskWordlistSearch {
    /** Candidates per batch: enough to make handing over cheap, few enough to stop soon after a find. */
    static final int BATCH = 1024;

    /**
     * What the search found for one HASH.
     *
     * @param target the HASH
     * @param label  the candidate that matches it: the {@code --psk} that already did ({@link
     *               PskTarget#matchedBy()}), or {@code wordlist FILE line N}; null when none does
     * @param psk    the wordlist's candidate that matches (for {@code --show-keys}), or null
     */
    public record Match(PskTarget target, String label, Secret psk) {
    }

    /**
     * The outcome of a search.
     *
     * @param wordlist  the file searched
     * @param matches   one per HASH, in the order the HASHes were seen
     * @param linesRead lines of the wordlist read (all of it, unless every HASH was found early)
     * @param dropped   HASHes of the capture not searched for (beyond the cap of kept HASHes)
     * @param error     why the search stopped early (a malformed line, an unreadable file: names
     *                  the file and the line, never the value), or null
     */
    public record Result(PskWordlist wordlist, List<Match> matches, long linesRead, long dropped, String error) {
        /** HASHes whose PSK is known (from {@code --psk} or the wordlist). */
        public long found() {
            return matches.stream().filter(m -> m.label() != null).count();
        }
    }

    private PskWordlistSearch() {
    }

    /** {@link #run(PskWordlist, List, long, int)} on every available core. */
    public static Result run(PskWordlist wordlist, List<PskTarget> targets, long dropped) {
        return run(wordlist, targets, dropped, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Searches {@code wordlist} for the HASHes of {@code targets} that no {@code --psk} matched.
     *
     * @param dropped HASHes not kept (reported, not searched)
     * @param threads workers (at least one)
     */
    public static Result run(PskWordlist wordlist, List<PskTarget> targets, long dropped, int threads) {
        int n = targets.size();
        AtomicLongArray bestLine = new AtomicLongArray(n);
        Secret[] found = new Secret[n];
        int open = 0;
        for (int i = 0; i < n; i++) {
            bestLine.set(i, targets.get(i).matchedBy() != null ? 0 : Long.MAX_VALUE);
            open += targets.get(i).matchedBy() != null ? 0 : 1;
        }
        long linesRead = 0;
        String error = null;
        if (open > 0) {
            Search s = new Search(wordlist, targets, bestLine, found, Math.max(1, threads));
            try {
                linesRead = s.run();
            } catch (KeyFileException e) {
                error = e.getMessage();
                linesRead = s.linesRead.get();
            }
        }
        List<Match> matches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PskTarget t = targets.get(i);
            long line = bestLine.get(i);
            matches.add(t.matchedBy() != null ? new Match(t, t.matchedBy(), null)
                    : line == Long.MAX_VALUE ? new Match(t, null, null) : new Match(t, wordlist.label(line), found[i]));
        }
        return new Result(wordlist, List.copyOf(matches), linesRead, dropped, error);
    }

    /** One search: the reading thread and its workers. */
    private static final class Search {
        private static final PskWordlist.Batch END = new PskWordlist.Batch(0);

        final PskWordlist wordlist;
        final List<PskTarget> targets;
        final AtomicLongArray bestLine;
        final Secret[] found;
        final int threads;
        final AtomicLong linesRead = new AtomicLong();
        final BlockingQueue<PskWordlist.Batch> full;
        final BlockingQueue<PskWordlist.Batch> empty;

        Search(PskWordlist wordlist, List<PskTarget> targets, AtomicLongArray bestLine, Secret[] found, int threads) {
            this.wordlist = wordlist;
            this.targets = targets;
            this.bestLine = bestLine;
            this.found = found;
            this.threads = threads;
            // Room for every batch and every end mark: putting never waits for a worker.
            this.full = new ArrayBlockingQueue<>(3 * threads + 1);
            this.empty = new ArrayBlockingQueue<>(2 * threads + 1);
            for (int i = 0; i < 2 * threads + 1; i++) {
                empty.add(new PskWordlist.Batch(BATCH));
            }
        }

        long run() throws KeyFileException {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "ikescope-psk-wordlist");
                t.setDaemon(true);
                return t;
            });
            List<Future<?>> workers = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(this::work));
            }
            try (PskWordlist.Reader r = wordlist.open()) {
                while (!allFound(linesRead.get())) {
                    PskWordlist.Batch b = empty.take();
                    boolean more = r.next(b);
                    linesRead.set(r.linesRead());
                    if (!more) {
                        break;
                    }
                    full.put(b);
                }
            } catch (IOException e) {
                throw e instanceof KeyFileException k ? k : new KeyFileException("wordlist " + wordlist.file() + ": "
                        + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeyFileException("wordlist " + wordlist.file() + ": the search was interrupted");
            } finally {
                finish(pool, workers);
            }
            return linesRead.get();
        }

        /** Every HASH is matched by a line before {@code line}: reading on cannot change a result. */
        private boolean allFound(long line) {
            for (int i = 0; i < bestLine.length(); i++) {
                if (bestLine.get(i) > line) {
                    return false;
                }
            }
            return true;
        }

        private void finish(ExecutorService pool, List<Future<?>> workers) {
            try {
                for (int i = 0; i < threads; i++) {
                    full.put(END);
                }
                for (Future<?> w : workers) {
                    w.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the wordlist search failed", e.getCause());
            } finally {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * A worker: its own PRF per hash algorithm (a PRF is not thread-safe), batches until the end.
         * Every batch goes back to the reader, whatever happens, so that the reader never waits forever.
         */
        private Void work() throws InterruptedException {
            Map<IkeHashAlgorithm, Prf> prfs = new HashMap<>();
            Prf[] prfOf = new Prf[targets.size()];
            for (int i = 0; i < prfOf.length; i++) {
                prfOf[i] = prfs.computeIfAbsent(targets.get(i).hash().hash(), Prf::hmac);
            }
            RuntimeException failure = null;
            while (true) {
                PskWordlist.Batch b = full.take();
                if (b == END) {
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                try {
                    if (failure == null) {
                        test(b, prfOf);
                    }
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    empty.put(b);
                }
            }
        }

        private void test(PskWordlist.Batch b, Prf[] prfOf) {
            for (int c = 0; c < b.size(); c++) {
                long line = b.line(c);
                for (int t = 0; t < prfOf.length; t++) {
                    if (bestLine.get(t) > line && targets.get(t).hash().matches(prfOf[t], b.candidate(c))) {
                        record(t, line, b.candidate(c));
                    }
                }
            }
        }

        private synchronized void record(int target, long line, byte[] candidate) {
            if (line < bestLine.get(target)) {
                bestLine.set(target, line);
                found[target] = new Secret(candidate, wordlist.label(line));
            }
        }
    }
}
