package org.ikescope.dissector.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The check that what ikescope says (messages, warnings, toString) holds no part of a secret. */
public final class SecretLeaks {
    /** How many consecutive characters of a secret count as a leak. */
    public static final int WINDOW = 8;

    private SecretLeaks() {
    }

    /**
     * Fails when {@code said} holds any {@value #WINDOW} consecutive characters of {@code secret}
     * (either case), or of its UTF-8 bytes in hex: a secret cut or re-encoded is still a leak.
     */
    public static void assertNoLeak(String said, String secret) {
        String low = said.toLowerCase(Locale.ROOT);
        for (String form : List.of(secret, HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)))) {
            String f = form.toLowerCase(Locale.ROOT);
            for (int i = 0; i + WINDOW <= f.length(); i++) {
                assertFalse(low.contains(f.substring(i, i + WINDOW)), () -> "a part of a secret in: " + said);
            }
        }
    }
}
