package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.plugins.TestJars;
import org.ikescope.dissector.keys.SecretLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, secrets: no PSK, DH value or key reaches any output format, log line or error message
 * of dissect or analyze (text, JSON, JSONL, --debug), whether given on the command line or in a
 * key file, whether the key file is good or malformed; ikescope keys prints them (and --show-keys a
 * PSK found by a wordlist search, tested in AggressivePskCliTest).
 */
class SecretsNeverShownTest {
    static final Path CAPTURE = CliRunner.CAPTURES.resolve("lab/mm-aes128-sha1-modp1024.pcap");
    static final String PSK = "dev-psk-Ab12";
    static final String GXY = "6ce097fc805df0327c32c11a0a174725d3489e47260a0d257733eccb13ab580c3a2c5833f03b556595ef4b3483dc"
            + "7842519c63e8a258121727f8be9b5435b4c5922e8e2df184e5c439edd8b6d786e75ceacea16c093cb6900cdee1b34b2283f03c17479e9"
            + "eec69ee1a392df32e72c9e95d03db5246fd0c8a192df7e4d4b2412e";
    static final String ENC_KEY = "941e2de9e73391d28fd02e7fd8e832f4";
    static final String SKEYID = "2dfb1313f924775400be859fda6cd4c655d0c936";
    static final List<String> SECRETS = List.of(PSK, GXY, ENC_KEY, SKEYID);

    @TempDir
    Path tmp;

    static final List<List<String>> OUTPUTS = List.of(List.of("dissect"), List.of("dissect", "-V"),
            List.of("dissect", "--format", "jsonl"), List.of("analyze"), List.of("analyze", "--format", "json"),
            List.of("analyze", "--format", "json", "--debug"));

    static void assertNoSecret(CliRunner.Result r, String what) {
        for (String s : SECRETS) {
            try {
                SecretLeaks.assertNoLeak(r.out(), s);
                SecretLeaks.assertNoLeak(r.err(), s);
            } catch (AssertionError e) {
                throw new AssertionError(what + ": a part of a secret in the output (stderr: " + r.err().lines().limit(5).toList() + ")");
            }
        }
        assertTrue(r.exit() == Main.EXIT_OK || r.exit() == Main.EXIT_USAGE || r.exit() == Main.EXIT_DAMAGED,
                what + ": exit " + r.exit() + " " + r.err());
    }

    static CliRunner.Result run(List<String> output, String... more) {
        List<String> args = new ArrayList<>(output);
        args.addAll(List.of(more));
        args.add(CAPTURE.toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void secretsOnTheCommandLineAreNeverShown() {
        for (List<String> out : OUTPUTS) {
            CliRunner.Result r = run(out, "--psk", PSK, "--dh-secret", "df82e8299aff4b6f=" + GXY);
            assertNoSecret(r, out.toString());
            assertTrue(r.out().contains("decrypt"), out + ": the keys were used: " + r.out());
        }
    }

    @Test
    void secretsInAKeyFileAreNeverShown() throws IOException {
        Path good = Files.writeString(tmp.resolve("keys.txt"), "sa df82e8299aff4b6f encryption-key " + ENC_KEY + "\n"
                + "sa df82e8299aff4b6f skeyid " + SKEYID + "\npsk " + PSK + "\n");
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "sa df82e8299aff4b6f encryption-key " + ENC_KEY + "\n"
                + "sa df82e8299aff4b6f dh-secret zz" + GXY + "\npsk\n" + PSK + " and more words " + SKEYID + "\n");
        Path table = Files.writeString(tmp.resolve("ikev1_decryption_table"), "df82e8299aff4b6f," + ENC_KEY + "\n"
                + "df82e8299aff4b6f,zz" + GXY + "\n");
        for (List<String> out : OUTPUTS) {
            for (Path keys : List.of(good, bad, table)) {
                assertNoSecret(run(out, "--keys", keys.toString()), out + " --keys " + keys.getFileName());
            }
            assertNoSecret(run(out, "--psk", "@" + bad), out + " --psk @bad");
            assertNoSecret(run(out, "--dh-secret", "df82e8299aff4b6f=zz" + GXY), out + " malformed --dh-secret");
        }
    }

    /**
     * --isolate-plugins: the child JVM gets the secrets on its standard input, never its command
     * line (which every user sees in ps); its plugins still see the decrypted exchange.
     */
    @Test
    void theChildJvmOfIsolatePluginsHasNoSecretOnItsCommandLine() throws IOException {
        String body = "try { sink.report(\"iso.cmdline\", Severity.INFO, Confidence.CONFIRMED, \"decrypted=\" + e.decrypted(),"
                + " \"cmdline=\" + new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/proc/self/cmdline\")))"
                + ".replace('\\0', ' '), \"r\", 1L); } catch (java.io.IOException x) { throw new java.io.UncheckedIOException(x); }";
        Path dir = TestJars.pluginDir(tmp.resolve("plugins"), "c.jar", "org.cmd", "C",
                TestJars.plugin("org.cmd", "C", "iso.cmdline", TestJars.CURRENT, body));
        CliRunner.Result r = run(List.of("analyze", "--format", "json"), "--psk", PSK, "--dh-secret", "df82e8299aff4b6f=" + GXY,
                "--plugin-path", dir.toString(), "--isolate-plugins");
        assertNoSecret(r, "--isolate-plugins");
        assertTrue(r.out().contains("PluginChildMain"), "the plugin ran in the child and read its command line: " + r.out());
        assertTrue(r.out().contains("decrypted=true"), "the child had the keys: " + r.out());
    }

    @Test
    void ikescopeKeysIsTheWayToSeeThem() {
        CliRunner.Result r = run(List.of("keys"), "--psk", PSK, "--dh-secret", "df82e8299aff4b6f=" + GXY);
        assertTrue(r.out().contains(ENC_KEY), "ikescope keys prints the derived keys");
    }

    /** Found by this test: picocli expanded {@code --psk @FILE} itself and printed each secret as a missing file. */
    @Test
    void aFileOfSecretsIsNotSplitIntoArguments() throws IOException {
        Path psks = Files.writeString(tmp.resolve("psks.txt"), "wrong-one\n" + PSK + "\n");
        CliRunner.Result r = run(List.of("dissect"), "--psk", "@" + psks);
        SecretLeaks.assertNoLeak(r.out() + r.err(), PSK);
        SecretLeaks.assertNoLeak(r.out() + r.err(), "wrong-one");
        assertTrue(!r.err().contains("no such file"), r.err());
    }
}
