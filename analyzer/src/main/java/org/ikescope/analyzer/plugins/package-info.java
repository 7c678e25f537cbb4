/**
 * The plugin host: discovery of {@link org.ikescope.api.plugin.DiagnosticPlugin}s on the class
 * path and in {@code --plugin-path} jars, the API version check, selection, isolated execution
 * with a time limit, and the adapter from the analyzer's exchanges to the plugins' read-only
 * views.
 */
package org.ikescope.analyzer.plugins;
