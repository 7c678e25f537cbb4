package org.ikescope.analyzer.analysis;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ikescope.dissector.capture.CaptureFormatException;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.MergedSource;
import org.ikescope.dissector.capture.ForwardingSource;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.pipeline.Dissector;

/**
 * Reads captures through a {@link Dissector}: one after the other, or merged on one timeline,
 * adding up the frame accounting and keeping the one-line error of each damaged or unreadable
 * file (every complete packet before the damage is still delivered).
 */
public final class CaptureReading {
    private final CaptureOpener opener;
    private final Consumer<String> errorSink;
    private final CaptureStats total = new CaptureStats();
    private final List<String> errors = new ArrayList<>();
    private long firstFrameNanos = Long.MIN_VALUE;
    /** Time going backwards in the file being read: how often, where first, by how much. */
    private long backwards;
    private long backwardsFrame;
    private long backwardsNanos;
    private long lastNanos = Long.MIN_VALUE;

    /**
     * @param opener    the reader
     * @param errorSink told each error line as it happens (e.g. printed on stderr); may be null
     */
    public CaptureReading(CaptureOpener opener, Consumer<String> errorSink) {
        this.opener = opener;
        this.errorSink = errorSink;
    }

    /** Frame accounting of everything read so far. */
    public CaptureStats total() {
        return total;
    }

    /** One line per damaged or unreadable file, in the order met. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Capture time of the first frame of the file (or merged timeline) being read, for relative times. */
    public long firstFrameNanos() {
        return firstFrameNanos;
    }

    /** Dissects one file with {@code dissector}; returns its stats (null when it could not be opened). */
    public CaptureStats read(Dissector dissector, String file, DissectionListener listener) {
        firstFrameNanos = Long.MIN_VALUE;
        PacketSource src = open(file);
        return src == null ? null : read(dissector, src, listener);
    }

    /**
     * Dissects {@code files} merged on one timeline by timestamp (a k-way merge holding one frame
     * per file) with one {@code dissector}; a file that cannot be opened is left out with its error.
     */
    public CaptureStats readMerged(Dissector dissector, List<String> files, DissectionListener listener) {
        firstFrameNanos = Long.MIN_VALUE;
        List<PacketSource> sources = new ArrayList<>(files.size());
        for (String f : files) {
            PacketSource s = open(f);
            if (s != null) {
                sources.add(s);
            }
        }
        return read(dissector, new MergedSource(sources), listener);
    }

    private PacketSource open(String file) {
        try {
            return opener.open(file);
        } catch (NoSuchFileException e) {
            error(file + ": no such file");
        } catch (CaptureFormatException e) {
            error(e.getMessage());
        } catch (IOException e) {
            error(file + ": " + e.getMessage());
        }
        return null;
    }

    private CaptureStats read(Dissector dissector, PacketSource source, DissectionListener listener) {
        backwards = 0;
        lastNanos = Long.MIN_VALUE;
        try (PacketSource src = new FirstFrameSource(source)) {
            CaptureStats s = dissector.run(src, listener);
            total.add(s);
            if (source instanceof MergedSource m) {
                m.errors().forEach(this::error);
            } else if (src.error() != null) {
                error(src.error());
            }
            source.warnings().forEach(this::warning);
            if (backwards > 0) {
                warning(source.name() + ": time goes backwards " + backwards + " time" + (backwards == 1 ? "" : "s")
                        + ", first at frame " + backwardsFrame + " (by " + String.format(java.util.Locale.ROOT, "%.6f",
                        backwardsNanos / 1e9) + " s): relative times there are negative and the gaps around it are not"
                        + " durations (expected: frames in capture order are in time order)");
            }
            return s;
        } catch (CaptureFormatException e) {
            error(e.getMessage());
        } catch (IOException e) {
            error(source.name() + ": " + e.getMessage());
        }
        return null;
    }

    /** One line for the user that does not make the file damaged (exit code unchanged). */
    private void warning(String line) {
        if (errorSink != null) {
            errorSink.accept("warning: " + line);
        }
    }

    private void error(String line) {
        errors.add(line);
        if (errorSink != null) {
            errorSink.accept(line);
        }
    }

    /** Remembers the first frame's time. */
    private final class FirstFrameSource extends ForwardingSource {
        FirstFrameSource(PacketSource in) {
            super(in);
        }

        @Override
        public boolean next(Frame frame) throws IOException {
            boolean ok = in.next(frame);
            if (ok && firstFrameNanos == Long.MIN_VALUE) {
                firstFrameNanos = frame.timestampNanos;
            }
            if (ok) {
                if (frame.timestampNanos < lastNanos && backwards++ == 0) {
                    backwardsFrame = frame.number;
                    backwardsNanos = lastNanos - frame.timestampNanos;
                }
                lastNanos = frame.timestampNanos;
            }
            return ok;
        }
    }
}
