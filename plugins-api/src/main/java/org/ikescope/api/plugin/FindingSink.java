package org.ikescope.api.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * Write-only destination of a plugin's findings. The host fills in the
 * {@link Finding#source() source}; whatever a plugin writes there is replaced by its id.
 */
@FunctionalInterface
public interface FindingSink {
    /** Reports one finding. */
    void report(Finding finding);

    /**
     * Reports a finding built from its parts.
     *
     * @param code        stable dotted code, e.g. {@code example.slow-handshake}
     * @param severity    how bad
     * @param confidence  how sure
     * @param title       one line
     * @param explanation what the evidence means
     * @param remediation what to check on the devices
     * @param evidence    frame numbers that show it
     */
    default void report(String code, Severity severity, Confidence confidence, String title, String explanation,
                        String remediation, long... evidence) {
        List<Long> frames = new ArrayList<>(evidence.length);
        for (long f : evidence) {
            frames.add(f);
        }
        report(Finding.of(code, severity, confidence).title(title).explanation(explanation)
                .remediation(remediation).evidence(frames).build());
    }
}
