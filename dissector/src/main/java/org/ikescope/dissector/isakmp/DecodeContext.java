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
    final NatTraversalNumbering natT;
    final List<Diagnostic> diagnostics;

    DecodeContext(byte[] message, int majorVersion, int exchangeType, NatTraversalNumbering natT,
                  List<Diagnostic> diagnostics) {
        this.message = message;
        this.majorVersion = majorVersion;
        this.exchangeType = exchangeType;
        this.natT = natT;
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

    /** The NAT-T numbering of the message's IKE SA (never null). */
    public NatTraversalNumbering natT() {
        return natT;
    }

    /** Reports a problem at {@code offset} from the start of the ISAKMP header. */
    public void report(String code, int offset, String detail) {
        diagnostics.add(new Diagnostic(code, offset, detail));
    }
}
