package org.ikescope.analyzer.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ikescope.analyzer.diagnostics.PathDiagnostics;
import org.ikescope.analyzer.plugins.ExchangeViews;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.NatView;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.crypto.NatDiscoveryHash;
import org.ikescope.dissector.model.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NAT detection from the NAT-D payloads (RFC 3947 section 3.2), on hand-made vectors and on the
 * lab captures: SNAT on the public side, kernel ESP without NAT (real hashes), and strongSwan with
 * kernel-libipsec, which fakes its own hash to force UDP encapsulation.
 */
class NatDiscoveryTest {
    private static final long CKY_I = 0x0123456789abcdefL;
    private static final long CKY_R = 0xfedcba9876543210L;

    /** HASH(CKY-I | CKY-R | IP | Port) with SHA1 (the dissector's, checked there against independent vectors). */
    private static byte[] rfc3947(String jdkDigest, long ckyI, long ckyR, String ip, int port) {
        return NatDiscoveryHash.of(IkeHashAlgorithm.SHA, ckyI, ckyR, Addresses.parse(ip), port);
    }

    private static final int NAT_D = 20;
    private static final int KE = 4;
    private static final int NONCE = 10;

    /**
     * A made-up main mode MM1..MM4 (SHA1, as {@link SyntheticCapture#phase1Sa()} offers) whose
     * NAT-D payloads hash the addresses each peer believes in, captured with other addresses.
     *
     * @param mm3 the initiator's NAT-D hashes: responder (destination) first, then its own
     * @param mm4 the responder's: initiator first, then its own
     */
    private static Exchange mainMode(Path dir, String iSeen, int iPort, String rSeen, String[] mm3, int[] mm3Ports,
                                     String[] mm4, int[] mm4Ports) throws Exception {
        Path file = dir.resolve("natd.pcap");
        int i = ByteBuffer.wrap(Addresses.parse(iSeen)).getInt();
        int r = ByteBuffer.wrap(Addresses.parse(rSeen)).getInt();
        try (SyntheticCapture c = new SyntheticCapture(file, 7)) {
            byte[] sa = SyntheticCapture.phase1Sa();
            c.udp(0, i, iPort, r, 500, c.isakmp(CKY_I, 0, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1},
                    new byte[][] {sa}));
            c.udp(1_000, r, 500, i, iPort, c.isakmp(CKY_I, CKY_R, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1},
                    new byte[][] {sa}));
            c.udp(2_000, i, iPort, r, 500, c.isakmp(CKY_I, CKY_R, SyntheticCapture.MAIN, 0, false, 0, 0,
                    new int[] {KE, NONCE, NAT_D, NAT_D}, new byte[][] {c.random(128), c.random(16),
                        rfc3947("SHA-1", CKY_I, CKY_R, mm3[0], mm3Ports[0]),
                        rfc3947("SHA-1", CKY_I, CKY_R, mm3[1], mm3Ports[1])}));
            c.udp(3_000, r, 500, i, iPort, c.isakmp(CKY_I, CKY_R, SyntheticCapture.MAIN, 0, false, 0, 0,
                    new int[] {KE, NONCE, NAT_D, NAT_D}, new byte[][] {c.random(128), c.random(16),
                        rfc3947("SHA-1", CKY_I, CKY_R, mm4[0], mm4Ports[0]),
                        rfc3947("SHA-1", CKY_I, CKY_R, mm4[1], mm4Ports[1])}));
        }
        List<Exchange> xs = Analyses.run(file);
        assertEquals(1, xs.size());
        return xs.get(0);
    }

    @Test
    void captureInsideTheNatSeesTheReceiversAddressChanged(@TempDir Path dir) throws Exception {
        // Captured between 192.168.1.5 and its NAT: the responder knows the initiator as 198.51.100.7:4000.
        Exchange x = mainMode(dir, "192.168.1.5", 500, "203.0.113.9",
                new String[] {"203.0.113.9", "192.168.1.5"}, new int[] {500, 500},
                new String[] {"198.51.100.7", "203.0.113.9"}, new int[] {4000, 500});
        NatDetection n = x.natDetection();
        assertEquals(Boolean.TRUE, n.initiatorBehindNat(), n.note());
        assertEquals(Boolean.FALSE, n.responderBehindNat(), n.note());
        assertEquals(NatDiscoveryResult.MISMATCH, n.natDiscovery());
        assertTrue(n.note().contains("the responder's NAT-D hash of its address does not match the 192.168.1.5:500"),
                n.note());
    }

    @Test
    void oneSideWhoseOwnHashDoesNotMatchIsBehindNat(@TempDir Path dir) throws Exception {
        // Captured outside the NAT: the initiator hashed its private address, the responder saw the public one.
        Exchange x = mainMode(dir, "198.51.100.7", 500, "203.0.113.9",
                new String[] {"203.0.113.9", "192.168.1.5"}, new int[] {500, 500},
                new String[] {"198.51.100.7", "203.0.113.9"}, new int[] {500, 500});
        NatDetection n = x.natDetection();
        assertEquals(Boolean.TRUE, n.initiatorBehindNat(), n.note());
        assertEquals(Boolean.FALSE, n.responderBehindNat(), n.note());
        assertTrue(n.note().startsWith("initiator behind NAT (its NAT-D hash does not match the 198.51.100.7:500"),
                n.note());
    }

    @Test
    void verdictsAreSharedOnlyByEqualInputs(@TempDir Path dir) throws Exception {
        // Verdicts are made once per distinct input: the same outcome for another address has its own note.
        String[] mm3 = {"203.0.113.9", "192.168.1.5"};
        int[] ports = {500, 500};
        NatDetection first = mainMode(dir, "198.51.100.7", 500, "203.0.113.9", mm3, ports,
                new String[] {"198.51.100.7", "203.0.113.9"}, ports).natDetection();
        NatDetection again = mainMode(dir, "198.51.100.7", 500, "203.0.113.9", mm3, ports,
                new String[] {"198.51.100.7", "203.0.113.9"}, ports).natDetection();
        assertEquals(first, again);
        NatDetection other = mainMode(dir, "198.51.100.8", 500, "203.0.113.9", mm3, ports,
                new String[] {"198.51.100.8", "203.0.113.9"}, ports).natDetection();
        assertEquals(Boolean.TRUE, other.initiatorBehindNat(), other.note());
        assertTrue(other.note().startsWith("initiator behind NAT (its NAT-D hash does not match the 198.51.100.8:500"),
                other.note());
        // The responder now also fails its own hash (both mismatch): another outcome, another verdict.
        NatDetection both = mainMode(dir, "198.51.100.7", 500, "203.0.113.9", mm3, ports,
                new String[] {"198.51.100.7", "10.0.0.9"}, ports).natDetection();
        assertTrue(both.note().startsWith("mismatch on both sides"), both.note());
    }

    private static Exchange only(String capture) {
        List<Exchange> xs = Analyses.run(Analyses.LAB.resolve(capture));
        assertEquals(1, xs.size(), capture);
        return xs.get(0);
    }

    private static List<Finding> pathFindings(Exchange x) {
        List<Finding> out = new ArrayList<>();
        new PathDiagnostics().analyze(ExchangeViews.of(x), out::add);
        return out;
    }

    @Test
    void masqueradeShowsTheInitiatorBehindNat() {
        // Captured on the public side after SNAT, ports kept (500/4500); both peers fake their own
        // hash (kernel-libipsec), so the NAT shows in the initiator's keepalives, not its hash.
        Exchange x = only("natt-masquerade.pcap");
        NatDetection n = x.natDetection();
        assertEquals(Boolean.TRUE, n.initiatorBehindNat(), n.note());
        assertEquals(Boolean.FALSE, n.responderBehindNat(), n.note());
        assertEquals(NatDiscoveryResult.MISMATCH, n.natDiscovery());
        assertEquals(4, n.hashesChecked());
        assertTrue(n.note().contains("NAT or forced encapsulation"), n.note());
        assertTrue(n.note().contains("keepalives"), n.note());
        NatView v = ExchangeViews.of(x).nat();
        assertEquals(Optional.of(true), v.initiatorBehindNat());
        assertEquals(Optional.of(false), v.responderBehindNat());
        assertEquals(Optional.of(true), v.natDetected());
        assertEquals(NatDiscoveryResult.MISMATCH, v.natDiscovery());
    }

    @Test
    void portMappingShowsTheInitiatorBehindNat() {
        Exchange x = only("natt-portmap.pcap");
        NatDetection n = x.natDetection();
        assertEquals(Boolean.TRUE, n.initiatorBehindNat(), n.note());
        assertEquals(Boolean.FALSE, n.responderBehindNat(), n.note());
        assertEquals(NatDiscoveryResult.MISMATCH, n.natDiscovery());
        assertTrue(n.note().contains("203.0.113.26:20739"), n.note());
        assertTrue(n.note().contains("port 20739"), n.note());
        assertTrue(pathFindings(x).stream().noneMatch(f -> f.code().startsWith("natt.")));
    }

    @Test
    void realHashesWithoutNatMatchOnBothSides() {
        Exchange x = only("mm-aes128-sha1-modp1024.pcap");
        NatDetection n = x.natDetection();
        assertEquals(Boolean.FALSE, n.initiatorBehindNat(), n.note());
        assertEquals(Boolean.FALSE, n.responderBehindNat(), n.note());
        assertEquals(NatDiscoveryResult.MATCHED, n.natDiscovery());
        assertEquals(4, n.hashesChecked());
        assertEquals(Optional.of(false), ExchangeViews.of(x).nat().natDetected());
    }

    @Test
    void ipv6AndSha256HashesMatch() {
        NatDetection n = only("mm-ipv6.pcap").natDetection();
        assertEquals(NatDiscoveryResult.MATCHED, n.natDiscovery(), n.note());
        assertEquals(Boolean.FALSE, n.initiatorBehindNat());
        assertEquals(Boolean.FALSE, n.responderBehindNat());
    }

    @Test
    void fakedHashesAreNotACertainNat() {
        // kernel-libipsec: no NAT, yet neither peer's own hash matches (MD5 here).
        Exchange x = only("mm-3des-md5-modp1024-esp.pcap");
        NatDetection n = x.natDetection();
        assertNull(n.initiatorBehindNat(), n.note());
        assertNull(n.responderBehindNat(), n.note());
        assertEquals(NatDiscoveryResult.MISMATCH, n.natDiscovery());
        assertTrue(n.note().startsWith("mismatch on both sides (NAT or forced encapsulation)"), n.note());
        NatView v = ExchangeViews.of(x).nat();
        assertEquals(Optional.empty(), v.initiatorBehindNat());
        assertEquals(Optional.empty(), v.natDetected());
        assertTrue(pathFindings(x).stream().noneMatch(f -> f.code().startsWith("natt.")), pathFindings(x).toString());
    }

    @Test
    void oneSideOnlyIsNotEnoughToRuleOutANat() {
        // MM3 captured, its MM4 never came: the initiator's hashes match, the responder's view is unknown.
        Exchange x = only("mm-drop-mm3.pcap");
        NatDetection n = x.natDetection();
        assertEquals(NatDiscoveryResult.MATCHED, n.natDiscovery());
        assertNull(n.initiatorBehindNat());
        assertNull(n.responderBehindNat());
    }

    @Test
    void noNatDiscoveryStepMeansUnknown() {
        NatDetection n = only("mm-noproposal.pcap").natDetection();
        assertEquals(NatDiscoveryResult.UNKNOWN, n.natDiscovery());
        assertNull(n.note());
        assertEquals(0, n.hashesChecked());
    }
}
