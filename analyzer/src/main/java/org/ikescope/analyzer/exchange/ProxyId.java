package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.ProxyIdView;
import org.ikescope.dissector.isakmp.IdBody;

/**
 * A quick mode's proxy ID (IDci or IDcr), see {@link ProxyIdView}.
 *
 * @param value the selector as text, or the identification data as hex when it could not be decoded
 */
public record ProxyId(int type, String value, int protocolId, int port) implements ProxyIdView {
    static ProxyId of(IdBody id) {
        return new ProxyId(id.type(), id.value() != null ? id.value() : id.dataHex(), id.protocolId(), id.port());
    }
}
