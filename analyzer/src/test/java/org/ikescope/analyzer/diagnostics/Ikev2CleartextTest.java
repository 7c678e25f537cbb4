package org.ikescope.analyzer.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ikescope.analyzer.exchange.SyntheticCapture;
import org.ikescope.dissector.pipeline.PcapFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IKEv2 IKE_SA_INIT outcomes that need no keys. The real IKEv2 captures (the lab's
 * ikev2-psk-ok.pcap, the public ipsec_client.pcap) show only an accepted IKE_SA_INIT: they must
 * get none of these findings, whole or cut after the request. The failures are on synthetic
 * captures (no public capture shows them): no answer, NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD with and without a retry in
 * another group, COOKIE and the retry with it, INVALID_SYNTAX. Each capture has a frame of
 * other traffic 30 s after the exchange, so the capture's window covers every retransmission.
 */
class Ikev2CleartextTest {
    private static final int I = 0xc0000201;     // 192.0.2.1
    private static final int R = 0xc6336401;     // 198.51.100.1
    private static final int OTHER = 0xc0000263;  // 192.0.2.99
    private static final long S = 1_000_000;      // one second in microseconds

    @TempDir
    Path dir;

    /** Writes a capture: {@code body} adds the IKE messages, then one unrelated datagram 30 s later. */
    private Path capture(String name, Body body) throws IOException {
        Path file = dir.resolve(name + ".pcap");
        try (SyntheticCapture c = new SyntheticCapture(file, 7)) {
            long last = body.write(c);
            c.udp(last + 30 * S, OTHER, 53, OTHER + 1, 53, new byte[] {1, 2, 3, 4});
        }
        return file;
    }

    private interface Body {
        /** Writes the messages; returns the time of the last one (microseconds). */
        long write(SyntheticCapture c) throws IOException;
    }

    private static void req(SyntheticCapture c, long t, byte[] m) throws IOException {
        c.udp(t, I, 500, R, 500, m);
    }

    private static void resp(SyntheticCapture c, long t, byte[] m) throws IOException {
        c.udp(t, R, 500, I, 500, m);
    }

    private static JsonNode only(Path capture) {
        JsonNode doc = LabCaptureDiagnosticsTest.analyze(capture);
        assertEquals(1, doc.path("exchanges").size(), doc.toString());
        return doc.path("exchanges").get(0);
    }

    /**
     * The one exchange of a capture where an IKE_SA_INIT request offering {@code group} is
     * answered only by a notification of {@code notifyType} carrying {@code data}.
     */
    private JsonNode answeredOnlyBy(String name, long ispi, int group, int notifyType, byte[] data) throws IOException {
        return only(capture(name, c -> {
            req(c, 0, c.ikeSaInitRequest(ispi, group, null));
            resp(c, 2_000, SyntheticCapture.ikeSaInitNotify(ispi, notifyType, data));
            return 2_000;
        }));
    }

    /**
     * The one exchange of a capture where the responder answers an IKE_SA_INIT request in
     * {@code group} with a notification asking for another try, and the initiator tries again in
     * {@code retryGroup} (with {@code cookie}, if not null) and gets its IKE SA.
     */
    private JsonNode askedAndRetried(String name, int group, int notifyType, byte[] data, int retryGroup, byte[] cookie)
            throws IOException {
        long ispi = 0x3333;
        long rspi = 0x4444;
        return only(capture(name, c -> {
            req(c, 0, c.ikeSaInitRequest(ispi, group, null));
            resp(c, 2_000, SyntheticCapture.ikeSaInitNotify(ispi, notifyType, data));
            req(c, 4_000, c.ikeSaInitRequest(ispi, retryGroup, cookie));
            resp(c, 6_000, c.ikeSaInitResponse(ispi, rspi, retryGroup));
            req(c, 8_000, c.ikeAuth(ispi, rspi, true));
            resp(c, 10_000, c.ikeAuth(ispi, rspi, false));
            return 10_000;
        }));
    }

    private static List<String> errors(JsonNode x) {
        List<String> out = new ArrayList<>();
        x.path("findings").forEach(f -> {
            if ("error".equals(f.path("severity").asText())) {
                out.add(f.path("code").asText());
            }
        });
        return out;
    }

    @Test
    void noAnswerIsPeerUnreachable() throws IOException {
        Path p = capture("v2-noanswer", c -> {
            byte[] m = c.ikeSaInitRequest(0x1111, 14, null);
            req(c, 0, m);
            req(c, 4 * S, m);
            req(c, 11 * S, m);
            return 11 * S;
        });
        JsonNode x = only(p);
        assertEquals(List.of("peer.unreachable"), errors(x));
        JsonNode f = LabCaptureDiagnosticsTest.finding(x, "peer.unreachable");
        assertEquals("likely", f.path("confidence").asText());
        assertTrue(f.path("title").asText().contains("IKE_SA_INIT request sent 3 times"), f.toString());
        assertTrue(f.path("asa").isNull(), "no ASA state for IKEv2: " + f);
    }

