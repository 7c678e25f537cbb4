package org.ikescope.analyzer.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ikescope.analyzer.output.Terminal;

/**
 * Standard error as the command line writes it: line by line, each line through
 * {@link Terminal#escape} (the one escaping of text headed to a terminal), so that no message
 * can carry a control or format character to the terminal, whoever built it: an option value, a
 * file name, an exception's message, a stack trace under --debug. Escaping is idempotent, so a
 * line escaped already passes unchanged.
 */
final class EscapedLines extends OutputStream {
    /** A line longer than this is written in pieces (a piece boundary may split an escape's view, never its safety). */
    private static final int MAX_LINE_BYTES = 1 << 16;

    private final PrintStream err;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private EscapedLines(PrintStream err) {
        this.err = err;
    }

    /** {@code err} with every line escaped. */
    static PrintStream over(PrintStream err) {
        return new PrintStream(new EscapedLines(err), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit(true);
        } else {
            line.write(b);
            if (line.size() >= MAX_LINE_BYTES) {
                emit(false);
            }
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            emit(false);
        }
        err.flush();
    }

    private void emit(boolean newline) {
        String text = Terminal.escape(line.toString(StandardCharsets.UTF_8));
        line.reset();
        if (newline) {
            err.println(text);
        } else {
            err.print(text);
        }
    }
}
