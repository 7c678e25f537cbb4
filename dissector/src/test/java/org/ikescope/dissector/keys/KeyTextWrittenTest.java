package org.ikescope.dissector.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link KeyText#written}: a PSK shown with --show-keys reads back as the same bytes with --psk. */
class KeyTextWrittenTest {
    private static void roundTrip(byte[] psk, String expected) {
        String w = KeyText.written(new Secret(psk, "t"));
        assertEquals(expected, w);
        assertArrayEquals(psk, KeyText.psk(w, "t").bytes());
    }

    @Test
    void textStaysTextAndEverythingElseIsHex() {
        roundTrip("dev-psk-Ab12".getBytes(StandardCharsets.UTF_8), "dev-psk-Ab12");
        roundTrip("grüße".getBytes(StandardCharsets.UTF_8), "grüße");
        roundTrip(new byte[] {(byte) 0xff, 0x41}, "hex:ff41");
        roundTrip(" spaced ".getBytes(StandardCharsets.UTF_8), "hex:2073706163656420");
        roundTrip("hex:41".getBytes(StandardCharsets.UTF_8), "hex:6865783a3431");
        roundTrip("@file".getBytes(StandardCharsets.UTF_8), "hex:4066696c65");
        roundTrip("10.0.0.1=x".getBytes(StandardCharsets.UTF_8), "hex:31302e302e302e313d78");
        roundTrip("2024=summer".getBytes(StandardCharsets.UTF_8), "2024=summer");
        roundTrip("a\tb".getBytes(StandardCharsets.UTF_8), "hex:610962");
    }
}
