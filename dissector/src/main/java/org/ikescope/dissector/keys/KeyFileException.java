package org.ikescope.dissector.keys;

import java.io.IOException;

/**
 * A key file this reader cannot load: an unknown format, or a malformed line. The message names
 * the file, the line and what was expected, never what the line holds (it may hold a secret).
 */
public final class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    /** {@code file line N: problem}, where {@code problem} reads "what (expected: ...)". */
    static KeyFileException at(String file, long line, String problem) {
        return new KeyFileException(file + " line " + line + ": " + problem);
    }
}
