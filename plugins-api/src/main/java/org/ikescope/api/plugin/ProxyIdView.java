package org.ikescope.api.plugin;

import org.ikescope.api.protocol.IdType;

/**
 * One proxy ID of a quick mode (RFC 2409 section 5.5: IDci or IDcr, the traffic selector the ASA
 * calls "local ident" and "remote ident" in {@code show crypto ipsec sa}): an IKEv1 ID payload
 * of an address, subnet or range, with protocol and port.
 *
 * @since 2.1
 */
public interface ProxyIdView {
    /** ID Type (IKEv1 {@link IdType}): ID_IPV4_ADDR, ID_IPV4_ADDR_SUBNET, ID_IPV4_ADDR_RANGE, IPv6 alike. */
    int type();

    default String typeName() {
        return IdType.nameOf(type());
    }

    /** The selector as text: {@code 10.1.0.0/255.255.255.0}, {@code 10.1.0.1-10.1.0.9}, an address, or hex. */
    String value();

    /** IP protocol (0 = any). */
    int protocolId();

    /** Port (0 = any). */
    int port();

    /**
     * {@code 10.1.0.0/255.255.255.0}, with {@code proto 6 port 443} when not any.
     *
     * @since 2.1
     */
    default String describe() {
        StringBuilder sb = new StringBuilder(value());
        if (protocolId() != 0) {
            sb.append(" proto ").append(protocolId());
        }
        if (port() != 0) {
            sb.append(" port ").append(port());
        }
        return sb.toString();
    }
}
