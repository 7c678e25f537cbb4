package org.ikescope.dissector.isakmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ikescope.dissector.model.Diagnostic;

/** Hex fixtures under {@code fixtures/payloads/}, and a harness that decodes one payload body. */
final class Fixtures {
    static final int HEADER = IsakmpMessage.HEADER_BYTES;
    /** Offset of a fixture body inside the synthetic message: ISAKMP header + generic header. */
    static final int BODY = HEADER + PayloadCursor.GENERIC_HEADER_BYTES;

    private Fixtures() {
    }

    /** Bytes of {@code fixtures/payloads/NAME.hex}: '#' starts a comment, whitespace is ignored. */
    static byte[] hex(String name) {
        String path = "/fixtures/payloads/" + name + ".hex";
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            StringBuilder sb = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                sb.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decoded payload and what was reported while decoding it. */
    record Decoded(Payload payload, List<Diagnostic> diagnostics, NatTraversalNumbering sa) {
        PayloadBody body() {
            return payload.body();
        }

        List<String> codes() {
            return diagnostics.stream().map(Diagnostic::code).toList();
        }

        String json() {
            return JsonTestSink.json(payload);
        }
    }

    /**
     * Decodes fixture {@code name} as the body of a payload of {@code type}, placed after a zero
     * ISAKMP header of version {@code major} and exchange {@code exchange} and a generic header.
     */
    static Decoded decode(int major, int exchange, int type, String name) {
        byte[] body = hex(name);
        byte[] m = new byte[BODY + body.length];
        m[17] = (byte) (major << 4);
        m[18] = (byte) exchange;
        int len = PayloadCursor.GENERIC_HEADER_BYTES + body.length;
        m[HEADER + 2] = (byte) (len >> 8);
        m[HEADER + 3] = (byte) len;
        System.arraycopy(body, 0, m, BODY, body.length);
        List<Diagnostic> diags = new ArrayList<>();
        NatTraversalNumbering sa = new NatTraversalNumbering();
        DecodeContext ctx = new DecodeContext(m, major, exchange, sa, diags);
        PayloadDecoders d = new PayloadDecoders();
        PayloadBody b = d.decode(type, BODY, m.length, ctx);
        Payload p = new Payload(type, PayloadDecoders.meaning(type, ctx), HEADER, len, 0, false, b);
        return new Decoded(p, List.copyOf(diags), sa);
    }

    static Decoded v1(int type, String name) {
        return decode(1, 2, type, name);
    }

    static Decoded v2(int type, String name) {
        return decode(2, 34, type, name);
    }
}
