package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Suite;

/**
 * One quick mode (phase 2) under an IKE SA: one message ID.
 *
 * @param initiator               the side that sent QM1 (either peer may start one)
 * @param messages                QM1..QM3 and their retransmissions, in capture order
 * @param answeredByInformational frame of an informational from the other side that answered QM1, or 0
 * @param offered                 the proposals of QM1 (phase 2: ESP or AH, with their SPIs), when readable
 * @param chosen                  the proposal of QM2, when readable; else null
 * @param proxyIds                QM1's IDci and IDcr, when readable and present
 * @param answeredProxyIds        QM2's, likewise
 */
public record QuickMode(int messageId, Side initiator, List<ExchangeMessage> messages, QuickModeState state,
                        long answeredByInformational, List<Suite> offered, Suite chosen, List<ProxyId> proxyIds,
                        List<ProxyId> answeredProxyIds) {
    public QuickMode {
        messages = List.copyOf(messages);
        offered = List.copyOf(offered);
        proxyIds = List.copyOf(proxyIds);
        answeredProxyIds = List.copyOf(answeredProxyIds);
    }

    public String messageIdHex() {
        return IsakmpMessage.hex32(messageId);
    }
}
