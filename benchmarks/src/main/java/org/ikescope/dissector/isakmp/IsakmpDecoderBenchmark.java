package org.ikescope.dissector.isakmp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.pipeline.Dissector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ISAKMP decoding of real strongSwan messages (the 82 of many-peers.pcap: MM1..MM6, notifies,
 * quick mode), rotated through a power-of-two array so the branch predictor cannot learn one
 * message. Side by side: the zero-allocation {@link PayloadCursor} walk and the full record decode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IsakmpDecoderBenchmark {
    private static final int MASK = 127;

    /**
     * Which messages: {@code all} of them in turn; {@code MM1} (the SA offers, the one with the
     * most transforms first), {@code MM3} (KE, nonce, NAT-D), {@code MM5} (encrypted), {@code INFO}
     * (informational: notifies, deletes).
     */
    @Param({"all", "MM1", "MM3", "MM5", "INFO"})
    public String kind;
    private final ByteBuffer[] messages = new ByteBuffer[MASK + 1];
    private final PayloadCursor cursor = new PayloadCursor();
    private IsakmpDecoder decoder;
    private int next;
    /** One SA's NAT-T numbering for every message (what the pipeline passes per SA). */
    private final NatTraversalNumbering natT = new NatTraversalNumbering();

    @Setup
    public void setup() throws IOException {
        List<ByteBuffer> found = new ArrayList<>();
        try (InputStream in = IsakmpDecoderBenchmark.class.getResourceAsStream("/many-peers.pcap");
             PacketSource src = Captures.open("many-peers.pcap", in)) {
            new Dissector(Dissector.Options.defaults()).run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    found.add(ByteBuffer.wrap(e.message().bytes()));
                }
            });
        }
        List<ByteBuffer> chosen = found.stream().filter(this::wanted)
                .sorted((x, y) -> kind.equals("MM1") ? Integer.compare(y.limit(), x.limit()) : 0).toList();
        if (chosen.isEmpty()) {
            throw new IllegalStateException("no " + kind + " message in many-peers.pcap");
        }
        for (int i = 0; i <= MASK; i++) {
            messages[i] = chosen.get(i % chosen.size());
        }
        decoder = new IsakmpDecoder();
    }

    /** Picks the messages of {@link #kind} by header: exchange type, first payload, encryption flag, responder cookie. */
    private boolean wanted(ByteBuffer m) {
        int next = m.get(16) & 0xff;
        int exchange = m.get(18) & 0xff;
        boolean encrypted = (m.get(19) & 1) != 0;
        boolean noResponderCookie = m.getLong(8) == 0;
        return switch (kind) {
            case "MM1" -> exchange == 2 && next == 1 && noResponderCookie;
            case "MM3" -> exchange == 2 && next == 4 && !encrypted;
            case "MM5" -> exchange == 2 && encrypted;
            case "INFO" -> exchange == 5;
            default -> true;
        };
    }

    /** Full decode: one copy of the message, one record, payload bodies decoded. */
    @Benchmark
    public IsakmpMessage decode() {
        ByteBuffer b = messages[next++ & MASK];
        return decoder.decode(b.duplicate(), natT);
    }

    /** The flyweight walk alone: header fields and the payload chain, no allocation. */
    @Benchmark
    public int walk() {
        ByteBuffer b = messages[next++ & MASK];
        int sum = b.getInt(20);
        cursor.reset(b, IsakmpMessage.HEADER_BYTES, b.limit(), b.get(16) & 0xff);
        while (cursor.next()) {
            sum += cursor.type() + cursor.length();
        }
        return sum;
    }
}
