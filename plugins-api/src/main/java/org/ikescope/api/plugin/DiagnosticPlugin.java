package org.ikescope.api.plugin;

/**
 * A diagnostic: looks at one IKE exchange at a time and reports {@link Finding}s.
 *
 * <p>This is the whole SPI. Implementations are found with {@link java.util.ServiceLoader}: list
 * the class in {@code META-INF/services/org.ikescope.api.plugin.DiagnosticPlugin}, give it a
 * public no-argument constructor and annotate it with
 * {@code @PluginApi(major = ApiVersion.MAJOR)}. Optional capabilities are separate interfaces a
 * plugin may also implement ({@link EndOfCaptureHook}).
 *
 * <p>Contract with the host:
 * <ul>
 *   <li>one instance per run; {@link #analyze} is called once per exchange, from one thread at a
 *       time (not always the same thread), so a plugin may keep state between calls;</li>
 *   <li>each call has a time limit (2 s by default); a call that exceeds it is abandoned and
 *       becomes a {@code plugin.timeout} finding; a call that throws becomes {@code plugin.failed};
 *       either way the analysis goes on;</li>
 *   <li>the views are immutable and only valid as data: do not keep them beyond the capture;</li>
 *   <li>the host sets each finding's {@link Finding#source() source} to {@link #id()}.</li>
 * </ul>
 */
public interface DiagnosticPlugin {
    /**
     * Stable, unique id (lower-case, dotted or dashed, e.g. {@code example.slow-handshake}).
     * Used in {@code --disable-plugin}/{@code --only-plugin} and as the findings' source; two
     * plugins with the same id stop the run.
     */
    String id();

    /** One line saying what this plugin diagnoses. */
    String description();

    /**
     * Examines one exchange and reports what it finds to {@code sink}. Reporting nothing is the
     * normal case for a healthy exchange.
     *
     * @param exchange the exchange, its messages and everything tied to it (read-only)
     * @param sink     where findings go (write-only)
     */
    void analyze(ExchangeView exchange, FindingSink sink);

    /** The plugin's own version, shown by {@code ikescope plugins}. */
    default String version() {
        return "1";
    }
}
