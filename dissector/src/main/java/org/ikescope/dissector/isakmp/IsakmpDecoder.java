package org.ikescope.dissector.isakmp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.model.Diagnostic;

/**
 * Decodes ISAKMP messages (IKEv1 in full, IKEv2 cleartext) into {@link IsakmpMessage} records.
 * Never throws for bad input: what was decoded before a problem is kept, and the problem becomes
 * a {@link Diagnostic}. Keeps no state between messages: what decoding needs from earlier
 * messages of the same IKE SA (the NAT-T numbering) comes in with each call, and what spans
 * messages (IKE fragments, keys) belongs to the SA's session. One instance per thread.
 */
public final class IsakmpDecoder {
    private final PayloadCursor cursor = new PayloadCursor();
    private final PayloadDecoders bodies = new PayloadDecoders();

    /**
     * Decodes the message in {@code buf}'s [position, limit) (the UDP payload, after any non-ESP
     * marker). Copies those bytes once; {@code buf}'s position does not move.
     *
     * @param natT the NAT-T numbering of the message's IKE SA; vendor IDs in the message are recorded in it
     */
    public IsakmpMessage decode(ByteBuffer buf, NatTraversalNumbering natT) {
        byte[] bytes = new byte[buf.remaining()];
        buf.get(buf.position(), bytes);
        return decode(bytes, natT, 0);
    }

