package org.ikescope.analyzer.cli;

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
import java.util.stream.Stream;
import org.ikescope.dissector.session.LabTruth;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Diagnoses that keys make certain: {@code analyze --format json} with each lab capture's g^xy and
 * configured PSKs (from the truth files, which come from the daemons' logs), checked against what
 * the daemons logged sending and what they were configured with.
 */
class KeyedDiagnosesTest {
    private static final Path LAB = CliRunner.CAPTURES.resolve("lab");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode finding(JsonNode x, String code) {
        for (JsonNode f : x.path("findings")) {
            if (f.path("code").asText().equals(code)) {
                return f;
            }
        }
        return null;
    }

    /** The exchange's finding {@code code}, asserted present and confirmed. */
    private static JsonNode confirmed(JsonNode x, String code) {
        JsonNode f = finding(x, code);
        assertNotNull(f, code + " not in " + codes(x));
        assertEquals("confirmed", f.path("confidence").asText(), f.toString());
        return f;
    }

    private static List<String> codes(JsonNode x) {
        List<String> codes = new ArrayList<>();
        x.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }

    private static boolean logged(JsonNode side, String notify) {
        for (JsonNode n : side.path("notifies_sent_logged")) {
            if (n.asText().equals(notify)) {
                return true;
            }
        }
        return false;
    }

    /** mm-pskmismatch: confirmed, and both candidates named by position (the truth's two PSKs), never by value. */
    @Test
    void pskMismatchIsConfirmedNamingEachSidesCandidate() throws IOException {
        AnalyzeDecryptionTest.Run run = AnalyzeDecryptionTest.analyze(LAB.resolve("mm-pskmismatch.truth.json"), true);
        JsonNode tx = run.truth().get("exchanges").get(0);
        String ipsk = AnalyzeDecryptionTest.pskLabel(run, tx.path("initiator").path("psk_configured").asText());
        String rpsk = AnalyzeDecryptionTest.pskLabel(run, tx.path("responder").path("psk_configured").asText());
        assertFalse(ipsk.equals(rpsk));
        JsonNode x = run.exchange(tx.get("icookie").asText());
        assertEquals(ipsk, x.path("decryption").path("initiatorPsk").asText(), x.path("decryption").toString());
        assertEquals(rpsk, x.path("decryption").path("responderPsk").asText(), x.path("decryption").toString());
        JsonNode f = confirmed(x, "auth.psk-mismatch");
        assertTrue(f.path("title").asText().contains("initiator uses " + ipsk + ", responder " + rpsk), f.toString());
        assertFalse(codes(x).contains("auth.peer-rejected"), codes(x).toString());
    }

    /** am-psk-bad: the initiator's informational decrypts with its PSK, HASH_R matches the responder's: confirmed. */
    @Test
    void aggressivePskMismatchIsConfirmedByKeys() throws IOException {
        AnalyzeDecryptionTest.Run run = AnalyzeDecryptionTest.analyze(LAB.resolve("am-psk-bad.truth.json"), true);
        JsonNode tx = run.truth().get("exchanges").get(0);
        String ipsk = AnalyzeDecryptionTest.pskLabel(run, run.truth().path("instances").path("i").path("psk").asText());
        String rpsk = AnalyzeDecryptionTest.pskLabel(run, run.truth().path("instances").path("r").path("psk").asText());
        assertFalse(ipsk.equals(rpsk), "the truth file's PSKs differ");
        JsonNode f = confirmed(run.exchange(tx.get("icookie").asText()), "auth.psk-mismatch");
        assertTrue(f.path("title").asText().contains("initiator uses " + ipsk + ", responder " + rpsk), f.toString());
    }

    /** mm-nopeer-id: the responder's decrypted refusal is the notification its daemon logged sending. */
    @Test
    void peerRejectedNamesTheDecryptedNotification() throws IOException {
        AnalyzeDecryptionTest.Run run = AnalyzeDecryptionTest.analyze(LAB.resolve("mm-nopeer-id.truth.json"), true);
        JsonNode tx = run.truth().get("exchanges").get(0);
        assertTrue(logged(tx.path("responder"), "AUTHENTICATION_FAILED"), "the truth: the responder sent AUTHENTICATION_FAILED");
        JsonNode x = run.exchange(tx.get("icookie").asText());
        JsonNode f = confirmed(x, "auth.peer-rejected");
        assertTrue(f.path("title").asText().contains("AUTHENTICATION_FAILED"), f.toString());
        assertTrue(f.path("title").asText().contains(tx.path("responder").path("addr").asText()), f.toString());
        assertFalse(codes(x).contains("auth.psk-mismatch"), codes(x).toString());
    }

    /** qm-transform-mismatch: the responder refused QM1; the finding names it and shows QM1's offer. */
    @Test
    void proposalMismatchNamesTheRefusingSideAndTheOffer() throws IOException {
        AnalyzeDecryptionTest.Run run = AnalyzeDecryptionTest.analyze(LAB.resolve("qm-transform-mismatch.truth.json"), true);
        JsonNode tx = run.truth().get("exchanges").get(0);
        assertTrue(logged(tx.path("responder"), "NO_PROPOSAL_CHOSEN"), "the truth: the responder refused");
        JsonNode x = run.exchange(tx.get("icookie").asText());
        JsonNode f = confirmed(x, "phase2.proposal-mismatch");
        String title = f.path("title").asText();
        assertTrue(title.contains("quick-mode responder " + tx.path("responder").path("addr").asText()), title);
        // the offer is QM1's chosen-able transform, which the JSON reports as the quick mode's offered proposal
        JsonNode offered = x.path("quickModes").get(0).path("offered").get(0);
        assertNotNull(offered, x.path("quickModes").toString());
        assertTrue(title.contains("offered ESP "), title);
        assertFalse(codes(x).contains("phase2.sa-install-failed"), codes(x).toString());
    }

    /** qm-proxyid-mismatch: the responder refused the initiator's traffic selectors, which are its configured local_ts/remote_ts. */
    @Test
    void proxyIdMismatchShowsTheProposedSelectorsAndTheirMirror() throws IOException {
        AnalyzeDecryptionTest.Run run = AnalyzeDecryptionTest.analyze(LAB.resolve("qm-proxyid-mismatch.truth.json"), true);
        JsonNode tx = run.truth().get("exchanges").get(0);
        JsonNode i = run.truth().path("instances").path("i");
        assertTrue(logged(tx.path("responder"), "INVALID_ID_INFORMATION"), "the truth: the responder refused");
        JsonNode x = run.exchange(tx.get("icookie").asText());
        JsonNode f = finding(x, "phase2.proxy-id-mismatch");
        assertNotNull(f, codes(x).toString());
        String local = i.path("local_ts").asText().replace("/32", "");
        String remote = i.path("remote_ts").asText().replace("/32", "");
        assertTrue(f.path("title").asText().contains(tx.path("responder").path("addr").asText()), f.toString());
        assertTrue(f.path("title").asText().contains("proposed " + local + " <-> " + remote), f.toString());
        assertTrue(f.path("explanation").asText().contains("mirror image, local " + remote + ", remote " + local), f.toString());
    }

    /**
     * Every lab SA whose phase 1 came up and whose initiator logged sending NO_PROPOSAL_CHOSEN (its
     * kernel had no ESP: the SA could not be installed) is {@code phase2.sa-install-failed}, never
     * {@code phase2.proposal-mismatch}: both daemons were configured with the same ESP proposal.
     */
    @TestFactory
    Stream<DynamicTest> initiatorRefusingItsOwnOfferIsAnInstallFailure() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path truthFile : LabTruth.decryptable(LAB)) {
            JsonNode truth = JSON.readTree(truthFile.toFile());
            List<String> cookies = new ArrayList<>();
            for (JsonNode tx : truth.get("exchanges")) {
                boolean up = tx.path("final_state_cisco").path("initiator").asText().endsWith("_ACTIVE");
                if (up && logged(tx.path("initiator"), "NO_PROPOSAL_CHOSEN")
                        && !tx.path("keys").path("dh_shared_secret").asText("").isEmpty()) {
                    cookies.add(tx.get("icookie").asText());
                }
            }
            if (cookies.isEmpty()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(truthFile.getFileName().toString(), () -> {
                AnalyzeDecryptionTest.Run run = AnalyzeDecryptionTest.analyze(truthFile, true);
                for (String c : cookies) {
                    JsonNode x = run.exchange(c);
                    assertTrue(codes(x).contains("phase2.sa-install-failed"), c + ": " + codes(x));
                    assertFalse(codes(x).contains("phase2.proposal-mismatch"), c + ": " + codes(x));
                    JsonNode f = confirmed(x, "phase2.sa-install-failed");
                    assertTrue(f.path("title").asText().contains(x.path("initiator").path("ip").asText()), f.toString());
                }
            }));
        }
        assertTrue(tests.size() >= 8, "lab captures with an initiator refusing its own offer: " + tests.size());
        return tests.stream();
    }
}
