package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.FragmentBody;
import org.ikescope.dissector.isakmp.NatTraversalNumbering;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.session.SaSession;
import org.ikescope.dissector.session.SaSessions;
import org.ikescope.dissector.model.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;


/**
 * Arbitrary and mutated input never throws, always terminates and keeps diagnostics in bounds:
 * through {@link IsakmpDecoder} directly and through the whole {@link Dissector} pipeline.
 * Seeded, so a failure names a case that can be replayed.
 */
class PropertyTest {
    static final long SEED = 0x1CE5C0BEL;
    static final int CASES = 20_000;
    static final int BATCH = 2_000;
    static final int MAX_LENGTH = 600;
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);
    /** Link types the decoder knows, and one it does not. */
    static final int[] LINK_TYPES = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147};

    /** Real ISAKMP messages and real frames from the test captures: the seeds for mutation. */
    static final List<byte[]> MESSAGES = new ArrayList<>();
    static final List<byte[]> FRAMES = new ArrayList<>();
    static final List<Integer> FRAME_LINK_TYPES = new ArrayList<>();

    @BeforeAll
    static void loadSeeds() throws IOException {
        for (Path p : TestCaptures.all()) {
            try (PacketSource src = Captures.open(p.toString())) {
                Frame f = new Frame();
                while (src.next(f)) {
                    byte[] b = new byte[f.capturedLength()];
                    f.data.get(f.data.position(), b);
                    FRAMES.add(b);
                    FRAME_LINK_TYPES.add(f.linkType);
                }
            }
            try (PacketSource src = Captures.open(p.toString())) {
                new Dissector(Dissector.Options.defaults()).run(src, e -> MESSAGES.add(e.message().bytes()));
            }
        }
        assertTrue(MESSAGES.size() > 200, "seed messages: " + MESSAGES.size());
    }

    /** One mutation of a real message: bit flips, truncation, extension, or a length field edit. */
    static byte[] mutate(Random r, byte[] seed) {
        byte[] b = seed.clone();
        switch (r.nextInt(6)) {
            case 0 -> {
                for (int i = r.nextInt(8) + 1; i > 0 && b.length > 0; i--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2 -> {
                b = Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
                for (int i = seed.length; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
            }
            case 3 -> {
                if (b.length >= 28) {
                    ByteBuffer.wrap(b).putInt(24, interesting(r, b.length));
                }
            }
            case 4 -> {
                // A payload's 16-bit length field: walk the chain as the decoder would, pick one.
                List<Integer> fields = payloadLengthFields(b);
                if (!fields.isEmpty()) {
                    ByteBuffer.wrap(b).putShort(fields.get(r.nextInt(fields.size())), (short) interesting(r, b.length));
                }
            }
            default -> {
                // A next-payload field, or the version/exchange/flags octets.
                if (b.length > 28) {
                    int at = r.nextBoolean() ? 16 + r.nextInt(4) : 28 + r.nextInt(Math.min(b.length - 28, 64));
                    b[at] = (byte) r.nextInt(256);
                }
            }
        }
        return b;
    }

    static int interesting(Random r, int length) {
        int[] v = {0, 1, 3, 4, 5, 27, 28, 29, length - 1, length, length + 1, 0xffff, 0x7fffffff, -1, r.nextInt()};
        return v[r.nextInt(v.length)];
    }

    static List<Integer> payloadLengthFields(byte[] b) {
        List<Integer> r = new ArrayList<>();
        int pos = 28;
        int next = b.length > 16 ? b[16] & 0xff : 0;
        while (next != 0 && pos + 4 <= b.length && r.size() < 64) {
            r.add(pos + 2);
            int len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            if (len < 4) {
                break;
            }
            next = b[pos] & 0xff;
            pos += len;
        }
        return r;
    }

    static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(MAX_LENGTH + 1)];
        r.nextBytes(b);
        if (b.length >= 28 && r.nextBoolean()) {
            // Make it look like ISAKMP more often than chance would: a plausible version and length.
            b[17] = (byte) (r.nextBoolean() ? 0x10 : 0x20);
            if (r.nextBoolean()) {
                ByteBuffer.wrap(b).putInt(24, b.length);
            }
        }
        return b;
    }

    static void checkMessage(IsakmpMessage m, byte[] input, String what) {
        assertNotNull(m, what);
        for (Diagnostic d : m.diagnostics()) {
            if (d.offset() < 0 || d.offset() > m.bytes().length) {
                fail(what + ": diagnostic offset out of [0, " + m.bytes().length + "]: " + d);
            }
            assertNotNull(d.code(), what);
            assertNotNull(d.detail(), what);
        }
        for (Payload p : m.payloads()) {
            if (p.offset() < 28 || p.offset() + p.length() > m.bytes().length) {
                fail(what + ": payload outside the message: " + p.offset() + "+" + p.length() + " of " + m.bytes().length);
            }
        }
        assertTrue(m.payloads().size() <= 512, what);
    }

    @Test
    void randomBytesThroughTheIsakmpDecoder() {
        Random r = new Random(SEED);
        IsakmpDecoder shared = new IsakmpDecoder();
        for (int batch = 0; batch < CASES / BATCH; batch++) {
            int b0 = batch;
            assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    String what = "seed " + Long.toHexString(SEED) + " random case " + (b0 * BATCH + i);
                    byte[] in = randomBytes(r);
                    decodeChecked(shared, in, what);
                }
            });
        }
    }

    @Test
    void mutatedRealMessagesThroughTheIsakmpDecoder() {
        Random r = new Random(SEED + 1);
        IsakmpDecoder shared = new IsakmpDecoder();
        for (int batch = 0; batch < CASES / BATCH; batch++) {
            int b0 = batch;
            assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    String what = "seed " + Long.toHexString(SEED + 1) + " mutation case " + (b0 * BATCH + i);
                    byte[] in = mutate(r, MESSAGES.get(r.nextInt(MESSAGES.size())));
                    if (r.nextInt(4) == 0) {
                        in = mutate(r, in);
                    }
                    decodeChecked(shared, in, what);
                }
            });
        }
    }

    /** Sessions shared by the decoder cases, so that fragments of several inputs can complete a set. */
    private static final SaSessions SESSIONS = new SaSessions(SaSessions.Options.defaults());
    private static final byte[] PEER = {10, 0, 0, 1};
    private static final Endpoint PEER_ENDPOINT = new Endpoint(PEER, 500);

    private static void decodeChecked(IsakmpDecoder decoder, byte[] in, String what) {
        try {
            // Decode from a window inside a larger buffer, as the pipeline does.
            ByteBuffer buf = ByteBuffer.allocate(in.length + 16);
            buf.position(8);
            buf.put(in);
            buf.position(8).limit(8 + in.length);
            SaSession known = SESSIONS.find(in.length >= 8 ? buf.getLong(8) : 0, PEER, PEER);
            NatTraversalNumbering natT = known != null ? known.natT() : new NatTraversalNumbering();
            IsakmpMessage m = decoder.decode(buf, natT);
            checkMessage(m, in, what);
            assertEquals(in.length, m.bytes().length, what);
            // IKE fragments collect in the SA's session as in the pipeline; a completed set is decoded too.
            SaSession session = SESSIONS.open(m, PEER_ENDPOINT, PEER_ENDPOINT, natT);
            List<Long> frames = new ArrayList<>();
            for (Payload p : m.payloads()) {
                if (p.body() instanceof FragmentBody f) {
                    byte[] bytes = SESSIONS.fragment(session, Side.INITIATOR, f, 1, 0, PEER_ENDPOINT, PEER_ENDPOINT, frames);
                    if (bytes != null) {
                        IsakmpMessage whole = decoder.decode(bytes, session.natT(), frames.size());
                        checkMessage(whole, whole.bytes(), what + " (reassembled)");
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(what + ": " + e + " on input " + java.util.HexFormat.of().formatHex(in), e);
        }
    }

    /** Frames from a list, as a capture would deliver them. */
    static final class ListSource implements PacketSource {
        private final List<byte[]> frames;
        private final List<Integer> linkTypes;
        private int next;

        ListSource(List<byte[]> frames, List<Integer> linkTypes) {
            this.frames = frames;
            this.linkTypes = linkTypes;
        }

        @Override
        public boolean next(Frame f) {
            if (next == frames.size()) {
                return false;
            }
            byte[] b = frames.get(next);
            f.number = next + 1;
            f.timestampNanos = next * 1_000_000L;
            f.linkType = linkTypes.get(next);
            f.interfaceId = 0;
            f.originalLength = b.length;
            // A window in the middle of a larger buffer, like a mapped file.
            ByteBuffer big = ByteBuffer.allocate(b.length + 32);
            big.position(16);
            big.put(b);
            big.position(16).limit(16 + b.length);
            f.data = big;
            next++;
            return true;
        }

        @Override
        public String error() {
            return null;
        }

        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public void close() {
        }
    }

    /** Ethernet + IPv4 + UDP around {@code payload} (checksums zero). */
    static byte[] ethIpv4Udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putInt(0).put((byte) 64).put((byte) 17)
                .putShort((short) 0).putInt(0xc0000201).putInt(0xc6336402);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        return b.put(payload).array();
    }

    @Test
    void arbitraryFramesThroughTheDissector() {
        Random r = new Random(SEED + 2);
        for (int batch = 0; batch < CASES / BATCH; batch++) {
            List<byte[]> frames = new ArrayList<>(BATCH);
            List<Integer> links = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                switch (r.nextInt(4)) {
                    case 0 -> { // random ISAKMP-ish payload on 500 or 4500 (with and without the non-ESP marker)
                        byte[] p = r.nextBoolean() ? randomBytes(r) : mutate(r, MESSAGES.get(r.nextInt(MESSAGES.size())));
                        int port = r.nextBoolean() ? 500 : 4500;
                        if (port == 4500 && r.nextBoolean()) {
                            p = ByteBuffer.allocate(p.length + 4).putInt(0).put(p).array();
                        }
                        frames.add(ethIpv4Udp(port, port, p));
                        links.add(1);
                    }
                    case 1 -> { // a real frame, mutated (link, IP, fragments, ICMP, tunnels)
                        int k = r.nextInt(FRAMES.size());
                        frames.add(mutate(r, FRAMES.get(k)));
                        links.add(FRAME_LINK_TYPES.get(k));
                    }
                    case 2 -> { // a real frame, unchanged
                        int k = r.nextInt(FRAMES.size());
                        frames.add(FRAMES.get(k));
                        links.add(FRAME_LINK_TYPES.get(k));
                    }
                    default -> { // random bytes under any link type
                        frames.add(randomBytes(r));
                        links.add(LINK_TYPES[r.nextInt(LINK_TYPES.length)]);
                    }
                }
            }
            int b0 = batch;
            assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
                DissectionListener check = new DissectionListener() {
                    @Override
                    public void message(MessageEvent e) {
                        checkMessage(e.message(), e.message().bytes(), "batch " + b0 + " frame " + e.frame());
                    }

                    @Override
                    public void frame(FrameEvent e) {
                        if (e.diagnostic() != null) {
                            int len = frames.get((int) e.frame() - 1).length;
                            assertTrue(e.diagnostic().offset() >= 0 && e.diagnostic().offset() <= len,
                                    () -> "batch " + b0 + " frame " + e.frame() + ": " + e.diagnostic());
                        }
                    }
                };
                try {
                    CaptureStats s = new Dissector(Dissector.Options.defaults()).run(new ListSource(frames, links), check);
                    assertEquals(BATCH, s.frames);
                    assertTrue(s.balanced(), () -> "batch " + b0 + ": " + s.asMap());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void seedsAreReal() {
        assertFalse(FRAMES.isEmpty());
        assertEquals(FRAMES.size(), FRAME_LINK_TYPES.size());
    }
}
