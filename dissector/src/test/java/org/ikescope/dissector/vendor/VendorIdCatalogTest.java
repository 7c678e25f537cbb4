package org.ikescope.dissector.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.BaseEncoding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ikescope.dissector.vendor.VendorIdCatalog.VendorId;
import org.junit.jupiter.api.Test;

class VendorIdCatalogTest {

    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();
    private static final VendorIdCatalog CAT = VendorIdCatalog.builtIn();

    private static VendorId find(String hex) {
        Optional<VendorId> v = CAT.lookup(HEX.decode(hex));
        assertTrue(v.isPresent(), "not found: " + hex);
        return v.get();
    }

    private static List<String> resourceLines() throws IOException {
        try (InputStream in = VendorIdCatalog.class.getResourceAsStream(VendorIdCatalog.RESOURCE)) {
            assertNotNull(in, "resource missing");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().collect(Collectors.toList());
        }
    }

    @Test
    void builtInHasAtLeast150EntriesAndIsASingleton() {
        assertTrue(CAT.size() >= 150, "size " + CAT.size());
        assertEquals(CAT.size(), CAT.entries().size());
        assertSame(CAT, VendorIdCatalog.builtIn());
    }

    @Test
    void everyDataLineParsesAndNoHexIsDuplicated() throws IOException {
        Pattern hex = Pattern.compile("(?:[0-9a-f]{2})+");
        Set<String> seen = new HashSet<>();
        int data = 0;
        for (String line : resourceLines()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            data++;
            String[] f = line.split("\t", -1);
            assertTrue(f.length == 4 || f.length == 5, "columns: " + line);
            assertTrue(hex.matcher(f[0]).matches(), "hex: " + line);
            assertTrue(f[1].equals("exact") || f[1].equals("prefix"), "match: " + line);
            assertFalse(f[2].isBlank(), "label: " + line);
            assertFalse(f[3].isBlank(), "source: " + line);
            assertTrue(seen.add(f[0]), "duplicate hex " + f[0]);
        }
        assertEquals(data, CAT.size());
        for (VendorId v : CAT.entries()) {
            // every entry finds itself (exact ones exactly, prefixes at least as themselves)
            assertSame(v, CAT.lookup(v.bytes()).orElseThrow(), v.hex());
        }
    }

    @Test
    void wellKnownExactValues() {
        VendorId rfc = find("4a131c81070358455c5728f20e95452f");
        assertEquals("RFC 3947 NAT-T", rfc.label());
        assertFalse(rfc.prefix());
        assertTrue(rfc.natTraversalRfc());
        assertTrue(rfc.has("natt"));
        assertEquals(OptionalInt.empty(), rfc.natTraversalDraft());
        assertTrue(rfc.has("natd=20"));

        VendorId dpd = find("afcad71368a1f1c96b8696fc77570100");
        assertEquals("RFC 3706 DPD (Dead Peer Detection)", dpd.label());
        assertTrue(dpd.has("dpd"));

        VendorId xauth = find("09002689dfd6b712");
        assertEquals("XAUTH", xauth.label());
        assertTrue(xauth.has("xauth"));

        VendorId unity = find("12f5f28c457168a9702d9fe274cc0100");
        assertEquals("Cisco Unity", unity.label());
        assertFalse(unity.prefix());
        assertTrue(unity.has("unity"));

        VendorId ss = find("882fe56d6fd20dbc2251613b2ebe5beb");
        assertEquals("strongSwan", ss.label());
        assertEquals(Optional.of("strongswan"), ss.implementation());

        assertEquals("Cisco Fragmentation", find("4048b7d56ebce88525e7de7f00d6c2d380000000").label());
        assertTrue(find("4048b7d56ebce88525e7de7f00d6c2d3").has("frag"));
        assertEquals("Microsoft Vid-Initial-Contact", find("26244d38eddb61b3172a36e3d0cfb819").label());
        assertEquals(Optional.empty(), dpd.implementation());
    }

