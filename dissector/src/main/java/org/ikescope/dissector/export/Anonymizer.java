package org.ikescope.dissector.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.crypto.NatDiscoveryHash;
import org.ikescope.dissector.net.LinkTypes;

/**
 * Rewrites captured frames in place so that a capture can leave the site and still be analysed
 * the same way:
 * <ul>
 * <li>IPv4 and IPv6 addresses are mapped prefix-preserving (Crypto-PAn's construction, with
 *     HMAC-SHA-256 as the pseudo-random function: bit {@code i} of the output is bit {@code i} of
 *     the input XOR a function of the first {@code i} input bits), so two addresses that share a
 *     /24 still share one, and one address always maps to the same address within a run; also
 *     inside ICMP errors and in ID payloads of type address, subnet and range;</li>
 * <li>MAC addresses (Ethernet, SLL) are mapped to locally administered ones;</li>
 * <li>identities in clear (ID, IDi/IDr: names, key IDs, DER names) and certificates and
 *     certificate requests are replaced with values of the same length (DER keeps its structure:
 *     strings become {@code x}, keys, serials and signatures zeros), so every length field stays
 *     true;</li>
 * <li>NAT-D hashes (RFC 3947 payloads 20 and draft 130, IKEv2 NAT_DETECTION_*_IP) that matched
 *     the captured address and port are recomputed over the mapped address, so that NAT detection
 *     reaches the same verdict; one that did not match (a NAT) is left as it is and still does
 *     not.</li>
 * </ul>
 * Checksums: the IPv4 header checksum is recomputed; IPv4 UDP checksums are set to 0 ("no
 * checksum", RFC 768); ICMP and IPv6 UDP/ICMPv6 checksums are recomputed when the frame holds the
 * whole message, else adjusted for the changed addresses (RFC 1624). Payloads inside IP fragments
 * are left alone (only their addresses change): identities and certificates that travelled in
 * clear in a fragmented datagram are not replaced (see {@link #fragmentedPayloads()}).
 *
 * <p>What is not changed: cookies, SPIs, nonces, KE values, vendor IDs, encrypted payloads
 * (opaque without keys; with keys, decrypt before anonymizing is not offered), and the HASH of an
 * aggressive-mode exchange, which no longer verifies a PSK once the identities changed.
 */
public final class Anonymizer {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ISAKMP_HEADER = 28;
    /** Payloads walked per message at most (the dissector's own cap). */
    private static final int MAX_PAYLOADS = 512;
    private static final int MAX_DER_DEPTH = 32;

    private final Mac prf;
    private final Set<Integer> ikePorts;
    private final Set<Integer> nattPorts;
    private final Map<String, byte[]> addresses = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private long fragmentedPayloads;
    private long natHashesRecomputed;
    private long identitiesReplaced;
    private long certificatesReplaced;

    /**
     * @param key       the mapping's key: the same key maps the same address the same way
     * @param ikePorts  UDP ports carrying ISAKMP (500 and any --ike-port)
     * @param nattPorts UDP ports carrying ISAKMP after the non-ESP marker (4500 and any --natt-port)
     */
    public Anonymizer(byte[] key, Set<Integer> ikePorts, Set<Integer> nattPorts) {
        try {
            prf = Mac.getInstance("HmacSHA256");
            prf.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        this.ikePorts = Set.copyOf(ikePorts);
        this.nattPorts = Set.copyOf(nattPorts);
    }

    /** An anonymizer with a fresh random key: consistent within the run, unlinkable across runs. */
    public static Anonymizer withRandomKey(Set<Integer> ikePorts, Set<Integer> nattPorts) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Anonymizer(key, ikePorts, nattPorts);
    }

    /** Datagrams in IP fragments whose IKE payloads were left as they were (only addresses mapped). */
    public long fragmentedPayloads() {
        return fragmentedPayloads;
    }

    public long natHashesRecomputed() {
        return natHashesRecomputed;
    }

    public long identitiesReplaced() {
        return identitiesReplaced;
    }

    public long certificatesReplaced() {
        return certificatesReplaced;
    }

