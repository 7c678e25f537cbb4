package org.ikescope.analyzer.report;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.exchange.Deletion;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.output.Names;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * What a ladder row says of a message's content, the same in the text and the HTML ladder:
 * {@code N(R_U_THERE seq 0x0000a1b2)}, {@code D(ESP 5f8f70e5)}, {@code 3 IP fragments},
 * {@code 2 IKE fragments}.
 */
final class MessageItems {
    private MessageItems() {
    }

    /**
     * @param info the informational exchange whose first copy is {@code m}, or null
     */
    static List<String> of(ExchangeMessage m, Informational info) {
        if (m.notifyTypes().isEmpty() && info == null && m.ipFragmentFrames().isEmpty() && m.ikeFragmentFrames().isEmpty()) {
            // Most messages: nothing to say, and no list made for it.
            return List.of();
        }
        List<String> items = new ArrayList<>(2);
        if (!m.notifyTypes().isEmpty()) {
            List<String> names = new ArrayList<>(m.notifyTypes().size());
            for (int t : m.notifyTypes()) {
                names.add(Names.notify(m.ikev2(), t));
            }
            if (info != null && info.dpdSequence() >= 0) {
                names.set(names.size() - 1, names.get(names.size() - 1) + " seq 0x" + IsakmpMessage.hex32((int) info.dpdSequence()));
            }
            items.add("N(" + String.join(", ", names) + ")");
        }
        if (info != null && !m.isRetransmission() && !info.deletions().isEmpty()) {
            items.add("D(" + String.join(", ", info.deletions().stream().map(Deletion::describe).toList()) + ")");
        }
        if (!m.ipFragmentFrames().isEmpty()) {
            items.add(m.ipFragmentFrames().size() + " IP fragments");
        }
        if (!m.ikeFragmentFrames().isEmpty()) {
            items.add(m.ikeFragmentFrames().size() + " IKE fragments");
        }
        return items;
    }
}