    @Test
    void natTraversalDrafts() {
        VendorId d02n = find("90cb80913ebb696e086381b5ec427b1f");
        assertEquals("draft-ietf-ipsec-nat-t-ike-02 (with trailing newline)", d02n.label());
        assertEquals(OptionalInt.of(2), d02n.natTraversalDraft());
        assertTrue(d02n.has("natd=130"));
        assertFalse(d02n.natTraversalRfc());

        VendorId d00 = find("4485152d18b6bbcd0be8a8469579ddcc");
        assertEquals("draft-ietf-ipsec-nat-t-ike-00", d00.label());
        assertEquals(OptionalInt.of(0), d00.natTraversalDraft());

        VendorId d07 = find("439b59f8ba676c4c7737ae22eab8f582");
        assertEquals(OptionalInt.of(7), d07.natTraversalDraft());
        assertTrue(d07.has("natd=15"));

        assertEquals(OptionalInt.of(3), find("7d9419a65310ca6f2c179d9215529d56").natTraversalDraft());
    }

    @Test
    void prefixMatches() {
        // MS NT5 ISAKMPOAKLEY with a version that has no exact entry falls back to the prefix
        VendorId ms = find("1e2b516905991c7d7c96fcbfb587e4610000000b");
        assertEquals("MS NT5 ISAKMPOAKLEY", ms.label());
        assertTrue(ms.prefix());
        assertEquals(Optional.of("microsoft"), ms.implementation());
        // a known version matches its exact entry
        VendorId win = find("1e2b516905991c7d7c96fcbfb587e46100000009");
        assertFalse(win.prefix());
        assertTrue(win.label().startsWith("MS NT5 ISAKMPOAKLEY"));

        // Check Point: fixed 20 bytes + product/version/timestamp/features
        VendorId cp = find("f4ed19e0c114eb516faaac0ee37daf2807b4381f000000010000138d1234567800000000180000");
        assertTrue(cp.prefix());
        assertEquals(Optional.of("checkpoint"), cp.implementation());
        VendorId cpR55 = find("f4ed19e0c114eb516faaac0ee37daf2807b4381f000000010000138d000000000000000018800000");
        assertEquals("Check Point Firewall-1 NG AI R55", cpR55.label());

        // Netscreen with its two trailing 4-byte values (as in ikev1-certs.pcap)
        VendorId ns = find("699369228741c6d4ca094c93e242c9de19e7b7c60000000500000500");
        assertEquals("Netscreen-6", ns.label());
        assertEquals(Optional.of("juniper"), ns.implementation());

        // Cisco Unity with another version, Cisco VPN Concentrator with a version
        assertEquals("Cisco Unity", find("12f5f28c457168a9702d9fe274cc0200").label());
        assertEquals(Optional.of("cisco"), find("1f07f70eaa6514d3b0fa96542a500999").implementation());

        // FRAGMENTATION with other capability bits; libreswan / FreeS/WAN "OE" family
        assertTrue(find("4048b7d56ebce88525e7de7f00d6c2d340000000").has("frag"));
        assertEquals("Openswan 2.6.32", find("4f4568794c64414365636661").label());
        assertEquals(Optional.of("openswan"), find("4f456b5262475852766d5045").implementation());
        assertEquals(Optional.of("libreswan"), find("4f452d4c696272657377616e2d342e3130").implementation());
    }

    @Test
    void unknownReturnsEmpty() {
        assertTrue(CAT.lookup(HEX.decode("00112233445566778899aabbccddeeff")).isEmpty());
        assertTrue(CAT.lookup(new byte[0]).isEmpty());
        assertTrue(CAT.lookup(HEX.decode("12f5f28c")).isEmpty()); // shorter than any Unity prefix
        // one byte short of the RFC 3947 VID
        assertTrue(CAT.lookup(HEX.decode("4a131c81070358455c5728f20e9545")).isEmpty());
        // RFC 3947 VID plus a trailing byte: exact entries do not match longer bodies
        assertTrue(CAT.lookup(HEX.decode("4a131c81070358455c5728f20e95452f00")).isEmpty());
    }

    @Test
    void lookupRespectsPositionAndLimitAndDoesNotMoveThem() {
        byte[] vid = HEX.decode("afcad71368a1f1c96b8696fc77570100");
        ByteBuffer buf = ByteBuffer.allocate(40);
        buf.put(new byte[] {1, 2, 3, 4, 5});
        buf.put(vid);
        buf.put(new byte[] {9, 9, 9});
        buf.position(5).limit(5 + vid.length);
        Optional<VendorId> hit = CAT.lookup(buf);
        assertEquals("RFC 3706 DPD (Dead Peer Detection)", hit.orElseThrow().label());
        assertEquals(5, buf.position());
        assertEquals(5 + vid.length, buf.limit());

        // read-only and direct buffers, prefix path
        ByteBuffer direct = ByteBuffer.allocateDirect(24);
        direct.put(HEX.decode("1e2b516905991c7d7c96fcbfb587e4610000000b")).flip();
        ByteBuffer ro = direct.asReadOnlyBuffer();
        assertEquals("MS NT5 ISAKMPOAKLEY", CAT.lookup(ro).orElseThrow().label());
        assertEquals(0, ro.position());
        assertEquals(20, ro.limit());
        // a repeated hit returns the very same Optional (no allocation on the exact path)
        buf.position(5);
        assertSame(hit, CAT.lookup(buf));
    }

