package org.ikescope.dissector.keys;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads key files, gzip-compressed or not, whose format is recognised from the content: the
 * first line that some format claims, among the first {@value #DETECTION_LINES} lines that are
 * not blank or {@code #} comments.
 * <ul>
 *   <li>ikescope's key statements ({@code sa ...}, {@code psk ...}: KEYS.md), {@link KeyStatements};</li>
 *   <li>Wireshark's {@code ikev1_decryption_table} and strongSwan's {@code save-keys} output
 *       ({@code ikev2_decryption_table} and {@code esp_sa} are recognised and not loaded), {@link WiresharkKeyTable};</li>
 *   <li>a strongSwan charon log at {@code ike 4}, {@link CharonLog};</li>
 *   <li>a libreswan pluto log: recognised, nothing loaded, one warning. Even with {@code debug=all}
 *       pluto keeps g^xy, SKEYID and the keys inside NSS and logs only references to them; what it
 *       prints (cookies, KE values, nonces, the PSK) cannot decrypt without g^xy.</li>
 * </ul>
 * Everything read goes into one {@link KeyMaterial.Builder}; problems that leave the rest
 * usable are warnings, one line each; a malformed line of a known format is a {@link
 * KeyFileException} naming the file and line, never the line's content.
 */
public final class KeyFiles {
    /** How far into a file its format is looked for. */
    static final int DETECTION_LINES = 50;
    private static final Pattern PLUTO = Pattern.compile("^(?:[A-Z][a-z]{2} [ \\d]\\d [\\d:.]+: )?\\| |\\bpluto\\b|Starting Pluto");

    private KeyFiles() {
    }

    /**
     * Reads {@code file} into {@code into}.
     *
     * @param warn receives one line per thing skipped (unknown lines, IKEv2 entries, keys without cookies)
     * @throws KeyFileException when the format is unknown or a line of it is malformed
     * @throws IOException      when the file cannot be read
     */
    public static void read(Path file, KeyMaterial.Builder into, Consumer<String> warn) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            read(file.toString(), in, into, warn);
        }
    }

    /** Reads a key file from a stream; {@code name} names it in labels and messages. */
    public static void read(String name, InputStream stream, KeyMaterial.Builder into, Consumer<String> warn) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(decompressed(stream), StandardCharsets.UTF_8));
        List<String> head = new ArrayList<>();
        KeyFileParser parser = null;
        int candidates = 0;
        String line;
        while (parser == null && candidates < DETECTION_LINES && (line = lines.readLine()) != null) {
            head.add(line);
            if (KeyFileParser.isBlankOrComment(line)) {
                continue;
            }
            candidates++;
            parser = parser(line, name, into, warn);
            if (parser == null && PLUTO.matcher(line).find()) {
                warn.accept(name + ": a libreswan pluto log; pluto does not log IKE keys (g^xy, SKEYID and the encryption key"
                        + " stay inside NSS even with debug=all); nothing loaded");
                return;
            }
        }
        if (parser == null) {
            if (candidates > 0) {
                throw new KeyFileException(name + ": unknown key file format (expected: ikescope key statements, a Wireshark"
                        + " ikev1_decryption_table, strongSwan save-keys output or a charon log at ike 4; see KEYS.md)");
            }
            warn.accept(name + ": no keys in the file; nothing loaded");
            return;
        }
        int number = 0;
        for (String h : head) {
            parser.line(++number, h);
        }
        while ((line = lines.readLine()) != null) {
            parser.line(++number, line);
        }
        parser.end();
    }

    /** {@code stream}, gunzipped when it starts with gzip's magic number (1f 8b), buffered. */
    static InputStream decompressed(InputStream stream) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** The format {@code line} belongs to, or null. Statements first: a charon-like pattern may appear in a secret. */
    private static KeyFileParser parser(String line, String name, KeyMaterial.Builder into, Consumer<String> warn) {
        if (KeyStatements.recognizes(line)) {
            return new KeyStatements(name, into, warn);
        }
        if (WiresharkKeyTable.recognizes(line)) {
            return new WiresharkKeyTable(name, into, warn);
        }
        if (CharonLog.recognizes(line)) {
            return new CharonLog(name, into, warn);
        }
        return null;
    }
}
