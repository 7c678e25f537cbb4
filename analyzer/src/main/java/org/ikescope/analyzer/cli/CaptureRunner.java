package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.dissector.capture.CaptureFormatException;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.pipeline.Dissector;

/**
 * Runs captures through a {@link Dissector}, collecting totals and the one-line error of each
 * damaged or unreadable file (every complete packet before the damage is still delivered).
 */
final class CaptureRunner {
    private final InputOptions options;
    private final PrintStream err;
    final CaptureStats total = new CaptureStats();
    final List<String> errors = new ArrayList<>();
    /** Time of the first frame of the file being read (for relative times). */
    long firstFrameNanos = Long.MIN_VALUE;

    CaptureRunner(InputOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    /** Opens a capture with the reader the user chose. */
    PacketSource open(String file) throws IOException {
        if ("libpcap".equals(options.reader)) {
            return org.ikescope.dissector.capture.LibpcapSources.open(file);
        }
        if (!"builtin".equals(options.reader)) {
            throw new IllegalArgumentException("--reader: " + options.reader + " (expected: builtin or libpcap)");
        }
        return Captures.open(file);
    }

    /** Dissects one file with {@code dissector}; returns its stats (null when it could not be opened). */
    CaptureStats run(Dissector dissector, String file, DissectionListener listener) {
        firstFrameNanos = Long.MIN_VALUE;
        try (PacketSource src = new FirstFrameSource(open(file))) {
            CaptureStats s = dissector.run(src, listener);
            total.add(s);
            if (src.error() != null) {
                error(src.error());
            }
            return s;
        } catch (NoSuchFileException e) {
            error(file + ": no such file");
        } catch (CaptureFormatException e) {
            error(e.getMessage());
        } catch (IOException e) {
            error(file + ": " + e.getMessage());
        }
        return null;
    }

    private void error(String line) {
        errors.add(line);
        err.println("ikescope: " + line);
    }

    /** Remembers the first frame's time. */
    private final class FirstFrameSource implements PacketSource {
        private final PacketSource in;

        FirstFrameSource(PacketSource in) {
            this.in = in;
        }

        @Override
        public boolean next(Frame frame) throws IOException {
            boolean ok = in.next(frame);
            if (ok && firstFrameNanos == Long.MIN_VALUE) {
                firstFrameNanos = frame.timestampNanos;
            }
            return ok;
        }

        @Override
        public String error() {
            return in.error();
        }

        @Override
        public String name() {
            return in.name();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