    /**
     * Rewrites one frame in place.
     *
     * @return false when its link layer is not one this class knows how to rewrite (the caller
     *         must not write it out: it could carry addresses in clear)
     */
    public boolean rewrite(int linkType, byte[] f, int length) {
        int ip;
        switch (linkType) {
            case LinkTypes.ETHERNET -> {
                if (length < 14) {
                    return false;
                }
                mac(f, 0);
                mac(f, 6);
                int p = 12;
                int type = u16(f, p);
                int tags = 0;
                while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && p + 6 <= length && tags++ < 8) {
                    p += 4;
                    type = u16(f, p);
                }
                if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
                    return type == 0x0806 ? arp(f, p + 2, length) : false;
                }
                ip = p + 2;
            }
            case LinkTypes.LINUX_SLL -> {
                if (length < 16) {
                    return false;
                }
                if (u16(f, 4) == 6) {
                    mac(f, 6);
                }
                ip = 16;
            }
            case LinkTypes.LINUX_SLL2 -> {
                if (length < 20) {
                    return false;
                }
                if ((f[11] & 0xff) == 6) {
                    mac(f, 12);
                }
                ip = 20;
            }
            case LinkTypes.NULL, LinkTypes.LOOP -> ip = 4;
            case LinkTypes.RAW, LinkTypes.RAW_BSD, LinkTypes.RAW_OPENBSD, LinkTypes.IPV4, LinkTypes.IPV6 -> ip = 0;
            default -> {
                return false;
            }
        }
        return ip < length && ip(f, ip, length, true);
    }

    /** ARP (Ethernet/IPv4): the sender's and target's MAC and address. */
    private boolean arp(byte[] f, int p, int end) {
        if (p + 28 > end || u16(f, p) != 1 || u16(f, p + 2) != ETHERTYPE_IPV4) {
            return false;
        }
        mac(f, p + 8);
        map(f, p + 14, 4);
        mac(f, p + 18);
        map(f, p + 24, 4);
        return true;
    }

    /**
     * One IP packet at {@code off}; {@code outer}: not quoted inside an ICMP error (a quoted one
     * is not descended into for another ICMP error).
     */
    private boolean ip(byte[] f, int off, int end, boolean outer) {
        int version = (f[off] & 0xff) >> 4;
        if (version == 4) {
            return ipv4(f, off, end, outer);
        }
        if (version == 6) {
            return ipv6(f, off, end, outer);
        }
        return false;
    }

    private boolean ipv4(byte[] f, int off, int end, boolean outer) {
        int ihl = (f[off] & 0x0f) * 4;
        if (ihl < 20 || off + ihl > end) {
            return false;
        }
        int total = u16(f, off + 2);
        int ipEnd = Math.min(end, total >= ihl ? off + total : end);
        byte[] src = Arrays.copyOfRange(f, off + 12, off + 16);
        byte[] dst = Arrays.copyOfRange(f, off + 16, off + 20);
        map(f, off + 12, 4);
        map(f, off + 16, 4);
        f[off + 10] = 0;
        f[off + 11] = 0;
        put16(f, off + 10, ~sum(f, off, off + ihl, 0) & 0xffff);
        int fragment = u16(f, off + 6);
        boolean moreFragments = (fragment & 0x2000) != 0;
        int fragmentOffset = fragment & 0x1fff;
        if (fragmentOffset != 0) {
            return true;
        }
        int l4 = off + ihl;
        int proto = f[off + 9] & 0xff;
        if (proto == 17 && l4 + 8 <= end) {
            put16(f, l4 + 6, 0);
            if (moreFragments) {
                fragmentedPayloads++;
            } else {
                ike(f, l4 + 8, ipEnd, src, dst, u16(f, l4), u16(f, l4 + 2));
            }
        } else if (proto == 1 && outer && l4 + 8 <= end) {
            int type = f[l4] & 0xff;
            if ((type == 3 || type == 11 || type == 12) && l4 + 28 <= end) {
                ip(f, l4 + 8, ipEnd, false);
            }
            if (!moreFragments && off + total <= end) {
                put16(f, l4 + 2, 0);
                put16(f, l4 + 2, ~sum(f, l4, off + total, 0) & 0xffff);
            }
        }
        return true;
    }

    private boolean ipv6(byte[] f, int off, int end, boolean outer) {
        if (off + 40 > end) {
            return false;
        }
        int payloadLength = u16(f, off + 4);
        int ipEnd = Math.min(end, off + 40 + payloadLength);
        byte[] src = Arrays.copyOfRange(f, off + 8, off + 24);
        byte[] dst = Arrays.copyOfRange(f, off + 24, off + 40);
        map(f, off + 8, 16);
        map(f, off + 24, 16);
        int next = f[off + 6] & 0xff;
        int p = off + 40;
        boolean fragmented = false;
        for (int n = 0; n < 8 && p + 8 <= end; n++) {
            if (next == 0 || next == 43 || next == 60) {
                int len = ((f[p + 1] & 0xff) + 1) * 8;
                next = f[p] & 0xff;
                p += len;
            } else if (next == 44) {
                if ((u16(f, p + 2) & 0xfff8) != 0) {
                    return true;
                }
                fragmented = (f[p + 3] & 1) != 0;
                next = f[p] & 0xff;
                p += 8;
            } else {
                break;
            }
        }
        int checksum;
        if (next == 17 && p + 8 <= end) {
            checksum = p + 6;
            if (fragmented) {
                fragmentedPayloads++;
            } else {
                ike(f, p + 8, ipEnd, src, dst, u16(f, p), u16(f, p + 2));
            }
        } else if (next == 58 && outer && p + 8 <= end) {
            checksum = p + 2;
            int type = f[p] & 0xff;
            if (type >= 1 && type <= 4 && p + 48 <= end) {
                ip(f, p + 8, ipEnd, false);
            }
        } else {
            return true;
        }
        int length = ipEnd - p;
        if (!fragmented && off + 40 + payloadLength <= end && outer) {
            // The whole message is here: its checksum over the pseudo-header (RFC 8200 section 8.1).
            put16(f, checksum, 0);
            int s = sum(f, off + 8, off + 40, 0);
            s += length + next;
            put16(f, checksum, ~sum(f, p, ipEnd, s) & 0xffff);
        } else {
            // Only the addresses of the pseudo-header changed (RFC 1624: HC' = ~(~HC + ~m + m')).
            int hc = u16(f, checksum);
            int was = fold(sum(src, 0, 16, 0) + sum(dst, 0, 16, 0));
            int now = fold(sum(f, off + 8, off + 24, 0) + sum(f, off + 24, off + 40, 0));
            int s = (~hc & 0xffff) + (~was & 0xffff) + now;
            put16(f, checksum, ~fold(s) & 0xffff);
        }
        return true;
    }

    /**
     * An ISAKMP message in the UDP payload {@code [p, end)}: identities, certificates and NAT-D
     * hashes of its clear-text payloads. Bounded by {@code end}; a damaged message is left as is
     * from the damage on.
     */
    private void ike(byte[] f, int p, int end, byte[] src, byte[] dst, int sport, int dport) {
        boolean natt = nattPorts.contains(sport) || nattPorts.contains(dport);
        if (!natt && !ikePorts.contains(sport) && !ikePorts.contains(dport)) {
            return;
        }
        if (natt) {
            if (p + 4 > end || f[p] != 0 || f[p + 1] != 0 || f[p + 2] != 0 || f[p + 3] != 0) {
                return;
            }
            p += 4;
        }
        if (p + ISAKMP_HEADER > end) {
            return;
        }
        long icookie = u64(f, p);
        long rcookie = u64(f, p + 8);
        int type = f[p + 16] & 0xff;
        int major = (f[p + 17] & 0xff) >> 4;
        if (major == 1 && (f[p + 19] & 1) != 0) {
            return;
        }
        int q = p + ISAKMP_HEADER;
        for (int n = 0; type != 0 && n < MAX_PAYLOADS && q + 4 <= end; n++) {
            int next = f[q] & 0xff;
            int len = u16(f, q + 2);
            if (len < 4 || q + len > end) {
                return;
            }
            payload(f, major, type, q + 4, q + len, icookie, rcookie, src, dst, sport, dport);
            if (major == 2 && type == 46) {
                return;
            }
            q += len;
            type = next;
        }
    }

    private void payload(byte[] f, int major, int type, int b, int e, long ic, long rc, byte[] src, byte[] dst,
                         int sport, int dport) {
        boolean v1 = major == 1;
        if (v1 && type == 5 || !v1 && (type == 35 || type == 36)) {
            identity(f, v1, b, e);
        } else if (v1 && (type == 6 || type == 7) || !v1 && (type == 37 || type == 38)) {
            if (b < e) {
                if (!v1 && type == 38) {
                    Arrays.fill(f, b + 1, e, (byte) 0);
                } else {
                    der(f, b + 1, e, 0);
                }
                certificatesReplaced++;
            }
        } else if (v1 && (type == 20 || type == 130)) {
            natHash(f, b, e, ic, rc, src, dst, sport, dport);
        } else if (!v1 && type == 41 && b + 4 <= e) {
            int notify = u16(f, b + 2);
            if (notify == 16388 || notify == 16389) {
                natHash(f, b + 4 + (f[b + 1] & 0xff), e, ic, rc, src, dst, sport, dport);
            }
        }
    }

    /** An ID body: type(1) protocol(1) port(2) (IKEv2: type(1) reserved(3)), then the data. */
    private void identity(byte[] f, boolean v1, int b, int e) {
        if (b + 4 > e) {
            return;
        }
        int type = f[b] & 0xff;
        int d = b + 4;
        int n = e - d;
        switch (type) {
            case 1 -> mapIfFits(f, d, e, 4);
            case 5 -> mapIfFits(f, d, e, 16);
            case 4, 7 -> {
                if (v1) {
                    mapIfFits(f, d, e, 4);
                    if (type == 7) {
                        mapIfFits(f, d + 4, e, 4);
                    }
                }
            }
            case 6, 8 -> {
                if (v1) {
                    mapIfFits(f, d, e, 16);
                    if (type == 8) {
                        mapIfFits(f, d + 16, e, 16);
                    }
                }
            }
            case 9, 10 -> der(f, d, e, 0);
            default -> {
                String old = new String(f, d, n, StandardCharsets.ISO_8859_1);
                byte[] r = name(type, old, n).getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(r, 0, f, d, n);
            }
        }
        identitiesReplaced++;
    }

    /** The replacement of a name identity: the same for the same name, of its length. */
    private String name(int type, String old, int length) {
        return names.computeIfAbsent(type + ":" + old, k -> {
            int id = names.size() + 1;
            String head = (type == 3 ? "user" : type == 11 ? "key" : "host") + id;
            String tail = type == 3 ? "@example.net" : type == 2 ? ".example" : "";
            if (head.length() + tail.length() <= length) {
                return head + "x".repeat(length - head.length() - tail.length()) + tail;
            }
            return (head + "x".repeat(length)).substring(0, length);
        });
    }

    /**
     * DER in {@code [p, end)} with its structure kept: strings become {@code x}, integers, bit and
     * octet strings (keys, serials, signatures, extensions) zeros; tags, lengths, OIDs and times
     * stay. What does not parse as DER is zeroed.
     */
    private void der(byte[] f, int p, int end, int depth) {
        while (p < end) {
            int tag = f[p] & 0xff;
            if ((tag & 0x1f) == 0x1f || p + 2 > end || depth > MAX_DER_DEPTH) {
                Arrays.fill(f, p, end, (byte) 0);
                return;
            }
            int lenByte = f[p + 1] & 0xff;
            int h = 2;
            long len = lenByte;
            if (lenByte >= 0x80) {
                int k = lenByte & 0x7f;
                if (k == 0 || k > 4 || p + 2 + k > end) {
                    Arrays.fill(f, p, end, (byte) 0);
                    return;
                }
                len = 0;
                for (int i = 0; i < k; i++) {
                    len = (len << 8) | (f[p + 2 + i] & 0xff);
                }
                h += k;
            }
            int c = p + h;
            if (c + len > end) {
                Arrays.fill(f, c, end, (byte) 0);
                return;
            }
            int ce = (int) (c + len);
            if ((tag & 0x20) != 0) {
                der(f, c, ce, depth + 1);
            } else {
                switch (tag) {
                    case 0x0c, 0x12, 0x13, 0x14, 0x16, 0x1a, 0x1c -> Arrays.fill(f, c, ce, (byte) 'x');
                    case 0x1e -> {
                        for (int i = c; i + 1 < ce; i += 2) {
                            f[i] = 0;
                            f[i + 1] = 'x';
                        }
                    }
                    case 0x06, 0x17, 0x18, 0x01, 0x05, 0x0a -> {
                        // OIDs, times, booleans, NULL, enumerations: structure, not identity.
                    }
                    case 0x02 -> {
                        Arrays.fill(f, c, ce, (byte) 0);
                        if (ce > c) {
                            f[ce - 1] = 1;
                        }
                    }
                    case 0x03 -> {
                        if (ce > c) {
                            Arrays.fill(f, c + 1, ce, (byte) 0);
                        }
                    }
                    default -> Arrays.fill(f, c, ce, (byte) 0);
                }
            }
            p = ce;
        }
    }

    /**
     * A NAT-D hash in {@code [b, e)}: when it is HASH(CKY-I | CKY-R | IP | Port) of the captured
     * source or destination with some hash algorithm, the same over the mapped address.
     */
    private void natHash(byte[] f, int b, int e, long ic, long rc, byte[] src, byte[] dst, int sport, int dport) {
        byte[] h = Arrays.copyOfRange(f, b, e);
        for (IkeHashAlgorithm alg : IkeHashAlgorithm.values()) {
            for (int side = 0; side < 2; side++) {
                byte[] addr = side == 0 ? src : dst;
                int port = side == 0 ? sport : dport;
                byte[] was = NatDiscoveryHash.of(alg, ic, rc, addr, port);
                if (was != null && Arrays.equals(was, h)) {
                    byte[] now = NatDiscoveryHash.of(alg, ic, rc, address(addr), port);
                    System.arraycopy(now, 0, f, b, now.length);
                    natHashesRecomputed++;
                    return;
                }
            }
        }
    }

    private void mapIfFits(byte[] f, int p, int end, int n) {
        if (p + n <= end) {
            map(f, p, n);
        }
    }

    private void map(byte[] f, int p, int n) {
        byte[] a = address(Arrays.copyOfRange(f, p, p + n));
        System.arraycopy(a, 0, f, p, n);
    }

    /**
     * The mapped address of {@code a} (4 or 16 bytes): prefix-preserving, the same for the same
     * address within this anonymizer.
     */
    public byte[] address(byte[] a) {
        String k = Arrays.toString(a);
        byte[] cached = addresses.get(k);
        if (cached != null) {
            return cached.clone();
        }
        int bits = a.length * 8;
        byte[] out = a.clone();
        byte[] prefix = new byte[a.length + 2];
        prefix[0] = (byte) a.length;
        for (int i = 0; i < bits; i++) {
            // PRF over the first i bits of the input (the rest zero) decides whether bit i flips.
            prefix[1] = (byte) i;
            if (i > 0) {
                int byteIndex = (i - 1) / 8;
                prefix[2 + byteIndex] = (byte) (a[byteIndex] & (0xff << (7 - (i - 1) % 8)));
            }
            byte[] r = prf.doFinal(prefix);
            if ((r[0] & 1) != 0) {
                out[i / 8] ^= (byte) (0x80 >>> (i % 8));
            }
        }
        addresses.put(k, out);
        return out.clone();
    }

    /** A MAC address: locally administered, unicast, derived from the key; broadcast and multicast stay. */
    private void mac(byte[] f, int p) {
        if ((f[p] & 1) != 0) {
            return;
        }
        byte[] r = prf.doFinal(Arrays.copyOfRange(f, p, p + 6));
        f[p] = 0x02;
        System.arraycopy(r, 0, f, p + 1, 5);
    }

    private static int u16(byte[] f, int p) {
        return (f[p] & 0xff) << 8 | f[p + 1] & 0xff;
    }

    private static long u64(byte[] f, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | f[p + i] & 0xff;
        }
        return v;
    }

    private static void put16(byte[] f, int p, int v) {
        f[p] = (byte) (v >>> 8);
        f[p + 1] = (byte) v;
    }

    /** The one's-complement sum of {@code [from, to)} as 16-bit words, added to {@code s}, folded. */
    private static int sum(byte[] f, int from, int to, int s) {
        long acc = s & 0xffffffffL;
        int i = from;
        for (; i + 1 < to; i += 2) {
            acc += (f[i] & 0xff) << 8 | f[i + 1] & 0xff;
        }
        if (i < to) {
            acc += (f[i] & 0xff) << 8;
        }
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    private static int fold(int s) {
        long acc = s & 0xffffffffL;
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }
}
