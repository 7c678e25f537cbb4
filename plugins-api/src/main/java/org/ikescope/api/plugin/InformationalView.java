package org.ikescope.api.plugin;

import java.util.List;

/**
 * Read-only view of one informational exchange (delete, notify, DPD R-U-THERE/ACK). Without keys
 * an encrypted one shows only its size, direction, timing and whether it was answered.
 */
public interface InformationalView {
    /** Message ID (unsigned 32-bit; 0 for cleartext informationals in phase 1). */
    int messageId();

    /** Its messages, in capture order. */
    List<MessageView> messages();

    /** True when the other side sent a message with the same message ID (an answer). */
    boolean answered();

    /** Its readable notifications (cleartext, or decrypted). */
    List<NotificationView> notifications();
}
