package org.ikescope.analyzer.exchange;

import java.util.Locale;

/** Why the tracker emitted an exchange record. */
public enum CloseReason {
    /** Nothing new for the idle timeout (capture time). */
    IDLE,
    /** Its IKE SA was seen deleted (and the grace for the peer's last words passed). */
    DELETED,
    /** The capture (timeline) ended. */
    END,
    /** More SAs were open than the cap allows: the least recently active went. */
    CAP;

    /** The labels, made once (one is written per exchange). */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** {@code idle}, {@code deleted}, {@code end} or {@code cap}, as written in output. */
    public String label() {
        return label;
    }
}
