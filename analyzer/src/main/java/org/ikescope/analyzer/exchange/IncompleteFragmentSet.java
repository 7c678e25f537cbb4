package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.FragmentSetView;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.model.FragmentsLost;

/**
 * IP or IKE fragments of this SA that never became a whole datagram or message at the capture
 * point (the message they carried is not among the exchange's messages).
 *
 * @param frames frames of the fragments received, in arrival order
 * @param bytes  bytes received
 * @param reason why the set was given up
 */
public record IncompleteFragmentSet(FragmentKind kind, Side from, List<Long> frames, long firstNanos, long lastNanos,
                                    long bytes, FragmentsLost reason) implements FragmentSetView {
    public IncompleteFragmentSet {
        frames = List.copyOf(frames);
    }

    @Override
    public boolean complete() {
        return false;
    }
}
