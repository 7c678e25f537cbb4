package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.dissector.model.Endpoint;

/**
 * A set of IKE fragments (payload 132) of one message that never completed.
 *
 * @param initiatorCookie the SA's initiator cookie
 * @param fragmentId      the Fragment ID the fragments share
 * @param frames          frames of the fragments received, ascending
 * @param numbers         their fragment numbers, ascending
 * @param lastNumber      the number of the fragment flagged last, or 0 when it never came
 * @param firstNanos      capture time of the first fragment received (0 when unknown)
 * @param lastNanos       capture time of the last fragment received (0 when unknown)
 * @param src             sender of the fragments (null when unknown)
 * @param dst             receiver (null when unknown)
 * @param bytes           fragment data bytes received
 * @param reason          {@link #EVICTED}, {@link #INVALID}, {@link #TIMEOUT} or {@link #PENDING}
 */
public record IncompleteIkeFragments(long initiatorCookie, int fragmentId, List<Long> frames, List<Integer> numbers,
                                     int lastNumber, long firstNanos, long lastNanos, Endpoint src, Endpoint dst,
                                     int bytes, String reason) {
    /** Pushed out by newer sets of the same SA, or with its SA context. */
    public static final String EVICTED = "evicted";
    /** A fragment number or size out of bounds ended the set. */
    public static final String INVALID = "invalid";
    public static final String TIMEOUT = "timeout";
    /** Still waiting when asked (the end of a capture). */
    public static final String PENDING = "pending";

    public IncompleteIkeFragments {
        frames = List.copyOf(frames);
        numbers = List.copyOf(numbers);
    }
}
