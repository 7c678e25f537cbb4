package org.ikescope.analyzer.exchange;

/**
 * How much of time the capture covers around an exchange: the capture time of the timeline's
 * first frame, and of the last frame read when the exchange was emitted (at the end of the
 * capture, its last frame; for an exchange emitted earlier, a frame at least the idle timeout
 * after its last message). Every frame counts, not only IKE: ARP and other traffic show that the
 * capture was still running.
 *
 * @param firstFrameNanos capture time of the timeline's first frame
 * @param lastFrameNanos  capture time of the last frame read when the exchange was emitted
 * @param timed           false when the window says nothing: several frames, all with one
 *                        timestamp (some test captures have all zero), or no frames seen
 */
public record CaptureWindow(long firstFrameNanos, long lastFrameNanos, boolean timed) {
    /** No frame clock (records made without a capture, e.g. by tests). */
    public static final CaptureWindow UNKNOWN = new CaptureWindow(0, 0, false);
}
