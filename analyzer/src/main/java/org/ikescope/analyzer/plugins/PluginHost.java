package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.Severity;

/**
 * Runs {@link DiagnosticPlugin}s: found and checked by {@link PluginDiscovery} ({@link #load}), or
 * given as instances ({@link #of}), ordered by id.
 *
 * <p>Isolation ({@link #analyze}, {@link #endOfCapture}): each plugin call runs on the caller's
 * thread under a {@link Watchdog} that keeps the time limit. A call that throws becomes a
 * {@code plugin.failed} finding, one that overruns becomes {@code plugin.timeout}: its findings
 * from then on are refused and it is interrupted (stopped, should it ignore the interrupt; see
 * {@link Watchdog}). A plugin that overruns {@link #MAX_TIMEOUTS} times is not called again in
 * this run; the exchanges it then skips get a {@code plugin.timeout} finding saying so. Calls are
 * sequential, plugin by plugin in id order, so a plugin never runs concurrently with itself.
 *
 * <p>Why the caller's thread: a hand-off to a worker and back per plugin per exchange cost 28 to
 * 94 microseconds on a busy two-core machine, half the wall time of {@code analyze} on a capture
 * of many small exchanges; a call now costs two uncontended lock acquisitions.
 */
public final class PluginHost implements AutoCloseable {
    /** Finding code: a plugin threw while examining an exchange. */
    public static final String PLUGIN_FAILED = "plugin.failed";
    /** Finding code: a plugin overran its time limit (or was skipped after overrunning too often). */
    public static final String PLUGIN_TIMEOUT = "plugin.timeout";
    /** Default per-exchange time limit of one plugin call (the {@code --plugin-timeout} default). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Timeouts after which a plugin is skipped for the rest of the run: every timed-out call leaves
     * a thread behind that may never stop, so a plugin stuck on every exchange of a 100,000-peer
     * capture must not be allowed to start 100,000 of them.
     */
    public static final int MAX_TIMEOUTS = 3;
    /** Origin of plugins that come with ikescope. */
    public static final String BUILT_IN = "built-in";
    /** Guards the discovery loop against a services file that keeps failing. */

    private final List<LoadedPlugin> plugins;
    private final List<URLClassLoader> loaders;
    private final long timeoutNanos;
    private final Map<String, Integer> timeouts = new HashMap<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private Watchdog watchdog;

    private PluginHost(List<LoadedPlugin> plugins, List<URLClassLoader> loaders, Duration timeout) {
        this.plugins = List.copyOf(plugins);
        this.loaders = List.copyOf(loaders);
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * What to load and how to run it.
     *
     * @param classPath   loader whose class path is searched with {@link ServiceLoader}; {@code null} to skip
     *                    the class path (tests)
     * @param pluginPaths directories whose jars are loaded, in this order
     * @param disabled    ids not to run
     * @param only        when not empty, the only ids to run
     * @param timeout     per-call time limit
     */
    public record Config(ClassLoader classPath, List<Path> pluginPaths, Set<String> disabled, Set<String> only,
                         Duration timeout) {
        /** Copies the collections; the time limit must be positive. */
        public Config {
            pluginPaths = List.copyOf(pluginPaths);
            disabled = Set.copyOf(disabled);
            only = Set.copyOf(only);
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new PluginLoadException("--plugin-timeout: " + timeout.toMillis() + " ms (expected: > 0)");
            }
        }

        /** The analyzer's class path, no plugin directories, everything enabled, the default time limit. */
        public static Config defaults() {
            return new Config(PluginHost.class.getClassLoader(), List.of(), Set.of(), Set.of(), DEFAULT_TIMEOUT);
        }

        /** This configuration searching {@code loader}'s class path ({@code null}: none). */
        public Config withClassPath(ClassLoader loader) {
            return new Config(loader, pluginPaths, disabled, only, timeout);
        }

        /** This configuration loading the jars of {@code dirs}. */
        public Config withPluginPaths(Collection<Path> dirs) {
            return new Config(classPath, List.copyOf(dirs), disabled, only, timeout);
        }

        /** This configuration not running {@code ids}. */
        public Config withDisabled(Collection<String> ids) {
            return new Config(classPath, pluginPaths, Set.copyOf(ids), only, timeout);
        }

        /** This configuration running only {@code ids} (all when empty). */
        public Config withOnly(Collection<String> ids) {
            return new Config(classPath, pluginPaths, disabled, Set.copyOf(ids), timeout);
        }

        /** This configuration with per-call time limit {@code t}. */
        public Config withTimeout(Duration t) {
            return new Config(classPath, pluginPaths, disabled, only, t);
        }
    }

