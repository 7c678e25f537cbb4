/**
 * The plugin API: everything a diagnostic plugin compiles against.
 *
 * <ul>
 *   <li>the SPI: {@link org.ikescope.api.plugin.DiagnosticPlugin} (id, description,
 *       analyze(exchange, sink)) and the optional capability
 *       {@link org.ikescope.api.plugin.EndOfCaptureHook};</li>
 *   <li>the version: {@link org.ikescope.api.plugin.ApiVersion} and the
 *       {@link org.ikescope.api.plugin.PluginApi} annotation every plugin carries;</li>
 *   <li>what a plugin writes: {@link org.ikescope.api.plugin.Finding} through a write-only
 *       {@link org.ikescope.api.plugin.FindingSink};</li>
 *   <li>what a plugin reads: immutable {@code *View} interfaces over an exchange, rooted at
 *       {@link org.ikescope.api.plugin.ExchangeView}, and
 *       {@link org.ikescope.api.plugin.ImmutableBytes}.</li>
 * </ul>
 *
 * <p>This package depends on nothing but the JDK and {@code org.ikescope.api.protocol}. See
 * {@code PLUGINS.md} for a guide.
 */
package org.ikescope.api.plugin;
