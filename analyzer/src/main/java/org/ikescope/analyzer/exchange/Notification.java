package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.Side;

/**
 * A notification seen in a message of the SA.
 *
 * @param type      notify type name ({@code NO_PROPOSAL_CHOSEN}, IKEv2 names for IKEv2)
 * @param code      notify message type code
 * @param frame     the message that carried it
 * @param from      who sent it
 * @param encrypted the message was encrypted (the notification was decrypted)
 */
public record Notification(String type, int code, long frame, Side from, boolean encrypted) {
}
