package org.ikescope.dissector.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A forward-only capture input over a stream (gzip, standard input). Keeps one growing buffer;
 * bytes before the requested window are dropped, so memory stays at about the largest record.
 */
final class StreamInput implements CaptureInput {
    private static final int INITIAL_BYTES = 1 << 20;

    private final InputStream in;
    private byte[] buf = new byte[INITIAL_BYTES];
    private ByteBuffer view = ByteBuffer.wrap(buf);
    /** Absolute offset of buf[0]. */
    private long bufStart;
    /** Valid bytes in buf. */
    private int bufLen;
    private boolean eof;

    StreamInput(InputStream in) {
        this.in = in;
    }

    @Override
    public ByteBuffer window(long offset, int length) throws IOException {
        if (offset < bufStart) {
            throw new IllegalStateException("stream input cannot go back: offset " + offset + " (expected: >= " + bufStart + ")");
        }
        if (!fill(offset, length)) {
            return null;
        }
        view.limit(bufLen);
        view.position((int) (offset - bufStart));
        return view;
    }

    @Override
    public long available(long offset, long max) throws IOException {
        fill(offset, (int) Math.min(max, Integer.MAX_VALUE - 16));
        return Math.max(0, Math.min(max, bufStart + bufLen - offset));
    }

    /** Makes [offset, offset+length) resident; false when the stream ends first. */
    private boolean fill(long offset, int length) throws IOException {
        long end = offset + length;
        if (end <= bufStart + bufLen) {
            return true;
        }
        // Drop what lies before offset.
        int drop = (int) Math.min(offset - bufStart, bufLen);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
        int need = (int) (end - bufStart);
        if (need > buf.length) {
            byte[] bigger = new byte[Math.max(need, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, bufLen);
            buf = bigger;
            view = ByteBuffer.wrap(buf);
        }
        while (bufLen < need && !eof) {
            int n = in.read(buf, bufLen, buf.length - bufLen);
            if (n < 0) {
                eof = true;
            } else {
                bufLen += n;
            }
        }
        return bufLen >= need;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
