package org.ikescope.api.plugin;

/**
 * The version of the plugin API (this package).
 *
 * <p>Rule: a change that can break a compiled plugin (a removed or changed method, a new
 * abstract method in {@link DiagnosticPlugin} or a capability interface) raises {@link #MAJOR}
 * and resets {@link #MINOR}; an addition a plugin may start to use (a new view method, a new
 * default method, a new type) raises {@link #MINOR}. The host runs a plugin only when the plugin
 * was compiled for the same major version, and for a minor version no newer than the host's.
 *
 * <p>A plugin states the version it was compiled for with {@link PluginApi}, written as
 * {@code @PluginApi(major = ApiVersion.MAJOR)}: both fields are compile-time constants, so javac
 * copies their <em>values</em> into the plugin's class file. That is why the check works: the
 * number the host reads is the one of the API jar the plugin was compiled against, not the one
 * on the class path at run time.
 */
public final class ApiVersion {
    /** Major version: plugins compiled for another major version are refused. */
    public static final int MAJOR = 1;
    /**
     * Minor version: additions since the major version was introduced. 1.1:
     * {@link PayloadView#bodyAvailable()}; {@link NatView#behindNat(Side)} and the NAT-D verdicts
     * beside it.
     */
    public static final int MINOR = 1;

    private ApiVersion() {
    }

    /** {@code MAJOR.MINOR}, e.g. {@code 1.0}. */
    public static String string() {
        return MAJOR + "." + MINOR;
    }
}
