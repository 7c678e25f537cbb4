package org.ikescope.api.plugin;

import java.util.List;
import java.util.OptionalLong;

/**
 * Read-only view of one informational exchange (delete, notify, DPD R-U-THERE/ACK). Without keys
 * an encrypted one shows only its size, direction, timing and whether it was answered.
 */
public interface InformationalView {
    /** Message ID (unsigned 32-bit; 0 for cleartext informationals in phase 1). */
    int messageId();

    /** Its messages, in capture order. */
    List<MessageView> messages();

    /**
     * True when the other side answered it: an R-U-THERE-ACK with its sequence number when both
     * were readable, else the other side's next informational soon after it.
     */
    boolean answered();

    /** Its readable notifications (cleartext, or decrypted). */
    List<NotificationView> notifications();

    /**
     * The Delete payloads it carried (readable only when in clear or decrypted).
     *
     * @since 2.1
     */
    default List<DeleteView> deletes() {
        return List.of();
    }

    /**
     * The RFC 3706 sequence number of its R-U-THERE or R-U-THERE-ACK notification, when it
     * carried one and was readable.
     *
     * @since 2.1
     */
    default OptionalLong dpdSequence() {
        return OptionalLong.empty();
    }
}
