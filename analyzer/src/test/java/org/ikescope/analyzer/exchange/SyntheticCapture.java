package org.ikescope.analyzer.exchange;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes classic pcap files (LINKTYPE_RAW: IPv4 without a link header) of made-up but well-formed
 * IKEv1 messages, for tests that need captures the lab cannot make: timing past the idle
 * timeout, many peers, a million messages.
 */
public final class SyntheticCapture implements Closeable {
    /** pcap global header (little-endian, microsecond timestamps). */
    private static final int PCAP_MAGIC = 0xa1b2c3d4;
    private static final int LINKTYPE_RAW = 101;
    private static final int IP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    static final int MAIN = 2;
    static final int AGGRESSIVE = 4;
    static final int INFO = 5;
    static final int QUICK = 32;

    private final OutputStream out;
    private final ByteBuffer rec = ByteBuffer.allocate(65_600).order(ByteOrder.LITTLE_ENDIAN);
    private final Random random;
    private long frames;

    public SyntheticCapture(Path file, long seed) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        this.random = new Random(seed);
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(PCAP_MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(LINKTYPE_RAW);
        out.write(h.array());
    }

    public long frames() {
        return frames;
    }

    /** One UDP datagram carrying {@code payload}, at {@code timeMicros}. */
    public void udp(long timeMicros, int srcIp, int srcPort, int dstIp, int dstPort, byte[] payload) throws IOException {
        int total = IP_HEADER + UDP_HEADER + payload.length;
        rec.clear();
        rec.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000)).putInt(total).putInt(total);
        ByteBuffer ip = ByteBuffer.allocate(total);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) (frames & 0xffff)).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(srcIp).putInt(dstIp);
        int sum = 0;
        for (int i = 0; i < IP_HEADER; i += 2) {
            sum += ip.getShort(i) & 0xffff;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        ip.putShort(10, (short) ~sum);
        ip.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (UDP_HEADER + payload.length)).putShort((short) 0);
        ip.put(payload);
        rec.put(ip.array());
        out.write(rec.array(), 0, rec.position());
        frames++;
    }

    /**
     * An ISAKMP message: header and the given payload chain (each {@code payloads[i]} is a body
     * with its type in {@code types[i]}); when {@code encrypted}, one opaque body of
     * {@code encryptedBytes} random bytes follows the header instead.
     */
    public byte[] isakmp(long ispi, long rspi, int exchangeType, int messageId, boolean encrypted, int encryptedBytes,
                         int firstPayload, int[] types, byte[][] payloads) {
        int len = 28;
        if (encrypted) {
            len += encryptedBytes;
        } else {
            for (byte[] p : payloads) {
                len += 4 + p.length;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putLong(ispi).putLong(rspi).put((byte) (encrypted ? firstPayload : types.length == 0 ? 0 : types[0]))
                .put((byte) 0x10).put((byte) exchangeType).put((byte) (encrypted ? 1 : 0)).putInt(messageId).putInt(len);
        if (encrypted) {
            byte[] r = new byte[encryptedBytes];
            random.nextBytes(r);
            b.put(r);
        } else {
            for (int i = 0; i < payloads.length; i++) {
                int next = i + 1 < types.length ? types[i + 1] : 0;
                b.put((byte) next).put((byte) 0).putShort((short) (4 + payloads[i].length)).put(payloads[i]);
            }
        }
        return b.array();
    }

    /** A phase-1 SA body: DOI IPsec, SIT_IDENTITY_ONLY, one proposal with one AES-128/SHA1/PSK/group 2 transform. */
    public static byte[] phase1Sa() {
        int[][] attrs = {{1, 7}, {14, 128}, {2, 2}, {3, 1}, {4, 2}, {11, 1}, {12, 28800}};
        ByteBuffer t = ByteBuffer.allocate(8 + attrs.length * 4);
        t.put((byte) 0).put((byte) 0).putShort((short) (8 + attrs.length * 4)).put((byte) 1).put((byte) 1).putShort((short) 0);
        for (int[] a : attrs) {
            t.putShort((short) (0x8000 | a[0])).putShort((short) a[1]);
        }
        byte[] transform = t.array();
        ByteBuffer p = ByteBuffer.allocate(8 + transform.length);
        p.put((byte) 0).put((byte) 0).putShort((short) (8 + transform.length)).put((byte) 1).put((byte) 1).put((byte) 0)
                .put((byte) 1).put(transform);
        byte[] proposal = p.array();
        ByteBuffer sa = ByteBuffer.allocate(8 + proposal.length);
        sa.putInt(1).putInt(1).put(proposal);
        return sa.array();
    }

    public byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public int nextInt() {
        return random.nextInt();
    }

    public long nextLong() {
        return random.nextLong();
    }

    /**
     * The messages of one main-mode peer: MM1..MM6, then quick mode QM1..QM3 and one informational
     * from the initiator (10 messages), at {@code start} plus {@code stepMicros} per message.
     * {@code upTo} limits how many are written (e.g. 1 for an unanswered MM1).
     */
    public void mainModePeer(long startMicros, long stepMicros, int initiator, int responder, long ispi, long rspi, int upTo)
            throws IOException {
        byte[] sa = phase1Sa();
        int qm = nextInt();
        byte[][] msgs = {
            isakmp(ispi, 0, MAIN, 0, false, 0, 0, new int[] {1}, new byte[][] {sa}),
            isakmp(ispi, rspi, MAIN, 0, false, 0, 0, new int[] {1}, new byte[][] {sa}),
            isakmp(ispi, rspi, MAIN, 0, false, 0, 0, new int[] {4, 10}, new byte[][] {random(64), random(16)}),
            isakmp(ispi, rspi, MAIN, 0, false, 0, 0, new int[] {4, 10}, new byte[][] {random(64), random(16)}),
            isakmp(ispi, rspi, MAIN, 0, true, 48, 5, null, null),
            isakmp(ispi, rspi, MAIN, 0, true, 48, 5, null, null),
            isakmp(ispi, rspi, QUICK, qm, true, 96, 8, null, null),
            isakmp(ispi, rspi, QUICK, qm, true, 96, 8, null, null),
            isakmp(ispi, rspi, QUICK, qm, true, 32, 8, null, null),
            isakmp(ispi, rspi, INFO, nextInt(), true, 48, 8, null, null),
        };
        boolean[] fromInitiator = {true, false, true, false, true, false, true, false, true, true};
        for (int i = 0; i < Math.min(upTo, msgs.length); i++) {
            if (fromInitiator[i]) {
                udp(startMicros + i * stepMicros, initiator, 500, responder, 500, msgs[i]);
            } else {
                udp(startMicros + i * stepMicros, responder, 500, initiator, 500, msgs[i]);
            }
        }
    }

    // ---------------------------------------------------------------- IKEv2 (RFC 7296)

    static final int IKE_SA_INIT = 34;
    static final int IKE_AUTH = 35;
    /** Payload types (RFC 7296 section 3.2). */
    static final int SA = 33;
    static final int KE = 34;
    static final int NONCE = 40;
    static final int NOTIFY = 41;
    static final int ENCRYPTED = 46;

    /**
     * An IKEv2 message: header (version 2.0, flags I for the original initiator, R for a response)
     * and the payload chain {@code types}/{@code bodies} (each body after its 4-byte generic
     * header).
     */
    public static byte[] ikev2(long spii, long spir, int exchangeType, boolean fromInitiator, boolean response,
                               int messageId, int[] types, byte[][] bodies) {
        int len = 28;
        for (byte[] b : bodies) {
            len += 4 + b.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len);
        int flags = (fromInitiator ? 0x08 : 0) | (response ? 0x20 : 0);
        b.putLong(spii).putLong(spir).put((byte) (types.length == 0 ? 0 : types[0])).put((byte) 0x20)
                .put((byte) exchangeType).put((byte) flags).putInt(messageId).putInt(len);
        for (int i = 0; i < bodies.length; i++) {
            int next = i + 1 < types.length ? types[i + 1] : 0;
            b.put((byte) next).put((byte) 0).putShort((short) (4 + bodies[i].length)).put(bodies[i]);
        }
        return b.array();
    }

    /** An IKEv2 SA body: one IKE proposal, AES-CBC-128 (12, key length 128), HMAC-SHA2-256 (12), PRF-HMAC-SHA2-256 (5), {@code group}. */
    public static byte[] ikev2Sa(int group) {
        int[][] transforms = {{1, 12}, {3, 12}, {2, 5}, {4, group}};
        ByteBuffer t = ByteBuffer.allocate(transforms.length * 8 + 4);
        for (int i = 0; i < transforms.length; i++) {
            boolean keyLength = transforms[i][0] == 1;
            int tlen = 8 + (keyLength ? 4 : 0);
            t.put((byte) (i + 1 < transforms.length ? 3 : 0)).put((byte) 0).putShort((short) tlen)
                    .put((byte) transforms[i][0]).put((byte) 0).putShort((short) transforms[i][1]);
            if (keyLength) {
                t.putShort((short) (0x8000 | 14)).putShort((short) 128);
            }
        }
        byte[] tr = java.util.Arrays.copyOf(t.array(), t.position());
        ByteBuffer p = ByteBuffer.allocate(8 + tr.length);
        p.put((byte) 0).put((byte) 0).putShort((short) (8 + tr.length)).put((byte) 1).put((byte) 1).put((byte) 0)
                .put((byte) transforms.length).put(tr);
        return p.array();
    }

    /** An IKEv2 KE body for {@code group} with {@code n} random bytes. */
    public byte[] ikev2Ke(int group, int n) {
        ByteBuffer b = ByteBuffer.allocate(4 + n);
        b.putShort((short) group).putShort((short) 0).put(random(n));
        return b.array();
    }

    /** An IKEv2 Notify body (protocol 0, no SPI) of {@code type} with {@code data}. */
    public static byte[] ikev2Notify(int type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + data.length);
        b.put((byte) 0).put((byte) 0).putShort((short) type).put(data);
        return b.array();
    }

    /** An IKE_SA_INIT request offering {@code group} (SA, KE, Ni), with {@code cookie} first when not null. */
    public byte[] ikeSaInitRequest(long spii, int group, byte[] cookie) {
        if (cookie != null) {
            return ikev2(spii, 0, IKE_SA_INIT, true, false, 0, new int[] {NOTIFY, SA, KE, NONCE},
                    new byte[][] {ikev2Notify(16390, cookie), ikev2Sa(group), ikev2Ke(group, 64), random(32)});
        }
        return ikev2(spii, 0, IKE_SA_INIT, true, false, 0, new int[] {SA, KE, NONCE},
                new byte[][] {ikev2Sa(group), ikev2Ke(group, 64), random(32)});
    }

    /** An IKE_SA_INIT response accepting {@code group} (SA, KE, Nr). */
    public byte[] ikeSaInitResponse(long spii, long spir, int group) {
        return ikev2(spii, spir, IKE_SA_INIT, false, true, 0, new int[] {SA, KE, NONCE},
                new byte[][] {ikev2Sa(group), ikev2Ke(group, 64), random(32)});
    }

    /** An IKE_SA_INIT response carrying only a notification ({@code spir} 0: the responder keeps no state). */
    public static byte[] ikeSaInitNotify(long spii, int type, byte[] data) {
        return ikev2(spii, 0, IKE_SA_INIT, false, true, 0, new int[] {NOTIFY}, new byte[][] {ikev2Notify(type, data)});
    }

    /** An encrypted IKE_AUTH request or response (an SK payload of random bytes). */
    public byte[] ikeAuth(long spii, long spir, boolean request) {
        return ikev2(spii, spir, IKE_AUTH, request, !request, 1, new int[] {ENCRYPTED}, new byte[][] {random(96)});
    }

    /** {@code SyntheticCapture FILE PEERS [SPACING_MICROS]}: writes the large test's capture (for manual runs and benchmarks). */
    public static void main(String[] args) throws IOException {
        int peers = Integer.parseInt(args[1]);
        long spacing = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
        try (SyntheticCapture c = new SyntheticCapture(Path.of(args[0]), 42)) {
            for (int p = 0; p < peers; p++) {
                c.mainModePeer(p * spacing, 400, 0x0a000000 | (p + 1), 0xcb007101, c.nextLong() | 1, c.nextLong() | 1, 10);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
