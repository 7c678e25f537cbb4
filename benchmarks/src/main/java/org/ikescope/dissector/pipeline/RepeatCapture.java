package org.ikescope.dissector.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large classic pcap by repeating many-peers.pcap's frames, with timestamps moved on
 * so the result is one plausible timeline, for the benchmark script.
 * Usage: {@code RepeatCapture OUT.pcap REPEAT}.
 */
public final class RepeatCapture {
    private RepeatCapture() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(write(Path.of(args[0]), Integer.parseInt(args[1])));
    }

    /** Writes many-peers.pcap's frames {@code repeat} times into {@code out}, 60 s apart per round; returns the frames written. */
    public static long write(Path out, int repeat) throws IOException {
        byte[] pcap;
        try (InputStream in = RepeatCapture.class.getResourceAsStream("/many-peers.pcap")) {
            pcap = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        long frames = 0;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            o.write(pcap, 0, 24);
            byte[] hdr = new byte[16];
            ByteBuffer h = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < repeat; r++) {
                int p = 24;
                while (p + 16 <= pcap.length) {
                    int incl = b.getInt(p + 8);
                    h.putInt(0, b.getInt(p) + r * 60);
                    h.putInt(4, b.getInt(p + 4));
                    h.putInt(8, incl);
                    h.putInt(12, b.getInt(p + 12));
                    o.write(hdr);
                    o.write(pcap, p + 16, incl);
                    p += 16 + incl;
                    frames++;
                }
            }
        }
        return frames;
    }
}
