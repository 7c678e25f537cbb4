package org.ikescope.analyzer.plugins;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.ikescope.dissector.capture.ForwardingSource;

/**
 * The parent's side of {@code analyze --isolate-plugins}: the plugins of {@code --plugin-path} jars
 * run in a child JVM (same java, same class path, {@code -Xmx} of {@code --plugin-heap}) that
 * analyses the same capture with only them ({@link IsolatedChild}); this JVM runs the rest and puts
 * the child's findings into the same exchanges and end-of-capture findings, so that the report is
 * the one a run in one JVM writes for a plugin that behaves.
 *
 * <p>The child's arguments, secrets included, reach it on its standard input, never its command
 * line. Its records come back on its standard output, each marked with a random nonce
 * ({@link IsolationWire}); its standard error is kept (the first {@link #STDERR_KEPT} bytes) for the
 * finding that says why it died. Exchanges are matched by their index in the tracker's order,
 * checked against their first frame and cookies.
 *
 * <p>When the child dies (exit, halt, out of memory, crash, garbage) or makes no progress for
 * {@link #stallLimit} while this JVM waits for it (a plugin call that does not end), the findings it
 * sent are kept, it is killed, the exchanges after it get no isolated findings, the end of the
 * capture gets one {@code plugin.exit} finding saying what happened, and the exit code is 5.
 */
public final class IsolatedPlugins {
    /** The default of {@code --plugin-heap}. */
    public static final String DEFAULT_HEAP = "256m";
    /** The smallest {@code --plugin-heap}: less does not start ikescope. */
    public static final long MIN_HEAP_BYTES = 16L << 20;
    /** Bytes of the child's standard error kept for the finding; the rest is counted. */
    static final int STDERR_KEPT = 2048;
    /** The longest record line read; a longer one is garbage. */
    static final int MAX_LINE_CHARS = 64 << 20;
    /** The child may make no progress this long, at least, while the parent waits for it. */
    static final Duration MIN_STALL = Duration.ofSeconds(10);

    private static final java.util.regex.Pattern JVM_NOTICE = java.util.regex.Pattern.compile(
            "^WARNING: (A terminally deprecated method|System::setSecurityManager|Please consider reporting this to the maintainers)");

    /** Child JVMs started by this JVM (tests: none without a plugin jar). */
    static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final String nonce;
    private final String heap;
    private final Duration stallLimit;
    private final BlockingQueue<String[]> records = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private long stderrDropped;
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private List<String> isolated = List.of();
    private final List<Map.Entry<String, String>> breaches = new ArrayList<>();
    private long lastProgressNanos = System.nanoTime();
    private long lastCount = -1;
    private String runningPlugin = "";
    private long lastFrame;
    /** Why the child is no longer heard (null while it works). */
    private String death;
    private boolean deathReported;
    /** Where warnings go (those of the child's discovery, and a partial end of capture). */
    private Consumer<String> warn = w -> { };
    /** True when the run was interrupted (Ctrl-C): the child is then stopped without a word. */
    private java.util.function.BooleanSupplier interrupted = () -> false;

    private IsolatedPlugins(Process process, String nonce, String heap, Duration stallLimit) {
        this.process = process;
        this.nonce = nonce;
        this.heap = heap;
        this.stallLimit = stallLimit;
        this.stdoutReader = new Thread(() -> readRecords(process.getInputStream()), "ikescope-isolated-stdout");
        this.stderrReader = new Thread(() -> readStderr(process.getErrorStream()), "ikescope-isolated-stderr");
        stdoutReader.setDaemon(true);
        stderrReader.setDaemon(true);
        stdoutReader.start();
        stderrReader.start();
    }

