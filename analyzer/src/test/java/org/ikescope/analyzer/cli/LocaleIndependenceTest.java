package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Output does not depend on the JVM's default locale: every command prints the same bytes under the default locale,
 * German (decimal comma), Arabic (Arabic-Indic digits), Thai digits and Turkish (dotless i) as under {@link Locale#ROOT}.
 */
class LocaleIndependenceTest {
    /** IPv4 and IPv6, NAT-T on 4500, IP fragments, IKE fragments, many peers, VLAN-tagged pcapng. */
    static final List<String> CAPTURES = List.of("lab/many-peers.pcap", "lab/mm-ipv6.pcap", "lab/natt-portmap.pcap",
            "lab/mm-rsasig-ipfrag.pcap", "lab/mm-ikefrag.pcap", "lab/span-vlan-mixed.pcapng");

    static final List<List<String>> COMMANDS = List.of(
            List.of("dissect", "--format", "jsonl"),
            List.of("dissect"),
            List.of("dissect", "-V"),
            List.of("analyze", "--format", "json"),
            List.of("analyze"));

    static final List<Locale> LOCALES = List.of(Locale.getDefault(), Locale.forLanguageTag("de-DE"),
            Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("th-TH-u-nu-thai"), Locale.forLanguageTag("tr-TR"));

    static CliRunner.Result runIn(Locale locale, List<String> args) {
        Locale all = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        try {
            Locale.setDefault(locale);
            return CliRunner.run(args.toArray(String[]::new));
        } finally {
            Locale.setDefault(all);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    /** Like assertEquals, but shows where the texts part instead of both (long) texts whole. */
    static void assertSameText(String expected, String actual, String where) {
        if (expected.equals(actual)) {
            return;
        }
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        long line = expected.substring(0, at).lines().count() + (at == 0 || expected.charAt(at - 1) == '\n' ? 1 : 0);
        fail(where + ": first difference at line " + line + ", char " + at + "\n  Locale.ROOT: "
                + excerpt(expected, at) + "\n  this locale: " + excerpt(actual, at));
    }

    private static String excerpt(String s, int at) {
        return "..." + s.substring(Math.max(0, at - 40), Math.min(s.length(), at + 40)).replace("\n", "\\n") + "...";
    }

    @TestFactory
    Stream<DynamicTest> sameBytesUnderEveryLocale() {
        // Otherwise the comparison proves nothing: this JDK must really format numbers differently in these locales.
        for (String tag : List.of("de-DE", "ar-EG", "th-TH-u-nu-thai")) {
            assertNotEquals("0.5", String.format(Locale.forLanguageTag(tag), "%.1f", 0.5), tag);
        }
        assertNotEquals("I", "i".toUpperCase(Locale.forLanguageTag("tr-TR")));

        List<DynamicTest> tests = new ArrayList<>();
        for (String capture : CAPTURES) {
            Path file = CliRunner.CAPTURES.resolve(capture);
            for (List<String> command : COMMANDS) {
                List<String> args = new ArrayList<>(command);
                args.add(file.toString());
                tests.add(DynamicTest.dynamicTest(capture + ": " + String.join(" ", command), () -> {
                    CliRunner.Result root = runIn(Locale.ROOT, args);
                    assertEquals(0, root.exit(), root.err());
                    for (Locale locale : LOCALES) {
                        CliRunner.Result r = runIn(locale, args);
                        String where = String.join(" ", args) + " under " + locale.toLanguageTag();
                        assertEquals(root.exit(), r.exit(), where);
                        assertSameText(root.out(), r.out(), where + ", standard output");
                        assertSameText(root.err(), r.err(), where + ", standard error");
                    }
                }));
            }
        }
        return tests.stream();
    }
}
