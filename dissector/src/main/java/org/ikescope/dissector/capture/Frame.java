package org.ikescope.dissector.capture;

import java.nio.ByteBuffer;

/**
 * One captured frame, as a reusable holder that a {@link PacketSource} fills on every
 * {@link PacketSource#next(Frame)}. The bytes are a window into the source's buffer, not a copy:
 * they are valid only until the next call.
 */
public final class Frame {
    /** 1-based frame number within its file, as tshark counts it. */
    public long number;
    /** Capture timestamp, nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** LINKTYPE_* value of the interface the frame was captured on. */
    public int linkType;
    /** pcapng interface index (0 for classic pcap). */
    public int interfaceId;
    /** Length of the packet on the wire (may exceed the captured length when a snaplen cut it). */
    public int originalLength;
    /**
     * The capture this frame came from, when a source merges several (see {@link MergedSource});
     * null when the source is one capture (its {@link PacketSource#name()}).
     */
    public String source;
    /** Big-endian view whose [position, limit) is the captured bytes. */
    public ByteBuffer data;

    /** Captured length: the bytes available in {@link #data}. */
    public int capturedLength() {
        return data.remaining();
    }
}
