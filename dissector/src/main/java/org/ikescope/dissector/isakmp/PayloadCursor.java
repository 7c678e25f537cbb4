package org.ikescope.dissector.isakmp;

import java.nio.ByteBuffer;

/**
 * A reusable flyweight over a chain of ISAKMP payloads (RFC 2408 section 3.2, RFC 7296 section
 * 3.2). It allocates nothing and never throws: a bad chain ends the walk with {@link #status()}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !C!  RESERVED   !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Every step advances by at least the 4-byte generic header, and the walk stops after
 * {@link #MAX_PAYLOADS}, so it always terminates.
 */
public final class PayloadCursor {
    public static final int GENERIC_HEADER_BYTES = 4;
    /** No real message carries more; a loop of tiny payloads is cut here. */
    public static final int MAX_PAYLOADS = 512;

    /** Walk state after {@link #next()} returned false. */
    public enum Status { MORE, END, LENGTH_TOO_SHORT, LENGTH_TOO_LONG, TRUNCATED_HEADER, TOO_MANY, UNTERMINATED }

    private ByteBuffer buf;
    private int pos;
    private int end;
    private int type;
    private int start;
    private int length;
    private int count;
    private Status status = Status.END;

    /** Starts a walk over [from, to) whose first payload has type {@code firstType}. */
    public PayloadCursor reset(ByteBuffer buf, int from, int to, int firstType) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.type = firstType;
        this.count = 0;
        this.start = from;
        this.length = 0;
        this.status = firstType == 0 ? Status.END : Status.MORE;
        return this;
    }

    /** Moves to the next payload; false when the chain ends or is broken (see {@link #status()}). */
    public boolean next() {
        if (status != Status.MORE) {
            return false;
        }
        if (pos == end) {
            // The chain says more follows, but the message is over (RFC 2408: last payload's next is NONE).
            status = Status.UNTERMINATED;
            return false;
        }
        if (end - pos < GENERIC_HEADER_BYTES) {
            status = Status.TRUNCATED_HEADER;
            start = pos;
            return false;
        }
        if (++count > MAX_PAYLOADS) {
            status = Status.TOO_MANY;
            start = pos;
            return false;
        }
        int len = buf.getShort(pos + 2) & 0xffff;
        start = pos;
        length = len;
        if (len < GENERIC_HEADER_BYTES) {
            status = Status.LENGTH_TOO_SHORT;
            return false;
        }
        if (len > end - pos) {
            status = Status.LENGTH_TOO_LONG;
            return false;
        }
        currentType = type;
        type = buf.get(pos) & 0xff;
        pos += len;
        if (type == 0) {
            status = Status.END;
        }
        return true;
    }

    private int currentType;

    /** Type of the current payload (given by the previous payload's Next Payload field). */
    public int type() {
        return currentType;
    }

    /** Next Payload field of the current payload. */
    public int nextType() {
        return type;
    }

    /** Offset of the current payload's generic header (or of the broken one after a failed {@link #next()}). */
    public int start() {
        return start;
    }

    /** Payload Length field of the current payload (the broken value after a failed {@link #next()}). */
    public int length() {
        return length;
    }

    /** Offset of the current payload's body (after the generic header). */
    public int bodyStart() {
        return start + GENERIC_HEADER_BYTES;
    }

    /** End offset (exclusive) of the current payload. */
    public int bodyEnd() {
        return start + length;
    }

    /** Byte 1 of the generic header: the IKEv2 critical bit and reserved bits. */
    public int flags() {
        return buf.get(start + 1) & 0xff;
    }

    /** Where the walk stopped. {@link Status#MORE} while it can go on. */
    public Status status() {
        return status;
    }

    /** Offset just after the last complete payload. */
    public int position() {
        return pos;
    }

    /** Type the broken or missing payload would have had. */
    public int pendingType() {
        return type;
    }
}
