package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output that does not swallow write errors. {@link PrintStream} turns a failed write
 * into a flag nobody reads, so a report cut off by a full disk, a closed pipe or {@code /dev/full}
 * would end with exit code 0; this stream throws {@link OutputFailure} instead (unchecked, so it
 * passes through the {@code PrintStream}s and JSON generators the writers wrap around it), and
 * keeps throwing once one write failed.
 *
 * <p>Over a raw stream (the process's file descriptor 1, from {@link Main#main}) the failure
 * carries the operating system's reason; over a {@code PrintStream} (whatever {@code System.out}
 * is when {@link Main#run} is called, e.g. in tests) its error flag is checked after every write.
 */
final class CheckedOutput extends OutputStream {
    /** The name of standard output in messages. */
    static final String STANDARD_OUTPUT = "standard output";

    private final OutputStream out;
    private final PrintStream flagged;
    private final String name;
    private OutputFailure failure;

    private CheckedOutput(OutputStream out, PrintStream flagged, String name) {
        this.out = out;
        this.flagged = flagged;
        this.name = name;
    }

    /** Over a raw stream whose write errors are {@link IOException}s. */
    static CheckedOutput of(OutputStream raw) {
        return of(raw, STANDARD_OUTPUT);
    }

    /** Over a raw stream, named for the error message ({@code -o report.html}). */
    static CheckedOutput of(OutputStream raw, String name) {
        return new CheckedOutput(raw, null, name);
    }

    /** Over a print stream, checking its error flag. */
    static CheckedOutput of(PrintStream stream) {
        return new CheckedOutput(stream, stream, STANDARD_OUTPUT);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        check();
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
        if (flagged != null && flagged.checkError()) {
            throw fail(null);
        }
    }

    @Override
    public void flush() {
        check();
        try {
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
        if (flagged != null && flagged.checkError()) {
            throw fail(null);
        }
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    private OutputFailure fail(IOException e) {
        failure = new OutputFailure(name, e);
        return failure;
    }

    /** A write to standard output failed: the report is incomplete. */
    static final class OutputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** What could not be written: {@code standard output} or the {@code -o} file. */
        final String where;

        OutputFailure(String where, IOException cause) {
            super(cause == null ? "write error" : String.valueOf(cause.getMessage()), cause);
            this.where = where;
        }

        /** The reader went away ({@code | head}): the usual end of a pipeline, said quietly. */
        boolean brokenPipe() {
            return getMessage().contains("Broken pipe");
        }
    }
}
