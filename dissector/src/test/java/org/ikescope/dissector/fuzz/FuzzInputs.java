package org.ikescope.dissector.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The input shapes the fuzz targets share. A target that needs several values (a link type and
 * frames, a selector and a body) splits one byte array in a fixed way, so that a seed written by
 * {@link FuzzSeeds} and a crash input found by the fuzzer are both plain files that replay as they
 * are.
 */
public final class FuzzInputs {
    /** Frames per input: enough for a fragment set, few enough to keep an execution fast. */
    public static final int MAX_FRAMES = 64;

    private FuzzInputs() {
    }

    /** {@code data} after its first byte, split into frames of [u16 length][bytes]; a short last frame is kept as it is. */
    public static List<byte[]> frames(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int pos = 1;
        while (pos + 2 <= data.length && out.size() < MAX_FRAMES) {
            int len = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
            pos += 2;
            int n = Math.min(len, data.length - pos);
            byte[] f = new byte[n];
            System.arraycopy(data, pos, f, 0, n);
            out.add(f);
            pos += n;
        }
        return out;
    }

    /**
     * {@code data} opened as a capture stream, or null when it is not one (a
     * {@link org.ikescope.dissector.capture.CaptureFormatException}: an allowed outcome for a fuzz input).
     */
    public static org.ikescope.dissector.capture.PacketSource capture(byte[] data) throws java.io.IOException {
        try {
            return org.ikescope.dissector.capture.Captures.open("fuzz", new java.io.ByteArrayInputStream(data));
        } catch (org.ikescope.dissector.capture.CaptureFormatException e) {
            return null;
        }
    }

    /** The inverse of {@link #frames}: {@code selector} then each frame with its u16 length. */
    public static byte[] join(int selector, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(selector);
        for (byte[] f : frames) {
            int n = Math.min(f.length, 0xffff);
            out.write(n >> 8);
            out.write(n);
            out.write(f, 0, n);
        }
        return out.toByteArray();
    }
}
