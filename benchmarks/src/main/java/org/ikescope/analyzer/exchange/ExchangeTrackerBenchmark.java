package org.ikescope.analyzer.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.EspCursor;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.pipeline.Dissector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Exchange tracking per message: many-peers.pcap's 82 message events (dissected once in the set-up)
 * given to a fresh {@link ExchangeTracker} and finished into exchanges; and per ESP packet, 1,024
 * packets of one SA (the SPAN case: found by address pair, counted, nothing allocated).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExchangeTrackerBenchmark {
    static final int MESSAGES = 82;
    static final int ESP_PACKETS = 1024;
    private final List<MessageEvent> events = new ArrayList<>();
    private final EspCursor esp = new EspCursor();
    private ExchangeTracker espTracker;
    private final byte[] a = {(byte) 192, 0, 2, 1};
    private final byte[] b = {(byte) 192, 0, 2, 2};
    private long frame;
    private long ids;

    @Setup
    public void setup() throws IOException {
        try (InputStream in = ExchangeTrackerBenchmark.class.getResourceAsStream("/many-peers.pcap");
             PacketSource src = Captures.open("many-peers.pcap", in)) {
            new Dissector(Dissector.Options.defaults()).run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    events.add(e);
                }
            });
        }
        if (events.size() != MESSAGES) {
            throw new IllegalStateException(events.size() + " messages (expected: " + MESSAGES + ")");
        }
        espTracker = new ExchangeTracker(ExchangeTracker.Options.defaults(), x -> { }, f -> { }, () -> ++ids);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void messages(Blackhole bh) {
        ExchangeTracker t = new ExchangeTracker(ExchangeTracker.Options.defaults(), bh::consume, bh::consume,
                () -> ++ids);
        for (MessageEvent e : events) {
            t.message(e);
        }
        t.finish();
    }

    @Benchmark
    @OperationsPerInvocation(ESP_PACKETS)
    public void esp() {
        for (int i = 0; i < ESP_PACKETS; i++) {
            frame++;
            boolean out = (i & 1) == 0;
            espTracker.esp(esp.set("f", frame, frame * 1000, out ? a : b, out ? b : a, 4, 0, 0, false, out ? 0x1001 : 0x2002,
                    frame, 120));
        }
    }
}
