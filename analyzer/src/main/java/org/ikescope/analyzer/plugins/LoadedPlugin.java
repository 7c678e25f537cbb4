package org.ikescope.analyzer.plugins;

import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;

/**
 * A plugin the host accepted, with what {@code ikescope plugins} shows of it.
 *
 * @param id          {@link DiagnosticPlugin#id()}, read once at load time
 * @param version     {@link DiagnosticPlugin#version()}
 * @param description {@link DiagnosticPlugin#description()}
 * @param origin      where it came from: {@code built-in}, {@code class path (LOCATION)} or the jar's path
 * @param apiVersion  the plugin API version it was compiled for, {@code MAJOR.MINOR}
 * @param plugin      the instance
 */
public record LoadedPlugin(String id, String version, String description, String origin, String apiVersion,
                           DiagnosticPlugin plugin) {
    /** True when the plugin also looks at the whole capture at its end. */
    public boolean hasEndOfCaptureHook() {
        return plugin instanceof EndOfCaptureHook;
    }
}
