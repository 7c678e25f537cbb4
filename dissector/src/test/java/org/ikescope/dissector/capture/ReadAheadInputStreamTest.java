package org.ikescope.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadAheadInputStreamTest {

    /** A stream that gives its bytes in reads of at most {@code step}, then fails with {@code failure} (or ends). */
    private static final class Stepping extends InputStream {
        final byte[] bytes;
        final int step;
        final IOException failure;
        int at;
        boolean closed;

        Stepping(byte[] bytes, int step, IOException failure) {
            this.bytes = bytes;
            this.step = step;
            this.failure = failure;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at == bytes.length) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            int n = Math.min(Math.min(len, step), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads everything in reads of varying size; returns the bytes, or throws what the stream threw. */
    private static byte[] drain(InputStream in, long seed) throws IOException {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[5000];
        while (true) {
            int off = r.nextInt(10);
            int n = in.read(buf, off, 1 + r.nextInt(buf.length - 10));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, off, n);
        }
    }

    @Test
    void deliversEveryByteInOrderThenTheEnd() throws IOException {
        byte[] bytes = random(3_000_000, 1);
        for (int step : new int[] {1, 777, 1 << 16, Integer.MAX_VALUE}) {
            byte[] in = step == 1 ? java.util.Arrays.copyOf(bytes, 20_000) : bytes;
            try (ReadAheadInputStream r = ReadAheadInputStream.withChunks(new Stepping(in, step, null), 4096)) {
                assertArrayEquals(in, drain(r, step));
                assertEquals(-1, r.read(new byte[8], 0, 8), "the end stays the end");
            }
        }
    }

    @Test
    void bytesBeforeAFailureComeFirstThenTheSameException() throws IOException {
        byte[] bytes = random(100_000, 2);
        ZipException failure = new ZipException("invalid stored block lengths");
        ReadAheadInputStream r = ReadAheadInputStream.withChunks(new Stepping(bytes, 1000, failure), 4096);
        byte[] got = new byte[bytes.length];
        int n = 0;
        while (n < got.length) {
            n += r.read(got, n, got.length - n);
        }
        assertArrayEquals(bytes, got);
        assertSame(failure, assertThrows(ZipException.class, () -> r.read(new byte[1], 0, 1)));
        assertSame(failure, assertThrows(ZipException.class, r::read), "and on every later read");
        r.close();
    }

    @Test
    void singleByteReadsAndEmptyStream() throws IOException {
        try (ReadAheadInputStream r = ReadAheadInputStream.withChunks(new ByteArrayInputStream(new byte[] {(byte) 0xfe, 7}), 1)) {
            assertEquals(0xfe, r.read());
            assertEquals(7, r.read());
            assertEquals(-1, r.read());
        }
        try (ReadAheadInputStream r = ReadAheadInputStream.withChunks(new ByteArrayInputStream(new byte[0]), 16)) {
            assertEquals(-1, r.read(new byte[4], 0, 4));
            assertEquals(0, r.read(new byte[4], 0, 0));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang fails the test instead of the build
    void aLivePipeIsNotHeldBackUntilAChunkFills() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
        try (ReadAheadInputStream r = ReadAheadInputStream.withChunks(pipe, 1 << 20)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new byte[] {(byte) i, 42});
                writer.flush();
                byte[] two = new byte[2];
                int n = 0;
                while (n < 2) {
                    n += r.read(two, n, 2 - n); // blocks until the two bytes come: far fewer than a chunk
                }
                assertArrayEquals(new byte[] {(byte) i, 42}, two);
            }
            writer.close();
            assertEquals(-1, r.read());
        }
    }

    @Test
    void closeClosesTheStreamAndLaterReadsFail() throws IOException {
        Stepping s = new Stepping(random(10, 3), 10, null);
        ReadAheadInputStream r = ReadAheadInputStream.withChunks(s, 4);
        assertEquals(4, r.read(new byte[4], 0, 4) > 0 ? 4 : -1);
        r.close();
        assertEquals(true, s.closed);
        assertThrows(IOException.class, () -> r.read(new byte[1], 0, 1));
    }
}
