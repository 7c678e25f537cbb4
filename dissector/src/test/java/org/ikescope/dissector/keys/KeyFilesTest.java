package org.ikescope.dissector.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection, gzip, and files that are no key file. */
class KeyFilesTest {
    @TempDir
    Path tmp;

    @Test
    void gzippedFilesOfEveryFormat() throws IOException {
        Path statements = gzip("keys.txt.gz", KeyStatementsTest.EXAMPLE);
        Path table = gzip("ikev1_decryption_table.gz", Files.readString(TestCaptures.path("thirdparty/ikev1_decryption_table")));
        Loaded loaded = Loaded.files(statements, table, Loaded.log("mm-aes128-sha1-modp1024/r-charon.log.gz"));
        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.keys().forSa(0xfafaeb49382a763cL).anySide() != null);
        assertEquals(4, loaded.keys().psks("192.0.2.101", "2001:db8::1").size());
        SaKeyMaterial merged = loaded.keys().forSa(0xdf82e8299aff4b6fL);
        assertEquals(statements + " line 2", merged.dhSharedSecret().label(), "what is read first is kept");
        assertTrue(merged.source().endsWith("r-charon.log.gz IKE_SA lab|1"), merged.source());
    }

    @Test
    void formatIsFoundPastCommentsAndUnknownLines() throws IOException {
        Loaded loaded = Loaded.text("k", "# keys\n\n   # indented comment\nversion 2\npsk one\n");
        assertEquals(1, loaded.keys().psks().size());
        assertEquals(List.of("k line 4: unknown statement (expected: sa ICOOKIE ITEM VALUE or psk [PEER_IP] SECRET); ignored"),
                loaded.warnings());
    }

    @Test
    void aSecretThatLooksLikeALogLineIsAStatement() throws IOException {
        Loaded loaded = Loaded.text("k", "psk 12[IKE] <a|1> looks like charon\n");
        assertEquals(1, loaded.keys().psks().size());
    }

    @Test
    void unknownFormatIsAnError() {
        KeyFileException e = assertThrows(KeyFileException.class, () -> Loaded.text("notes.txt", "my psk is hunter2\n"));
        assertEquals("notes.txt: unknown key file format (expected: ikescope key statements, a Wireshark ikev1_decryption_table,"
                + " strongSwan save-keys output or a charon log at ike 4; see KEYS.md)", e.getMessage());
    }

    @Test
    void fileWithoutContentIsAWarning() throws IOException {
        Loaded loaded = Loaded.text("empty", "# nothing yet\n\n");
        assertTrue(loaded.keys().isEmpty());
        assertEquals(List.of("empty: no keys in the file; nothing loaded"), loaded.warnings());
    }

    private Path gzip(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }
}
