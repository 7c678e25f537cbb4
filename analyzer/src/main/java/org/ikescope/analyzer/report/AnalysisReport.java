package org.ikescope.analyzer.report;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.Finding;

/** Receives the results of an analysis in order: exchanges as emitted, then the end. */
public interface AnalysisReport {
    /** One emitted exchange (already diagnosed). */
    void exchange(Exchange exchange) throws IOException;

    /**
     * The end of the analysis.
     *
     * @param findings cross-exchange findings and problems of frames outside any exchange
     * @param stats    counters (frame stats, then tracker stats)
     * @param errors   one line per damaged or unreadable file
     */
    void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) throws IOException;
}
