package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ikescope.analyzer.exchange.SyntheticCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a file: self-contained (nothing to fetch), small enough for 100 peers, and
 * escaped wherever a capture or a file name speaks. What a person sees in it is checked in
 * {@link HtmlReportBrowserTest}.
 */
class HtmlReportTest {
    private static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");
    /** The issue's bound for a capture of 100 peers. */
    private static final long MAX_BYTES_100_PEERS = 2_000_000;

    @TempDir
    Path tmp;

    private String html(Path... captures) throws IOException {
        Path out = tmp.resolve("r.html");
        String[] args = new String[4 + captures.length];
        args[0] = "analyze";
        args[1] = "--format=html";
        args[2] = "-o";
        args[3] = out.toString();
        for (int i = 0; i < captures.length; i++) {
            args[4 + i] = captures[i].toString();
        }
        AnalyzeRun.Result r = AnalyzeRun.run(args);
        assertEquals(0, r.exit(), r.err());
        return Files.readString(out);
    }

    @Test
    void loadsNothingFromAnywhere() throws IOException {
        String page = html(LAB.resolve("natt-portmap.pcap"), LAB.resolve("mm-ikefrag.pcap"));
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
        assertFalse(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").matches("(?s).*(https?:|//[a-z]).*"),
                "no URL but the SVG namespace");
        assertFalse(Pattern.compile("\\s(src|srcset|action|formaction)=").matcher(page).find(), "nothing to load");
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
        while (href.find()) {
            assertTrue(href.group(1).startsWith("#"), "a link within the page: " + href.group(1));
        }
    }

    @Test
    void aHundredPeersStayUnderTwoMegabytes() throws IOException {
        Path capture = tmp.resolve("100-peers.pcap");
        try (SyntheticCapture c = new SyntheticCapture(capture, 7)) {
            for (int p = 0; p < 100; p++) {
                // Every message of main and quick mode, each sent twice: a busy ladder.
                for (int copy = 0; copy < 2; copy++) {
                    c.mainModePeer(p * 10_000_000L + copy * 1_000, 100_000, 0x0a000100 + p, 0xc0000201,
                            0x1000_0000_0000_0000L + p, 0x2000_0000_0000_0000L + p, 10);
                }
            }
        }
        String page = html(capture);
        long bytes = page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("HTML report of 100 peers (2000 messages): " + bytes + " bytes");
        assertTrue(bytes < MAX_BYTES_100_PEERS, bytes + " bytes");
        assertEquals(100, page.split("<tr data-x=", -1).length - 1);
        assertEquals(100, page.split("<svg class=\"ladder\"", -1).length - 1);
    }

    @Test
    void aFileNameCannotWriteMarkup() throws IOException {
        Path evil = tmp.resolve("<img src=x onerror=alert(1)>\"'&\u202e.pcap");
        Files.copy(LAB.resolve("mm-pskmismatch.pcap"), evil);
        String page = html(evil);
        assertFalse(page.contains("<img"), "markup from a file name");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;\\u{202E}.pcap"), "shown escaped");
    }

    @Test
    void escapesText() {
        assertEquals("a&lt;b&gt;&amp;&quot;&#39;\\x1b\\u{202E}", Html.text("a<b>&\"'\u001b\u202e"));
        assertEquals("plain", Html.text("plain"));
        assertEquals("", Html.text(null));
    }
}
