package org.ikescope.analyzer.exchange;

import java.util.List;

/**
 * One transaction exchange (mode-config / XAUTH, one message ID).
 *
 * @param messageId Message ID
 * @param messages  its messages
 */
public record Transaction(int messageId, List<ExchangeMessage> messages) {
    public Transaction {
        messages = List.copyOf(messages);
    }

    public String messageIdHex() {
        return org.ikescope.dissector.isakmp.IsakmpMessage.hex32(messageId);
    }
}
