package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.dissector.model.Diagnostic;

/**
 * One decoded ISAKMP message (IKEv1 or IKEv2), immutable. {@code bytes} is the one copy made of the
 * datagram (from the ISAKMP header on); payload bodies are slices of it. Callers must not modify it.
 *
 * <pre>
 * RFC 2408 section 3.1 (IKEv2: RFC 7296 section 3.1, with SPIs for cookies and I/V/R flags)
 *  0 Initiator Cookie (8)
 *  8 Responder Cookie (8)
 * 16 Next Payload | 17 MjVer(4) MnVer(4) | 18 Exchange Type | 19 Flags
 * 20 Message ID (4)
 * 24 Length (4), of the whole message, header included
 * </pre>
 *
 * @param bytes             the message bytes (not to be modified)
 * @param majorVersion      1 (IKEv1) or 2 (IKEv2); other values are kept as seen
 * @param minorVersion      minor version nibble
 * @param initiatorCookie   ispi
 * @param responderCookie   rspi (zero in the first message of an exchange)
 * @param firstPayload      Next Payload field of the header
 * @param exchangeType      exchange type code
 * @param flags             flags octet
 * @param messageId         Message ID
 * @param length            Length field of the header
 * @param encrypted         IKEv1 E flag set, or an IKEv2 SK payload present
 * @param encryptedLength   bytes of ciphertext (IKEv1: the body after the header; IKEv2: the SK payload body)
 * @param decrypted         the payloads were recovered by decryption
 * @param payloads          payloads in order (cleartext, or decrypted)
 * @param diagnostics       problems found while decoding
 * @param fragmentsReassembled  for a message rebuilt from IKE fragments (payload 132): how many; else 0
 */
public record IsakmpMessage(byte[] bytes, int majorVersion, int minorVersion, long initiatorCookie,
                            long responderCookie, int firstPayload, int exchangeType, int flags, int messageId,
                            long length, boolean encrypted, int encryptedLength, boolean decrypted,
                            List<Payload> payloads, List<Diagnostic> diagnostics, int fragmentsReassembled) {
    public static final int HEADER_BYTES = 28;
    /** IKEv1 flags (RFC 2408 section 3.1). */
    public static final int FLAG_ENCRYPTION = 0x01;
    public static final int FLAG_COMMIT = 0x02;
    public static final int FLAG_AUTH_ONLY = 0x04;
    /** IKEv2 flags (RFC 7296 section 3.1). */
    public static final int FLAG_INITIATOR = 0x08;
    public static final int FLAG_VERSION = 0x10;
    public static final int FLAG_RESPONSE = 0x20;

    public IsakmpMessage {
        payloads = List.copyOf(payloads);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean isIkev2() {
        return majorVersion == 2;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** True when a payload of {@code type} is present. */
    public boolean has(int type) {
        for (Payload p : payloads) {
            if (p.type() == type) {
                return true;
            }
        }
        return false;
    }

    /** The first payload of {@code type}, or null. */
    public Payload first(int type) {
        for (Payload p : payloads) {
            if (p.type() == type) {
                return p;
            }
        }
        return null;
    }

    /** True when decoding found problems. */
    public boolean malformed() {
        return !diagnostics.isEmpty();
    }

    public static String hex64(long v) {
        String s = Long.toHexString(v);
        return "0000000000000000".substring(s.length()) + s;
    }

    public static String hex32(int v) {
        String s = Integer.toHexString(v);
        return "00000000".substring(s.length()) + s;
    }

    public String ispiHex() {
        return hex64(initiatorCookie);
    }

    public String rspiHex() {
        return hex64(responderCookie);
    }

    public String messageIdHex() {
        return hex32(messageId);
    }
}
