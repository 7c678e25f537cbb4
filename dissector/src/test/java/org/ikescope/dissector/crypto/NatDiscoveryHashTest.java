package org.ikescope.dissector.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
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

    @Test
    void algorithmsWithoutAJdkDigest() {
        assertNull(NatDiscoveryHash.of(IkeHashAlgorithm.TIGER, 1, 2, new byte[4], 500));
        assertNull(IkeHash.hmacName((IkeHashAlgorithm) null));
        assertEquals("HmacSHA256", IkeHash.hmacName(IkeHashAlgorithm.SHA2_256));
        assertEquals("HmacSHA1", IkeHash.hmacName(Ikev2PrfAlgorithm.PRF_HMAC_SHA1));
        assertNull(IkeHash.hmacName(Ikev2PrfAlgorithm.PRF_AES128_XCBC));
    }
}
