package org.ikescope.analyzer.diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ikescope.analyzer.cli.Main;
import org.ikescope.dissector.pipeline.PcapFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * {@code path.fragments-lost} on real evidence: lab captures with fragments cut out, so that the
 * dissector reports a set that never completed and the analyzer attaches it to its exchange.
 */
class FragmentsLostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAB = LabCaptureDiagnosticsTest.LAB;

    @TempDir
    Path tmp;

    /** MM5 (IP fragments 7-10) without frame 8; MM6 still came: the capture, not the path, lost it. */
    @Test
    void ipFragmentMissingButAnswered() throws IOException {
        JsonNode x = onlyExchange(analyze(cut("mm-rsasig-ipfrag.pcap", Set.of(8L))));
        assertEquals("[{\"kind\":\"ip\",\"from\":\"initiator\",\"frames\":[7,8,9],\"bytes\":1660,\"reason\":\"pending\"}]",
                x.path("incompleteFragments").toString());
        JsonNode f = finding(x, "path.fragments-lost");
        assertEquals("likely", f.path("confidence").asText());
        assertEquals("info", f.path("severity").asText());
        assertTrue(evidence(f).containsAll(List.of(7L, 8L, 9L)), f.toString());
        assertEquals("MM_ACTIVE", x.path("state").path("initiator").asText());
    }

    /** The same set, and nothing from the responder after it: phase 1 stalled at MM5. */
    @Test
    void ipFragmentMissingAndPhaseOneStalled() throws IOException {
        Set<Long> gone = new java.util.HashSet<>(Set.of(8L));
        LongStream.rangeClosed(11, 20).forEach(gone::add);
        JsonNode x = onlyExchange(analyze(cut("mm-rsasig-ipfrag.pcap", gone)));
        // MM5 left the initiator (its fragments started after MM4) but never completed here: the
        // initiator waits for MM6, and the state says it rests on an incomplete message.
        assertEquals("MM_WAIT_MSG6", x.path("state").path("initiator").asText());
        assertEquals("MM_WAIT_MSG5", x.path("state").path("responder").asText());
        assertTrue(x.path("state").path("inferred").asBoolean());
        // The note says what the inference rests on: lost fragments of MM5, not an IKEv2 IKE_AUTH.
        String notes = x.path("notes").toString();
        assertTrue(notes.contains("MM_WAIT_MSG6 is inferred") && notes.contains("MM5"), notes);
        assertTrue(!notes.contains("IKE_AUTH"), notes);
        assertTrue(codes(x).stream().noneMatch(c -> c.startsWith("config.") || c.startsWith("auth.")), codes(x).toString());
        JsonNode f = finding(x, "path.fragments-lost");
        assertEquals("confirmed", f.path("confidence").asText());
        assertEquals("error", f.path("severity").asText());
        assertEquals(List.of(7L, 8L, 9L), evidence(f));
    }

    /** MM5 as IKE fragments (frames 7-9) without frame 8. */
    @Test
    void ikeFragmentMissing() throws IOException {
        JsonNode x = onlyExchange(analyze(cut("mm-ikefrag.pcap", Set.of(8L))));
        JsonNode sets = x.path("incompleteFragments");
        assertEquals(1, sets.size(), sets.toString());
        assertEquals("ike", sets.get(0).path("kind").asText());
        assertEquals("initiator", sets.get(0).path("from").asText());
        assertEquals("[7,8]", sets.get(0).path("frames").toString());
        JsonNode f = finding(x, "path.fragments-lost");
        assertTrue(Set.of("likely", "confirmed").contains(f.path("confidence").asText()), f.toString());
        assertTrue(evidence(f).containsAll(List.of(7L, 8L)), f.toString());
    }

    /**
     * tcpdump's/Zeek's ipsec_client.pcap: a Windows IKEv2 client's IKE_AUTH, three IP fragments
     * each, sent three times (frames 3-11) and never answered, although IKE_SA_INIT was.
     */
    @Test
    void ikev2AuthFragmentedAndNeverAnswered() throws IOException {
        JsonNode x = onlyExchange(analyze(LAB.resolveSibling("thirdparty").resolve("ipsec_client.pcap")));
        assertEquals("IKE_AUTH", x.path("state").path("initiator").asText());
        JsonNode f = finding(x, "path.fragments-lost");
        assertEquals("likely", f.path("confidence").asText());
        assertEquals("error", f.path("severity").asText());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), evidence(f));
    }

    /** --merge replays the incomplete set with the other events of the timeline. */
    @Test
    void mergedTimelineKeepsTheSet() throws IOException {
        JsonNode x = onlyExchange(analyze(cut("mm-rsasig-ipfrag.pcap", Set.of(8L)), "--merge"));
        assertEquals("[7,8,9]", x.path("incompleteFragments").get(0).path("frames").toString());
        finding(x, "path.fragments-lost");
    }

    /** The complete captures carry no incomplete set and no such finding. */
    @Test
    void completeCapturesHaveNone() {
        for (String name : List.of("mm-rsasig-ipfrag.pcap", "mm-ikefrag.pcap")) {
            JsonNode x = onlyExchange(analyze(LAB.resolve(name)));
            assertEquals(0, x.path("incompleteFragments").size(), name);
            x.path("findings").forEach(f -> assertTrue(!"path.fragments-lost".equals(f.path("code").asText()), name));
        }
    }

    private Path cut(String capture, Set<Long> frames) throws IOException {
        Path out = tmp.resolve(capture.replace(".pcap", "-cut.pcap"));
        PcapFilter.without(LAB.resolve(capture), out, frames);
        return out;
    }

    private static JsonNode analyze(Path capture, String... options) {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(List.of(options));
        args.add(capture.toString());
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        assertTrue(exit == Main.EXIT_OK || exit == Main.EXIT_FINDINGS, capture + ": exit " + exit);
        try {
            return JSON.readTree(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(capture + ": not JSON", e);
        }
    }

    private static JsonNode onlyExchange(JsonNode doc) {
        assertEquals(1, doc.path("exchanges").size(), doc.path("exchanges").toString());
        return doc.path("exchanges").get(0);
    }

    private static JsonNode finding(JsonNode x, String code) {
        for (JsonNode f : x.path("findings")) {
            if (code.equals(f.path("code").asText())) {
                return f;
            }
        }
        throw new AssertionError(code + " not among " + x.path("findings"));
    }

    private static List<Long> evidence(JsonNode f) {
        List<Long> out = new ArrayList<>();
        f.path("evidence").forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<String> codes(JsonNode x) {
        List<String> out = new ArrayList<>();
        x.path("findings").forEach(f -> out.add(f.path("code").asText()));
        return out;
    }
}
