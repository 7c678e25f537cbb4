package org.ikescope.analyzer.plugins;

import java.util.AbstractList;
import java.util.List;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;

/**
 * The {@link Diagnostician} backed by plugins: each exchange's findings are the plugins'
 * findings, plugin by plugin in id order. (The dissector's diagnostics are already among the
 * exchange's own findings; plugins see them as {@link ExchangeView#diagnostics()}.)
 */
public final class PluginDiagnostician implements Diagnostician {
    private final PluginHost host;

    public PluginDiagnostician(PluginHost host) {
        this.host = host;
    }

    /** The host that runs the plugins. */
    public PluginHost host() {
        return host;
    }

    @Override
    public List<Finding> diagnose(Exchange exchange) {
        if (host.isEmpty()) {
            return List.of();
        }
        return host.analyze(ExchangeViews.of(exchange));
    }

    @Override
    public List<Finding> endOfTimeline(List<Exchange> emitted) {
        if (!host.wantsEndOfCapture()) {
            return List.of();
        }
        // Views made as they are read, not all at once: a plugin that walks the list keeps one at a time.
        // Each hook walks every exchange again and reads a few values of most: the views make the rest when asked.
        List<ExchangeView> views = new AbstractList<>() {
            @Override
            public ExchangeView get(int index) {
                return ExchangeViews.lazy(emitted.get(index));
            }

            @Override
            public int size() {
                return emitted.size();
            }
        };
        return host.endOfCapture(views);
    }

    @Override
    public void close() {
        host.close();
    }
}
