package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.dissector.model.Diagnostic;

/**
 * What a payload body decoder may consult and where it reports problems, for one message. Made
 * once per message by {@link IsakmpDecoder}.
 */
public final class DecodeContext {
    final byte[] message;
    final int majorVersion;
    final int exchangeType;
    final SaContext sa;
    final List<Diagnostic> diagnostics;

    DecodeContext(byte[] message, int majorVersion, int exchangeType, SaContext sa, List<Diagnostic> diagnostics) {
        this.message = message;
        this.majorVersion = majorVersion;
        this.exchangeType = exchangeType;
        this.sa = sa;
        this.diagnostics = diagnostics;
    }

    public byte[] message() {
        return message;
    }

    public int majorVersion() {
        return majorVersion;
    }

    public int exchangeType() {
        return exchangeType;
    }

    /** The per-SA context (never null). */
    public SaContext sa() {
        return sa;
    }

    /** Reports a problem at {@code offset} from the start of the ISAKMP header. */
    public void report(String code, int offset, String detail) {
        diagnostics.add(new Diagnostic(code, offset, detail));
    }
}
