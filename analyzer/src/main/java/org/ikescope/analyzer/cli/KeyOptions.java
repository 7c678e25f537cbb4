package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ikescope.dissector.keys.KeyFiles;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.KeyText;
import org.ikescope.dissector.keys.PskWordlist;
import org.ikescope.dissector.keys.SaKeyMaterial;
import org.ikescope.dissector.session.Ikev1Decryptor;
import picocli.CommandLine.Option;

/**
 * Options that supply key material (a picocli mixin): pre-shared keys, a wordlist of them, key
 * files, DH values. The values stay text until {@link #keyMaterial}: picocli's own conversion
 * errors quote the value, and these values are secrets. Formats: KEYS.md.
 */
public final class KeyOptions {
    /** Pre-shared keys, one per line, written as for {@code --psk}: a secret need not appear in the process list. */
    public static final String PSK_ENV = "IKESCOPE_PSK";

    @Option(names = "--psk", paramLabel = "[PEER_IP=]SECRET|@FILE",
            description = {"A pre-shared key to try (repeatable, tried in order). PEER_IP= limits it to that peer, when the part before"
                    + " the first = is an IPv4 or IPv6 address (else the = belongs to the secret). hex:HEX gives bytes. @FILE reads one"
                    + " per line (each written the same way, spaces around it dropped). Also: the environment variable " + PSK_ENV
                    + ", one per line, which keeps secrets out of the process list."})
    List<String> psks = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "FILE",
            description = "Key material from FILE (repeatable, gzip accepted): ikescope key statements, Wireshark's ikev1_decryption_table,"
                    + " strongSwan save-keys output or a charon log at ike level 4. See KEYS.md.")
    List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--dh-secret", paramLabel = "ICOOKIE_HEX=GXY_HEX",
            description = "The Diffie-Hellman shared secret g^xy of the IKE SA with this initiator cookie (repeatable).")
    List<String> dhSecrets = new ArrayList<>();

    @Option(names = "--psk-wordlist", paramLabel = "FILE",
            description = {"Pre-shared key candidates to search, after the capture, for every aggressive-mode HASH_R (AM2) and"
                    + " HASH_I (AM3, when not encrypted), as ike-scan's psk-crack does: one per line, the line up to its first"
                    + " space or tab; gzip accepted; read as a stream on all cores, stopping when every HASH is found. A match is"
                    + " reported as wordlist FILE line N; its value only with --show-keys."})
    Path wordlist;

    @Option(names = "--dh-private", paramLabel = "ICOOKIE_HEX=SIDE:HEX",
            description = "One side's Diffie-Hellman private value of the IKE SA with this initiator cookie; SIDE is initiator or"
                    + " responder (repeatable).")
    List<String> dhPrivates = new ArrayList<>();

    /**
     * The key material for a command: key files' warnings on standard error; null after printing
     * the error of a malformed option or an unreadable key file (a usage error).
     */
    KeyMaterial loadOrReport() {
        try {
            return keyMaterial(w -> System.err.println("ikescope: " + w));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("ikescope: " + e.getMessage());
            return null;
        }
    }

    /** {@link #keyMaterial(String, Consumer)} with {@value #PSK_ENV} from the environment. */
    public KeyMaterial keyMaterial(Consumer<String> warn) throws IOException {
        return keyMaterial(System.getenv(PSK_ENV), warn);
    }

    /**
     * The key material these options give. For one SA, what comes first is kept: {@code
     * --dh-secret}, then {@code --dh-private}, then the {@code --keys} files in order. PSKs are
     * tried in the order {@code --psk} (a {@code @FILE} in place), {@value #PSK_ENV}, then {@code
     * psk} statements of the {@code --keys} files.
     *
     * @param pskEnv the value of {@value #PSK_ENV}, or null
     * @param warn   receives one line per thing a key file skipped
     * @throws IllegalArgumentException when an option value is malformed (a usage error); the
     *                                  message names the option and its position, never the value
     * @throws IOException              when a key file cannot be read, or is malformed ({@code KeyFileException})
     */
    public KeyMaterial keyMaterial(String pskEnv, Consumer<String> warn) throws IOException {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        for (int i = 0; i < dhSecrets.size(); i++) {
            String label = "--dh-secret #" + (i + 1);
            String value = dhSecrets.get(i);
            at(label, () -> {
                String[] cv = split(value, '=', "ICOOKIE_HEX=GXY_HEX");
                b.sa(SaKeyMaterial.none(KeyText.cookie(cv[0]), label).withDhSharedSecret(KeyText.hex(cv[1], "g^xy", label)));
            });
        }
        for (int i = 0; i < dhPrivates.size(); i++) {
            String label = "--dh-private #" + (i + 1);
            String value = dhPrivates.get(i);
            at(label, () -> {
                String form = "ICOOKIE_HEX=initiator:HEX or ICOOKIE_HEX=responder:HEX";
                String[] cv = split(value, '=', form);
                String[] sv = split(cv[1], ':', form);
                b.sa(SaKeyMaterial.none(KeyText.cookie(cv[0]), label).withDhPrivate(KeyText.side(sv[0]),
                        KeyText.hex(sv[1], "DH private value", label)));
            });
        }
        for (int i = 0; i < psks.size(); i++) {
            String spec = psks.get(i);
            if (spec.startsWith("@")) {
                List<String> lines = readPskFile(spec.substring(1), "--psk #" + (i + 1));
                for (int n = 0; n < lines.size(); n++) {
                    if (!lines.get(n).isBlank()) {
                        psk(lines.get(n).strip(), "--psk " + spec + " line " + (n + 1), b);
                    }
                }
            } else {
                psk(spec, "--psk #" + (i + 1), b);
            }
        }
        if (pskEnv != null) {
            List<String> lines = pskEnv.lines().filter(l -> !l.isBlank()).toList();
            for (int i = 0; i < lines.size(); i++) {
                psk(lines.get(i).strip(), PSK_ENV + " #" + (i + 1), b);
            }
        }
        for (Path f : keyFiles) {
            KeyFiles.read(f, b, warn);
        }
        if (wordlist != null) {
            PskWordlist w = new PskWordlist(wordlist);
            w.open().close(); // unreadable: a usage error now, not after the capture
            b.wordlist(w);
        }
        KeyMaterial km = b.build();
        if (km.hasPsks() && km.sas().isEmpty()) {
            warn.accept("note: " + Ikev1Decryptor.PSK_ALONE);
        }
        return km;
    }

    /**
     * One PSK: {@code PEER_IP=SECRET} when the part before the first {@code =} is an address, else
     * all of it is the secret. (Lines of a file or of {@value #PSK_ENV} come stripped of surrounding
     * spaces; a value given as an argument is taken as it is.)
     */
    private static void psk(String s, String label, KeyMaterial.Builder b) {
        at(label, () -> {
            int eq = s.indexOf('=');
            String peer = eq > 0 ? KeyText.peer(s.substring(0, eq)) : null;
            if (peer != null) {
                b.psk(peer, KeyText.psk(s.substring(eq + 1), label));
            } else {
                b.psk(KeyText.psk(s, label));
            }
        });
    }

    /**
     * The lines of the file a {@code --psk @FILE} names. When it cannot be read, the message does
     * not name it: a secret that starts with {@code @} would be shown as a file name.
     */
    private static List<String> readPskFile(String file, String label) {
        try {
            return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(label + ": @FILE cannot be read (expected: a file of secrets, one per line;"
                    + " a secret that begins with @ is written hex:HEX)");
        }
    }

    /** Runs {@code step}; its {@link IllegalArgumentException} ("what (expected: ...)") is prefixed with where the value came from. */
    private static void at(String label, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage());
        }
    }

    /** {@code text} split at the first {@code c} into two non-empty parts. */
    private static String[] split(String text, char c, String form) {
        int at = text.indexOf(c);
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("malformed (expected: " + form + ")");
        }
        return new String[] {text.substring(0, at), text.substring(at + 1)};
    }
}
