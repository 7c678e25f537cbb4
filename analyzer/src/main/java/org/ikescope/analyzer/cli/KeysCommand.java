package org.ikescope.analyzer.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.analysis.CaptureReading;
import org.ikescope.analyzer.output.PskWordlistOutput;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.crypto.Phase1Keys;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.KeyText;
import org.ikescope.dissector.model.Addresses;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.session.KeyedSessions;
import org.ikescope.dissector.session.PskWordlistSearch;
import org.ikescope.dissector.session.SaKeys;
import org.ikescope.dissector.session.SaSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ikescope keys}: the keys the key material gives for each IKEv1 SA of the captures, or
 * Wireshark's {@code ikev1_decryption_table} for them. The one command that prints secrets
 * without being asked twice: printing them is what it is for.
 */
@Command(name = "keys", versionProvider = Main.Version.class,
        footer = {"%nExamples:",
                "  ikescope keys --psk cisco123 --dh-private 895adbcffec4f4a0=initiator:HEX capture.pcap",
                "  ikescope keys --keys charon.log --export wireshark capture.pcap > ikev1_decryption_table"},
        description = {"Print the keys the key material gives for each IKEv1 SA, or a Wireshark decryption table.",
                "Per SA the key material covers (initiator cookie, peers, mode, algorithms): the initial IV, and per side where"
                        + " its key came from and how it is known, SKEYID, SKEYID_d, SKEYID_a, SKEYID_e and the encryption key"
                        + " (RFC 2409 section 5, appendix B). A value the material cannot give is shown as -.",
                "This command prints secrets: that is its purpose (a --psk-wordlist match is shown with its value too). Every"
                        + " other command names a secret by where it came from (--psk #2, a file and line) and shows no value"
                        + " unless --show-keys is given.",
                "--export wireshark prints Wireshark's ikev1_decryption_table instead: ICOOKIE_HEX,ENCRYPTION_KEY_HEX per SA."
                        + " Wireshark holds one key per initiator cookie; when the two sides used different keys (a pre-shared"
                        + " key mismatch) the initiator's is written and standard error says so.",
                "Exit codes: 0 done, 2 usage, 3 a file damaged or unreadable, 4 output could not be written, 6 internal error, 7 out of memory."})
public final class KeysCommand implements Callable<Integer> {
    @Mixin
    HelpOptions help = new HelpOptions();

    /** SAs reported at most (the session table's own cap): a scan must not grow the heap without bound. */
    static final int MAX_SAS = 65_536;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, optionally gzipped; - for standard input.")
    List<String> files;

