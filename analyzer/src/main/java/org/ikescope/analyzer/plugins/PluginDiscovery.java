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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.PluginApi;

/**
 * Finds and checks plugins for the {@link PluginHost}: {@link ServiceLoader} on the class path
 * (the built-in diagnostics and anything the user put there), then every {@code *.jar} of each
 * {@code --plugin-path} directory, each jar in a class loader of its own whose parent is the
 * analyzer's, so two plugin jars never see each other's classes. Each provider's
 * {@link PluginApi} annotation is read before the class is instantiated; a plugin without it, or
 * built for another major API version (or a newer minor one), is refused with a warning and the
 * rest load. Two plugins with the same id stop the run ({@link PluginLoadException}). The
 * accepted plugins are ordered by id.
 */
final class PluginDiscovery {
    /** Provider errors reported per loader before the rest are skipped (a corrupt jar can list thousands). */
    private static final int MAX_PROVIDER_ERRORS = 1000;
    /** Names the class loader of each plugin jar ("plugin:x.jar"), which is how {@link Containment} tells plugin code on a stack. */
    static final String LOADER_PREFIX = "plugin:";

    private PluginDiscovery() {
    }

    /**
     * Discovers, checks and selects the plugins; the class loaders it opens for plugin jars are
     * added to {@code loaders} (the caller closes them).
     *
     * @param config  what to load
     * @param warn    receives one line per refused plugin or ignored option value
     * @param loaders receives the class loaders of the plugin jars
     * @throws PluginLoadException when two plugins share an id, a plugin directory is unusable, or
     *                             an {@code --only-plugin} id matches no plugin
     */
    static List<LoadedPlugin> select(PluginHost.Config config, Consumer<String> warn, List<URLClassLoader> loaders) {
        List<LoadedPlugin> found = new ArrayList<>();
        {
            if (config.classPath() != null) {
                discover(ServiceLoader.load(DiagnosticPlugin.class, config.classPath()), null, null, warn, found);
            }
            ClassLoader parent = PluginDiscovery.class.getClassLoader();
            for (Path dir : config.pluginPaths()) {
                for (Path jar : jars(dir)) {
                    String notAJar = notAJar(jar);
                    if (notAJar != null) {
                        warn.accept("plugin jar " + jar + ": not a jar (" + notAJar + "); skipped");
                        continue;
                    }
                    URLClassLoader loader = new URLClassLoader(LOADER_PREFIX + jar.getFileName(), new URL[] {url(jar)}, parent);
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
                    warn.accept("--disable-plugin: no plugin " + id + "; ignored" + (id.startsWith("builtin.") ? ""
                            : " (to leave out findings with code " + id + ", use --suppress " + id + ")"));
                }
            }
            List<LoadedPlugin> selected = byId.values().stream()
                    .filter(p -> config.only().isEmpty() || config.only().contains(p.id()))
                    .filter(p -> !config.disabled().contains(p.id()))
                    .sorted(Comparator.comparing(LoadedPlugin::id))
                    .toList();
            return selected;
        }
    }

    /**
     * A host running the given instances (tests, and embedding ikescope): the same version check,
     * duplicate check, ordering and isolation as {@link #load}, without discovery.
     *
     * @throws PluginLoadException when a plugin is refused or two share an id
     */
    static List<LoadedPlugin> instances(DiagnosticPlugin... instances) {
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
        return new ArrayList<>(byId.values());
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

    /** Why {@code jar} cannot be opened as a jar (zip) file, or null when it can. */
    private static String notAJar(Path jar) {
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
                // The constructor is plugin code: what it prints is captured, an exit attempt prevented.
                if (!PluginHost.BUILT_IN.equals(from)) {
                    Containment.beforeThirdPartyCode();
                }
                String key = type.getName();
                DiagnosticPlugin plugin = Containment.run(key, provider::get);
                if (plugin == null) {
                    warn.accept("plugin " + type.getName() + " (" + from + ") refused: its constructor tried to end the"
                            + " run (" + Containment.breaches().stream().filter(b -> b.startsWith("plugin " + key + " "))
                            .findFirst().orElse("prevented") + ")");
                    continue;
                }
                String id = Containment.run(key, plugin::id);
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
            return PluginHost.BUILT_IN;
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

}
