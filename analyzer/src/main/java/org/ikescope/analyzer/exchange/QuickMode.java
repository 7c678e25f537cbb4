package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * One quick mode (phase 2) under an IKE SA: one message ID.
 *
 * @param initiator               the side that sent QM1 (either peer may start one)
 * @param messages                QM1..QM3 and their retransmissions, in capture order
 * @param answeredByInformational frame of an informational from the other side that answered QM1, or 0
 */
public record QuickMode(int messageId, Side initiator, List<ExchangeMessage> messages, QuickModeState state,
                        long answeredByInformational) {
    public QuickMode {
        messages = List.copyOf(messages);
    }

    public String messageIdHex() {
        return IsakmpMessage.hex32(messageId);
    }
}