    @Test
    void noProposalChosenIsAPolicyMismatch() throws IOException {
        JsonNode x = answeredOnlyBy("v2-noproposal", 0x2222, 14, 14, new byte[0]);
        assertEquals(List.of("policy.mismatch"), errors(x));
        assertEquals("NO_STATE", x.path("state").path("responder").asText());
    }

    @Test
    void invalidKeWithARetryInAnotherGroupIsInformation() throws IOException {
        JsonNode x = askedAndRetried("v2-invalid-ke-retry", 19, 17, new byte[] {0, 14}, 14, null);
        assertEquals(List.of(), errors(x));
        JsonNode f = LabCaptureDiagnosticsTest.finding(x, "ike.invalid-ke");
        assertEquals("info", f.path("severity").asText());
        assertTrue(f.path("explanation").asText().contains("group 14"), f.toString());
        assertTrue(f.path("title").asText().contains("accepted"), f.toString());
    }

    @Test
    void invalidKeWithoutARetryIsAnError() throws IOException {
        JsonNode x = answeredOnlyBy("v2-invalid-ke", 0x5555, 19, 17, new byte[] {0, 14});
        assertEquals(List.of("ike.invalid-ke"), errors(x));
    }

    @Test
    void cookieAndTheRetryWithIt() throws IOException {
        byte[] cookie = new byte[16];
        cookie[0] = 0x5a;
        JsonNode x = askedAndRetried("v2-cookie", 14, 16390, cookie, 14, cookie);
        assertEquals(List.of(), errors(x));
        assertEquals("info", LabCaptureDiagnosticsTest.finding(x, "ike.cookie").path("severity").asText());
    }

    @Test
    void invalidSyntax() throws IOException {
        JsonNode x = answeredOnlyBy("v2-syntax", 0x8888, 14, 7, new byte[0]);
        assertEquals(List.of("ike.invalid-syntax"), errors(x));
        assertEquals("confirmed", LabCaptureDiagnosticsTest.finding(x, "ike.invalid-syntax").path("confidence").asText());
    }

    /** The same IKE_SA_INIT answered by INVALID_KE_PAYLOAD, the capture ending right there: unfinished, not failed. */
    @Test
    void captureEndingAfterTheInvalidKeAnswerIsUnfinished() throws IOException {
        Path file = dir.resolve("v2-invalid-ke-cut.pcap");
        try (SyntheticCapture c = new SyntheticCapture(file, 7)) {
            req(c, 0, c.ikeSaInitRequest(0x9999, 19, null));
            resp(c, 2_000, SyntheticCapture.ikeSaInitNotify(0x9999, 17, new byte[] {0, 14}));
        }
        JsonNode x = only(file);
        assertEquals(List.of(), errors(x));
        assertTrue(LabCaptureDiagnosticsTest.codes(x).contains("capture.ends-mid-exchange"), x.path("findings").toString());
        assertFalse(LabCaptureDiagnosticsTest.codes(x).contains("ike.invalid-ke"));
    }

    private static final Path CAPTURES = Path.of("../dissector/src/test/resources/captures");
    private static final Set<String> IKE_SA_INIT_CODES = Set.of("peer.unreachable", "policy.mismatch",
            "ike.invalid-ke", "ike.cookie", "ike.invalid-syntax");

    @Test
    void realCapturesOfAnAcceptedIkeSaInitGetNoneOfThem() {
        for (String name : List.of("lab/ikev2-psk-ok.pcap", "thirdparty/ipsec_client.pcap")) {
            JsonNode x = only(CAPTURES.resolve(name));
            Set<String> codes = LabCaptureDiagnosticsTest.codes(x);
            assertTrue(codes.stream().noneMatch(IKE_SA_INIT_CODES::contains), name + ": " + codes);
        }
        assertEquals(List.of(), errors(only(CAPTURES.resolve("lab/ikev2-psk-ok.pcap"))));
    }

    @Test
    void theLabCaptureCutAfterTheRequestIsUnfinishedNotUnreachable() throws IOException {
        // ikev2-psk-ok.pcap: frame 3 is the IKE_SA_INIT request, 4 its response, 5-6 IKE_AUTH.
        Path cut = dir.resolve("ikev2-psk-ok.after-request.pcap");
        Set<Long> dropped = new TreeSet<>(List.of(4L, 5L, 6L));
        PcapFilter.without(CAPTURES.resolve("lab/ikev2-psk-ok.pcap"), cut, dropped);
        JsonNode x = only(cut);
        assertEquals(List.of(), errors(x));
        assertTrue(LabCaptureDiagnosticsTest.codes(x).contains("capture.ends-mid-exchange"), x.path("findings").toString());
    }
}
