package org.ikescope.dissector.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.BytesBody;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.model.Addresses;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;

/**
 * RFC 3947 NAT-D hashes recomputed from the captured addresses match what strongSwan sent (no NAT
 * between the lab peers; the {@code -esp} captures are left out: kernel-libipsec sends a made-up
 * hash of its own address on purpose, to force UDP encapsulation).
 */
class NatDiscoveryHashTest {
    @Test
    void strongSwansNatDHashesOfMm3AndMm4() throws IOException {
        for (String capture : List.of("lab/mm-aes128-sha1-modp1024.pcap", "lab/mm-aes192-sha512-modp1536.pcap",
                "lab/mm-ipv6.pcap")) {
            List<MessageEvent> natD = new ArrayList<>();
            Dissector d = new Dissector(Dissector.Options.defaults());
            try (PacketSource src = Captures.open(TestCaptures.path(capture).toString())) {
                d.run(src, new DissectionListener() {
                    @Override
                    public void message(MessageEvent e) {
                        if (e.message().payloads().stream().anyMatch(p -> p.is(PayloadType.NAT_D))) {
                            natD.add(e);
                        }
                    }
                });
            }
            assertEquals(2, natD.size(), capture + ": MM3 and MM4");
            for (MessageEvent e : natD) {
                IkeHashAlgorithm alg = e.session().phase1Hash();
                List<byte[]> hashes = e.message().payloads().stream().filter(p -> p.is(PayloadType.NAT_D))
                        .map(Payload::body).map(b -> Arrays.copyOfRange(((BytesBody) b).message(), ((BytesBody) b).from(),
                                ((BytesBody) b).to())).toList();
                long i = e.message().initiatorCookie();
                long r = e.message().responderCookie();
                // The first is the receiver's address and port, the second the sender's own.
                assertArrayEquals(NatDiscoveryHash.of(alg, i, r, e.dst().address(), e.dst().port()), hashes.get(0), capture);
                assertArrayEquals(NatDiscoveryHash.of(alg, i, r, e.src().address(), e.src().port()), hashes.get(1), capture);
            }
        }
    }

    private static final long CKY_I = 0x0123456789abcdefL;
    private static final long CKY_R = 0xfedcba9876543210L;

    /** HASH(CKY-I | CKY-R | IP | Port), built here straight from the RFC's formula. */
    private static byte[] rfc3947(String jdkDigest, long ckyI, long ckyR, String ip, int port) throws Exception {
        byte[] address = Addresses.parse(ip);
        ByteBuffer in = ByteBuffer.allocate(8 + 8 + address.length + 2);
        in.putLong(ckyI).putLong(ckyR).put(address).putShort((short) port);
        return MessageDigest.getInstance(jdkDigest).digest(in.array());
    }

    @Test
    void hashFollowsTheRfcFormula() throws Exception {
        byte[] v4 = NatDiscoveryHash.of(IkeHashAlgorithm.SHA, CKY_I, CKY_R, Addresses.parse("198.51.100.7"), 500);
        assertArrayEquals(rfc3947("SHA-1", CKY_I, CKY_R, "198.51.100.7", 500), v4);
        // The same vector computed independently (Python hashlib), so both sides cannot share a mistake.
        assertEquals("3ebacf824adc82bda26de8a2f4e996e5727ddb61", HexFormat.of().formatHex(v4));
        byte[] md5 = NatDiscoveryHash.of(IkeHashAlgorithm.MD5, CKY_I, CKY_R, Addresses.parse("203.0.113.26"), 20739);
        assertEquals("18bf23a97e04aa330ea72ac91e2c415a", HexFormat.of().formatHex(md5));
        byte[] v6 = NatDiscoveryHash.of(IkeHashAlgorithm.SHA2_256, CKY_I, CKY_R, Addresses.parse("2001:db8::7"), 4500);
        assertEquals("96c0d1148b97bf3bd410da23aab26a08277e3a813b6745c3b0fdb6942eafcacc",
                HexFormat.of().formatHex(v6));
        assertArrayEquals(rfc3947("SHA-256", CKY_I, CKY_R, "2001:db8::7", 4500), v6);
    }

    @Test
    void digestNamesOfTheNegotiatedHash() {
        assertEquals("MD5", IkeHash.digestName(IkeHashAlgorithm.MD5));
        assertEquals("SHA-1", IkeHash.digestName(IkeHashAlgorithm.SHA));
        assertEquals("SHA-256", IkeHash.digestName(IkeHashAlgorithm.SHA2_256));
        assertEquals("SHA-384", IkeHash.digestName(IkeHashAlgorithm.SHA2_384));
        assertEquals("SHA-512", IkeHash.digestName(IkeHashAlgorithm.SHA2_512));
        assertNull(IkeHash.digestName(IkeHashAlgorithm.TIGER));
        assertNull(IkeHash.digestName(IkeHashAlgorithm.UNKNOWN));
    }

    @Test
    void algorithmsWithoutAJdkDigest() {
        assertNull(NatDiscoveryHash.of(IkeHashAlgorithm.TIGER, 1, 2, new byte[4], 500));
        assertNull(IkeHash.hmacName((IkeHashAlgorithm) null));
        assertEquals("HmacSHA256", IkeHash.hmacName(IkeHashAlgorithm.SHA2_256));
        assertEquals("HmacSHA1", IkeHash.hmacName(Ikev2PrfAlgorithm.PRF_HMAC_SHA1));
        assertNull(IkeHash.hmacName(Ikev2PrfAlgorithm.PRF_AES128_XCBC));
    }
}