    /** True when {@code --isolate-plugins} has something to isolate: a jar in some {@code --plugin-path} directory. */
    public static boolean anyJar(List<Path> pluginPaths) {
        for (Path dir : pluginPaths) {
            try (var s = Files.list(dir)) {
                if (s.anyMatch(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                return true; // the child's discovery says what is wrong with it, as one JVM would
            }
        }
        return false;
    }

    /**
     * The bytes of a {@code --plugin-heap} value ({@code 256m}, {@code 1g}, {@code 524288k}), or -1
     * when it is none or below {@link #MIN_HEAP_BYTES}.
     */
    public static long heapBytes(String size) {
        if (size == null || !size.matches("[0-9]{1,7}[kKmMgG]?")) {
            return -1;
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long n = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
        long bytes = switch (unit) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
        return bytes < MIN_HEAP_BYTES ? -1 : bytes;
    }

    /**
     * Starts the child: {@code java -Xmx<heap> -cp <this class path> PluginChildMain}, then writes its
     * setup (nonce, {@code args}, the spooled captures) on its standard input and closes it.
     *
     * @param args    the command line of this run, as given (secrets included: they go through the pipe)
     * @param spooled captures this JVM could read only once, by name, and their copies
     * @param timeout the per-call time limit, from which the stall limit follows
     */
    public static IsolatedPlugins start(List<String> args, Map<String, String> spooled, String heap, Duration timeout)
            throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String nonce = "ikescope-" + HexFormat.of().formatHex(random);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Xmx" + heap);
        command.add("-XX:TieredStopAtLevel=1");
        // The class-data sharing archive the ikescope script gives this JVM maps the same classes
        // for the child (a third of its start-up); never the option that writes one.
        for (String a : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-Xlog:cds")) {
                command.add(a);
            }
        }
        String sm = System.getProperty("java.security.manager");
        if (sm != null && !sm.isEmpty()) {
            command.add("-Djava.security.manager=" + sm);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.ikescope.analyzer.cli.PluginChildMain");
        Process p = new ProcessBuilder(command).start();
        STARTED.incrementAndGet();
        Duration stall = MIN_STALL.plus(timeout.multipliedBy(4));
        IsolatedPlugins iso = new IsolatedPlugins(p, nonce, heap, stall);
        try (var in = p.getOutputStream()) {
            new IsolationWire.Setup(nonce, args, spooled, Analysis.defaultRetainBudget()).write(in);
        } catch (IOException e) {
            // The child died before reading its setup: what it said is on its stderr, and it is reported as its death.
        }
        return iso;
    }

    /**
     * Copies each capture that can be read only once (standard input {@code -}, a named pipe, a
     * process substitution) to a temporary file only the user can read, so that this JVM and the
     * child read the same bytes; regular files are read by both as they are.
     *
     * @return the copies by the name the user gave
     */
    public static Map<String, String> spool(List<String> files, InputStream stdin) throws IOException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String f : files) {
            if (out.containsKey(f) || (!f.equals("-") && (!Files.exists(Path.of(f)) || Files.isRegularFile(Path.of(f))
                    || Files.isDirectory(Path.of(f))))) {
                continue;
            }
            Path copy = Files.createTempFile("ikescope-spool-", ".cap", java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            out.put(f, copy.toString());
            try (InputStream in = f.equals("-") ? stdin : new java.io.FileInputStream(f)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }

    /** Deletes the copies {@link #spool} made. */
    public static void unspool(Map<String, String> spooled) {
        for (String copy : spooled.values()) {
            try {
                Files.deleteIfExists(Path.of(copy));
            } catch (IOException e) {
                // A file in the temporary directory, readable by the user only: left behind.
            }
        }
    }

    /** An opener that reads the copy of each spooled capture, under the name the user gave. */
    public static CaptureOpener spooledOpener(CaptureOpener inner, Map<String, String> spooled) {
        if (spooled.isEmpty()) {
            return inner;
        }
        return name -> {
            String copy = spooled.get(name);
            if (copy == null) {
                return inner.open(name);
            }
            return new ForwardingSource(inner.open(copy)) {
                @Override
                public String name() {
                    return name;
                }
            };
        };
    }

    /**
     * The diagnostician of this run: the plugins of {@code config} that do not come from
     * {@code --plugin-path} jars run here (the child checked the selection and said what it
     * refused), and the child's findings are merged into theirs.
     */
    public Diagnostician diagnostician(PluginHost.Config config, java.util.function.BooleanSupplier interrupted) {
        this.interrupted = interrupted;
        PluginHost all = PluginHost.load(config.withPluginPaths(List.of()).withOnly(Set.of()).withDisabled(Set.of()), w -> { });
        PluginHost here = all.select(p -> (config.only().isEmpty() || config.only().contains(p.id()))
                && !config.disabled().contains(p.id()));
        return diagnostician(new PluginDiagnostician(here));
    }

    /** The java binary of this JVM. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Waits for the child to load its plugins, passing its discovery warnings to {@code warn}.
     *
     * @return the ids of the plugins that run in the child (empty when it died first: its death is reported)
     * @throws PluginLoadException when the plugins cannot be used as asked (the child says why)
     */
    public List<String> awaitPlugins(Consumer<String> warn) {
        this.warn = warn;
        while (death == null) {
            String[] r = next();
            if (r == null) {
                break;
            }
            switch (r[0]) {
                case IsolationWire.WARNING -> warn.accept(IsolationWire.readText(r[1]));
                case IsolationWire.USAGE -> {
                    process.destroyForcibly();
                    throw new PluginLoadException(IsolationWire.readText(r[1]));
                }
                case IsolationWire.HEADER -> {
                    String ids = IsolationWire.readText(r[1]);
                    isolated = ids.isEmpty() ? List.of() : List.of(ids.split("\n"));
                    return isolated;
                }
                default -> garbage("a record " + r[0] + " before the list of plugins");
            }
        }
        return List.of();
    }

    /**
     * The diagnostician of this run: {@code inProcess} (the plugins that come with ikescope) and the
     * child's findings, merged plugin by plugin in id order as one host would order them.
     */
    Diagnostician diagnostician(Diagnostician inProcess) {
        return new Diagnostician() {
            private int timeline;

            @Override
            public List<Finding> diagnose(Exchange x) {
                List<Finding> own = inProcess.diagnose(x);
                List<Finding> theirs = exchangeFindings(x);
                return merge(own, theirs);
            }

            @Override
            public List<Finding> endOfTimeline(List<Exchange> emitted) {
                List<Finding> own = inProcess.endOfTimeline(emitted);
                List<Finding> theirs = new ArrayList<>(endFindings(timeline++, emitted.size()));
                if (death != null && !deathReported) {
                    deathReported = true;
                    theirs.add(deathFinding());
                }
                return merge(own, theirs);
            }

            @Override
            public void close() {
                try {
                    inProcess.close();
                } finally {
                    finish();
                }
            }
        };
    }

    private static List<Finding> merge(List<Finding> own, List<Finding> theirs) {
        if (theirs.isEmpty()) {
            return own;
        }
        List<Finding> all = new ArrayList<>(own);
        all.addAll(theirs);
        // One host calls its plugins in id order, each call's findings together: a stable sort by source.
        all.sort(Comparator.comparing(Finding::source));
        return all;
    }

    private List<Finding> exchangeFindings(Exchange x) {
        String[] r = await(IsolationWire.EXCHANGE);
        if (r == null) {
            return List.of();
        }
        try {
            long id = Long.parseLong(r[1]);
            long frame = Long.parseLong(r[2]);
            if (id != x.id() || frame != IsolatedChild.firstFrame(x) || Long.parseLong(r[3]) != x.ispi()
                    || Long.parseLong(r[4]) != x.rspi()) {
                garbage("findings for exchange " + id + " (first frame " + frame + ") where this run has exchange "
                        + x.id() + " (first frame " + IsolatedChild.firstFrame(x) + ")");
                return List.of();
            }
            List<Finding> found = findings(r, 5);
            lastFrame = frame;
            return found;
        } catch (RuntimeException e) {
            garbage("an exchange record it cannot read");
            return List.of();
        }
    }

    private List<Finding> endFindings(int index, int kept) {
        String[] r = await(IsolationWire.END);
        if (r == null) {
            return List.of();
        }
        try {
            if (Integer.parseInt(r[1]) != index) {
                garbage("end-of-capture findings of timeline " + r[1] + " where this run ends timeline " + index);
                return List.of();
            }
            int theirs = Integer.parseInt(r[2]);
            if (theirs < kept) {
                warn.accept("the end-of-capture hooks of " + who() + " saw " + theirs + " of the " + kept + " exchanges"
                        + " this run kept: the child JVM's heap (--plugin-heap " + heap + ") holds no more; give it more");
            }
            return findings(r, 3);
        } catch (RuntimeException e) {
            garbage("an end-of-capture record it cannot read");
            return List.of();
        }
    }

    /** The next record of {@code type}, taking in the breaches and "done" on the way; null when the child is gone. */
    private String[] await(String type) {
        while (death == null) {
            String[] r = next();
            if (r == null) {
                return null;
            }
            if (r[0].equals(type)) {
                return r;
            }
            other(r);
        }
        return null;
    }

    /** The findings from token {@code from} on, each with the source of an isolated plugin; empty (garbage) otherwise. */
    private List<Finding> findings(String[] r, int from) {
        List<Finding> out = new ArrayList<>(r.length - from);
        for (int i = from; i < r.length; i++) {
            Finding f;
            try {
                f = IsolationWire.readFinding(r[i]);
            } catch (IllegalArgumentException e) {
                garbage("a finding it cannot read");
                return List.of();
            }
            if (!isolated.contains(f.source())) {
                garbage("a finding of \"" + f.source() + "\", which is no plugin of its");
                return List.of();
            }
            out.add(f);
        }
        return out;
    }

    /** A record other than the one awaited. */
    private void other(String[] r) {
        switch (r[0]) {
            case IsolationWire.BREACH -> breaches.add(Map.entry(IsolationWire.readText(r[1]), IsolationWire.readText(r[2])));
            // Done before its last exchange or timeline: it ended its run early (out of memory in ikescope's own code, ...).
            case IsolationWire.DONE -> died(exitCause());
            default -> garbage("a record " + r[0] + " out of turn");
        }
    }

    /**
     * The next record other than a heartbeat, or null when the child is gone or stalled (its death
     * is then set). Heartbeats whose count moved are progress.
     */
    private String[] next() {
        while (death == null) {
            String[] r;
            try {
                r = records.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                died("ikescope was interrupted while waiting for it");
                return null;
            }
            long now = System.nanoTime();
            if (interrupted.getAsBoolean()) {
                // The reading stopped early: the child is ahead of this run, and no plugin is to blame.
                process.destroyForcibly();
                death = "";
                deathReported = true;
                return null;
            }
            if (r == null) {
                if (now - lastProgressNanos > stallLimit.toNanos()) {
                    String who = runningPlugin.isEmpty() ? "" : " (plugin " + runningPlugin + " was in a call)";
                    died("it made no progress for " + stallLimit.toSeconds() + " s" + who + "; ikescope stopped it");
                    return null;
                }
                continue;
            }
            if (r.length == 0) {
                died(exitCause());
                return null;
            }
            if (r[0].equals(IsolationWire.BEAT)) {
                try {
                    long count = Long.parseLong(r[1]);
                    runningPlugin = IsolationWire.readText(r[2]);
                    if (count != lastCount) {
                        lastCount = count;
                        lastProgressNanos = now;
                    }
                } catch (RuntimeException e) {
                    garbage("a heartbeat it cannot read");
                    return null;
                }
                continue;
            }
            lastProgressNanos = now;
            if (r[0].equals("?")) {
                garbage("a record it cannot read");
                return null;
            }
            return r;
        }
        return null;
    }

    private void garbage(String what) {
        died("it sent " + what + "; ikescope stopped it");
    }

    private void died(String why) {
        if (death != null) {
            return;
        }
        process.destroyForcibly();
        death = why;
        String ids = who();
        Containment.breach(ids, "ran in a child JVM (--isolate-plugins) that " + deathSummary());
    }

    private String deathSummary() {
        return death.replaceFirst("^it ", "") + (lastFrame > 0 ? " after frame " + lastFrame : " before its first exchange");
    }

    private String who() {
        return isolated.isEmpty() ? "(of --plugin-path)" : String.join(",", isolated);
    }

    /** Why the child's output ended: its exit code, and out of memory when its standard error says so. */
    private String exitCause() {
        int code;
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                return "closed its standard output";
            }
            code = process.exitValue();
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "closed its standard output";
        }
        String err;
        synchronized (stderr) {
            err = stderr.toString(StandardCharsets.UTF_8);
        }
        if (code == 7 || err.contains("OutOfMemoryError") || err.contains("out of memory")) {
            return "ran out of memory at -Xmx" + heap + " (exit code " + code + ")";
        }
        if (code > 128) {
            return "exited with code " + code + " (signal " + (code - 128) + ")";
        }
        return "exited with code " + code;
    }

    private Finding deathFinding() {
        String err;
        long dropped;
        synchronized (stderr) {
            err = stderr.toString(StandardCharsets.UTF_8);
            dropped = stderrDropped;
        }
        // Java 17's notice about the security manager that keeps exits from plugin code prevented says nothing of the death.
        err = err.lines().filter(l -> !JVM_NOTICE.matcher(l).find()).collect(java.util.stream.Collectors.joining("\n")).strip();
        String ids = who();
        String said = err.isEmpty() ? " It wrote nothing on its standard error."
                : " Its standard error began: \"" + err + "\"" + (dropped > 0 ? " (and " + dropped + " bytes more)" : "") + ".";
        return Finding.of(Containment.PLUGIN_EXIT, Severity.WARNING, Confidence.CONFIRMED)
                .title("Plugin " + ids + ": its child JVM " + deathSummary())
                .explanation("The plugins of --plugin-path (" + ids + ") ran in a child JVM (--isolate-plugins, -Xmx" + heap
                        + ") that " + deathSummary() + ". Their findings sent before that are kept; their diagnoses of"
                        + " later exchanges and of the end of the capture are missing. The rest of the report is whole;"
                        + " the exit code is " + Containment.EXIT_CONTAINMENT + "." + said)
                .remediation("Report it to the plugin's author; --disable-plugin ID skips a plugin, --plugin-heap gives"
                        + " the child more memory.")
                .source(isolated.size() == 1 ? isolated.get(0) : ids).build();
    }

    /** The end of the run: the child's breaches, then its exit; a child that does not end is killed. */
    private void finish() {
        await(IsolationWire.DONE);
        if (death == null) {
            try {
                if (!process.waitFor(stallLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                    died("did not end after its last record; ikescope stopped it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
        for (Map.Entry<String, String> b : breaches) {
            Containment.breach(b.getKey(), b.getValue() + " (in its child JVM, -Xmx" + heap + ")");
        }
    }

    // ---- readers (their own threads) ----

    private void readRecords(InputStream stream) {
        String marker = nonce + " ";
        try (InputStream in = new BufferedInputStream(stream, 1 << 16)) {
            StringBuilder line = new StringBuilder();
            int b;
            boolean tooLong = false;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    if (line.length() < MAX_LINE_CHARS) {
                        line.append((char) b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                int at = line.indexOf(marker);
                if (at >= 0) {
                    // A record; anything before the nonce is a plugin's stray write, not part of it.
                    records.add(tooLong ? new String[] {"?"} : line.substring(at + marker.length()).split(" "));
                }
                line.setLength(0);
                tooLong = false;
            }
        } catch (IOException e) {
            // The end of the child's output, as at EOF.
        }
        records.add(new String[0]);
    }

    private void readStderr(InputStream stream) {
        byte[] buf = new byte[8192];
        try (stream) {
            int n;
            while ((n = stream.read(buf)) > 0) {
                synchronized (stderr) {
                    int room = Math.max(0, Math.min(n, STDERR_KEPT - stderr.size()));
                    stderr.write(buf, 0, room);
                    stderrDropped += n - room;
                }
            }
        } catch (IOException e) {
            // The child is gone.
        }
    }

    /** Ids of the plugins that run in the child (after {@link #awaitPlugins}). */
    public Set<String> isolated() {
        return Set.copyOf(isolated);
    }
}
