package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;

/**
 * Finds, checks and runs {@link DiagnosticPlugin}s.
 *
 * <p>Discovery ({@link #load}): {@link ServiceLoader} on the class path (the built-in diagnostics
 * and anything the user put there), then every {@code *.jar} of each {@code --plugin-path}
 * directory, each jar in a class loader of its own whose parent is the analyzer's, so two plugin
 * jars never see each other's classes. Each provider's {@link PluginApi} annotation is read before
 * the class is instantiated; a plugin without it, or built for another major API version (or a
 * newer minor one), is refused with a warning and the rest load. Two plugins with the same id stop
 * the run ({@link PluginLoadException}). The accepted plugins are ordered by id.
 *
 * <p>Isolation ({@link #analyze}, {@link #endOfCapture}): each plugin call runs on a worker thread
 * with a time limit. A call that throws becomes a {@code plugin.failed} finding, one that
 * overruns becomes {@code plugin.timeout}: its thread is interrupted and abandoned, and a fresh
 * worker serves the next call. A plugin that overruns {@link #MAX_TIMEOUTS} times is not called
 * again in this run (each abandoned thread may keep a CPU busy); the exchanges it then skips get
 * a {@code plugin.timeout} finding saying so. Calls are sequential, plugin by plugin in id order,
 * so a plugin never runs concurrently with itself.
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
    private static final int MAX_PROVIDER_ERRORS = 1000;

    private final List<LoadedPlugin> plugins;
    private final List<URLClassLoader> loaders;
    private final long timeoutNanos;
    private final Map<String, Integer> timeouts = new HashMap<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private ExecutorService worker;

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
     * Discovers, checks and selects the plugins.
     *
     * @param config what to load
     * @param warn   receives one line per refused plugin or ignored option value
     * @throws PluginLoadException when two plugins share an id, a plugin directory is unusable, or
     *                             an {@code --only-plugin} id matches no plugin
     */
    public static PluginHost load(Config config, Consumer<String> warn) {
        List<LoadedPlugin> found = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            if (config.classPath() != null) {
                discover(ServiceLoader.load(DiagnosticPlugin.class, config.classPath()), null, null, warn, found);
            }
            ClassLoader parent = PluginHost.class.getClassLoader();
            for (Path dir : config.pluginPaths()) {
                for (Path jar : jars(dir)) {
                    URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url(jar)}, parent);
                    loaders.add(loader);
                    int before = found.size();
                    discover(ServiceLoader.load(DiagnosticPlugin.class, loader), loader, jar.toString(), warn, found);
                    if (found.size() == before) {
                        warn.accept("plugin jar " + jar + ": no plugin accepted (expected: META-INF/services/"
                                + DiagnosticPlugin.class.getName() + " naming a plugin class)");
                    }
                }
            }
            Map<String, LoadedPlugin> byId = new TreeMap<>();
            for (LoadedPlugin p : found) {
                LoadedPlugin other = byId.putIfAbsent(p.id(), p);
                if (other != null) {
                    throw new PluginLoadException("duplicate plugin id " + p.id() + ": " + describe(other) + " and "
                            + describe(p) + " (expected: unique ids; remove one of them)");
                }
            }
            for (String id : config.only()) {
                if (!byId.containsKey(id)) {
                    throw new PluginLoadException("--only-plugin: " + id + " (expected "
                            + (byId.isEmpty() ? "a plugin id; no plugins are installed"
                            : "one of: " + String.join(", ", byId.keySet())) + ")");
                }
            }
            for (String id : config.disabled()) {
                if (!byId.containsKey(id)) {
                    warn.accept("--disable-plugin: no plugin " + id + "; ignored");
                }
            }
            List<LoadedPlugin> selected = byId.values().stream()
                    .filter(p -> config.only().isEmpty() || config.only().contains(p.id()))
                    .filter(p -> !config.disabled().contains(p.id()))
                    .sorted(Comparator.comparing(LoadedPlugin::id))
                    .toList();
            return new PluginHost(selected, loaders, config.timeout());
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
        Map<String, LoadedPlugin> byId = new TreeMap<>();
        for (DiagnosticPlugin plugin : instances) {
            String refusal = checkVersion(plugin.getClass());
            if (refusal != null) {
                throw new PluginLoadException("plugin " + plugin.getClass().getName() + " refused: " + refusal);
            }
            PluginApi api = plugin.getClass().getAnnotation(PluginApi.class);
            LoadedPlugin p = new LoadedPlugin(plugin.id(), plugin.version(), plugin.description(),
                    classPathOrigin(plugin.getClass()), api.major() + "." + api.minor(), plugin);
            LoadedPlugin other = byId.putIfAbsent(p.id(), p);
            if (other != null) {
                throw new PluginLoadException("duplicate plugin id " + p.id() + ": " + describe(other) + " and "
                        + describe(p) + " (expected: unique ids)");
            }
        }
        return new PluginHost(new ArrayList<>(byId.values()), List.of(), timeout);
    }

    private static String describe(LoadedPlugin p) {
        return p.plugin().getClass().getName() + " (" + p.origin() + ")";
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PluginLoadException("--plugin-path: " + dir + " (expected: a directory of plugin jars)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("--plugin-path: " + dir + ": " + e.getMessage());
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the acceptable providers of {@code loader} to {@code out}.
     *
     * @param owner  when set, only providers defined by this loader count (a jar's loader also sees
     *               the class path through its parent)
     * @param origin the jar, or null for the class path
     */
    private static void discover(ServiceLoader<DiagnosticPlugin> loader, ClassLoader owner, String origin,
                                 Consumer<String> warn, List<LoadedPlugin> out) {
        String where = origin == null ? "class path" : origin;
        Iterator<ServiceLoader.Provider<DiagnosticPlugin>> it = loader.stream().iterator();
        int errors = 0;
        while (true) {
            ServiceLoader.Provider<DiagnosticPlugin> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                warn.accept("plugin refused (" + where + "): " + e.getMessage());
                if (++errors >= MAX_PROVIDER_ERRORS) {
                    break;
                }
                continue;
            }
            Class<? extends DiagnosticPlugin> type;
            try {
                type = provider.type();
            } catch (ServiceConfigurationError | LinkageError e) {
                warn.accept("plugin refused (" + where + "): " + e.getMessage());
                continue;
            }
            if (owner != null && type.getClassLoader() != owner) {
                continue;
            }
            String from = origin != null ? origin : classPathOrigin(type);
            String refusal = checkVersion(type);
            if (refusal != null) {
                warn.accept("plugin " + type.getName() + " (" + from + ") refused: " + refusal);
                continue;
            }
            PluginApi api = type.getAnnotation(PluginApi.class);
            try {
                DiagnosticPlugin plugin = provider.get();
                String id = plugin.id();
                if (id == null || id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
                    warn.accept("plugin " + type.getName() + " (" + from + ") refused: id: \"" + id
                            + "\" (expected: a non-empty id without spaces)");
                    continue;
                }
                out.add(new LoadedPlugin(id, String.valueOf(plugin.version()), String.valueOf(plugin.description()),
                        from, api.major() + "." + api.minor(), plugin));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                warn.accept("plugin " + type.getName() + " (" + from + ") refused: it failed to start: " + e);
            }
        }
    }

    /** Why {@code type} cannot run against this API, or null when it can. */
    static String checkVersion(Class<?> type) {
        PluginApi api;
        try {
            api = type.getAnnotation(PluginApi.class);
        } catch (LinkageError | RuntimeException e) {
            return "its @PluginApi annotation is unreadable: " + e;
        }
        if (api == null) {
            return "no @PluginApi annotation (expected: @PluginApi(major = ApiVersion.MAJOR) on the class;"
                    + " rebuild it against plugins-api " + ApiVersion.string() + ")";
        }
        if (api.major() != ApiVersion.MAJOR) {
            return "built for plugin API " + api.major() + "." + api.minor() + ", this ikescope provides "
                    + ApiVersion.string() + " (expected: major version " + ApiVersion.MAJOR
                    + "; rebuild the plugin against this plugins-api, or use an ikescope of API " + api.major() + ".x)";
        }
        if (api.minor() > ApiVersion.MINOR) {
            return "needs plugin API " + api.major() + "." + api.minor() + ", this ikescope provides "
                    + ApiVersion.string() + " (expected: minor version at most " + ApiVersion.MINOR
                    + "; upgrade ikescope)";
        }
        return null;
    }

    private static String classPathOrigin(Class<?> type) {
        String location = location(type);
        if (location != null && location.equals(location(PluginHost.class))) {
            return BUILT_IN;
        }
        return location == null ? "class path" : "class path (" + location + ")";
    }

    private static String location(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return null;
            }
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
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
            out.addAll(call(p, where, "exchange " + exchange.ispi(), sink -> p.plugin().analyze(exchange, sink)));
        }
        return out;
    }

    /** Runs the {@link EndOfCaptureHook} of every plugin that has one. */
    public List<Finding> endOfCapture(List<ExchangeView> exchanges) {
        List<ExchangeView> all = List.copyOf(exchanges);
        List<Finding> out = new ArrayList<>();
        for (LoadedPlugin p : plugins) {
            if (p.plugin() instanceof EndOfCaptureHook hook) {
                out.addAll(call(p, List.of(), "the end of the capture", sink -> hook.endOfCapture(all, sink)));
            }
        }
        return out;
    }

    /** What a plugin call does with its sink. */
    private interface Call {
        void run(FindingSink sink);
    }

    private List<Finding> call(LoadedPlugin p, List<Long> evidence, String what, Call body) {
        int timedOut = timeouts.getOrDefault(p.id(), 0);
        if (timedOut >= MAX_TIMEOUTS) {
            return List.of(meta(p, PLUGIN_TIMEOUT, "Plugin " + p.id() + " skipped: it overran its time limit "
                    + timedOut + " times", "ikescope stopped calling plugin " + p.id() + " after it exceeded its "
                    + millis() + " ms limit " + MAX_TIMEOUTS + " times in this run; its diagnoses of " + what
                    + " are missing.", evidence));
        }
        Collector sink = new Collector(p.id());
        ClassLoader pluginLoader = p.plugin().getClass().getClassLoader();
        Future<?> f = worker().submit(() -> {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(pluginLoader);
            try {
                body.run(sink);
            } finally {
                t.setContextClassLoader(before);
            }
            return null;
        });
        try {
            f.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return sink.close();
        } catch (TimeoutException e) {
            f.cancel(true);
            abandonWorker();
            timeouts.merge(p.id(), 1, Integer::sum);
            List<Finding> out = sink.close();
            out.add(meta(p, PLUGIN_TIMEOUT, "Plugin " + p.id() + " overran its " + millis() + " ms time limit",
                    "Plugin " + p.id() + " did not finish examining " + what + " within " + millis()
                            + " ms and was abandoned; its diagnoses of it are missing. Raise the limit with"
                            + " --plugin-timeout, or skip the plugin with --disable-plugin " + p.id() + ".",
                    evidence));
            return out;
        } catch (ExecutionException e) {
            List<Finding> out = sink.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            out.add(meta(p, PLUGIN_FAILED, "Plugin " + p.id() + " failed: " + cause.getClass().getSimpleName(),
                    "Plugin " + p.id() + " threw " + cause + where(cause) + " while examining " + what
                            + "; its diagnoses of it are missing. The analysis and the other plugins went on.",
                    evidence));
            return out;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while plugin " + p.id() + " ran", e);
        }
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

    private ExecutorService worker() {
        if (worker == null) {
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "ikescope-plugin-" + threadCount.incrementAndGet());
                // A plugin thread abandoned after a timeout must not keep the JVM alive.
                t.setDaemon(true);
                return t;
            };
            worker = Executors.newSingleThreadExecutor(tf);
        }
        return worker;
    }

    private void abandonWorker() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    /** Stops the worker and closes the plugin jars' class loaders. */
    @Override
    public void close() {
        abandonWorker();
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
    private static final class Collector implements FindingSink {
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

        synchronized List<Finding> close() {
            closed = true;
            return new ArrayList<>(findings);
        }
    }
}
