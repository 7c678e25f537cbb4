package org.ikescope.analyzer.analysis;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.Finding;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * Receives the results of an {@link Analysis} in order: exchanges as they are emitted (already
 * diagnosed), a wordlist search's result when there was one, then the end. The reports of
 * {@code ikescope analyze} are sinks; so is anything that embeds the analysis (a test, a
 * benchmark, a live capture, a cluster job).
 */
public interface AnalysisSink {
    /** One emitted exchange (already diagnosed). */
    void exchange(Exchange exchange) throws IOException;

    /**
     * What searching the wordlist ({@code --psk-wordlist}) for the aggressive-mode HASHes found,
     * after the last exchange and before {@link #end}; called only when a wordlist was given.
     */
    default void pskWordlist(PskWordlistSearch.Result result) throws IOException {
    }

    /**
     * The end of the analysis.
     *
     * @param findings cross-exchange findings and problems of frames outside any exchange
     * @param stats    counters (frame stats, then tracker stats)
     * @param errors   one line per damaged or unreadable file
     */
    void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) throws IOException;
}
