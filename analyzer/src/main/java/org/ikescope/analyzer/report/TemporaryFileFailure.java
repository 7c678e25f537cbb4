package org.ikescope.analyzer.report;

import java.io.IOException;

/**
 * Writing or reading back a report's temporary file failed (a full disk): the report cannot be
 * written, which the command line says as a failed output (exit code 4), not as a bug. Not an
 * {@code UncheckedIOException}: the analysis unwraps those into the sink's own write errors.
 */
public final class TemporaryFileFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemporaryFileFailure(String what, IOException cause) {
        super("the temporary file of " + what + ": " + cause.getMessage(), cause);
    }
}