    @Test
    void loadAcceptsUserCataloguesAndRejectsMalformedOnes() throws IOException {
        VendorIdCatalog c = VendorIdCatalog.load(new StringReader(
                "# comment\n\n0102\texact\tMy VID\tlab notes\timpl=acme,dpd\n0a0b\tprefix\tMy family\tlab notes\n"));
        assertEquals(2, c.size());
        VendorId v = c.lookup(new byte[] {1, 2}).orElseThrow();
        assertEquals(Optional.of("acme"), v.implementation());
        assertTrue(v.has("dpd"));
        assertEquals(List.of("impl=acme", "dpd"), List.copyOf(v.flags()));
        assertEquals("My family", c.lookup(new byte[] {10, 11, 12}).orElseThrow().label());
        assertTrue(c.lookup(new byte[] {1, 2, 3}).isEmpty());

        assertThrows(IOException.class, () -> VendorIdCatalog.load(new StringReader("0102\texact\tx\n")));
        assertThrows(IOException.class, () -> VendorIdCatalog.load(new StringReader("01G2\texact\tx\ty\n")));
        assertThrows(IOException.class, () -> VendorIdCatalog.load(new StringReader("0A\texact\tx\ty\n")));
        assertThrows(IOException.class, () -> VendorIdCatalog.load(new StringReader("012\texact\tx\ty\n")));
        assertThrows(IOException.class, () -> VendorIdCatalog.load(new StringReader("01\tfuzzy\tx\ty\n")));
        assertThrows(IOException.class, () -> VendorIdCatalog.load(new StringReader("01\texact\tx\ty\n01\tprefix\tz\ty\n")));
    }

    /**
     * The decoder's path ({@link VendorIdCatalog#find} and the NAT-T facts worked out per entry)
     * says what the lookup and the flags of the shipped catalogue say, for every entry, inside a
     * larger buffer at an offset; the NAT-T facts are checked against the flag text itself.
     */
    @Test
    void findAndNatFactsAgreeWithLookupAndFlagsForEveryEntry() {
        VendorIdCatalog c = VendorIdCatalog.builtIn();
        int nattEntries = 0;
        for (int i = 0; i < c.size(); i++) {
            VendorId v = c.entry(i);
            byte[] body = v.bytes();
            byte[] framed = new byte[body.length + 9];
            System.arraycopy(body, 0, framed, 5, body.length);
            int e = c.find(framed, 5, body.length);
            assertSame(c.lookup(body).orElseThrow(), c.entry(e), v.hex());
            if (!v.prefix()) {
                assertEquals(i, e, v.hex());
            }
            Set<Integer> natd = new HashSet<>();
            for (String f : v.flags()) {
                if (f.matches("natd=\\d+")) {
                    natd.add(Integer.parseInt(f.substring(5)));
                }
            }
            assertEquals(natd, java.util.Arrays.stream(c.natDiscoveryTypes(i)).boxed().collect(Collectors.toSet()), v.hex());
            int want = v.flags().contains("natt-rfc") ? VendorIdCatalog.NATT_RFC : v.flags().stream()
                    .filter(f -> f.matches("natt-draft-\\d{1,3}")).mapToInt(f -> Integer.parseInt(f.substring(11)))
                    .findFirst().orElse(VendorIdCatalog.NATT_NONE);
            assertEquals(want, c.natTraversal(i), v.hex());
            nattEntries += want == VendorIdCatalog.NATT_NONE ? 0 : 1;
        }
        assertTrue(nattEntries >= 11, "the RFC VID and drafts 00 to 09 are in the catalogue: " + nattEntries);
        assertEquals(-1, c.find(new byte[] {1, 2, 3}, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> c.find(new byte[4], 2, 3));
    }
}
