package org.ikescope.dissector.pipeline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ikescope.dissector.capture.CaptureFormatException;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.fuzz.FuzzInputs;
import org.ikescope.dissector.keys.KeyFiles;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.Secret;

/**
 * Fuzz target of the decryptor, through the whole dissection pipeline: a capture (seeded with the
 * lab's main-mode captures) dissected with the Wireshark key of mm-aes128-sha1-modp1024 and two
 * pre-shared keys, so that mutated encrypted messages of that SA reach the CBC decryption, the
 * padding checks and the decoder of the decrypted payloads, and aggressive-mode HASHes reach the
 * PSK check.
 */
class DecryptionFuzzTest {
    static final KeyMaterial KEYS = keys();

    @FuzzTest(maxDuration = "10m")
    void dissectWithKeys(byte[] data) throws IOException {
        PacketSource src = FuzzInputs.capture(data);
        if (src == null) {
            return;
        }
        try (src) {
            new Dissector(Dissector.Options.defaults().withKeys(KEYS)).run(src, e -> e.message().payloads());
        } catch (CaptureFormatException e) {
            // damaged capture: allowed
        }
    }

    private static KeyMaterial keys() {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        try {
            KeyFiles.read("table", new ByteArrayInputStream(
                    "df82e8299aff4b6f,941e2de9e73391d28fd02e7fd8e832f4\n".getBytes(StandardCharsets.US_ASCII)), b, w -> { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        b.psk(new Secret("secret-lab-psk".getBytes(StandardCharsets.UTF_8), "--psk #1"));
        b.psk(new Secret("ikescan".getBytes(StandardCharsets.UTF_8), "--psk #2"));
        return b.build();
    }
}
