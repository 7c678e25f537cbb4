package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.DeleteView;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.protocol.ProtocolId;
import org.ikescope.dissector.isakmp.DeleteBody;

/** One Delete payload of an informational, see {@link DeleteView}. */
public record Deletion(int protocolId, List<ImmutableBytes> spis) implements DeleteView {
    /** More SPIs than this in one payload are not kept (a flood must not exhaust the heap). */
    static final int MAX_SPIS = 16;

    public Deletion {
        spis = List.copyOf(spis);
    }

    static Deletion of(DeleteBody d) {
        List<ImmutableBytes> spis = new ArrayList<>(Math.min(d.spisFound(), MAX_SPIS));
        for (int i = 0; i < Math.min(d.spisFound(), MAX_SPIS); i++) {
            spis.add(ImmutableBytes.fromHex(d.spi(i)));
        }
        return new Deletion(d.protocolId(), spis);
    }

    /** {@code ESP 5f8f70e5}, {@code ISAKMP} (its SPI is the cookie pair). */
    public String describe() {
        String proto = ProtocolId.nameOf(protocolId).replace("PROTO_", "").replace("IPSEC_", "");
        if (protocolId == 1 || spis.isEmpty()) {
            return proto;
        }
        return proto + " " + String.join(" ", spis.stream().map(ImmutableBytes::hex).toList());
    }
}
