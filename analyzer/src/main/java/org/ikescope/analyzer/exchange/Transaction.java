package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/** One transaction exchange (mode-config, XAUTH; exchange type 6): its messages by message ID. */
public record Transaction(int messageId, List<ExchangeMessage> messages) {
    public Transaction {
        messages = List.copyOf(messages);
    }

    public String messageIdHex() {
        return IsakmpMessage.hex32(messageId);
    }
}
