package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;

/**
 * IP or IKE fragments of one of the SA's datagrams or messages that never completed at the
 * capture point (from the dissector's {@link org.ikescope.dissector.IncompleteFragmentsEvent}).
 *
 * @param kind       {@code ip} or {@code ike}
 * @param from       the side that sent them
 * @param frames     frames of the fragments received
 * @param firstNanos capture time of the first fragment received
 * @param lastNanos  capture time of the last fragment received
 * @param bytes      bytes received
 * @param reason     why the dissector gave up: {@code timeout}, {@code evicted}, {@code oversize},
 *                   {@code invalid}, or {@code pending} (the capture ended)
 */
public record IncompleteFragmentSet(String kind, Side from, List<Long> frames, long firstNanos, long lastNanos,
                                    long bytes, String reason) {
    public IncompleteFragmentSet {
        frames = List.copyOf(frames);
    }
}
