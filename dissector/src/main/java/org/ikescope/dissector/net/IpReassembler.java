package org.ikescope.dissector.net;

import java.nio.ByteBuffer;
import java.util.List;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.model.FragmentsLost;

/**
 * Reassembles IPv4 and IPv6 fragments. Bounded in memory and time: implementations cap the
 * number of datagrams in progress and their size, and drop sets that stay incomplete too long
 * (in capture time), counting what they drop.
 */
public interface IpReassembler {

    /**
     * Stores one IPv4 fragment ({@code data[from, to)} is the fragment's payload).
     *
     * @return null while the datagram is incomplete; once complete, a buffer whose
     *         [position, limit) is the whole transport-layer datagram (valid until the next call)
     *         and {@code out.firstFragmentFrame}/{@code out.fragmentCount} set
     */
    ByteBuffer ipv4Fragment(Frame frame, Datagram out, int id, int protocol, int offset, boolean more,
                            ByteBuffer data, int from, int to);

    /** As {@link #ipv4Fragment} for an IPv6 fragment header. */
    ByteBuffer ipv6Fragment(Frame frame, Datagram out, int id, int protocol, int offset, boolean more,
                            ByteBuffer data, int from, int to);

    /** Fragment sets dropped so far: incomplete past the timeout, or over a cap. */
    long dropped();

    /** Frame numbers of fragments whose datagrams were never completed and were dropped since the last call; for diagnostics. */
    default long[] drainIncomplete() {
        return new long[0];
    }

    /**
     * Drops the sets incomplete for longer than the timeout at capture time {@code nowNanos}.
     * Called once per frame, so that a set whose last fragments never come is reported while its
     * exchange is still open, not only when the next fragment arrives.
     */
    default void expire(long nowNanos) {
    }

    /** The sets dropped incomplete since the last call (timeout, cap, oversize), oldest first. */
    default List<IncompleteSet> drainIncompleteSets() {
        return List.of();
    }

    /**
     * The sets still waiting for fragments that were not returned here before (at the end of a
     * capture: sets that never completed). Each set is returned at most once, by this method or
     * {@link #drainIncompleteSets()}; it stays pending, so a capture continued in another file can
     * still complete it.
     */
    default List<IncompleteSet> takePendingSets() {
        return List.of();
    }

    /**
     * A fragment set that never completed.
     *
     * @param ipVersion     4 or 6
     * @param src           source address (4 or 16 bytes), from the fragment key
     * @param dst           destination address
     * @param protocol      IPv4 protocol / IPv6 next header of the fragmented datagram
     * @param frames        frames of the fragments received, in arrival order
     * @param firstNanos    capture time of the first fragment received
     * @param lastNanos     capture time of the last fragment received
     * @param bytesReceived distinct payload bytes received
     * @param head          the datagram's first bytes when the fragment at offset 0 arrived (at most
     *                      {@link #HEAD_BYTES}: the transport header and what follows), else empty
     * @param reason        why it was given up
     */
    record IncompleteSet(int ipVersion, byte[] src, byte[] dst, int protocol, List<Long> frames, long firstNanos,
                         long lastNanos, int bytesReceived, byte[] head, FragmentsLost reason) {
        /** Enough for a UDP header, a non-ESP marker and the ISAKMP cookies. */
        public static final int HEAD_BYTES = 32;

        public IncompleteSet {
            frames = List.copyOf(frames);
        }
    }
}
