package org.ikescope.api.plugin;

/** How bad a finding is. Ordered from least to most severe. */
public enum Severity {
    /** Worth knowing; nothing is broken. */
    INFO,
    /** Works, but weak or fragile (weak crypto, retransmissions, exposed aggressive-mode hash). */
    WARNING,
    /** Something failed: the tunnel (or a phase of it) did not come up, or data was lost. */
    ERROR;

    /** {@link #label()}, made once (output writes one per message). */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name as written in output and on the command line. */
    public String label() {
        return label;
    }

    /** Parses {@code error}, {@code warning} or {@code info} (case-insensitive). */
    public static Severity parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
