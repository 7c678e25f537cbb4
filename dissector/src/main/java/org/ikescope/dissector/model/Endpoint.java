package org.ikescope.dissector.model;

import java.util.Arrays;

/** An IP address and UDP port. Immutable (the address array is never exposed). */
public final class Endpoint {
    private final byte[] address;
    private final int port;
    private final int hash;

    public Endpoint(byte[] address, int port) {
        this(address.clone(), port, true);
    }

    private Endpoint(byte[] owned, int port, boolean unused) {
        this.address = owned;
        this.port = port;
        this.hash = Arrays.hashCode(owned) * 31 + port;
    }

    /** An endpoint that keeps {@code address} itself: the caller hands the array over and never changes it. */
    public static Endpoint adopt(byte[] address, int port) {
        return new Endpoint(address, port, true);
    }

    public String ip() {
        return Addresses.format(address);
    }

    /** The address's length in bytes: 4 (IPv4) or 16 (IPv6). */
    public int addressLength() {
        return address.length;
    }

    /** Byte {@code i} of the address as 0..255 (no copy made). */
    public int addressByte(int i) {
        return address[i] & 0xff;
    }

    public int port() {
        return port;
    }

    public byte[] address() {
        return address.clone();
    }

    /** True when this endpoint's address is {@code other} (no copy made). */
    public boolean hasAddress(byte[] other) {
        return Arrays.equals(address, other);
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
