package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.Side;

/**
 * A notification (N payload) seen in clear or decrypted.
 *
 * @param type      Notify Message Type (IKEv1 or IKEv2 registry, see {@link #ikev2()})
 * @param ikev2     an IKEv2 notification
 * @param frame     the frame of the message that carried it
 * @param from      the side that sent it
 * @param encrypted the message travelled encrypted (and was decrypted)
 * @param messageId Message ID of that message
 */
public record Notification(int type, boolean ikev2, long frame, Side from, boolean encrypted, int messageId)
        implements NotificationView {
}
