package org.ikescope.analyzer.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.output.JsonFieldSink;
import org.ikescope.analyzer.output.JsonOut;
import org.ikescope.analyzer.output.JsonSchema;
import org.ikescope.analyzer.output.MessageDescriber;
import org.ikescope.analyzer.plugins.Exchanges;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.pipeline.Dissector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Output per record, to a stream that drops the bytes: {@code analyze --format json} per exchange, a
 * text report of one exchange (of many-peers.pcap; about 3.4 messages each), and {@code dissect --format
 * jsonl} per message. Operations are exchanges or messages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OutputBenchmark {
    private static final OutputStream NULL = OutputStream.nullOutputStream();
    private List<Exchange> exchanges;
    private final List<MessageEvent> messages = new ArrayList<>();
    private JsonOut json;
    private JsonFieldSink sink;
    private static final List<String> FILES = List.of("many-peers.pcap");
    private final PrintStream textOut = new PrintStream(NULL, false, StandardCharsets.UTF_8);
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        exchanges = Exchanges.of(2).exchanges;
        try (InputStream in = OutputBenchmark.class.getResourceAsStream("/many-peers.pcap");
             PacketSource src = Captures.open("many-peers.pcap", in)) {
            new Dissector(Dissector.Options.defaults()).run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    messages.add(e);
                }
            });
        }
        json = new JsonOut(NULL);
        sink = new JsonFieldSink(json);
    }

    /** One exchange as {@code analyze --format json} writes it. */
    @Benchmark
    public JsonOut analyzeJson() throws IOException {
        JsonReport.write(json, exchanges.get(next++ % exchanges.size()));
        json.writeIfFull();
        return json;
    }

    /** A text report of one exchange (its table row, its ladder, the summary lines). */
    @Benchmark
    public TextReport analyzeText() {
        TextReport t = new TextReport(textOut, FILES, null, 100);
        t.exchange(exchanges.get(next++ % exchanges.size()));
        t.end(List.of(), Map.of(), List.of());
        return t;
    }

    /** One message as {@code dissect --format jsonl} writes it. */
    @Benchmark
    public JsonOut dissectJsonl() throws IOException {
        json.writeStartObject();
        JsonSchema.version(json);
        MessageDescriber.describe(messages.get(next++ % messages.size()), sink);
        json.writeEndObject();
        json.writeNewline();
        json.writeIfFull();
        return json;
    }
}
