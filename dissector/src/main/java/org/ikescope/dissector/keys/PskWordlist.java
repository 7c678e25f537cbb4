package org.ikescope.dissector.keys;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file of pre-shared key candidates ({@code --psk-wordlist}), read as ike-scan's psk-crack reads
 * its dictionary: one candidate per line, the line's bytes up to its first whitespace (space, tab,
 * CR, LF, VT, FF), so {@code summer 2024} is the candidate {@code summer} and a CRLF file reads
 * like an LF one. Bytes are taken as they are (a PSK is its octets; no character set is applied).
 * Unlike psk-crack, a line with nothing before its first whitespace is skipped (an empty PSK is
 * no daemon's). gzip is recognised from the content.
 *
 * <p>Streamed: {@link Reader} hands out candidates in batches and holds one line at a time, so a
 * wordlist of any size costs the same memory. A candidate is named by {@link #label(long)}
 * ({@code wordlist words.txt line 3}), never by its value; a line longer than {@value
 * #MAX_LINE_BYTES} bytes or holding a NUL byte (a binary file given by mistake) is a {@link
 * KeyFileException} naming the file and the line.
 */
public final class PskWordlist {
    /** Longer lines are an error: no PSK is that long, and a file without newlines must not be read whole. */
    public static final int MAX_LINE_BYTES = 1024;

    private final Path file;

    public PskWordlist(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** How the candidate of line {@code line} is named: {@code wordlist FILE line N}. */
    public String label(long line) {
        return "wordlist " + file + " line " + line;
    }

    /**
     * Opens the file for reading from its first line.
     *
     * @throws KeyFileException when it cannot be opened (the message names the file)
     */
    public Reader open() throws KeyFileException {
        try {
            return new Reader(KeyFiles.decompressed(Files.newInputStream(file)));
        } catch (IOException e) {
            throw new KeyFileException("wordlist " + file + ": cannot be read (expected: a readable file of pre-shared keys,"
                    + " one per line, gzip accepted)");
        }
    }

    /** Candidates and the lines they come from, filled by {@link Reader#next}; reused. */
    public static final class Batch {
        private final byte[][] candidates;
        private final long[] lines;
        private int size;

        public Batch(int capacity) {
            candidates = new byte[capacity][];
            lines = new long[capacity];
        }

        public int size() {
            return size;
        }

        /** The candidate at {@code i} (not copied: do not modify). */
        public byte[] candidate(int i) {
            return candidates[i];
        }

        /** The 1-based line number of the candidate at {@code i}. */
        public long line(int i) {
            return lines[i];
        }
    }

    /** Reads the candidates of the file in order; not thread-safe. */
    public final class Reader implements Closeable {
        private final InputStream in;
        private final byte[] line = new byte[MAX_LINE_BYTES];
        private final byte[] buffer = new byte[1 << 16];
        private int at;
        private int filled;
        private long number;
        private boolean ended;

        private Reader(InputStream in) {
            this.in = in;
        }

        /** Lines read so far. */
        public long linesRead() {
            return number;
        }

        /**
         * Fills {@code b} with the next candidates, up to its capacity.
         *
         * @return false when the file had no more
         * @throws KeyFileException for a malformed line or a read error, naming the file and the line
         */
        public boolean next(Batch b) throws KeyFileException {
            b.size = 0;
            while (b.size < b.candidates.length && !ended) {
                int n = readLine();
                if (n < 0) {
                    ended = true;
                    break;
                }
                int end = 0;
                while (end < n && !whitespace(line[end])) {
                    end++;
                }
                if (end > 0) {
                    b.candidates[b.size] = Arrays.copyOf(line, end);
                    b.lines[b.size] = number;
                    b.size++;
                }
            }
            return b.size > 0;
        }

        /** The next line's length in {@link #line} (without its LF), or -1 at the end of the file. */
        private int readLine() throws KeyFileException {
            int n = 0;
            boolean any = false;
            while (true) {
                if (at == filled && !fill()) {
                    return any ? n : -1;
                }
                if (!any) {
                    any = true;
                    number++;
                }
                byte c = buffer[at++];
                if (c == '\n') {
                    return n;
                }
                if (c == 0) {
                    throw KeyFileException.at("wordlist " + file, number, "a NUL byte (expected: text, one pre-shared key per line)");
                }
                if (n == MAX_LINE_BYTES) {
                    throw KeyFileException.at("wordlist " + file, number, "longer than " + MAX_LINE_BYTES
                            + " bytes (expected: one pre-shared key per line)");
                }
                line[n++] = c;
            }
        }

        /** Reads more of the file into {@link #buffer}; false at its end. */
        private boolean fill() throws KeyFileException {
            try {
                int r;
                do {
                    r = in.read(buffer);
                } while (r == 0);
                at = 0;
                filled = Math.max(r, 0);
                return r > 0;
            } catch (IOException e) {
                throw KeyFileException.at("wordlist " + file, number, "cannot be read (" + e.getClass().getSimpleName()
                        + "; expected: a readable file, gzip accepted)");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** C's isspace in the C locale, as psk-crack ends a word. */
    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }

    @Override
    public String toString() {
        return "wordlist " + file;
    }
}
