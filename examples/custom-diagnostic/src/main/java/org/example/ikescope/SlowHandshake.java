package org.example.ikescope;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;

/**
 * {@code example.slow-handshake}: phase 1 completed, but took longer than a threshold (default
 * 5 seconds; the system property {@code example.slow-handshake.seconds} changes it, e.g.
 * {@code JAVA_TOOL_OPTIONS=-Dexample.slow-handshake.seconds=1}).
 *
 * <p>The annotation records the API version this class is compiled against: javac copies the
 * value of {@code ApiVersion.MAJOR} into this class file, and ikescope refuses the plugin if its
 * own API has another major version.
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class SlowHandshake implements DiagnosticPlugin {
    /** The threshold when the system property is not set. */
    static final long DEFAULT_SECONDS = 5;

    /** ServiceLoader needs a public no-argument constructor. */
    public SlowHandshake() {
    }

    @Override
    public String id() {
        return "example.slow-handshake";
    }

    @Override
    public String description() {
        return "Phase 1 completed, but took longer than " + thresholdSeconds() + " s";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void analyze(ExchangeView exchange, FindingSink sink) {
        OptionalLong took = exchange.timeToActiveNanos();
        long limitSeconds = thresholdSeconds();
        if (took.isEmpty() || took.getAsLong() <= limitSeconds * 1_000_000_000L) {
            return; // not completed (other diagnostics explain why), or fast enough
        }
        // Evidence: the first message and the phase-1 messages that were retransmitted.
        List<Long> frames = new ArrayList<>();
        int retransmissions = 0;
        for (MessageView m : exchange.messages()) {
            if (frames.isEmpty()) {
                frames.add(m.frame());
            }
            if (m.isRetransmission() && m.messageId() == 0) {
                frames.add(m.frame());
                retransmissions++;
            }
        }
        String duration = String.format(java.util.Locale.ROOT, "%.3f s", took.getAsLong() / 1e9);
        sink.report(Finding.of("example.slow-handshake", Severity.INFO, Confidence.CONFIRMED)
                .title("Phase 1 took " + duration + " (more than " + limitSeconds + " s)")
                .explanation(String.format("Phase 1 between %s and %s needed %s from the first message to %s."
                                + " %s", exchange.initiator().ip(), exchange.responder().ip(), duration,
                        exchange.mode() == ExchangeMode.AGGRESSIVE ? Phase1State.AM_ACTIVE : Phase1State.MM_ACTIVE,
                        retransmissions > 0 ? retransmissions + " retransmission(s) suggest packet loss."
                                : "No retransmissions: one of the peers was slow to answer (CPU, CRL or DNS lookups)."))
                .remediation("Check the path for loss (show crypto isakmp stats; ping with DF set), and the peers' load.")
                .evidence(frames)
                .build());
    }

    private static long thresholdSeconds() {
        return Long.getLong("example.slow-handshake.seconds", DEFAULT_SECONDS);
    }
}
