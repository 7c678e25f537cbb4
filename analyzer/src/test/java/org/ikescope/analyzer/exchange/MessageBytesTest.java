package org.ikescope.analyzer.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.Step;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.junit.jupiter.api.Test;

/** The tracker's budget of message bytes: charged when a message is added, released at emission. */
class MessageBytesTest {
    /** What the tracker saw while emitting: the exchange and the bytes charged at that moment. */
    record Emitted(Exchange exchange, long retained, List<Boolean> available) {
    }

    static List<Emitted> run(Path capture, long budget, TrackerStats stats) throws IOException {
        ExchangeTracker.Options d = ExchangeTracker.Options.defaults();
        List<Emitted> out = new ArrayList<>();
        long[] ids = {0};
        ExchangeTracker[] t = new ExchangeTracker[1];
        t[0] = new ExchangeTracker(new ExchangeTracker.Options(d.idleTimeoutNanos(), d.maxTracked(),
                d.maxMessagesPerExchange(), budget), x -> out.add(new Emitted(x, t[0].payloadBytesRetained(),
                x.messages().stream().map(m -> m.payloadBytes().available()).toList())), null, () -> ++ids[0]);
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, t[0]);
        }
        t[0].finish();
        assertEquals(0, t[0].payloadBytesRetained(), "everything released after the last emission");
        stats.add(t[0].stats());
        return out;
    }

    static IsakmpMessage first(Path capture) throws IOException {
        List<IsakmpMessage> out = new ArrayList<>();
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, e -> out.add(e.message()));
        }
        return out.get(0);
    }

    /** Retransmitted MM1s share the bytes of the first copy: one charge. */
    @Test
    void retransmissionsShareTheirOriginalsBytes() throws IOException {
        Path pcap = Analyses.LAB.resolve("mm-unreach-drop.pcap");
        TrackerStats stats = new TrackerStats();
        List<Emitted> e = run(pcap, ExchangeTracker.Options.DEFAULT_PAYLOAD_BYTES_BUDGET, stats);
        assertEquals(1, e.size());
        List<ExchangeMessage> mm1 = e.get(0).exchange().messages(Step.MM1);
        assertTrue(mm1.size() > 1, "MM1 retransmitted: " + mm1.size());
        assertEquals(MessageBytes.charge(first(pcap)), e.get(0).retained());
        for (ExchangeMessage m : mm1) {
            assertSame(mm1.get(0).payloadBytes(), m.payloadBytes());
        }
        assertTrue(e.get(0).available().stream().allMatch(a -> a));
        assertFalse(mm1.get(0).payloadBytes().available(), "released after emission");
        assertEquals(0, stats.payloadBytesNotRetained);
    }

    /** A budget that fits MM1 exactly: MM1 keeps its bytes, MM2..MM4 are counted. */
    @Test
    void theBudgetIsChargedPerMessage() throws IOException {
        Path pcap = Analyses.LAB.resolve("mm-aes128-sha1-modp1024.pcap");
        TrackerStats stats = new TrackerStats();
        long mm1 = MessageBytes.charge(first(pcap));
        List<Emitted> e = run(pcap, mm1, stats);
        List<ExchangeMessage> messages = e.get(0).exchange().messages();
        assertEquals("MM1", messages.get(0).label());
        // MM1 kept, MM2..MM4 beyond the budget; MM5, MM6 and quick mode are encrypted (nothing to keep).
        assertEquals(List.of(true, false, false, false), e.get(0).available().subList(0, 4));
        assertTrue(e.get(0).available().subList(4, messages.size()).stream().noneMatch(a -> a));
        assertEquals(3, stats.payloadBytesNotRetained);
        assertEquals(mm1, e.get(0).retained());
    }
}
