package org.ikescope.dissector.model;

import java.util.Arrays;
import org.ikescope.dissector.net.Addresses;

/** An IP address and UDP port. Immutable (the address array is never exposed). */
public final class Endpoint {
    private final byte[] address;
    private final int port;
    private final int hash;

    public Endpoint(byte[] address, int port) {
        this.address = address.clone();
        this.port = port;
        this.hash = Arrays.hashCode(address) * 31 + port;
    }

    public String ip() {
        return Addresses.format(address);
    }

    public int port() {
        return port;
    }

    public byte[] address() {
        return address.clone();
    }

    /** True when the addresses are equal (ports ignored). */
    public boolean sameHost(Endpoint o) {
        return Arrays.equals(address, o.address);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && Arrays.equals(e.address, address);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return address.length == 16 ? "[" + ip() + "]:" + port : ip() + ":" + port;
    }
}