    /**
     * Decodes {@code bytes}, which the caller hands over (they become the message's one copy).
     *
     * @param fragmentsReassembled for a message rebuilt from IKE fragments (payload 132), how many; else 0
     */
    public IsakmpMessage decode(byte[] bytes, NatTraversalNumbering natT, int fragmentsReassembled) {
        List<Diagnostic> diags = new ArrayList<>(0);
        if (bytes.length < IsakmpMessage.HEADER_BYTES) {
            diags.add(new Diagnostic("isakmp.header.truncated", 0,
                    "ISAKMP header: " + bytes.length + " bytes (expected: " + IsakmpMessage.HEADER_BYTES + ")"));
            return new IsakmpMessage(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, false, List.of(), diags, fragmentsReassembled);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long ispi = b.getLong(0);
        long rspi = b.getLong(8);
        int first = bytes[16] & 0xff;
        int major = (bytes[17] & 0xf0) >> 4;
        int minor = bytes[17] & 0x0f;
        int exchange = bytes[18] & 0xff;
        int flags = bytes[19] & 0xff;
        int messageId = b.getInt(20);
        long length = b.getInt(24) & 0xffffffffL;
        int end = bytes.length;
        if (length < IsakmpMessage.HEADER_BYTES) {
            diags.add(new Diagnostic("isakmp.length.invalid", 24,
                    "ISAKMP length: " + length + " (expected: >= " + IsakmpMessage.HEADER_BYTES + ")"));
            return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                    false, 0, false, List.of(), diags, fragmentsReassembled);
        }
        if (length > bytes.length) {
            diags.add(new Diagnostic("isakmp.length.truncated", 24,
                    "ISAKMP length: " + length + " (expected: <= " + bytes.length + ", the datagram's payload)"));
        } else if (length < bytes.length) {
            diags.add(new Diagnostic("isakmp.length.extra-data", (int) length,
                    "bytes after the ISAKMP message: " + (bytes.length - length) + " (expected: 0)"));
            end = (int) length;
        }
        if (major != 1 && major != 2) {
            diags.add(new Diagnostic("isakmp.version.unknown", 17,
                    "ISAKMP major version: " + major + " (expected: 1 or 2)"));
            return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                    false, 0, false, List.of(), diags, fragmentsReassembled);
        }
        if (major == 1 && (flags & IsakmpMessage.FLAG_ENCRYPTION) != 0) {
            // RFC 2408 section 3.1: "all payloads following the header are encrypted".
            return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                    true, end - IsakmpMessage.HEADER_BYTES, false, List.of(), diags, fragmentsReassembled);
        }
        DecodeContext ctx = new DecodeContext(bytes, major, exchange, natT, diags);
        List<Payload> payloads = new ArrayList<>(8);
        int skLength = walk(ctx, IsakmpMessage.HEADER_BYTES, end, first, payloads);
        return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                skLength >= 0, Math.max(skLength, 0), false, payloads, diags, fragmentsReassembled);
    }

    /**
     * Walks the decrypted body of an encrypted message with the same code as cleartext: the
     * result keeps {@code encrypted}'s header fields, is marked {@code decrypted}, and its bytes are
     * the original 28-byte header followed by {@code plaintext}, so payload offsets count from the
     * header as usual. Bytes after the last payload are the cipher's padding (RFC 2409 section
     * 5.3: "padded to the block size"), not an error.
     *
     * @param encrypted a message decoded from the wire with its E flag set
     * @param plaintext everything after the header, decrypted
     * @param natT      the NAT-T numbering of its IKE SA
     */
    public IsakmpMessage decrypted(IsakmpMessage encrypted, byte[] plaintext, NatTraversalNumbering natT) {
        byte[] bytes = new byte[IsakmpMessage.HEADER_BYTES + plaintext.length];
        System.arraycopy(encrypted.bytes(), 0, bytes, 0, Math.min(IsakmpMessage.HEADER_BYTES, encrypted.bytes().length));
        System.arraycopy(plaintext, 0, bytes, IsakmpMessage.HEADER_BYTES, plaintext.length);
        List<Diagnostic> diags = new ArrayList<>(0);
        DecodeContext ctx = new DecodeContext(bytes, encrypted.majorVersion(), encrypted.exchangeType(), natT, diags);
        List<Payload> payloads = new ArrayList<>(8);
        walk(ctx, IsakmpMessage.HEADER_BYTES, bytes.length, encrypted.firstPayload(), payloads);
        diags.removeIf(d -> d.code().equals("isakmp.payload.extra-data"));
        return new IsakmpMessage(bytes, encrypted.majorVersion(), encrypted.minorVersion(), encrypted.initiatorCookie(),
                encrypted.responderCookie(), encrypted.firstPayload(), encrypted.exchangeType(), encrypted.flags(),
                encrypted.messageId(), encrypted.length(), true, encrypted.encryptedLength(), true, payloads, diags,
                encrypted.fragmentsReassembled());
    }

    /**
     * Walks a payload chain over {@code message[from, to)}; decrypted bodies go
     * through the same code.
     *
     * @return the SK payload's body length when the chain ended in an IKEv2 SK payload, else -1
     */
    int walk(DecodeContext ctx, int from, int to, int firstType, List<Payload> out) {
        ByteBuffer b = ByteBuffer.wrap(ctx.message);
        cursor.reset(b, from, to, firstType);
        while (cursor.next()) {
            int type = cursor.type();
            boolean critical = ctx.majorVersion == 2 && (cursor.flags() & 0x80) != 0;
            PayloadBody body = bodies.decode(type, cursor.bodyStart(), cursor.bodyEnd(), ctx);
            out.add(new Payload(type, PayloadDecoders.meaning(type, ctx), cursor.start(), cursor.length(),
                    cursor.nextType(), critical, body));
            if (ctx.majorVersion == 2 && type == PayloadType.SK.code()) {
                // RFC 7296 section 3.14: the SK payload's Next Payload names the first inner payload; it is last.
                return cursor.bodyEnd() - cursor.bodyStart();
            }
        }
        switch (cursor.status()) {
            case END -> {
                // Bytes after a chain that said NONE are not payloads (tshark says nothing; we note it).
                if (cursor.position() < to) {
                    ctx.report("isakmp.payload.extra-data", cursor.position(),
                            "bytes after the last payload: " + (to - cursor.position()) + " (expected: 0)");
                }
            }
            case UNTERMINATED -> ctx.report("isakmp.payload.chain.unterminated", cursor.position(),
                    "next payload after the last payload: " + cursor.pendingType() + " (expected: 0, NONE)");
            case TRUNCATED_HEADER -> ctx.report("isakmp.payload.truncated", cursor.start(),
                    "payload header: " + (to - cursor.start()) + " bytes (expected: 4)");
            case LENGTH_TOO_SHORT -> ctx.report("isakmp.payload.length.invalid", cursor.start(),
                    "payload length: " + cursor.length() + " (expected: >= 4)");
            case LENGTH_TOO_LONG -> ctx.report("isakmp.payload.length.invalid", cursor.start(),
                    "payload length: " + cursor.length() + " (expected: <= " + (to - cursor.start()) + ")");
            case TOO_MANY -> ctx.report("isakmp.payload.count", cursor.start(),
                    "payloads: more than " + PayloadCursor.MAX_PAYLOADS + " (expected: fewer)");
            default -> {
            }
        }
        return -1;
    }
}
