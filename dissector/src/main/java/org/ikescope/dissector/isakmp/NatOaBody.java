package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.IdType;
import org.ikescope.dissector.describe.FieldSink;

/**
 * A NAT-OA payload body (RFC 3947 section 5.2; draft payload 131 and, in draft-era phase 1, 16).
 *
 * <pre>
 * !   ID Type     !   RESERVED    !            RESERVED           !
 * ~           IPv4 (4 octets) or IPv6 address (16 octets)         ~
 * </pre>
 *
 * @param idType  ID_IPV4_ADDR (1) or ID_IPV6_ADDR (5)
 * @param address the original address, or null when the body has the wrong length
 */
public record NatOaBody(int idType, String address) implements PayloadBody {
    @Override
    public String key() {
        return "natOa";
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "ID type", idType, IdType.nameOf(idType));
        if (address == null) {
            out.nullValue("address", "Original address");
        } else {
            out.string("address", "Original address", address);
        }
    }
}