    @Option(names = "--export", paramLabel = "FORMAT", description = "wireshark: print an ikev1_decryption_table (save it as"
            + " ikev1_decryption_table in a Wireshark profile, or give its lines to tshark -o uat:ikev1_decryption_table:LINE).")
    String export;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Override
    public Integer call() {
        if (export != null && !export.equals("wireshark")) {
            return usage("--export: " + export + " (expected: wireshark)");
        }
        CaptureReading runner;
        try {
            runner = new CaptureReading(CaptureOpener.named(input.reader), line -> System.err.println("ikescope: " + line));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        KeyMaterial material = keys.loadOrReport();
        if (material == null) {
            return Main.EXIT_USAGE;
        }
        if (material.isEmpty()) {
            return usage("no key material (expected: --psk, --dh-secret, --dh-private or --keys; see KEYS.md)");
        }
        if (InputOptions.reportAllMissing(files)) {
            return Main.EXIT_DAMAGED;
        }
        Dissector dissector = new Dissector(input.dissectorOptions().withKeys(material));
        Map<SaSession, Boolean> sas = new IdentityHashMap<>();
        List<SaSession> order = new ArrayList<>();
        long[] notListed = new long[1];
        DissectionListener listener = new DissectionListener() {
            @Override
            public void message(MessageEvent e) {
                SaSession s = e.session();
                if (s == null || s.version() != 1 || sas.containsKey(s) || !covered(material, s)) {
                    return;
                }
                if (order.size() < MAX_SAS) {
                    sas.put(s, Boolean.TRUE);
                    order.add(s);
                } else {
                    notListed[0]++;
                }
            }
        };
        for (String f : files) {
            runner.read(dissector, f, listener);
        }
        KeyedSessions keyed = dissector.keyed();
        PrintStream ps = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(ps, false, StandardCharsets.UTF_8);
        if (export != null) {
            out.println("# ikev1_decryption_table written by ikescope keys: initiator cookie,encryption key");
        }
        for (SaSession s : order) {
            SaKeys k = keyed.keysOf(s);
            if (export != null) {
                exportRow(out, s, k);
            } else {
                print(out, s, k);
            }
        }
        if (notListed[0] > 0) {
            System.err.println("ikescope: " + notListed[0] + " more SAs with key material not listed (at most " + MAX_SAS + ")");
        }
        PskWordlistSearch.Result wordlist = material.wordlist() == null ? null
                : PskWordlistSearch.run(material.wordlist(), keyed.pskTargets(), keyed.pskTargetsDropped());
        if (wordlist != null && export == null) {
            out.println();
            PskWordlistOutput.text(wordlist, true).forEach(out::println);
        }
        out.flush();
        if (wordlist != null && wordlist.error() != null) {
            return usage(wordlist.error());
        }
        return runner.errors().isEmpty() ? Main.EXIT_OK : Main.EXIT_DAMAGED;
    }

    /** Key material names the SA (by initiator cookie) or one of its peers has a pre-shared key. */
    private static boolean covered(KeyMaterial m, SaSession s) {
        return m.forSa(s.initiatorCookie()) != null
                || !m.psks(Addresses.format(s.initiatorAddress()), Addresses.format(s.responderAddress())).isEmpty();
    }

    private static void print(PrintWriter out, SaSession s, SaKeys k) {
        out.println("IKE SA " + KeyText.cookie(s.initiatorCookie()) + "  " + Addresses.format(s.initiatorAddress()) + " -> "
                + Addresses.format(s.responderAddress()) + "  " + s.mode().label() + " mode"
                + (k.crypto() == null ? "" : ", " + k.crypto()));
        if (k.crypto() == null) {
            out.println("  no keys: " + k.unavailable());
            out.println();
            return;
        }
        out.println(row("  ", "initial IV", k.initialIv()));
        SaKeys.KnownKey initiator = k.keyOf(Side.INITIATOR);
        for (Side side : Side.values()) {
            SaKeys.KnownKey key = k.keyOf(side);
            if (side == Side.RESPONDER && key.candidate() != null && initiator.candidate() != null
                    && key.candidate().keys() == initiator.candidate().keys()) {
                out.println("  responder: the same keys (" + key.candidate().label() + "; " + key.how() + ")");
                continue;
            }
            if (key.candidate() == null) {
                out.println("  " + side.label() + ": no key (" + key.how() + ")");
                continue;
            }
            out.println("  " + side.label() + ": " + key.candidate().label() + " (" + key.how() + ")");
            Phase1Keys p = key.candidate().keys();
            out.println(row("    ", "SKEYID", p.skeyid()));
            out.println(row("    ", "SKEYID_d", p.skeyidD()));
            out.println(row("    ", "SKEYID_a", p.skeyidA()));
            out.println(row("    ", "SKEYID_e", p.skeyidE()));
            out.println(row("    ", "encryption key", p.encryptionKey()));
        }
        out.println();
    }

    private static String row(String indent, String name, byte[] value) {
        return String.format(java.util.Locale.ROOT, "%s%-16s%s", indent, name, value == null ? "-" : HexFormat.of().formatHex(value));
    }

    /** One line of the table: the initiator's key, else the responder's; stderr says when they differ or none is known. */
    private static void exportRow(PrintWriter out, SaSession s, SaKeys k) {
        String cookie = KeyText.cookie(s.initiatorCookie());
        SaKeys.KnownKey i = k.keyOf(Side.INITIATOR);
        SaKeys.KnownKey r = k.keyOf(Side.RESPONDER);
        SaKeys.KnownKey chosen = i.candidate() != null ? i : r;
        if (chosen.candidate() == null) {
            System.err.println("ikescope: SA " + cookie + ": not exported, no key (" + (k.crypto() == null ? k.unavailable() : i.how())
                    + ")");
            return;
        }
        byte[] key = chosen.candidate().keys().encryptionKey();
        if (i.candidate() != null && r.candidate() != null
                && !java.util.Arrays.equals(key, r.candidate().keys().encryptionKey())) {
            System.err.println("ikescope: SA " + cookie + ": the two sides used different keys (a pre-shared key mismatch);"
                    + " Wireshark holds one key per initiator cookie: wrote the initiator's, which decrypts the initiator's"
                    + " messages only");
        } else if (chosen == r) {
            System.err.println("ikescope: SA " + cookie + ": wrote the responder's key (the initiator's is not known: " + i.how()
                    + ")");
        }
        out.println(cookie + "," + HexFormat.of().formatHex(key));
    }

    private static int usage(String message) {
        System.err.println("ikescope: " + message);
        return Main.EXIT_USAGE;
    }
}
