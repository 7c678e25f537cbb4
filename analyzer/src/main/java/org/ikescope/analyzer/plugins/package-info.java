/**
 * The plugin host: discovery of {@link org.ikescope.api.plugin.DiagnosticPlugin}s on the class
 * path and in {@code --plugin-path} jars, the API version check, selection, isolated execution
 * with a time limit, containment of what plugin code does outside its sink (standard streams,
 * exit attempts, memory: {@link org.ikescope.analyzer.plugins.Containment}), the trust check of
 * plugin directories, and the adapter from the analyzer's exchanges to the plugins' read-only
 * views.
 */
package org.ikescope.analyzer.plugins;
