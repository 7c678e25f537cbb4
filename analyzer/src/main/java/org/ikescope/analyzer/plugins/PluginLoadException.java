package org.ikescope.analyzer.plugins;

/**
 * The plugin set cannot be used as asked (two plugins with the same id, a {@code --plugin-path}
 * that is not a directory, an {@code --only-plugin} id that no plugin has). The run stops with
 * exit code 2 and this message.
 */
public final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }
}
