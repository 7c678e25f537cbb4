package org.ikescope.dissector.crypto;

/** Octet-string helpers for the inputs of IKE's hashes and PRFs. */
final class Bytes {
    private Bytes() {
    }

    /** The concatenation of {@code parts}, in order. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A cookie (or any 64-bit field) as its 8 octets, network order. */
    static byte[] u64(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }

    /** A 32-bit field (a message ID) as its 4 octets, network order. */
    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Throws when {@code b} is null or empty; {@code what} names it in the message. */
    static byte[] required(byte[] b, String what) {
        if (b == null || b.length == 0) {
            throw new IllegalArgumentException(what + " is missing (null or empty)");
        }
        return b;
    }
}
