package org.ikescope.dissector.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test-vector files of {@code src/test/resources/crypto}: {@code name=hex} lines, {@code #} comments. */
final class Vectors {
    private Vectors() {
    }

    static Map<String, byte[]> load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream("/crypto/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource crypto/" + resource);
            }
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                out.put(l.substring(0, eq), hex(l.substring(eq + 1)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex digits (spaces allowed) as bytes. */
    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }
}
