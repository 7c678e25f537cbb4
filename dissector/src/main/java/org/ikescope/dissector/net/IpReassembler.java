package org.ikescope.dissector.net;

import java.nio.ByteBuffer;
import org.ikescope.dissector.capture.Frame;

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
}