    /**
     * Discovers, checks and selects the plugins (see {@link PluginDiscovery}).
     *
     * @param config what to load
     * @param warn   receives one line per refused plugin or ignored option value
     * @throws PluginLoadException when two plugins share an id, a plugin directory is unusable, or
     *                             an {@code --only-plugin} id matches no plugin
     */
    public static PluginHost load(Config config, Consumer<String> warn) {
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            return new PluginHost(PluginDiscovery.select(config, warn, loaders), loaders, config.timeout());
        } catch (RuntimeException e) {
            closeAll(loaders);
            throw e;
        }
    }

    /**
     * A host running the given instances (tests, and embedding ikescope): the same version check,
     * duplicate check, ordering and isolation as {@link #load}, without discovery.
     *
     * @throws PluginLoadException when a plugin is refused or two share an id
     */
    public static PluginHost of(Duration timeout, DiagnosticPlugin... instances) {
        return new PluginHost(PluginDiscovery.instances(instances), List.of(), timeout);
    }

    /**
     * A host running only the plugins {@code keep} accepts, taking over this host's class loaders:
     * use the returned host, not this one ({@code --isolate-plugins} splits the plugins between
     * this JVM and a child JVM).
     */
    PluginHost select(java.util.function.Predicate<LoadedPlugin> keep) {
        return new PluginHost(plugins.stream().filter(keep).toList(), loaders, Duration.ofNanos(timeoutNanos));
    }

    /** The plugins that will run, ordered by id. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** True when no plugin will run. */
    public boolean isEmpty() {
        return plugins.isEmpty();
    }

    /** True when some plugin implements {@link EndOfCaptureHook}. */
    public boolean wantsEndOfCapture() {
        return plugins.stream().anyMatch(LoadedPlugin::hasEndOfCaptureHook);
    }

    /**
     * Runs every plugin on one exchange.
     *
     * @return the findings, plugin by plugin in id order, each with its plugin's id as source
     */
    public List<Finding> analyze(ExchangeView exchange) {
        List<Long> where = exchange.messages().isEmpty() ? List.of() : List.of(exchange.messages().get(0).frame());
        List<Finding> out = new ArrayList<>();
        for (LoadedPlugin p : plugins) {
            List<Finding> found = call(p, where, exchange, new ExchangeCall(p.plugin(), exchange));
            if (!found.isEmpty()) {
                out.addAll(found);
            }
        }
        return out;
    }

    /** Runs the {@link EndOfCaptureHook} of every plugin that has one. */
    public List<Finding> endOfCapture(List<ExchangeView> exchanges) {
        List<ExchangeView> all = java.util.Collections.unmodifiableList(exchanges);
        List<Finding> out = new ArrayList<>();
        for (LoadedPlugin p : plugins) {
            if (p.plugin() instanceof EndOfCaptureHook hook) {
                out.addAll(call(p, List.of(), "the end of the capture", new Call() {
                    @Override
                    void run(FindingSink sink) {
                        hook.endOfCapture(all, sink);
                    }
                }));
            }
        }
        return out;
    }

    /**
     * What a plugin call does with its sink, run as the plugin's code ({@link Containment#run}).
     * Classes, not lambdas: this runs for every plugin on every exchange, and a capturing lambda
     * is made through a method handle that C1 (the launcher's compiler for small captures) leaves
     * as a call into the VM, several times the cost of a {@code new}.
     */
    private abstract static class Call implements java.util.function.Supplier<Object> {
        private FindingSink sink;

        abstract void run(FindingSink sink);

        @Override
        public final Object get() {
            run(sink);
            return null;
        }
    }

    /** {@link DiagnosticPlugin#analyze} of one exchange. */
    private static final class ExchangeCall extends Call {
        private final DiagnosticPlugin plugin;
        private final ExchangeView exchange;

        ExchangeCall(DiagnosticPlugin plugin, ExchangeView exchange) {
            this.plugin = plugin;
            this.exchange = exchange;
        }

        @Override
        void run(FindingSink sink) {
            plugin.analyze(exchange, sink);
        }
    }

    /**
     * One plugin call, contained ({@link Containment}): its output and exit attempts become findings.
     *
     * @param what what the call examines, for the findings of a failed call: a text, or the exchange
     *             (its text is made only when needed)
     */
    private List<Finding> call(LoadedPlugin p, List<Long> evidence, Object what, Call body) {
        List<Finding> out = callTimed(p, evidence, what, body);
        List<Finding> left = Containment.drain(p.id(), p.origin(), evidence);
        if (!left.isEmpty()) {
            out.addAll(left);
        }
        return out;
    }

    /** {@code body} under the watchdog; returns a list the caller may add to. */
    private List<Finding> callTimed(LoadedPlugin p, List<Long> evidence, Object what, Call body) {
        int timedOut = timeouts.isEmpty() ? 0 : timeouts.getOrDefault(p.id(), 0);
        if (timedOut >= MAX_TIMEOUTS) {
            List<Finding> out = new ArrayList<>(1);
            out.add(meta(p, PLUGIN_TIMEOUT, "Plugin " + p.id() + " skipped: it overran its time limit "
                    + timedOut + " times", "ikescope stopped calling plugin " + p.id() + " after it exceeded its "
                    + millis() + " ms limit " + MAX_TIMEOUTS + " times in this run; its diagnoses of " + describe(what)
                    + " are missing.", evidence));
            return out;
        }
        Collector sink = new Collector(p.id());
        body.sink = sink;
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        Throwable failure = null;
        boolean overran;
        try {
            watchdog().begin(t, sink);
            t.setContextClassLoader(p.plugin().getClass().getClassLoader());
            try {
                Containment.run(p.id(), body);
            } finally {
                t.setContextClassLoader(before);
            }
        } catch (Throwable e) {
            // Whatever the plugin threw, checked ones included; a ThreadDeath only comes from the
            // watchdog stopping an overrun, and then the call is a timeout, not a failure.
            failure = e;
        } finally {
            overran = watchdog.end();
        }
        if (overran) {
            // The watchdog interrupted the plugin: clear the flag it may have left for the caller.
            Thread.interrupted();
            timeouts.merge(p.id(), 1, Integer::sum);
            List<Finding> out = sink.close();
            out.add(meta(p, PLUGIN_TIMEOUT, "Plugin " + p.id() + " overran its " + millis() + " ms time limit",
                    "Plugin " + p.id() + " did not finish examining " + describe(what) + " within " + millis()
                            + " ms and was abandoned; its diagnoses of it are missing. Raise the limit with"
                            + " --plugin-timeout, or skip the plugin with --disable-plugin " + p.id() + ".",
                    evidence));
            return out;
        }
        List<Finding> out = sink.close();
        if (failure != null) {
            out.add(meta(p, PLUGIN_FAILED, "Plugin " + p.id() + " failed: " + failure.getClass().getSimpleName(),
                    "Plugin " + p.id() + " threw " + failure + where(failure) + " while examining " + describe(what)
                            + "; its diagnoses of it are missing. The analysis and the other plugins went on.",
                    evidence));
        }
        return out;
    }

    /** What a call examines, as its findings name it. */
    private static String describe(Object what) {
        return what instanceof ExchangeView x ? "exchange " + x.ispi() : String.valueOf(what);
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    private static String where(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "" : " at " + st[0];
    }

    private static Finding meta(LoadedPlugin p, String code, String title, String explanation, List<Long> evidence) {
        return Finding.of(code, Severity.WARNING, Confidence.CONFIRMED).title(title).explanation(explanation)
                .remediation("Report it to the plugin's author (" + p.origin() + "); --disable-plugin " + p.id()
                        + " skips it.")
                .evidence(evidence).source(p.id()).build();
    }

    private Watchdog watchdog() {
        if (watchdog == null) {
            watchdog = new Watchdog(timeoutNanos, "ikescope-plugin-watchdog-" + threadCount.incrementAndGet());
        }
        return watchdog;
    }

    /** Stops the watchdog and closes the plugin jars' class loaders. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
            watchdog = null;
        }
        closeAll(loaders);
    }

    private static void closeAll(List<URLClassLoader> loaders) {
        for (URLClassLoader l : loaders) {
            try {
                l.close();
            } catch (IOException e) {
                // Nothing to do: the jar stays open until exit.
            }
        }
    }

    /**
     * The sink of one call: stamps the plugin id as source, and stops accepting once the call is
     * over (an abandoned thread may still report).
     */
    private static final class Collector implements FindingSink, Runnable {
        private final String id;
        private final List<Finding> findings = new ArrayList<>();
        private boolean closed;

        Collector(String id) {
            this.id = id;
        }

        @Override
        public synchronized void report(Finding finding) {
            Objects.requireNonNull(finding, "finding");
            if (!closed) {
                findings.add(finding.withSource(id));
            }
        }

        /** The watchdog's action on an overrun: refuse what the abandoned call still reports. */
        @Override
        public void run() {
            close();
        }

        /** Stops accepting; returns the findings, a list no longer written to but by the caller. */
        synchronized List<Finding> close() {
            closed = true;
            return findings;
        }
    }
}
