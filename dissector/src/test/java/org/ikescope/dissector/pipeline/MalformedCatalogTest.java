package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.NatTraversalNumbering;
import org.ikescope.dissector.model.Diagnostic;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * The catalogue of malformed ISAKMP messages: {@code fixtures/malformed/*.hex}, each an ISAKMP
 * message (the UDP payload) in hex with {@code #} comment lines saying what is wrong, and one
 * {@code # expect: code...} line with the exact diagnostic codes the decoder must report (in any
 * order, each as often as listed).
 */
class MalformedCatalogTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/malformed");

    /** One catalogue entry. */
    record Fixture(String name, String description, List<String> expected, byte[] message) {
    }

    static Fixture load(Path p) {
        try {
            StringBuilder hex = new StringBuilder();
            StringBuilder description = new StringBuilder();
            List<String> expected = null;
            for (String line : Files.readAllLines(p)) {
                String t = line.strip();
                if (t.startsWith("# expect:")) {
                    expected = new ArrayList<>();
                    for (String c : t.substring("# expect:".length()).trim().split("\\s+")) {
                        if (!c.isEmpty()) {
                            expected.add(c);
                        }
                    }
                } else if (t.startsWith("#")) {
                    description.append(t.substring(1).strip()).append(' ');
                } else {
                    hex.append(t.replaceAll("\\s+", ""));
                }
            }
            String name = p.getFileName().toString().replace(".hex", "");
            assertNotNull(expected, name + ": no '# expect:' line");
            return new Fixture(name, description.toString().strip(), expected, HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Fixture> all() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".hex")).sorted().map(MalformedCatalogTest::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> sorted(List<String> codes) {
        List<String> r = new ArrayList<>(codes);
        r.sort(null);
        return r;
    }

    @TestFactory
    Stream<DynamicTest> eachFixtureReportsExactlyItsCodes() {
        return all().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            assertFalse(f.description().isEmpty(), f.name() + ": describe the case in '#' lines");
            IsakmpMessage m = new IsakmpDecoder().decode(ByteBuffer.wrap(f.message()), new NatTraversalNumbering());
            List<String> codes = m.diagnostics().stream().map(Diagnostic::code).toList();
            assertEquals(sorted(f.expected()), sorted(codes), () -> f.name() + ": " + m.diagnostics());
            for (Diagnostic d : m.diagnostics()) {
                assertTrue(d.offset() >= 0 && d.offset() <= f.message().length, () -> f.name() + ": offset of " + d);
                assertTrue(d.code().matches("isakmp(\\.[a-z0-9-]+)+"), d.code());
                assertTrue(d.detail().contains(": "), () -> f.name() + ": detail is \"what: actual (expected: ...)\": " + d.detail());
            }
            assertTrue(m.malformed() || f.expected().isEmpty());
        }));
    }

    @Test
    void catalogueCoversTheWalkersCodes() {
        List<String> covered = all().stream().flatMap(f -> f.expected().stream()).distinct().toList();
        for (String code : List.of("isakmp.header.truncated", "isakmp.length.invalid", "isakmp.length.truncated",
                "isakmp.length.extra-data", "isakmp.version.unknown", "isakmp.payload.length.invalid",
                "isakmp.payload.truncated", "isakmp.payload.chain.unterminated", "isakmp.payload.extra-data",
                "isakmp.payload.count")) {
            assertTrue(covered.contains(code), "no fixture for " + code);
        }
    }
}
