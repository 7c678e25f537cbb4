package org.ikescope.dissector.session;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.model.FragmentsLost;

/**
 * A set of IKE fragments (payload 132) of one message that never completed.
 *
 * @param session    the IKE SA's session
 * @param from       the side that sent the fragments
 * @param fragmentId the Fragment ID the fragments share
 * @param frames     frames of the fragments received, ascending
 * @param numbers    their fragment numbers, ascending
 * @param lastNumber the number of the fragment flagged last, or 0 when it never came
 * @param firstNanos capture time of the first fragment received
 * @param lastNanos  capture time of the last fragment received
 * @param src        sender of the first fragment received
 * @param dst        its receiver
 * @param bytes      fragment data bytes received
 * @param reason     why the set was given up
 */
public record IncompleteIkeFragments(SaSession session, Side from, int fragmentId, List<Long> frames,
                                     List<Integer> numbers, int lastNumber, long firstNanos, long lastNanos,
                                     Endpoint src, Endpoint dst, int bytes, FragmentsLost reason) {
    public IncompleteIkeFragments {
        frames = List.copyOf(frames);
        numbers = List.copyOf(numbers);
    }
}
