package org.ikescope.api.plugin;

/** Read-only view of one notification (N payload) seen in an exchange. */
public interface NotificationView {
    /**
     * Notify message type (see {@link org.ikescope.api.protocol.NotifyType}); -1 when the
     * notification travelled encrypted and was not decrypted.
     */
    int type();

    /** Registry name of {@link #type()} ({@code NO_PROPOSAL_CHOSEN}, {@code R_U_THERE}, ...), or {@code unknown}. */
    String name();

    /** Frame of the message that carried it. */
    long frame();

    /** The side that sent it. */
    Side from();

    /** True when it travelled encrypted. */
    boolean encrypted();

    /** Message ID of the carrying message (0 in phase 1). */
    int messageId();
}
