package org.ikescope.dissector.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;

/**
 * {@link PskHash} against what ike-scan wrote for psk-crack from the lab's aggressive-mode scan
 * ({@code ikescan-aggressive.psk-crack-params.txt}: g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r,
 * the nine values psk-crack reads) and the PSK the responder was configured with (truth file).
 */
class PskHashTest {
    @Test
    void theResponderHashOfIkeScansParametersMatchesTheConfiguredPsk() throws IOException {
        String[] f = TestCaptures.read("lab/ikescan-aggressive.psk-crack-params.txt").strip().split(":");
        HexFormat hex = HexFormat.of();
        String psk = new ObjectMapper().readTree(TestCaptures.path("lab/ikescan-aggressive.truth.json").toFile())
                .get("exchanges").get(0).path("responder").path("psk_configured").asText();
        // The SA chose SHA (truth: negotiated hash SHA1); psk-crack tells it from HASH_R's 20 bytes.
        PskHash h = PskHash.hashR(IkeHashAlgorithm.SHA, hex.parseHex(f[6]), hex.parseHex(f[7]), hex.parseHex(f[1]),
                hex.parseHex(f[0]), Long.parseUnsignedLong(f[3], 16), Long.parseUnsignedLong(f[2], 16), hex.parseHex(f[4]),
                hex.parseHex(f[5]), hex.parseHex(f[8]));
        Prf prf = h.prf();
        assertTrue(h.matches(prf, psk.getBytes(StandardCharsets.UTF_8)));
        assertFalse(h.matches(prf, (psk + "x").getBytes(StandardCharsets.UTF_8)));
        assertFalse(h.matches(prf, new byte[0]));
        // HASH_I's layout on the same values is another hash: it does not match HASH_R.
        PskHash asHashI = PskHash.hashI(IkeHashAlgorithm.SHA, hex.parseHex(f[6]), hex.parseHex(f[7]), hex.parseHex(f[1]),
                hex.parseHex(f[0]), Long.parseUnsignedLong(f[3], 16), Long.parseUnsignedLong(f[2], 16), hex.parseHex(f[4]),
                hex.parseHex(f[5]), hex.parseHex(f[8]));
        assertFalse(asHashI.matches(prf, psk.getBytes(StandardCharsets.UTF_8)));
        assertFalse(h.toString().contains(f[8]), "no value in toString");
    }

    @Test
    void aMissingValueIsRefused() {
        byte[] x = {1};
        assertThrows(IllegalArgumentException.class, () -> PskHash.hashR(IkeHashAlgorithm.SHA, x, x, x, x, 1, 2, x, new byte[0], x));
    }
}
