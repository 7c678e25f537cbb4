package org.ikescope.analyzer.plugins;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.output.Terminal;
import picocli.CommandLine.Option;

/** Command-line options that select and limit diagnostic plugins (a picocli mixin). */
public final class PluginOptions {
    @Option(names = "--plugin-path", paramLabel = "DIR", description = "Load plugin jars from DIR (repeatable); each jar gets its own class loader.")
    public List<Path> pluginPaths = new ArrayList<>();

    @Option(names = "--disable-plugin", paramLabel = "ID", description = "Do not run plugin ID (repeatable).")
    public List<String> disabled = new ArrayList<>();

    @Option(names = "--only-plugin", paramLabel = "ID", description = "Run only plugin ID (repeatable).")
    public List<String> only = new ArrayList<>();

    @Option(names = "--trust-plugin-path", description = "Load plugins from a --plugin-path directory (or jar) that other users can write to. Without it such a directory is refused: anyone who can write there can run code as you.")
    public boolean trustPluginPath;

    @Option(names = "--plugin-timeout", paramLabel = "MILLIS", description = "Per-exchange time limit of one plugin (default: ${DEFAULT-VALUE} ms).")
    public long timeoutMillis = PluginHost.DEFAULT_TIMEOUT.toMillis();

    /** A day: longer is no limit at all, and a Duration of more than about 292 years overflows its nanoseconds. */
    public static final long MAX_TIMEOUT_MILLIS = 86_400_000L;

    /** The host configuration these options describe (the analyzer's class path plus {@code --plugin-path}). */
    public PluginHost.Config config() {
        if (timeoutMillis <= 0 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            throw new PluginLoadException("--plugin-timeout: " + timeoutMillis + " (expected: milliseconds, 1.."
                    + MAX_TIMEOUT_MILLIS + ")");
        }
        if (!trustPluginPath) {
            for (Path dir : pluginPaths) {
                String why = PluginPathTrust.untrusted(dir);
                if (why != null) {
                    throw new PluginLoadException("--plugin-path: " + dir + ": " + why + " (expected: a directory only you"
                            + " can write to; chmod o-w it, or pass --trust-plugin-path if every user who can write there"
                            + " may run code as you)");
                }
            }
        }
        return PluginHost.Config.defaults().withPluginPaths(pluginPaths).withDisabled(disabled).withOnly(only)
                .withTimeout(Duration.ofMillis(timeoutMillis));
    }

    /** Loads the selected plugins, warning about refused ones on {@code err}. */
    public PluginHost load(PrintStream err) {
        return PluginHost.load(config(), w -> err.println("ikescope: warning: " + Terminal.escape(w)));
    }

    /**
     * The diagnostician these options select, warning about refused plugins on standard error.
     * Close it at the end of the run.
     *
     * @throws PluginLoadException when the plugins cannot be used as asked (exit code 2)
     */
    public Diagnostician create() {
        return create(System.err);
    }

    /** {@link #create()} with warnings to {@code err}. */
    public Diagnostician create(PrintStream err) {
        return new PluginDiagnostician(load(err));
    }
}
