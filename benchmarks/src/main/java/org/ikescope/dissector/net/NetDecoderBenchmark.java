package org.ikescope.dissector.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.pipeline.RepeatCapture;
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
 * Link/IP/UDP location: {@link NetDecoder#decode} on ESP frames (IPv4 protocol 50) and on IKE
 * frames (UDP 500) of the SPAN-like capture, rotated through a power-of-two array. One operation
 * is one frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetDecoderBenchmark {
    private static final int MASK = 127;

    @Param({"esp", "ike"})
    public String kind;

    private final ByteBuffer[] frames = new ByteBuffer[MASK + 1];
    private final Frame frame = new Frame();
    private final Datagram datagram = new Datagram();
    private NetDecoder decoder;
    private int next;

    @Setup
    public void setup() throws IOException {
        Path file = Files.createTempFile("ikescope-net", ".pcap");
        RepeatCapture.write(file, 1, true, 99);
        NetKind want = kind.equals("esp") ? NetKind.ESP : NetKind.UDP;
        List<ByteBuffer> found = new ArrayList<>();
        NetDecoder probe = new NetDecoder(new FragmentTable());
        try (PacketSource src = Captures.open(file.toString())) {
            Frame f = new Frame();
            while (found.size() <= MASK && src.next(f)) {
                ByteBuffer copy = ByteBuffer.allocate(f.data.remaining());
                copy.put(f.data.duplicate()).flip();
                Frame test = new Frame();
                test.linkType = f.linkType;
                test.data = copy.duplicate();
                if (probe.decode(test, new Datagram()) == want) {
                    found.add(copy);
                }
            }
        }
        Files.delete(file);
        for (int i = 0; i <= MASK; i++) {
            frames[i] = found.get(i % found.size());
        }
        frame.linkType = 1;
        decoder = new NetDecoder(new FragmentTable());
    }

    @Benchmark
    public int decode() {
        ByteBuffer b = frames[next++ & MASK];
        frame.data = b.clear();
        NetKind k = decoder.decode(frame, datagram);
        return k.ordinal() + datagram.dstPort;
    }
}
