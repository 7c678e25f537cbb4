package org.ikescope.analyzer.plugins;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ikescope.api.plugin.AsaLines;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;

/**
 * The line protocol of {@code --isolate-plugins}: what the child JVM sends its parent on its
 * standard output, one record per line, {@code NONCE TYPE TOKEN...}. The nonce is random per run
 * and reaches the child on its standard input, so a line that a plugin writes to file descriptor 1
 * directly is no record (the parent skips lines without it). Every token is a number or base64, so
 * no text a plugin controls can split a record or add one.
 *
 * <p>Records: {@code W line} a warning of plugin discovery; {@code U message} the plugins cannot be
 * used as asked (exit code 2); {@code H ids} the isolated plugins (newline-separated), sent once
 * loaded; {@code X id frame ispi rspi finding...} the findings of one exchange, keyed by its index in
 * the tracker's order and checked by its first frame and cookies; {@code E timeline kept finding...} the
 * end-of-capture findings of one timeline and how many exchanges its hooks saw; {@code P count plugin} a heartbeat (plugin calls done, the
 * plugin in a call now); {@code B id what} a plugin broke containment in the child; {@code D} done.
 */
final class IsolationWire {
    static final String WARNING = "W";
    static final String USAGE = "U";
    static final String HEADER = "H";
    static final String EXCHANGE = "X";
    static final String END = "E";
    static final String BEAT = "P";
    static final String BREACH = "B";
    static final String DONE = "D";

    private IsolationWire() {
    }

    /** A string as one token: {@code s} and its UTF-8 bytes in base64 (never empty, never a space). */
    static String text(String s) {
        return "s" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The string of a text token. */
    static String readText(String token) {
        if (!token.startsWith("s")) {
            throw new IllegalArgumentException("not a text token");
        }
        return new String(Base64.getDecoder().decode(token.substring(1)), StandardCharsets.UTF_8);
    }

    /** A finding as one token (every field, base64 of a small binary record). */
    static String finding(Finding f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            str(out, f.code());
            out.writeByte(f.severity().ordinal());
            out.writeByte(f.confidence().ordinal());
            str(out, f.title());
            str(out, f.explanation());
            str(out, f.remediation());
            str(out, f.source());
            out.writeInt(f.offset());
            out.writeInt(f.evidence().size());
            for (long frame : f.evidence()) {
                out.writeLong(frame);
            }
            out.writeBoolean(f.asa() != null);
            if (f.asa() != null) {
                str(out, f.asa().state());
                out.writeInt(f.asa().messages().size());
                for (String m : f.asa().messages()) {
                    str(out, m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * The finding of a finding token, through the {@link Finding} constructor's checks.
     *
     * @throws IllegalArgumentException when the token is not one (garbage)
     */
    static Finding readFinding(String token) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(token)))) {
            String code = str(in);
            Severity severity = Severity.values()[in.readUnsignedByte()];
            Confidence confidence = Confidence.values()[in.readUnsignedByte()];
            String title = str(in);
            String explanation = str(in);
            String remediation = str(in);
            String source = str(in);
            int offset = in.readInt();
            int n = in.readInt();
            if (n < 0 || n > in.available() / 8) {
                throw new IllegalArgumentException("evidence count " + n);
            }
            List<Long> evidence = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                evidence.add(in.readLong());
            }
            AsaLines asa = null;
            if (in.readBoolean()) {
                String state = str(in);
                int m = in.readInt();
                if (m < 0 || m > in.available() / 4) {
                    throw new IllegalArgumentException("ASA line count " + m);
                }
                List<String> lines = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    lines.add(str(in));
                }
                asa = new AsaLines(state, lines);
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("bytes after the finding");
            }
            return new Finding(code, severity, confidence, title, explanation, evidence, remediation, source, offset, asa);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a finding (" + e + ")", e);
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** A string of a finding token: no longer than what is left of the token. */
    private static String str(DataInputStream in) throws IOException {
        return str(in, in.available());
    }

    /** A length-prefixed UTF-8 string of at most {@code max} bytes; a shorter stream is an {@code EOFException}. */
    private static String str(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** What the parent writes on the child's standard input: the nonce, the arguments, the spooled captures. */
    record Setup(String nonce, List<String> args, java.util.Map<String, String> spooled, long retainBudget) {
        /** The longest argument or path read from the parent (a stream has no length to bound it by). */
        static final int MAX_SETUP_STRING = 1 << 24;

        void write(java.io.OutputStream stream) throws IOException {
            DataOutputStream out = new DataOutputStream(stream);
            str(out, nonce);
            out.writeLong(retainBudget);
            out.writeInt(args.size());
            for (String a : args) {
                str(out, a);
            }
            out.writeInt(spooled.size());
            for (var e : spooled.entrySet()) {
                str(out, e.getKey());
                str(out, e.getValue());
            }
            out.flush();
        }

        static Setup read(java.io.InputStream stream) throws IOException {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(stream));
            String nonce = str(in, MAX_SETUP_STRING);
            long retainBudget = in.readLong();
            int n = in.readInt();
            List<String> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(str(in, MAX_SETUP_STRING));
            }
            int m = in.readInt();
            java.util.Map<String, String> spooled = new java.util.LinkedHashMap<>();
            for (int i = 0; i < m; i++) {
                spooled.put(str(in, MAX_SETUP_STRING), str(in, MAX_SETUP_STRING));
            }
            return new Setup(nonce, args, spooled, retainBudget);
        }
    }
}
