package org.ikescope.api.plugin;

import java.util.List;

/**
 * Optional capability of a {@link DiagnosticPlugin}: a look at all exchanges of a capture at its
 * end, for diagnoses that span exchanges (the same peers flapping, two peers initiating to each
 * other at once, a policy accepted in one exchange and refused in another).
 *
 * <p>"Capture" means one timeline: each input file, or all files together with {@code --merge}.
 * The call has the same time limit and failure handling as {@link DiagnosticPlugin#analyze}.
 * Findings reported here belong to no single exchange: cite the frames of every exchange
 * involved in their evidence.
 */
public interface EndOfCaptureHook {
    /**
     * Called once at the end of each timeline, after every {@link DiagnosticPlugin#analyze} call
     * for it.
     *
     * @param exchanges every exchange of the timeline, in the order they were emitted (the
     *                  analyzer may cap this list on very large captures to bound its memory)
     * @param sink      where findings go
     */
    void endOfCapture(List<ExchangeView> exchanges, FindingSink sink);
}
