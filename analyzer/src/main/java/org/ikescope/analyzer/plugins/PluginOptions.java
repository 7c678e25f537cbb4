package org.ikescope.analyzer.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.diagnose.Diagnostician;
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
    public long timeoutMillis = 2000;

    /** The diagnostician these options select. Filled in by the plugin host. */
    public Diagnostician create() {
        return Diagnostician.NONE;
    }
}
