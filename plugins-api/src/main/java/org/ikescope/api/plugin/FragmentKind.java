package org.ikescope.api.plugin;

import java.util.Locale;

/**
 * The kind of a fragment set that never completed.
 *
 * @since 2.0
 */
public enum FragmentKind {
    /** IP fragments (RFC 791, RFC 8200 section 4.5). */
    IP,
    /** IKE fragments (Cisco payload 132, RFC 7383). */
    IKE;

    /** {@link #label()}, made once (output writes one per message). */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** {@code ip} or {@code ike}, as written in output. */
    public String label() {
        return label;
    }
}
