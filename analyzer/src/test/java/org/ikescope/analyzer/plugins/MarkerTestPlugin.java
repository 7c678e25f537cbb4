package org.ikescope.analyzer.plugins;

import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;

/**
 * The test plugin registered on the test class path (src/test/resources/META-INF/services).
 * Every analyzer test that loads plugins sees it, so it stays silent except on exchanges whose
 * initiator cookie is {@link #MARKER_ISPI}.
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class MarkerTestPlugin implements DiagnosticPlugin {
    static final String ID = "test.marker";
    static final String MARKER_ISPI = "7e57000000000000";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Test plugin: marks exchanges whose ispi is " + MARKER_ISPI;
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public void analyze(ExchangeView exchange, FindingSink sink) {
        if (exchange.ispi().equals(MARKER_ISPI)) {
            sink.report("test.marked", Severity.INFO, Confidence.CONFIRMED, "marked", "", "",
                    exchange.messages().isEmpty() ? 0 : exchange.messages().get(0).frame());
        }
    }
}
