package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;

/**
 * One quick mode exchange (one message ID) of an IKE SA.
 *
 * @param messageId  Message ID
 * @param initiator  who sent QM1 (either side may start a quick mode)
 * @param messages   its messages, retransmissions included
 * @param state      {@code QM_WAIT_MSG2} (QM1 unanswered, or answered only by an informational),
 *                   {@code QM_WAIT_MSG3} (QM2 seen, no QM3), {@code QM_DONE} (QM3 seen)
 * @param answeredByInformational frame of an informational from the other side that answered QM1
 *                   instead of QM2 (typically a rejection: what it says is known only once decrypted), or 0
 */
public record QuickMode(int messageId, Side initiator, List<ExchangeMessage> messages, String state,
                        long answeredByInformational) {
    public QuickMode {
        messages = List.copyOf(messages);
    }

    public String messageIdHex() {
        return org.ikescope.dissector.isakmp.IsakmpMessage.hex32(messageId);
    }
}
