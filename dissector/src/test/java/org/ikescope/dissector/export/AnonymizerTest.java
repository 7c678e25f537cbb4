package org.ikescope.dissector.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.ikescope.dissector.net.LinkTypes;
import org.junit.jupiter.api.Test;

/** The anonymizer's promises: prefix-preserving and consistent addresses, valid headers, identities of the same length. */
class AnonymizerTest {
    private static final Set<Integer> IKE = Set.of(500);
    private static final Set<Integer> NATT = Set.of(4500);

    private static Anonymizer anonymizer(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return new Anonymizer(key, IKE, NATT);
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        for (int i = 0; i < a.length * 8; i++) {
            int bit = 0x80 >>> (i % 8);
            if ((a[i / 8] & bit) != (b[i / 8] & bit)) {
                return i;
            }
        }
        return a.length * 8;
    }

    @Test
    void addressesKeepExactlyTheirCommonPrefix() {
        Anonymizer an = anonymizer(1);
        Random r = new Random(2);
        for (int len : new int[] {4, 16}) {
            for (int n = 0; n < 300; n++) {
                byte[] a = new byte[len];
                r.nextBytes(a);
                byte[] b = a.clone();
                int flip = r.nextInt(len * 8);
                b[flip / 8] ^= (byte) (0x80 >>> (flip % 8));
                for (int i = flip + 1; i < len * 8; i++) {
                    if (r.nextBoolean()) {
                        b[i / 8] ^= (byte) (0x80 >>> (i % 8));
                    }
                }
                assertEquals(commonPrefix(a, b), commonPrefix(an.address(a), an.address(b)));
            }
        }
    }

    @Test
    void theSameKeyMapsTheSameWayAndAnotherKeyNot() {
        byte[] a = {(byte) 192, 0, 2, 22};
        assertArrayEquals(anonymizer(1).address(a), anonymizer(1).address(a));
        assertFalse(java.util.Arrays.equals(anonymizer(1).address(a), anonymizer(3).address(a)));
        assertFalse(java.util.Arrays.equals(a, anonymizer(1).address(a)));
    }

    /** Ethernet, IPv4, UDP 500, an aggressive-mode AM1 with an ID_FQDN identity. */
    private static byte[] am1(String fqdn) {
        byte[] id = fqdn.getBytes(StandardCharsets.US_ASCII);
        int idPayload = 8 + id.length;
        int isakmp = 28 + idPayload;
        int udp = 8 + isakmp;
        int ip = 20 + udp;
        ByteBuffer b = ByteBuffer.allocate(14 + ip);
        b.put(new byte[] {0, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0, 0x11, 0x22, 0x33, 0x44, 0x55}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ip).putShort((short) 1).putShort((short) 0).put((byte) 64).put((byte) 17)
                .putShort((short) 0).put(new byte[] {(byte) 192, 0, 2, 22}).put(new byte[] {(byte) 192, 0, 2, 112});
        b.putShort((short) 500).putShort((short) 500).putShort((short) udp).putShort((short) 0x1234);
        b.putLong(0x0123456789abcdefL).putLong(0).put((byte) 5).put((byte) 0x10).put((byte) 4).put((byte) 0).putInt(0).putInt(isakmp);
        b.put((byte) 0).put((byte) 0).putShort((short) idPayload).put((byte) 2).put((byte) 17).putShort((short) 500).put(id);
        return b.array();
    }

    @Test
    void aFrameKeepsValidHeadersAndLosesItsIdentity() {
        byte[] f = am1("vpn.branch-office.corp.example");
        byte[] before = f.clone();
        Anonymizer an = anonymizer(1);
        assertTrue(an.rewrite(LinkTypes.ETHERNET, f, f.length));
        assertEquals(before.length, f.length);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += (f[i] & 0xff) << 8 | f[i + 1] & 0xff;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        assertEquals(0xffff, sum, "IPv4 header checksum");
        assertEquals(0, f[40] | f[41], "UDP checksum 0: none (RFC 768)");
        assertArrayEquals(an.address(new byte[] {(byte) 192, 0, 2, 22}), java.util.Arrays.copyOfRange(f, 26, 30));
        assertEquals(0x02, f[0], "a locally administered MAC");
        String id = new String(f, 14 + 20 + 8 + 28 + 8, f.length - (14 + 20 + 8 + 28 + 8), StandardCharsets.US_ASCII);
        assertFalse(id.contains("branch"), id);
        assertTrue(id.endsWith(".example"), id);
        assertEquals(1, an.identitiesReplaced());
        assertArrayEquals(java.util.Arrays.copyOfRange(before, 42, 58), java.util.Arrays.copyOfRange(f, 42, 58), "cookies stay");
        byte[] again = am1("vpn.branch-office.corp.example");
        an.rewrite(LinkTypes.ETHERNET, again, again.length);
        assertArrayEquals(f, again, "the same frame maps the same way");
    }

    @Test
    void anUnknownLinkTypeIsRefused() {
        byte[] f = new byte[64];
        assertFalse(anonymizer(1).rewrite(147, f, f.length));
    }
}
