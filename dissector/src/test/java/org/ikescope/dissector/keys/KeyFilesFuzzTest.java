package org.ikescope.dissector.keys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz target of the key-file parsers (Wireshark's ikev1_decryption_table, charon and pluto logs,
 * ikescope's own key statements, each plain or gzipped), through the one entry point that detects
 * the format. A file may be refused with a {@link KeyFileException} (or an I/O error of its gzip
 * layer); anything else is a finding.
 */
class KeyFilesFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void read(byte[] data) {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        try {
            KeyFiles.read("fuzz", new ByteArrayInputStream(data), b, w -> { });
            b.build();
        } catch (IOException e) {
            // refused with a message: allowed
        }
    }
}
