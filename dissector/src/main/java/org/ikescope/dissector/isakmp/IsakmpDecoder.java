package org.ikescope.dissector.isakmp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes ISAKMP messages (IKEv1 in full, IKEv2 cleartext) into {@link IsakmpMessage} records.
 * Never throws for bad input: what was decoded before a problem is kept, and the problem becomes
 * a {@link org.ikescope.dissector.model.Diagnostic}. One instance per thread.
 */
public final class IsakmpDecoder {
    static final int PAYLOAD_SK = 46;
    static final int PAYLOAD_FRAGMENT = 132;

    private final SaContextTable contexts;
    private final PayloadCursor cursor = new PayloadCursor();
    private final PayloadDecoders bodies;
    private IsakmpMessage reassembled;
    /** Sender of the message being decoded, for fragment bookkeeping. */
    private int sender;
    private final List<Long> reassembledFrames = new ArrayList<>();

    public IsakmpDecoder(SaContextTable contexts) {
        this.contexts = contexts;
        this.bodies = new PayloadDecoders();
    }

    /** Contexts used for NAT-T numbering and IKE fragment reassembly. */
    public SaContextTable contexts() {
        return contexts;
    }

    /**
     * Decodes the message in {@code buf}'s [position, limit) (the UDP payload, after any non-ESP
     * marker). Copies those bytes once. {@code frame} identifies the frame for fragment bookkeeping.
     */
    public IsakmpMessage decode(ByteBuffer buf, long frame) {
        return decode(buf, frame, 0);
    }

    /**
     * As {@link #decode(ByteBuffer, long)}, naming the sender ({@code sender}: any stable hash of
     * its address and port) so that IKE fragments of the two directions are kept apart: IKEv1
     * headers do not say which way a message goes, and both peers number fragment IDs from 1.
     */
    public IsakmpMessage decode(ByteBuffer buf, long frame, int sender) {
        this.sender = sender;
        reassembled = null;
        reassembledFrames.clear();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(buf.position(), bytes);
        return decode(bytes, frame, 0);
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
     */
    public IsakmpMessage decrypted(IsakmpMessage encrypted, byte[] plaintext) {
        byte[] bytes = new byte[IsakmpMessage.HEADER_BYTES + plaintext.length];
        System.arraycopy(encrypted.bytes(), 0, bytes, 0, Math.min(IsakmpMessage.HEADER_BYTES, encrypted.bytes().length));
        System.arraycopy(plaintext, 0, bytes, IsakmpMessage.HEADER_BYTES, plaintext.length);
        List<org.ikescope.dissector.model.Diagnostic> diags = new ArrayList<>(0);
        SaContext sa = contexts.get(encrypted.initiatorCookie());
        DecodeContext ctx = new DecodeContext(bytes, encrypted.majorVersion(), encrypted.exchangeType(), sa, diags);
        List<Payload> payloads = new ArrayList<>(8);
        walk(ctx, IsakmpMessage.HEADER_BYTES, bytes.length, encrypted.firstPayload(), payloads);
        diags.removeIf(d -> d.code().equals("isakmp.payload.extra-data"));
        return new IsakmpMessage(bytes, encrypted.majorVersion(), encrypted.minorVersion(), encrypted.initiatorCookie(),
                encrypted.responderCookie(), encrypted.firstPayload(), encrypted.exchangeType(), encrypted.flags(),
                encrypted.messageId(), encrypted.length(), true, encrypted.encryptedLength(), true, payloads, diags,
                encrypted.fragmentsReassembled());
    }

    /**
     * When the last {@link #decode} completed a set of IKE fragments, the message they rebuild
     * (also decoded); otherwise null.
     */
    public IsakmpMessage reassembled() {
        return reassembled;
    }

    /** Frames that carried the fragments of {@link #reassembled()}, in fragment order. */
    public List<Long> reassembledFrames() {
        return List.copyOf(reassembledFrames);
    }

    private IsakmpMessage decode(byte[] bytes, long frame, int fragmentsReassembled) {
        List<org.ikescope.dissector.model.Diagnostic> diags = new ArrayList<>(0);
        if (bytes.length < IsakmpMessage.HEADER_BYTES) {
            diags.add(new org.ikescope.dissector.model.Diagnostic("isakmp.header.truncated", 0,
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
            diags.add(new org.ikescope.dissector.model.Diagnostic("isakmp.length.invalid", 24,
                    "ISAKMP length: " + length + " (expected: >= " + IsakmpMessage.HEADER_BYTES + ")"));
            return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                    false, 0, false, List.of(), diags, fragmentsReassembled);
        }
        if (length > bytes.length) {
            diags.add(new org.ikescope.dissector.model.Diagnostic("isakmp.length.truncated", 24,
                    "ISAKMP length: " + length + " (expected: <= " + bytes.length + ", the datagram's payload)"));
        } else if (length < bytes.length) {
            diags.add(new org.ikescope.dissector.model.Diagnostic("isakmp.length.extra-data", (int) length,
                    "bytes after the ISAKMP message: " + (bytes.length - length) + " (expected: 0)"));
            end = (int) length;
        }
        if (major != 1 && major != 2) {
            diags.add(new org.ikescope.dissector.model.Diagnostic("isakmp.version.unknown", 17,
                    "ISAKMP major version: " + major + " (expected: 1 or 2)"));
            return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                    false, 0, false, List.of(), diags, fragmentsReassembled);
        }
        SaContext sa = contexts.get(ispi);
        if (major == 1 && (flags & IsakmpMessage.FLAG_ENCRYPTION) != 0) {
            // RFC 2408 section 3.1: "all payloads following the header are encrypted".
            return new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                    true, end - IsakmpMessage.HEADER_BYTES, false, List.of(), diags, fragmentsReassembled);
        }
        DecodeContext ctx = new DecodeContext(bytes, major, exchange, sa, diags);
        List<Payload> payloads = new ArrayList<>(8);
        int skLength = walk(ctx, IsakmpMessage.HEADER_BYTES, end, first, payloads);
        IsakmpMessage msg = new IsakmpMessage(bytes, major, minor, ispi, rspi, first, exchange, flags, messageId, length,
                skLength >= 0, Math.max(skLength, 0), false, payloads, diags, fragmentsReassembled);
        if (major == 1 && fragmentsReassembled == 0) {
            collectFragments(msg, sa, frame);
        }
        return msg;
    }

    /**
     * Walks a payload chain over {@code message[from, to)}. Public so that decrypted bodies go
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
            out.add(new Payload(type, bodies.typeName(type, ctx), cursor.start(), cursor.length(),
                    cursor.nextType(), critical, body));
            if (ctx.majorVersion == 2 && type == PAYLOAD_SK) {
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

    private void collectFragments(IsakmpMessage msg, SaContext sa, long frame) {
        for (Payload p : msg.payloads()) {
            if (p.type() == PAYLOAD_FRAGMENT && p.body() instanceof FragmentBody f) {
                byte[] whole = sa.addFragment(sender, f.fragmentId(), f.number(), f.last(), msg.bytes(), f.dataFrom(), f.dataTo(),
                        frame, reassembledFrames);
                if (whole != null) {
                    reassembled = decode(whole, frame, reassembledFrames.size());
                }
            }
        }
    }
}
