package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report as a person sees it: every lab capture's report opened in headless Chromium,
 * checked against the lab truth (each message of the ladder there with its frame number and
 * label, retransmissions marked, each side's final state under its lane), the summary table's
 * filters and sorting clicked, an evidence link followed; screenshots saved under
 * {@code target/html-report/}. Skipped, with a message, when Chromium or chromedriver is not
 * installed ({@code apt-get install chromium chromium-driver}; {@code .ci/run} does).
 */
class HtmlReportBrowserTest {
    private static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");
    private static final Path THIRD_PARTY = Path.of("../dissector/src/test/resources/captures/thirdparty");
    private static final Path OUT = Path.of("target/html-report");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        String[] installed = Chromium.installed();
        assumeTrue(installed != null, "Chromium or chromedriver not installed (apt-get install chromium chromium-driver):"
                + " the HTML report is not checked in a browser");
        Files.createDirectories(OUT);
        browser = new Chromium(installed[0], installed[1], OUT.resolve("chromedriver.log"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Writes the HTML report of {@code captures} to target/html-report/NAME.html. */
    static Path report(String name, Path... captures) throws IOException {
        return report(name, List.of(), captures);
    }

    /** Writes the HTML report of {@code captures}, with {@code options}, to target/html-report/NAME.html. */
    static Path report(String name, List<String> options, Path... captures) throws IOException {
        Files.createDirectories(OUT);
        Path page = OUT.resolve(name + ".html");
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "html", "-o", page.toString()));
        args.addAll(options);
        for (Path c : captures) {
            args.add(c.toString());
        }
        AnalyzeRun.Result r = AnalyzeRun.run(args.toArray(String[]::new));
        assertTrue(r.exit() == 0 || r.exit() == 3, name + ": exit " + r.exit() + " " + r.err());
        assertEquals("", r.out(), "with -o nothing goes to standard output");
        return page;
    }

    private static List<Path> labCaptures() throws IOException {
        try (Stream<Path> s = Files.list(LAB)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    /** The ids of the exchange sections whose cookies line names {@code icookie}. */
    private static List<String> sections(String icookie) throws IOException {
        JsonNode v = browser.script("var c=arguments[0],r=[];document.querySelectorAll('section.exchange').forEach(function(s){"
                + "if(s.querySelector('.cookies').textContent.indexOf('i='+c)>=0)r.push(s.id);});return r;", icookie);
        List<String> ids = new ArrayList<>();
        v.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void everyLabCaptureShowsItsTruthInTheLadders() throws IOException {
        int checkedMessages = 0;
        for (Path capture : labCaptures()) {
            String name = capture.getFileName().toString().replace(".pcap", "");
            Path truthFile = LAB.resolve(name.replace(".initiator-side", "") + ".truth.json");
            browser.open(report(name, capture));
            assertTrue(browser.script("return document.querySelectorAll('svg.ladder').length;").asInt() > 0,
                    name + ": no ladder diagram");
            assertTrue(browser.text(browser.find("#shown")).endsWith("shown"), name + ": the page's script did not run");
            if (name.endsWith(".initiator-side")) {
                continue;
            }
            JsonNode truth = JSON.readTree(truthFile.toFile());
            for (JsonNode e : truth.path("exchanges")) {
                String icookie = e.path("icookie").asText();
                List<String> sections = sections(icookie);
                assertFalse(sections.isEmpty(), name + ": no ladder for i=" + icookie);
                for (JsonNode m : e.path("messages")) {
                    long frame = m.path("frame").asLong();
                    String found = null;
                    for (String s : sections) {
                        List<String> g = browser.findAll("#" + s + " g.msg[data-frame=\"" + frame + "\"]");
                        if (!g.isEmpty()) {
                            found = g.get(0);
                            break;
                        }
                    }
                    assertTrue(found != null, name + ": frame " + frame + " of i=" + icookie + " is not in its ladder");
                    assertTrue(browser.displayed(found), name + ": frame " + frame + " is not displayed");
                    String shown = browser.text(found);
                    assertTrue(shown.startsWith(frame + "\n") || shown.startsWith(frame + " "),
                            name + ": the row of frame " + frame + " does not start with its frame number: " + shown);
                    String label = m.path("label").asText();
                    String expected = switch (label) {
                        case "quick" -> "QM";
                        case "informational" -> "INFORMATIONAL";
                        default -> label;
                    };
                    assertTrue(shown.contains(expected), name + ": frame " + frame + " should read " + expected + ": " + shown);
                    if (m.has("retransmission_of_frame")) {
                        assertTrue(shown.contains("retransmission") && shown.contains("of frame " + m.path("retransmission_of_frame").asLong()),
                                name + ": frame " + frame + " is not marked as a retransmission: " + shown);
                    }
                    if (m.path("encrypted").asBoolean()) {
                        assertTrue(shown.contains("encrypted") || shown.contains("decrypted"), name + ": frame " + frame
                                + " is not marked encrypted: " + shown);
                    }
                    checkedMessages++;
                }
                if (sections.size() == 1 && e.path("final_state_cisco").isObject()) {
                    JsonNode st = browser.script("return Array.prototype.map.call(document.querySelectorAll('#'+arguments[0]"
                            + "+' .st text'),function(t){return t.textContent;});", sections.get(0));
                    assertEquals(stateShown(e.path("final_state_cisco").path("initiator")), st.get(0).asText().replace("*", ""),
                            name + ": initiator state under the ladder of i=" + icookie);
                    assertEquals(stateShown(e.path("final_state_cisco").path("responder")), st.get(1).asText().replace("*", ""),
                            name + ": responder state under the ladder of i=" + icookie);
                }
            }
        }
        assertTrue(checkedMessages > 300, "messages checked: " + checkedMessages);
    }

    private static String stateShown(JsonNode truthState) {
        // The truth names IKEv2 states "IKEv2 ESTABLISHED"; the ladder marks an inferred one with "*".
        return truthState.isNull() ? "(no phase-1 message)" : truthState.asText().replace("IKEv2 ", "");
    }

    @Test
    void thirdPartyCapturesRender() throws IOException {
        List<Path> captures;
        try (Stream<Path> s = Files.list(THIRD_PARTY)) {
            captures = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)$")).sorted().toList();
        }
        for (Path capture : captures) {
            String name = capture.getFileName().toString();
            browser.open(report("thirdparty-" + name, capture));
            int sections = browser.script("return document.querySelectorAll('section.exchange').length;").asInt();
            int ladders = browser.script("return document.querySelectorAll('section.exchange svg.ladder').length;").asInt();
            assertEquals(sections, ladders, name + ": every exchange has its ladder");
            assertTrue(browser.text(browser.find("#shown")).endsWith("shown") || sections == 0, name + ": the script did not run");
        }
    }

    @Test
    void filtersHideRowsAndSortingOrdersThem() throws IOException {
        Path capture = LAB.resolve("many-peers.pcap");
        browser.open(report("many-peers", capture));
        browser.screenshot(OUT.resolve("many-peers.png"), 1280);
        JsonNode truth = JSON.readTree(LAB.resolve("many-peers.truth.json").toFile());
        List<String> rows = browser.findAll("#summary tbody tr");
        assertEquals(truth.path("exchanges").size(), rows.size());
        assertEquals(rows.size() + " of " + rows.size() + " shown", browser.text(browser.find("#shown")));

        // By state: the rows left are those of the SAs where a side ended in MM_WAIT_MSG6.
        long stuck = 0;
        for (JsonNode e : truth.path("exchanges")) {
            JsonNode s = e.path("final_state_cisco");
            if (s.path("initiator").asText().equals("MM_WAIT_MSG6") || s.path("responder").asText().equals("MM_WAIT_MSG6")) {
                stuck++;
            }
        }
        browser.click(browser.find("#filter-state"));
        browser.click(browser.find("#filter-state option[value=\"MM_WAIT_MSG6\"]"));
        assertEquals(stuck, visibleRows().size());
        for (String r : visibleRows()) {
            assertTrue(browser.text(r).contains("MM_WAIT_MSG6"), browser.text(r));
        }
        assertFalse(browser.displayed(hiddenSection()), "the ladder of a row filtered out is hidden too");
        browser.click(browser.find("#filter-state option[value=\"\"]"));
        assertEquals(rows.size(), visibleRows().size());

        // By finding: as many rows as exchanges the JSON report gives that finding.
        AnalyzeRun.Result json = AnalyzeRun.run("analyze", "--format", "json", capture.toString());
        long psk = 0;
        for (JsonNode x : JSON.readTree(json.out()).path("exchanges")) {
            for (JsonNode f : x.path("findings")) {
                if (f.path("code").asText().equals("auth.psk-mismatch")) {
                    psk++;
                    break;
                }
            }
        }
        assertTrue(psk > 0);
        browser.click(browser.find("#filter-finding"));
        browser.click(browser.find("#filter-finding option[value=\"auth.psk-mismatch\"]"));
        assertEquals(psk, visibleRows().size());
        assertEquals(psk + " of " + rows.size() + " shown", browser.text(browser.find("#shown")));
        browser.click(browser.find("#filter-finding option[value=\"\"]"));

        // By text: one peer's address.
        browser.type(browser.find("#filter-text"), "192.0.2.157");
        assertEquals(1, visibleRows().size());
        assertTrue(browser.text(visibleRows().get(0)).contains("192.0.2.157"));
        browser.script("var t=document.getElementById('filter-text');t.value='';t.dispatchEvent(new Event('input'));");

        // Sorting: the "#" column, twice, puts the last exchange first.
        String hash = browser.find("#summary th:first-child");
        browser.click(hash);
        browser.click(hash);
        assertTrue(browser.text(visibleRows().get(0)).startsWith(String.valueOf(rows.size())), browser.text(visibleRows().get(0)));
    }

    private List<String> visibleRows() throws IOException {
        List<String> shown = new ArrayList<>();
        for (String r : browser.findAll("#summary tbody tr")) {
            if (browser.displayed(r)) {
                shown.add(r);
            }
        }
        return shown;
    }

    private String hiddenSection() throws IOException {
        String id = browser.script("var r=document.querySelector('#summary tbody tr[hidden]');return r?'x'+r.dataset.x:null;").asText();
        return browser.find("#" + id);
    }

    @Test
    void evidenceLinksLeadToTheLadderRow() throws IOException {
        Path page = report("mm-pskmismatch", LAB.resolve("mm-pskmismatch.pcap"));
        browser.open(page);
        browser.screenshot(OUT.resolve("mm-pskmismatch.png"), 1100);
        List<String> links = browser.findAll("a.ev");
        assertFalse(links.isEmpty(), "the PSK mismatch finding links its evidence");
        String frame = browser.script("return document.querySelector('a.ev').dataset.frame;").asText();
        browser.click(links.get(0));
        String target = browser.script("return location.hash.slice(1);").asText();
        String row = browser.find("#" + target);
        assertTrue(browser.displayed(row));
        assertTrue(browser.script("return document.getElementById(arguments[0]).classList.contains('target');", target).asBoolean(),
                "the linked row is highlighted");
        Set<String> frames = new HashSet<>(List.of(browser.script("return document.getElementById(arguments[0]).dataset.frame;",
                target).asText()));
        assertTrue(frames.contains(frame) || browser.text(row).contains(frame), "evidence frame " + frame + " -> " + browser.text(row));
    }

    /** With key material: MM5/MM6 and the quick mode are marked decrypted, the identities are in the table. */
    @Test
    void decryptedMessagesAndIdentities() throws IOException {
        String name = "mm-3des-md5-modp1024-esp";
        JsonNode x = JSON.readTree(LAB.resolve(name + ".truth.json").toFile()).path("exchanges").get(0);
        List<String> keys = List.of("--dh-secret=" + x.path("icookie").asText() + "=" + x.path("keys").path("dh_shared_secret").asText(),
                "--psk=" + x.path("initiator").path("psk_configured").asText());
        browser.open(report(name + "-decrypted", keys, LAB.resolve(name + ".pcap")));
        for (JsonNode m : x.path("messages")) {
            if (m.path("encrypted").asBoolean()) {
                String row = browser.find("g.msg[data-frame=\"" + m.path("frame").asLong() + "\"]");
                assertTrue(browser.text(row).contains("decrypted"), browser.text(row));
                assertTrue(browser.script("return document.querySelector(arguments[0]).classList.contains('dec');",
                        "g.msg[data-frame=\"" + m.path("frame").asLong() + "\"]").asBoolean());
            }
        }
        assertFalse(browser.findAll("#cross a.ev").isEmpty(), "the weak-proposal finding links its evidence too");
        String table = browser.text(browser.find("#summary tbody tr"));
        assertTrue(table.contains(x.path("initiator").path("id_sent").path("value").asText())
                && table.contains(x.path("responder").path("id_sent").path("value").asText()), table);
        browser.screenshot(OUT.resolve(name + "-decrypted.png"), 1280);
    }

    /** The README's picture (docs/report.png is a copy of target/html-report/report.png). */
    @Test
    void screenshotForTheReadme() throws IOException {
        browser.open(report("natt-portmap", LAB.resolve("natt-portmap.pcap")));
        browser.screenshot(OUT.resolve("natt-portmap.png"), 1280);
        Path page = report("report", LAB.resolve("mm-unreach-drop.pcap"), LAB.resolve("natt-portmap.pcap"),
                LAB.resolve("mm-pskmismatch.pcap"));
        browser.open(page);
        browser.click(browser.find("a[href=\"#x2\"]"));
        browser.script("window.scrollTo(0,0);");
        browser.screenshot(OUT.resolve("report.png"), 1400, 1700);
        assertTrue(Files.size(OUT.resolve("report.png")) > 10_000);
        browser.open(page.resolveSibling("natt-portmap.html"));
        String text = browser.text(browser.find("body"));
        assertTrue(text.contains("float to UDP 4500"), "the float to 4500 is marked");
        assertTrue(text.contains("ESP spi"), "ESP is drawn");
    }
}
