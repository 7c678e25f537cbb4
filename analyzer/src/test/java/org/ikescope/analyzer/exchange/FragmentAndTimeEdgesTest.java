package org.ikescope.analyzer.exchange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, problem 10: an SA that sent only IKE fragments that never completed is listed with
 * its incomplete set; a message rebuilt from IKE fragments belongs to the fragments' SA, whatever
 * cookie its own bytes claim; time going backwards does not make a frame the retransmission of a
 * later one.
 */
class FragmentAndTimeEdgesTest {
    static final int A = 0xc0000201;
    static final int B = 0xc0000265;
    static final long ISPI = 0x1111111111111111L;
    static final long FORGED = 0x2222222222222222L;

    @TempDir
    Path tmp;

    /** An IKEv1 message of fragment payloads (type 132) carrying {@code piece} of a whole message. */
    static byte[] fragment(long ispi, int number, boolean last, byte[] piece) {
        int len = 28 + 8 + piece.length;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putLong(ispi).putLong(0).put((byte) 132).put((byte) 0x10).put((byte) 2).put((byte) 0).putInt(0).putInt(len);
        b.put((byte) 0).put((byte) 0).putShort((short) (8 + piece.length)).putShort((short) 1).put((byte) number)
                .put((byte) (last ? 1 : 0)).put(piece);
        return b.array();
    }

    @Test
    void anSaOfIncompleteIkeFragmentsOnlyIsListed() throws IOException {
        Path cap = tmp.resolve("frag-only.pcap");
        try (SyntheticCapture c = new SyntheticCapture(cap, 1)) {
            byte[] whole = c.isakmp(ISPI, 0, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1}, new byte[][] {SyntheticCapture.phase1Sa()});
            c.udp(1_000_000, A, 500, B, 500, fragment(ISPI, 1, false, Arrays.copyOf(whole, 40)));
            c.udp(1_100_000, A, 500, B, 500, fragment(ISPI, 2, false, Arrays.copyOfRange(whole, 40, 60)));
        }
        List<Exchange> xs = Analyses.run(cap);
        assertEquals(1, xs.size(), xs::toString);
        assertEquals(ISPI, xs.get(0).ispi());
        assertEquals(1, xs.get(0).incompleteFragmentSets().size());
    }

    @Test
    void aMessageRebuiltFromFragmentsBelongsToTheFragmentsSa() throws IOException {
        Path cap = tmp.resolve("frag-forged.pcap");
        try (SyntheticCapture c = new SyntheticCapture(cap, 2)) {
            c.udp(500_000, B + 1, 500, B, 500, c.isakmp(FORGED, 0, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1},
                    new byte[][] {SyntheticCapture.phase1Sa()}));
            byte[] inner = c.isakmp(FORGED, 0x3333333333333333L, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1}, new byte[][] {SyntheticCapture.phase1Sa()});
            c.udp(1_000_000, A, 500, B, 500, fragment(ISPI, 1, false, Arrays.copyOf(inner, 40)));
            c.udp(1_100_000, A, 500, B, 500, fragment(ISPI, 2, true, Arrays.copyOfRange(inner, 40, inner.length)));
        }
        List<Exchange> xs = Analyses.run(cap);
        assertEquals(2, xs.size(), xs::toString);
        Exchange forged = xs.stream().filter(x -> x.ispi() == FORGED).findFirst().orElseThrow();
        Exchange frags = xs.stream().filter(x -> x.ispi() == ISPI).findFirst().orElseThrow();
        assertEquals(1, forged.messages().size(), "the other SA keeps its own message only");
        assertEquals(1, frags.messages().size(), frags.messages()::toString);
        assertEquals(List.of(2L, 3L), frags.messages().get(0).ikeFragmentFrames());
        assertEquals(0, frags.rspi(), "no responder cookie taken from the rebuilt bytes");
    }

    @Test
    void timeGoingBackwardsMakesNoRetransmissionOfALaterFrame() throws IOException {
        Path cap = tmp.resolve("backwards.pcap");
        try (SyntheticCapture c = new SyntheticCapture(cap, 3)) {
            byte[] mm1 = c.isakmp(ISPI, 0, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1}, new byte[][] {SyntheticCapture.phase1Sa()});
            byte[] mm2 = c.isakmp(ISPI, 0x4444444444444444L, SyntheticCapture.MAIN, 0, false, 0, 0, new int[] {1},
                    new byte[][] {SyntheticCapture.phase1Sa()});
            long wrap = 0xffffffffL * 1_000_000L + 900_000L; // the seconds field at its last value before 2106
            c.udp(wrap, A, 500, B, 500, mm1);
            c.udp(wrap + 100_000, B, 500, A, 500, mm2);
            c.udp(1_000_000, A, 500, B, 500, mm1); // the clock stepped back by 2^32 s
            c.udp(1_200_000, A, 500, B, 500, mm1);
            c.udp(1_300_000, B, 500, A, 500, mm2);
        }
        List<Exchange> xs = Analyses.run(cap);
        for (Exchange x : xs) {
            for (ExchangeMessage m : x.messages()) {
                assertTrue(m.retransmissionOf() < m.frame(), () -> "frame " + m.frame() + " a retransmission of later frame "
                        + m.retransmissionOf() + ": " + x.messages());
            }
        }
    }
}
