package org.ikescope.dissector.crypto;

import java.security.MessageDigest;
import org.ikescope.api.protocol.IkeHashAlgorithm;

/**
 * The NAT-D hash of RFC 3947 section 3.2, with the phase-1 SA's negotiated hash algorithm:
 *
 * <pre>
 * HASH = HASH(CKY-I | CKY-R | IP | Port)
 * </pre>
 *
 * IP 4 or 16 bytes and Port 2 bytes, network order. "The first NAT-D payload contains the remote
 * end's IP address and port (i.e., the destination address of the UDP packet). The remaining NAT-D
 * payloads contain possible local-end IP addresses and ports (i.e., all possible source addresses
 * of the UDP packet)." Draft NAT-T (payload 130, and 15 in drafts 04-08) uses the same hash.
 */
public final class NatDiscoveryHash {
    private NatDiscoveryHash() {
    }

    /**
     * HASH(CKY-I | CKY-R | IP | Port).
     *
     * @param address 4 (IPv4) or 16 (IPv6) bytes, network order
     * @return the hash, or null when the JDK has no digest for {@code alg} (Tiger, unknown)
     */
    public static byte[] of(IkeHashAlgorithm alg, long initiatorCookie, long responderCookie, byte[] address, int port) {
        MessageDigest md = IkeHash.digest(alg);
        if (md == null) {
            return null;
        }
        byte[] in = new byte[16 + address.length + 2];
        for (int i = 0; i < 8; i++) {
            in[i] = (byte) (initiatorCookie >>> (56 - 8 * i));
            in[8 + i] = (byte) (responderCookie >>> (56 - 8 * i));
        }
        System.arraycopy(address, 0, in, 16, address.length);
        in[16 + address.length] = (byte) (port >>> 8);
        in[17 + address.length] = (byte) port;
        return md.digest(in);
    }
}
