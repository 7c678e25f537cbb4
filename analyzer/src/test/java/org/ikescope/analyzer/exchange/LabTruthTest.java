package org.ikescope.analyzer.exchange;

import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.analyzer.output.Names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden test: every lab capture against the {@code NAME.truth.json} beside it (written from the
 * daemons' logs when the capture was made). Per exchange (matched by initiator cookie): cookies,
 * version, mode, both states, roles with addresses and ports, the chosen proposal, and the label,
 * sender and retransmission link of every packet, at the truth's grain ({@code quick} for
 * QM1..QM3, {@code informational}, IKEv2 {@code IKE_SA_INIT request}, state
 * {@code IKEv2 ESTABLISHED}).
 */
class LabTruthTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyLabCapture() {
        List<Path> caps = Analyses.labCaptures();
        assertTrue(caps.size() >= 30, "lab captures missing in " + Analyses.LAB.toAbsolutePath() + ": " + caps.size());
        return caps.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    /** The truth's label for one of our messages. */
    static String coarse(ExchangeMessage m) {
        return switch (m.step()) {
            case QM1, QM2, QM3 -> "quick";
            case INFORMATIONAL -> "informational";
            case TRANSACTION -> "transaction";
            default -> m.label();
        };
    }

    static String coarseState(Exchange x, String s) {
        if (s != null && x.version() == 2 && s.equals("ESTABLISHED")) {
            return "IKEv2 ESTABLISHED";
        }
        return s;
    }

    static String mode(JsonNode truth) {
        String t = truth.get("exchange_type").asText();
        return truth.get("ike_version").asInt() == 2 ? "ikev2" : t;
    }

    static String norm(String name) {
        String n = name == null ? "" : name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return switch (n) {
            case "SHA" -> "SHA1";
            case "SHA2256" -> "SHA256";
            case "SHA2384" -> "SHA384";
            case "SHA2512" -> "SHA512";
            default -> n;
        };
    }

    static void check(Path capture) throws IOException {
        JsonNode truth = JSON.readTree(Analyses.truthOf(capture).toFile());
        boolean pcapng = capture.toString().endsWith(".pcapng");
        List<Exchange> mine = Analyses.run(capture);
        Map<String, Exchange> byCookie = new TreeMap<>();
        for (Exchange x : mine) {
            assertFalse(byCookie.containsKey(x.ispiHex()) && x.continuationOf() == 0, "two records for " + x.ispiHex());
            byCookie.putIfAbsent(x.ispiHex(), x);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode e : truth.get("exchanges")) {
            String cookie = e.get("icookie").asText();
            Exchange x = byCookie.remove(cookie);
            String where = capture.getFileName() + ":" + cookie.substring(0, 8) + " ";
            if (x == null) {
                problems.add(where + "no exchange");
                continue;
            }
            expect(problems, where + "rspi", e.get("rcookie").isNull() ? null : e.get("rcookie").asText(),
                    x.rspi() == 0 ? null : x.rspiHex());
            expect(problems, where + "version", e.get("ike_version").asInt(), x.version());
            expect(problems, where + "mode", mode(e), x.mode().label());
            JsonNode st = e.get("final_state_cisco");
            expect(problems, where + "initiator state", text(st.get("initiator")), coarseState(x, Names.state(x.initiatorState())));
            expect(problems, where + "responder state", text(st.get("responder")), coarseState(x, Names.state(x.responderState())));
            for (String role : List.of("initiator", "responder")) {
                JsonNode t = e.get(role);
                Peer p = role.equals("initiator") ? x.initiator() : x.responder();
                expect(problems, where + role + " ip", t.get("addr").asText(), p.ip());
                expect(problems, where + role + " port", t.get("port").asInt(), p.port());
                List<Integer> ports = new ArrayList<>();
                t.get("ports_seen").forEach(n -> ports.add(n.asInt()));
                expect(problems, where + role + " ports", new TreeSet<>(ports).stream().toList(), p.ports());
            }
            JsonNode n = e.get("negotiated");
            if (n != null && !n.isNull() && n.size() > 0 && x.version() == 1) {
                Suite ch = x.proposal();
                assertNotNull(ch, where + "no chosen proposal");
                expect(problems, where + "encryption", norm(n.get("encryption").asText()), norm(Names.encryption(ch)));
                expect(problems, where + "hash", norm(n.get("hash").asText()), norm(Names.hash(ch)));
                var g = java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(n.get("dh_group").asText());
                if (g.find()) {
                    expect(problems, where + "group", Integer.parseInt(g.group(1)), ch.group());
                }
                if (n.has("key_length") && !n.get("key_length").isNull()) {
                    expect(problems, where + "key length", n.get("key_length").asInt(), ch.keyLength());
                }
                if (n.has("lifetime_seconds") && !n.get("lifetime_seconds").isNull()) {
                    expect(problems, where + "lifetime", n.get("lifetime_seconds").asLong(), ch.lifetimeSeconds());
                }
                if (n.has("auth") && !n.get("auth").isNull()) {
                    expect(problems, where + "auth", norm(n.get("auth").asText()), norm(Names.auth(ch)));
                }
            }
            if (pcapng) {
                continue; // the truth's frame numbers are those of the .pcap
            }
            Map<Long, String> want = new TreeMap<>();
            for (JsonNode m : e.get("messages")) {
                JsonNode r = m.get("retransmission_of_frame");
                want.put(m.get("frame").asLong(), m.get("label").asText() + " from " + m.get("from").asText()
                        + (r == null || r.isNull() ? "" : " copy of " + r.asLong()));
            }
            Map<Long, String> got = new TreeMap<>();
            for (ExchangeMessage m : x.messages()) {
                got.put(m.frame(), coarse(m) + " from " + m.from().label()
                        + (m.isRetransmission() ? " copy of " + m.retransmissionOf() : ""));
            }
            expect(problems, where + "messages", want, got);
        }
        for (Exchange extra : byCookie.values()) {
            problems.add(capture.getFileName() + ": exchange not in the truth: " + extra);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void expect(List<String> problems, String what, Object want, Object got) {
        if (!java.util.Objects.equals(want, got)) {
            problems.add(what + ": want " + want + " got " + got);
        }
    }
}
