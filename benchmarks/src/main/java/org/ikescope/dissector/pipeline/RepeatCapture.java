package org.ikescope.dissector.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large classic pcap by repeating many-peers.pcap's frames, with timestamps moved on
 * so the result is one plausible timeline, for the benchmarks and the comparison script.
 * Usage:
 * <ul>
 * <li>{@code RepeatCapture OUT.pcap REPEAT}: the frames as they are, repeated (the same cookies
 *     in every round);</li>
 * <li>{@code RepeatCapture --ike OUT.pcap REPEAT}: IKE-only, every round's cookies made fresh, so
 *     every copy is a distinct IKE SA;</li>
 * <li>{@code RepeatCapture --span OUT.pcap REPEAT [ESP_PER_IKE]}: SPAN-like, as {@code --ike} with
 *     {@code ESP_PER_IKE} (default 99) ESP frames between the same peers after each IKE frame,
 *     of mixed sizes (36 to 1,200 ESP bytes, about 300 on average).</li>
 * </ul>
 * Prints the number of frames written.
 */
public final class RepeatCapture {
    static final int PCAP_HEADER = 24;
    static final int RECORD_HEADER = 16;
    static final int ETHERNET = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int UDP = 17;
    static final int ESP = 50;
    static final int UDP_HEADER = 8;
    /** ESP bytes (SPI to the end) of the ESP frames, taken in turn: about 300 on average. */
    static final int[] ESP_SIZES = {36, 36, 72, 100, 152, 300, 600, 1200};

    private RepeatCapture() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--ike")) {
            System.out.println(write(Path.of(args[1]), Integer.parseInt(args[2]), true, 0));
        } else if (args[0].equals("--span")) {
            int esp = args.length > 3 ? Integer.parseInt(args[3]) : 99;
            System.out.println(write(Path.of(args[1]), Integer.parseInt(args[2]), true, esp));
        } else {
            System.out.println(write(Path.of(args[0]), Integer.parseInt(args[1])));
        }
    }

    /** Writes many-peers.pcap's frames {@code repeat} times into {@code out}, 60 s apart per round; returns the frames written. */
    public static long write(Path out, int repeat) throws IOException {
        return write(out, repeat, false, 0);
    }

    /**
     * Writes many-peers.pcap's frames {@code repeat} times into {@code out}, 60 s apart per round.
     *
     * @param freshCookies   give every round's SAs cookies of their own (non-zero cookies are
     *                       changed, a zero responder cookie stays zero)
     * @param espPerIkeFrame ESP frames written after each IKE frame, between the same addresses
     * @return the frames written
     */
    public static long write(Path out, int repeat, boolean freshCookies, int espPerIkeFrame) throws IOException {
        byte[] pcap;
        try (InputStream in = RepeatCapture.class.getResourceAsStream("/many-peers.pcap")) {
            pcap = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        long frames = 0;
        long espSeq = 0;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            o.write(pcap, 0, PCAP_HEADER);
            byte[] hdr = new byte[RECORD_HEADER];
            ByteBuffer h = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
            byte[] frame = new byte[65536];
            ByteBuffer f = ByteBuffer.wrap(frame);
            byte[] esp = new byte[ETHERNET + 20 + 1200];
            ByteBuffer e = ByteBuffer.wrap(esp);
            for (int r = 0; r < repeat; r++) {
                long mix = mix64(r + 1);
                int p = PCAP_HEADER;
                while (p + RECORD_HEADER <= pcap.length) {
                    int sec = b.getInt(p) + r * 60;
                    int usec = b.getInt(p + 4);
                    int incl = b.getInt(p + 8);
                    h.putInt(0, sec);
                    h.putInt(4, usec);
                    h.putInt(8, incl);
                    h.putInt(12, b.getInt(p + 12));
                    System.arraycopy(pcap, p + RECORD_HEADER, frame, 0, incl);
                    int isakmp = isakmpOffset(f, incl);
                    if (freshCookies && isakmp >= 0) {
                        for (int c = 0; c < 2; c++) {
                            long cookie = f.getLong(isakmp + 8 * c);
                            if (cookie != 0) {
                                f.putLong(isakmp + 8 * c, cookie ^ mix);
                            }
                        }
                    }
                    o.write(hdr);
                    o.write(frame, 0, incl);
                    frames++;
                    if (isakmp >= 0) {
                        for (int i = 0; i < espPerIkeFrame; i++) {
                            int size = ESP_SIZES[(int) (espSeq & (ESP_SIZES.length - 1))];
                            int len = espFrame(f, e, size, (int) mix, ++espSeq);
                            long t = usec + i + 1L;
                            h.putInt(0, sec + (int) (t / 1_000_000));
                            h.putInt(4, (int) (t % 1_000_000));
                            h.putInt(8, len);
                            h.putInt(12, len);
                            o.write(hdr);
                            o.write(esp, 0, len);
                            frames++;
                        }
                    }
                    p += RECORD_HEADER + incl;
                }
            }
        }
        return frames;
    }

    /** Where ISAKMP starts in an Ethernet/IPv4/UDP frame to port 500 or 4500 (after the non-ESP marker); -1 otherwise. */
    static int isakmpOffset(ByteBuffer f, int len) {
        if (len < ETHERNET + 20 + UDP_HEADER + 28 || (f.getShort(12) & 0xffff) != ETHERTYPE_IPV4
                || (f.get(ETHERNET + 9) & 0xff) != UDP) {
            return -1;
        }
        int udp = ETHERNET + (f.get(ETHERNET) & 0x0f) * 4;
        int dport = f.getShort(udp + 2) & 0xffff;
        int sport = f.getShort(udp) & 0xffff;
        if (dport == 4500 || sport == 4500) {
            return f.getInt(udp + UDP_HEADER) == 0 ? udp + UDP_HEADER + 4 : -1;
        }
        return dport == 500 || sport == 500 ? udp + UDP_HEADER : -1;
    }

    /** An Ethernet/IPv4/ESP frame with the addresses of the IKE frame in {@code ike}; returns its length. */
    static int espFrame(ByteBuffer ike, ByteBuffer e, int espBytes, int spi, long seq) {
        e.put(0, ike.array(), 0, ETHERNET);
        int ip = ETHERNET;
        int total = 20 + espBytes;
        e.put(ip, (byte) 0x45);
        e.put(ip + 1, (byte) 0);
        e.putShort(ip + 2, (short) total);
        e.putShort(ip + 4, (short) seq);
        e.putShort(ip + 6, (short) 0x4000);
        e.put(ip + 8, (byte) 64);
        e.put(ip + 9, (byte) ESP);
        e.putShort(ip + 10, (short) 0);
        e.put(ip + 12, ike.array(), ETHERNET + 12, 8);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += e.getShort(ip + i) & 0xffff;
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        e.putShort(ip + 10, (short) ~sum);
        int esp = ip + 20;
        e.putInt(esp, spi | 0x100);
        e.putInt(esp + 4, (int) seq);
        long x = mix64(seq);
        for (int i = 8; i + 8 <= espBytes; i += 8) {
            e.putLong(esp + i, x);
            x = x * 0x9e3779b97f4a7c15L + i;
        }
        return ip + total;
    }

    /** SplitMix64's finaliser: distinct, well spread values for the rounds. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
