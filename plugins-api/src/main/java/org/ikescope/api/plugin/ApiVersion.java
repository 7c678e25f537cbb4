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
    public static final int MAJOR = 2;
    /**
     * Minor version: additions since the major version was introduced. 2.0 (typed values end to
     * end): modes, states, steps, quick-mode states, NAT-D results and fragment kinds are enums
     * ({@link ExchangeMode}, {@link Phase1State}, {@link Step}, {@link QuickModeState},
     * {@link NatDiscoveryResult}, {@link FragmentKind}); registry names are derived from codes
     * ({@link NotificationView#ikev2()}, {@link IdentityView#ikev2()},
     * {@link PayloadView#payloadType()}); {@link ProposalView} has {@code integrity} and
     * {@code prf} apart from the IKEv1 {@code hash}; NAT-T vendor IDs are {@link VendorIdView}s;
     * {@link ExchangeView#stateInferred()} and {@link QuickModeView#initiator()} are new.
     *
     * <p>2.1: the capture's window, {@link ExchangeView#captureStartNanos()} and
     * {@link ExchangeView#captureEndNanos()} (default methods: views written for 2.0 compile
     * and answer "unknown"); what a Cisco ASA shows for a finding, {@link AsaLines} in
     * {@link Finding#asa()} and {@link Finding.Builder#asa(AsaLines)} (the 2.0 constructor of
     * {@link Finding} stays); {@link ExchangeView#decryption()} ({@link DecryptionView}); quick
     * modes' proposals and proxy IDs ({@link QuickModeView#proxyIds()}, {@link ProxyIdView});
     * informationals' deletes and DPD sequence numbers ({@link InformationalView#deletes()},
     * {@link DeleteView}); which PSK candidate each side used ({@link DecryptionView#initiatorPsk()});
     * {@link ProposalView#describe()} and {@link ProxyIdView#describe()}.
     */
    public static final int MINOR = 1;

    private ApiVersion() {
    }

    /** {@code MAJOR.MINOR}, e.g. {@code 1.0}. */
    public static String string() {
        return MAJOR + "." + MINOR;
    }
}
