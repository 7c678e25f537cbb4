package org.ikescope.api.plugin;

/**
 * How far one quick mode (phase 2, one message ID) got, named after the steps that remain.
 *
 * @since 2.0
 */
public enum QuickModeState {
    /** QM1 sent, no QM2 seen. */
    QM_WAIT_MSG2,
    /** QM2 seen, no QM3. */
    QM_WAIT_MSG3,
    /** QM3 seen: the quick mode completed. */
    QM_DONE
}
