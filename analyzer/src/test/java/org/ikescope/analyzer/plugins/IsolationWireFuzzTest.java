package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ikescope.api.plugin.AsaLines;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;

/**
 * Fuzz targets of what comes back from the child JVM of {@code --isolate-plugins} (plugin code
 * runs there, so its records are untrusted): a finding token and a text token read from arbitrary
 * bytes either give a value or throw {@link IllegalArgumentException}, nothing else; a finding
 * made from arbitrary fields comes back equal through the wire.
 */
class IsolationWireFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void readTokens(byte[] data) {
        String raw = new String(data, StandardCharsets.ISO_8859_1);
        String b64 = Base64.getEncoder().encodeToString(data);
        for (String token : new String[] {raw, b64, "s" + b64}) {
            try {
                IsolationWire.readFinding(token);
            } catch (IllegalArgumentException e) {
                // garbage: the parent drops the record and says so
            }
            try {
                IsolationWire.readText(token);
            } catch (IllegalArgumentException e) {
                // not a text token
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void findingRoundTrip(FuzzedDataProvider in) {
        Finding f;
        try {
            List<Long> evidence = new ArrayList<>();
            int n = in.consumeInt(0, 8);
            for (int i = 0; i < n; i++) {
                evidence.add(in.consumeLong());
            }
            AsaLines asa = in.consumeBoolean() ? new AsaLines(in.consumeString(40),
                    List.of(in.consumeString(40), in.consumeString(40))) : null;
            f = new Finding(in.consumeString(40), in.pickValue(Severity.values()), in.pickValue(Confidence.values()),
                    in.consumeString(80), in.consumeString(200), evidence, in.consumeString(80), in.consumeString(20),
                    in.consumeInt(), asa);
        } catch (IllegalArgumentException | NullPointerException e) {
            return; // not a finding a plugin could report
        }
        assertEquals(f, IsolationWire.readFinding(IsolationWire.finding(f)));
        String s = in.consumeRemainingAsString();
        assertEquals(s, IsolationWire.readText(IsolationWire.text(s)));
    }
}
