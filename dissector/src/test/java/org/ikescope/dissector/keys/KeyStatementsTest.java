package org.ikescope.dissector.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.ikescope.api.plugin.Side;
import org.junit.jupiter.api.Test;

/** ikescope's own key file (KEYS.md): every statement, what is skipped with a warning, what is an error. */
class KeyStatementsTest {
    /** The example of KEYS.md, values from the lab truth of mm-aes128-sha1-modp1024 and mm-pskmismatch. */
    static final String EXAMPLE = """
            # ikescope keys: mm-aes128-sha1-modp1024 (initiator cookie df82e8299aff4b6f)
            sa df82e8299aff4b6f dh-secret 6ce097fc805df0327c32c11a0a174725
            sa df82e8299aff4b6f skeyid-e initiator 941e2de9e73391d28fd02e7fd8e832f476481330
            sa df82e8299aff4b6f encryption-key responder 94 1E 2D E9 E7 33 91 D2 8F D0 2E 7F D8 E8 32 F4

            # a key for either side, as in Wireshark's table
            sa 895adbcffec4f4a0 encryption-key d77155183d216374726f421acb4ba4a8
            sa 895adbcffec4f4a0 dh-private initiator 00:11:22:33:44:55:66:77

            psk dev-psk-Ab12
            psk 192.0.2.101 a secret with spaces
            psk 2001:DB8::1 hex:00ff00ff
            psk 2024 is not an address
            """;

    @Test
    void everyStatement() throws IOException {
        Loaded loaded = Loaded.text("keys.txt", EXAMPLE);
        assertEquals(List.of(), loaded.warnings());
        SaKeyMaterial a = loaded.keys().forSa(0xdf82e8299aff4b6fL);
        assertEquals("6ce097fc805df0327c32c11a0a174725", a.dhSharedSecret().reveal());
        assertEquals("keys.txt line 2", a.dhSharedSecret().label());
        assertEquals("941e2de9e73391d28fd02e7fd8e832f476481330", a.skeyidE(Side.INITIATOR).orElseThrow().reveal());
        assertTrue(a.skeyidE(Side.RESPONDER).isEmpty());
        assertEquals("941e2de9e73391d28fd02e7fd8e832f4", a.encryptionKey(Side.RESPONDER).orElseThrow().reveal(), "a pasted hex dump");
        assertTrue(a.encryptionKey(Side.INITIATOR).isEmpty());
        assertNull(a.anySide());
        assertEquals("keys.txt line 2, keys.txt line 3, keys.txt line 4", a.source());

        SaKeyMaterial b = loaded.keys().forSa(0x895adbcffec4f4a0L);
        assertEquals("d77155183d216374726f421acb4ba4a8", b.anySide().reveal());
        assertEquals(Side.INITIATOR, b.dhPrivate().side());
        assertEquals("0011223344556677", b.dhPrivate().value().reveal());

        List<Secret> forPeer = loaded.keys().psks("192.0.2.101");
        assertEquals(List.of("keys.txt line 11", "keys.txt line 10", "keys.txt line 13"), forPeer.stream().map(Secret::label).toList(),
                "the peer's own first, then those for any peer, each in file order");
        assertEquals("a secret with spaces", text(forPeer.get(0)));
        assertEquals("dev-psk-Ab12", text(forPeer.get(1)));
        assertEquals("2024 is not an address", text(forPeer.get(2)));
        List<Secret> v6 = loaded.keys().psks("2001:db8::1");
        assertEquals("00ff00ff", v6.get(0).reveal(), "hex: gives bytes; the peer is written as Addresses.format writes it");
    }

    @Test
    void unknownStatementsAreSkippedWithAWarning() throws IOException {
        Loaded loaded = Loaded.text("k", "psk one\nikev2 abcd\nsa df82e8299aff4b6f skeyid-a initiator 00\npsk two\n");
        assertEquals(2, loaded.keys().psks().size());
        assertTrue(loaded.keys().sas().isEmpty());
        assertEquals(List.of("k line 2: unknown statement (expected: sa ICOOKIE ITEM VALUE or psk [PEER_IP] SECRET); ignored",
                "k line 3: unknown sa item (expected: dh-secret, dh-private, skeyid-e or encryption-key); ignored"), loaded.warnings());
    }

    @Test
    void malformedStatementsAreErrorsNamingFileAndLine() {
        assertError("sa df82e8299aff4b6f dh-secret", "k line 2: incomplete sa statement (expected: sa ICOOKIE ITEM VALUE)");
        assertError("sa df82e8299aff4b6 dh-secret 00", "k line 2: initiator cookie (expected: 16 hex digits)");
        assertError("sa df82e8299aff4b6f dh-secret 0g", "k line 2: dh-secret (expected: an even number of hex digits,"
                + " optionally separated by spaces or colons)");
        assertError("sa df82e8299aff4b6f dh-private 0011", "k line 2: dh-private without a side"
                + " (expected: sa ICOOKIE dh-private initiator|responder HEX)");
        assertError("sa df82e8299aff4b6f skeyid-e both 0011", "k line 2: skeyid-e without a side"
                + " (expected: sa ICOOKIE skeyid-e initiator|responder HEX)");
        assertError("sa df82e8299aff4b6f encryption-key initiator", "k line 2: encryption-key (expected: an even number of hex digits,"
                + " optionally separated by spaces or colons)");
        assertError("psk", "k line 2: psk without a secret (expected: psk [PEER_IP] SECRET)");
        assertError("psk 192.0.2.1", "k line 2: psk with a peer address and no secret (expected: psk [PEER_IP] SECRET;"
                + " a secret that reads as an address is written hex:HEX)");
        assertError("psk hex:abc", "k line 2: pre-shared key after hex: (expected: an even number of hex digits,"
                + " optionally separated by spaces or colons)");
    }

    private static void assertError(String line, String message) {
        KeyFileException e = assertThrows(KeyFileException.class, () -> Loaded.text("k", "psk first\n" + line + "\n"));
        assertEquals(message, e.getMessage());
    }

    private static String text(Secret s) {
        return new String(HexFormat.of().parseHex(s.reveal()), StandardCharsets.UTF_8);
    }
}
