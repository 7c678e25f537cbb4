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

    /** {@code 10.1.0.0/255.255.255.0}, with {@code proto 6 port 443} when not any. */
    public String describe() {
        StringBuilder sb = new StringBuilder(value);
        if (protocolId != 0) {
            sb.append(" proto ").append(protocolId);
        }
        if (port != 0) {
            sb.append(" port ").append(port);
        }
        return sb.toString();
    }
}
