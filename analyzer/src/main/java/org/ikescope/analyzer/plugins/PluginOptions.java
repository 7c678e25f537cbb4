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

    @Option(names = "--plugin-timeout", paramLabel = "MILLIS", description = "Per-exchange time limit of one plugin (default: ${DEFAULT-VALUE} ms).")
    public long timeoutMillis = PluginHost.DEFAULT_TIMEOUT.toMillis();

    /** The host configuration these options describe (the analyzer's class path plus {@code --plugin-path}). */
    public PluginHost.Config config() {
        if (timeoutMillis <= 0) {
            throw new PluginLoadException("--plugin-timeout: " + timeoutMillis + " (expected: milliseconds > 0)");
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
