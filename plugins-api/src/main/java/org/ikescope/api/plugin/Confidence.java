package org.ikescope.api.plugin;

/** How sure a finding is, given what the capture can show. */
public enum Confidence {
    /** Other explanations fit the evidence equally well. */
    POSSIBLE,
    /** The usual explanation of this evidence; one other cause remains conceivable. */
    LIKELY,
    /** Proven by the evidence (e.g. a decrypted notification, or key material). */
    CONFIRMED;

    /** {@link #label()}, made once (output writes one per message). */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name as written in output. */
    public String label() {
        return label;
    }
}
