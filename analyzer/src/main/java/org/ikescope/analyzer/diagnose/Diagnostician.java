package org.ikescope.analyzer.diagnose;

import java.util.List;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.Finding;

/**
 * The seam between exchange reconstruction and diagnosis: the analyzer asks for the findings of
 * each exchange when it emits it, and for cross-exchange findings at the end of a timeline. The
 * plugin host implements it; {@link #NONE} finds nothing.
 */
public interface Diagnostician extends AutoCloseable {
    Diagnostician NONE = new Diagnostician() {
        @Override
        public List<Finding> diagnose(Exchange exchange) {
            return List.of();
        }
    };

    /** Findings for one exchange; called once, when the exchange is emitted. */
    List<Finding> diagnose(Exchange exchange);

    /**
     * Findings that concern several exchanges (e.g. the same peers flapping), at the end of a
     * timeline. {@code emitted} holds every exchange emitted in it (memory permitting; see the
     * analyzer's caps). Each finding's evidence names its frames.
     */
    default List<Finding> endOfTimeline(List<Exchange> emitted) {
        return List.of();
    }

    @Override
    default void close() {
    }
}
