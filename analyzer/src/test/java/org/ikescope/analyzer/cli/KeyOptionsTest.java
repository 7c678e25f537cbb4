package org.ikescope.analyzer.cli;

import static org.ikescope.dissector.keys.SecretLeaks.assertNoLeak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.keys.KeyFileException;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.SaKeyMaterial;
import org.ikescope.dissector.keys.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The key options parsed by picocli on a small command, and the key material they build. */
class KeyOptionsTest {
    /** mm-aes128-sha1-modp1024 (truth: icookie, keys.dh_shared_secret, keys.enc_key). */
    static final String COOKIE = "df82e8299aff4b6f";
    static final String GXY = "6ce097fc805df0327c32c11a0a174725d3489e47260a0d257733eccb13ab580c3a2c5833f03b556595ef4b3483dc7842519c"
            + "63e8a258121727f8be9b5435b4c5922e8e2df184e5c439edd8b6d786e75ceacea16c093cb6900cdee1b34b2283f03c17479e9eec69ee1a392df32e72c9e9"
            + "5d03db5246fd0c8a192df7e4d4b2412e";
    static final String KA = "941e2de9e73391d28fd02e7fd8e832f4";

    @TempDir
    Path tmp;

    @Command(name = "test")
    static final class TestCommand {
        @Mixin
        KeyOptions keys = new KeyOptions();
    }

    static KeyOptions parse(String... args) {
        TestCommand c = new TestCommand();
        new CommandLine(c).parseArgs(args);
        return c.keys;
    }

    record Built(KeyMaterial keys, List<String> warnings) {
    }

    static Built build(String env, String... args) throws IOException {
        List<String> warnings = new ArrayList<>();
        return new Built(parse(args).keyMaterial(env, warnings::add), warnings);
    }

    static String text(Secret s) {
        return new String(HexFormat.of().parseHex(s.reveal()), StandardCharsets.UTF_8);
    }

    @Test
    void everyOptionTogether() throws IOException {
        Path pskFile = Files.writeString(tmp.resolve("psks.txt"), "  file-one  \n\n198.51.100.7=file-two\nhex:0102\n");
        Path log = CliRunner.CAPTURES.resolve("lab/logs/mm-aes128-sha1-modp1024/i-charon.log.gz");
        Path table = CliRunner.CAPTURES.resolve("thirdparty/ikev1_decryption_table");
        Built b = build("env-one\n  203.0.113.9=env-two  \n\n",
                "--psk", "arg-one", "--psk", "198.51.100.7=arg-two", "--psk=@" + pskFile, "--psk", "hex:00ff",
                "--dh-secret", COOKIE + "=" + GXY, "--dh-private", "895adbcffec4f4a0=responder:00:11:22",
                "--keys", table.toString(), "--keys", log.toString());
        assertEquals(List.of(), b.warnings());

        assertEquals(List.of("--psk #2", "--psk @" + pskFile + " line 3", "--psk #1", "--psk @" + pskFile + " line 1",
                        "--psk @" + pskFile + " line 4", "--psk #4", "IKESCOPE_PSK #1"),
                b.keys().psks("198.51.100.7").stream().map(Secret::label).toList(),
                "the peer's own keys, then those for any peer, each in the order given: --psk, then IKESCOPE_PSK");
        assertEquals(List.of("arg-two", "file-two", "arg-one", "file-one"),
                b.keys().psks("198.51.100.7").subList(0, 4).stream().map(KeyOptionsTest::text).toList());
        assertEquals("0102", b.keys().psks().get(2).reveal());
        assertEquals("env-two", text(b.keys().psks("203.0.113.9").get(0)));

        SaKeyMaterial sa = b.keys().forSa(0xdf82e8299aff4b6fL);
        assertEquals(GXY, sa.dhSharedSecret().reveal());
        assertEquals("--dh-secret #1", sa.dhSharedSecret().label(), "an option comes before the files");
        assertEquals(KA, sa.encryptionKey(Side.INITIATOR).orElseThrow().reveal(), "the charon log's key, merged");
        SaKeyMaterial.DhPrivate x = b.keys().forSa(0x895adbcffec4f4a0L).dhPrivate();
        assertEquals(Side.RESPONDER, x.side());
        assertEquals("001122", x.value().reveal());
        assertEquals("735be0cb62f82675c4f7bf8fbab9b56834ba76d6ab4fa240", b.keys().forSa(0xfafaeb49382a763cL).anySide().reveal());
    }

