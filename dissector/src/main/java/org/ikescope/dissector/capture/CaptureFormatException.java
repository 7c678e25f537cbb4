package org.ikescope.dissector.capture;

import java.io.IOException;

/** The input is not a capture file this reader understands (wrong magic, header cut short). */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureFormatException(String message) {
        super(message);
    }
}
