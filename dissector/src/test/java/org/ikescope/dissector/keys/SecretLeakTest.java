package org.ikescope.dissector.keys;

import static org.ikescope.dissector.keys.SecretLeaks.assertNoLeak;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ikescope.api.plugin.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No secret value reaches an exception message, a warning or a {@code toString()}: for malformed
 * lines that hold one, for lines skipped with a warning, and for everything loaded from valid files.
 */
class SecretLeakTest {
    static final String TEXT = "hunter2-Correct-Horse";
    static final String HEX = "6ce097fc805df0327c32c11a0a174725d3489e47";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("sa df82e8299aff4b6f dh-secret " + HEX + "Z", HEX),
                Arguments.of("sa df82e8299aff4b6f dh-private " + HEX, HEX),
                Arguments.of("sa df82e8299aff4b6f skeyid-e initiator " + HEX.substring(1), HEX),
                Arguments.of("sa df82e8299aff4b6f encryption-key " + TEXT, TEXT),
                Arguments.of("sa " + TEXT + " dh-secret 00", TEXT),
                Arguments.of("sa " + HEX + " dh-secret 00", HEX),
                Arguments.of("psk hex:" + TEXT, TEXT),
                Arguments.of("psk hex:" + HEX + "0", HEX),
                Arguments.of("df82e8299aff4b6f," + HEX + "Z", HEX),
                Arguments.of("df82e8299aff4b6f," + TEXT, TEXT),
                Arguments.of("0362bec3a3374e7," + HEX, HEX));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedLineHoldingASecret(String line, String secret) {
        String first = line.startsWith("psk") || line.startsWith("sa") ? "psk first\n" : "fafaeb49382a763c,735be0cb62f82675\n";
        KeyFileException e = assertThrows(KeyFileException.class, () -> Loaded.text("keys.txt", first + line + "\n"));
        assertTrue(e.getMessage().startsWith("keys.txt line 2: "), e.getMessage());
        assertNoLeak(e.getMessage(), secret);
    }

    @Test
    void unknownFormatHoldingASecret() {
        KeyFileException e = assertThrows(KeyFileException.class, () -> Loaded.text("keys.txt", TEXT + "\n" + HEX + "\n"));
        assertNoLeak(e.getMessage(), TEXT);
        assertNoLeak(e.getMessage(), HEX);
    }

    @Test
    void skippedLinesHoldingASecret() throws IOException {
        Loaded statements = Loaded.text("keys.txt", "psk one\npks " + TEXT + "\nsa df82e8299aff4b6f skeyid-a initiator " + HEX + "\n");
        Loaded table = Loaded.text("t", "df82e8299aff4b6f,941e2de9e73391d28fd02e7fd8e832f4\n" + TEXT + "," + HEX + ",x\n");
        List<String> warnings = new ArrayList<>(statements.warnings());
        warnings.addAll(table.warnings());
        assertTrue(warnings.size() == 3, warnings.toString());
        for (String w : warnings) {
            assertNoLeak(w, TEXT);
            assertNoLeak(w, HEX);
        }
    }

    /** Every key of the lab logs, loaded: no warning and no toString shows any of the truth's values. */
    @Test
    void loadedMaterialAndItsWarningsShowNoValue() throws IOException {
        List<String> said = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String scenario : List.of("mm-pskmismatch", "am-psk-bad", "many-peers", "ikev2-psk-ok")) {
            for (String side : List.of("i", "r")) {
                if (!java.nio.file.Files.exists(Loaded.log(scenario + "/" + side + "-charon.log.gz"))) {
                    continue;
                }
                Loaded loaded = Loaded.logs(scenario + "/" + side + "-charon.log.gz");
                said.addAll(loaded.warnings());
                said.add(loaded.keys().toString());
                for (SaKeyMaterial m : loaded.keys().sas().values()) {
                    said.add(m.toString());
                    said.add(String.valueOf(m.dhSharedSecret()));
                    for (Side s : Side.values()) {
                        said.add(m.encryptionKey(s).toString());
                        said.add(m.skeyidE(s).toString());
                    }
                }
            }
            for (JsonNode x : CharonLogTest.truth(scenario).path("exchanges")) {
                for (String k : List.of("keys", "keys_responder")) {
                    for (String v : List.of("dh_shared_secret", "skeyid_e", "enc_key")) {
                        String value = x.path(k).path(v).asText("");
                        if (!value.isEmpty()) {
                            values.add(value);
                        }
                    }
                }
            }
        }
        Loaded statements = Loaded.text("keys.txt", KeyStatementsTest.EXAMPLE);
        said.add(statements.keys().toString());
        statements.keys().sas().values().forEach(m -> said.add(m.toString() + " " + m.dhPrivate()));
        statements.keys().psks("192.0.2.101").forEach(p -> said.add(p.toString()));
        values.addAll(List.of("dev-psk-Ab12", "a secret with spaces", "0011223344556677", "d77155183d216374726f421acb4ba4a8"));
        assertTrue(values.size() > 30, "values checked: " + values.size());
        String all = String.join("\n", said);
        for (String v : values) {
            assertNoLeak(all, v);
        }
    }
}