    /** The part before the first = is a peer only when it is strictly an IPv4 or IPv6 address. */
    @Test
    void peerOnlyWhenTheFirstPartIsAnAddress() throws IOException {
        Built b = build(null, "--psk", "2024=summer", "--psk", "1.2.3=x", "--psk", "gw.example.net=y", "--psk", "=z",
                "--psk", "10.0.0.1=a=b", "--psk", "2001:DB8:0:0::1=v6", "--psk", "-leading-dash");
        assertEquals(List.of("2024=summer", "1.2.3=x", "gw.example.net=y", "=z", "-leading-dash"),
                b.keys().psks().stream().map(KeyOptionsTest::text).toList());
        assertEquals("a=b", text(b.keys().psks("10.0.0.1").get(0)));
        assertEquals("v6", text(b.keys().psks("2001:db8::1").get(0)), "peers are written as Addresses.format writes them");
    }

    @Test
    void nothingGivenIsNoKeyMaterial() throws IOException {
        assertTrue(build(null).keys().isEmpty());
        assertTrue(build("\n  \n").keys().isEmpty());
    }

    /** Malformed values: a usage error naming the option and its position, never the value. */
    @Test
    void malformedValuesNeverShowTheValue() {
        String secret = "Sup3r-Secret-Value";
        String hex = "6ce097fc805df0327c32c11a0a174725";
        assertRejected("--dh-secret #1: g^xy (expected: an even number of hex digits, optionally separated by spaces or colons)",
                hex, "--dh-secret", COOKIE + "=" + hex + "zz");
        assertRejected("--dh-secret #1: malformed (expected: ICOOKIE_HEX=GXY_HEX)", hex, "--dh-secret", hex);
        assertRejected("--dh-secret #2: initiator cookie (expected: 16 hex digits)", secret, "--dh-secret", COOKIE + "=00",
                "--dh-secret", secret + "=00");
        assertRejected("--dh-private #1: side (expected: initiator or responder)", hex, "--dh-private", COOKIE + "=" + hex + ":" + hex);
        assertRejected("--dh-private #1: malformed (expected: ICOOKIE_HEX=initiator:HEX or ICOOKIE_HEX=responder:HEX)", hex,
                "--dh-private", COOKIE + "=" + hex);
        assertRejected("--psk #1: pre-shared key: empty (expected: a secret, or hex:HEX)", secret, "--psk", "");
        assertRejected("--psk #2: pre-shared key: empty (expected: a secret, or hex:HEX)", secret, "--psk", secret, "--psk", "10.0.0.1=");
        assertRejected("--psk #1: pre-shared key after hex: (expected: an even number of hex digits, optionally separated by spaces"
                + " or colons)", secret, "--psk", "hex:" + secret);
        assertRejected("--psk #1: @FILE cannot be read (expected: a file of secrets, one per line; a secret that begins with @ is"
                + " written hex:HEX)", secret, "--psk", "@" + secret);
    }

    @Test
    void malformedEnvironmentEntryNamesItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> build("good\n10.0.0.1=\n", "--psk", "x"));
        assertEquals("IKESCOPE_PSK #2: pre-shared key: empty (expected: a secret, or hex:HEX)", e.getMessage());
    }

    @Test
    void malformedKeyFileIsAKeyFileException() throws IOException {
        String secret = "0123456789abcdef0123456789abcdeZ";
        Path bad = Files.writeString(tmp.resolve("keys.txt"), "# mine\nsa " + COOKIE + " dh-secret " + secret + "\n");
        KeyFileException e = assertThrows(KeyFileException.class, () -> build(null, "--keys", bad.toString()));
        assertEquals(bad + " line 2: dh-secret (expected: an even number of hex digits, optionally separated by spaces or colons)",
                e.getMessage());
        assertNoLeak(e.getMessage(), secret);
    }

    private static void assertRejected(String message, String secret, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(null, args));
        assertEquals(message, e.getMessage());
        assertNoLeak(e.getMessage(), secret);
    }
}
