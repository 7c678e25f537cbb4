package org.ikescope.dissector.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ikescope.dissector.pipeline.RepeatCapture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The record walk of the capture readers: one operation is one {@link PacketSource#next(Frame)}
 * over a memory-mapped SPAN-like file (about 160,000 frames, 99 ESP frames per IKE frame), in
 * classic pcap and in pcapng (the same frames as Enhanced Packet Blocks). Reopened at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordWalkBenchmark {
    static final int ROUNDS = 20;

    @Param({"pcap", "pcapng"})
    public String format;

    private Path file;
    private PacketSource source;
    private final Frame frame = new Frame();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path pcap = Files.createTempFile("ikescope-walk", ".pcap");
        RepeatCapture.write(pcap, ROUNDS, true, 99);
        if (format.equals("pcap")) {
            file = pcap;
        } else {
            file = Files.createTempFile("ikescope-walk", ".pcapng");
            toPcapng(pcap, file);
            Files.delete(pcap);
        }
        source = Captures.open(file.toString());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        source.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long next() throws IOException {
        if (!source.next(frame)) {
            source.close();
            source = Captures.open(file.toString());
            source.next(frame);
        }
        return frame.number + frame.data.remaining();
    }

    /** A classic little-endian microsecond pcap as pcapng: a section header, one interface, an EPB per record. */
    static void toPcapng(Path pcap, Path out) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        int linkType = in.getInt(20);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 17).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1).putInt(28);
            b.putInt(1).putInt(20).putShort((short) linkType).putShort((short) 0).putInt(262144).putInt(20);
            o.write(b.array(), 0, b.position());
            int p = 24;
            while (p + 16 <= in.limit()) {
                long micros = (in.getInt(p) & 0xffffffffL) * 1_000_000L + in.getInt(p + 4);
                int incl = in.getInt(p + 8);
                int padded = (incl + 3) & ~3;
                int total = 32 + padded;
                b.clear();
                b.putInt(6).putInt(total).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros)
                        .putInt(incl).putInt(in.getInt(p + 12));
                b.put(in.array(), p + 16, incl);
                for (int i = incl; i < padded; i++) {
                    b.put((byte) 0);
                }
                b.putInt(total);
                o.write(b.array(), 0, b.position());
                p += 16 + incl;
            }
        }
    }
}
