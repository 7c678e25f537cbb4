package org.ikescope.dissector.session;

import java.util.Arrays;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.model.Addresses;

/**
 * What identifies an IKE SA in a capture: the initiator cookie (IKEv2: SPIi) and the initiator's
 * address. The responder cookie is not part of it: the first message carries none, and a message
 * that arrives mid-exchange with a zero or different one stays with its SA; the ports are not
 * either, since they change (the float to 4500, NAT mappings). Immutable.
 */
public final class SaKey {
    private final long initiatorCookie;
    private final byte[] address;
    private final int hash;

    /** @param address the initiator's address, 4 or 16 bytes; not copied (callers pass a private copy) */
    SaKey(long initiatorCookie, byte[] address) {
        this.initiatorCookie = initiatorCookie;
        this.address = address;
        this.hash = Long.hashCode(initiatorCookie) * 31 + Arrays.hashCode(address);
    }

    public long initiatorCookie() {
        return initiatorCookie;
    }

    /** True when {@code other} is the same address as this key's (no copy made). */
    boolean sameAddress(byte[] other) {
        return Arrays.equals(address, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaKey k && k.initiatorCookie == initiatorCookie && Arrays.equals(k.address, address);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return IsakmpMessage.hex64(initiatorCookie) + "@" + Addresses.format(address);
    }
}
