package org.ikescope.dissector.keys;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ikescope.api.plugin.Side;

/**
 * A strongSwan charon log written at level 4 of the {@code ike} subsystem, where the IKEv1
 * key derivation ({@code keymat_v1.c}) dumps its values:
 * <pre>
 * 12[IKE] &lt;lab|1&gt; shared Diffie Hellman secret =&gt; 128 bytes @ 0x7f9bd0006ca0
 * 12[IKE] &lt;lab|1&gt;    0: 6C E0 97 FC 80 5D F0 32 7C 32 C1 1A 0A 17 47 25  l....].2|2....G%
 * </pre>
 * Each line names its IKE_SA ({@code <name|unique id>}, or {@code <id>} before a config is
 * found: the id is what ties lines together; the log needs {@code ike_name = yes}). Per SA
 * this reads g^xy, SKEYID_e and the encryption key Ka, and ties them to:
 * <ul>
 *   <li>the SA's cookies, which the log prints only inside other dumps: {@code natd_chunk} (the
 *       input of the NAT-D hash, CKY-I | CKY-R | IP | port, RFC 3947 3.2), logged in MM3/MM4
 *       (before the keys) or AM2/AM3 (after them); else {@code HASH_I data} / {@code HASH_R data}
 *       (RFC 2409 5), which aggressive mode without NAT-T and a failed HASH check leave as the
 *       only trace;</li>
 *   <li>the side this daemon played in that SA: "initiating Main Mode IKE_SA name[id]" or
 *       "ADDR is initiating a Main Mode IKE_SA", else which ID_PROT or AGGRESSIVE messages it
 *       generated as requests or responses. A key is filed under the side that derived it: with
 *       a PSK mismatch the two daemons derive different keys, each for the messages it sends.</li>
 * </ul>
 * IKEv2 SAs in the same log are skipped (one warning per file: IKEv2 decryption is out of scope).
 * A dump cut short (a rotated or truncated log) is skipped with a warning, not an error: the
 * file is a log, not something a person wrote.
 */
final class CharonLog extends KeyFileParser {
    /** {@code 12[IKE] <lab|1> text}: thread, subsystem, optional SA name and unique id, text. */
    static final Pattern LINE = Pattern.compile("\\b(\\d{2,})\\[([A-Z]{3})\\] (?:<(?:([^|>]*)\\|)?(\\d+)> )?(.*)$");
    private static final Pattern DUMP_HEADER = Pattern.compile(
            "(shared Diffie Hellman secret|SKEYID_e|encryption key Ka|natd_chunk|HASH_I data|HASH_R data) => (\\d{1,9}) bytes @ \\S+");
    /** One line of a dump: offset, then up to 16 hex bytes each followed by a space (the ASCII column comes after). */
    private static final Pattern DUMP_LINE = Pattern.compile("\\s*(\\d{1,9}): ((?:[0-9A-Fa-f]{2} ){1,16})");
    private static final Pattern INITIATING = Pattern.compile("^initiating (?:(?:Main|Aggressive) Mode )?IKE_SA .*\\[(\\d+)\\]");
    private static final Pattern RESPONDING = Pattern.compile(" is initiating an? (?:(?:Main|Aggressive) Mode )?IKE_SA");
    private static final Pattern MESSAGE = Pattern.compile("^(generating|parsed) (ID_PROT|AGGRESSIVE|IKE_SA_INIT|IKE_AUTH) (request|response)");
    /**
     * Longest dump collected. The largest value read is HASH data: two KE values (1,024 bytes each
     * for MODP 8192), the cookies, the SA payload and the ID; anything longer is not a dump this
     * reads.
     */
    static final int MAX_DUMP_BYTES = 16 * 1024;
    /** The IPsec DOI, first field of SAi_b (RFC 2407 4.2). */
    private static final int IPSEC_DOI = 1;

    /** Per SA unique id, in order of first appearance. */
    private final Map<String, SaLog> sas = new LinkedHashMap<>();
    /** The dump being read, per thread (a dump's lines are written together, but be lenient). */
    private final Map<String, Dump> open = new HashMap<>();
    private int unnamedDumps;

    CharonLog(String file, KeyMaterial.Builder into, Consumer<String> warn) {
        super(file, into, warn);
    }

    /** True when {@code text} is a charon log line. */
    static boolean recognizes(String text) {
        return LINE.matcher(text).find();
    }

    /** What the log says about one IKE_SA. */
    private static final class SaLog {
        String name;
        Side side;
        boolean ikev2;
        byte[] natdChunk;
        byte[] hashData;
        boolean hashOfInitiator;
        Secret dhSharedSecret;
        Secret skeyidE;
        Secret encryptionKey;
    }

    /** A dump being collected: what it is, its announced length, the bytes so far. */
    private record Dump(String what, String saId, int line, ByteBuffer bytes) {
    }

    @Override
    void line(int number, String text) {
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return;
        }
        String thread = m.group(1);
        String saId = m.group(4);
        String rest = m.group(5);
        Dump dump = open.get(thread);
        if (dump != null) {
            Matcher d = DUMP_LINE.matcher(rest);
            if (d.lookingAt() && Objects.equals(saId, dump.saId())) {
                append(dump, d, number);
                return;
            }
            open.remove(thread);
            warn.accept(at(dump.line()) + ": " + dump.what() + " dump cut short (expected: "
                    + dump.bytes().capacity() + " bytes); ignored");
        }
        if (!m.group(2).equals("IKE") && !m.group(2).equals("ENC")) {
            return;
        }
        Matcher h = DUMP_HEADER.matcher(rest);
        if (m.group(2).equals("IKE") && h.matches()) {
            int length = Integer.parseInt(h.group(2));
            if (saId == null) {
                unnamedDumps += h.group(1).equals("natd_chunk") || h.group(1).startsWith("HASH_") ? 0 : 1;
            } else if (length > 0 && length <= MAX_DUMP_BYTES) {
                sa(saId, m.group(3));
                open.put(thread, new Dump(h.group(1), saId, number, ByteBuffer.allocate(length)));
            }
            return;
        }
        if (saId != null) {
            roles(sa(saId, m.group(3)), rest);
        }
    }

    private SaLog sa(String id, String name) {
        SaLog sa = sas.computeIfAbsent(id, k -> new SaLog());
        if (name != null) {
            sa.name = name;
        }
        return sa;
    }

    /** What a line says about the side this daemon played, and whether the SA is IKEv2. */
    private void roles(SaLog sa, String text) {
        Matcher i = INITIATING.matcher(text);
        if (i.find()) {
            // "initiating Main Mode IKE_SA lab[2]" may be logged by SA 1 (a rekeying): the id in the text counts.
            SaLog target = sa(i.group(1), null);
            target.side = Side.INITIATOR;
            target.ikev2 = !text.contains(" Mode IKE_SA");
        } else if (RESPONDING.matcher(text).find()) {
            sa.side = Side.RESPONDER;
            sa.ikev2 = !text.contains(" Mode IKE_SA");
        } else {
            Matcher msg = MESSAGE.matcher(text);
            if (msg.find()) {
                if (msg.group(2).startsWith("IKE_")) {
                    sa.ikev2 = true;
                } else if (sa.side == null) {
                    boolean sentRequest = msg.group(1).equals("generating") == msg.group(3).equals("request");
                    sa.side = sentRequest ? Side.INITIATOR : Side.RESPONDER;
                }
            }
        }
    }

    private void append(Dump dump, Matcher d, int number) {
        ByteBuffer b = dump.bytes();
        String[] hex = d.group(2).strip().split(" ");
        if (Integer.parseInt(d.group(1)) != b.position() || hex.length > b.remaining()) {
            open.values().remove(dump);
            warn.accept(at(number) + ": " + dump.what() + " dump out of order (expected: offset " + b.position() + "); ignored");
            return;
        }
        for (String x : hex) {
            b.put((byte) Integer.parseInt(x, 16));
        }
        if (!b.hasRemaining()) {
            open.values().remove(dump);
            complete(dump);
        }
    }

    private void complete(Dump dump) {
        SaLog sa = sas.get(dump.saId());
        byte[] value = dump.bytes().array();
        String label = at(dump.line());
        switch (dump.what()) {
            case "shared Diffie Hellman secret" -> sa.dhSharedSecret = keep(sa.dhSharedSecret, value, label, dump);
            case "SKEYID_e" -> sa.skeyidE = keep(sa.skeyidE, value, label, dump);
            case "encryption key Ka" -> sa.encryptionKey = keep(sa.encryptionKey, value, label, dump);
            case "natd_chunk" -> sa.natdChunk = sa.natdChunk != null ? sa.natdChunk : value;
            default -> {
                if (sa.hashData == null) {
                    sa.hashData = value;
                    sa.hashOfInitiator = dump.what().equals("HASH_I data");
                }
            }
        }
    }

    /** The first value an SA logs for a key; a second, different one is reported and dropped. */
    private Secret keep(Secret first, byte[] value, String label, Dump dump) {
        Secret s = new Secret(value, label);
        if (first == null) {
            return s;
        }
        if (!first.sameValue(s)) {
            warn.accept(label + ": IKE_SA " + dump.saId() + " logs a second, different " + dump.what() + " (the first, "
                    + first.label() + ", is kept)");
        }
        return first;
    }

    @Override
    void end() {
        for (Dump dump : open.values()) {
            warn.accept(at(dump.line()) + ": " + dump.what() + " dump cut short at the end of the file; ignored");
        }
        open.clear();
        int withKeys = 0;
        int ikev2 = 0;
        for (Map.Entry<String, SaLog> e : sas.entrySet()) {
            SaLog sa = e.getValue();
            if (sa.dhSharedSecret == null && sa.skeyidE == null && sa.encryptionKey == null) {
                continue;
            }
            withKeys++;
            if (sa.ikev2) {
                ikev2++;
                continue;
            }
            String name = (sa.name != null ? sa.name + "|" : "") + e.getKey();
            long[] cookies = cookies(sa);
            if (cookies == null) {
                warn.accept(file + ": IKE_SA " + name + " has keys but the log shows none of its cookies"
                        + " (expected: a natd_chunk or HASH_I/HASH_R data dump); not loaded");
                continue;
            }
            SaKeyMaterial m = SaKeyMaterial.none(cookies[0], file + " IKE_SA " + name);
            if (sa.dhSharedSecret != null) {
                m = m.withDhSharedSecret(sa.dhSharedSecret);
            }
            if (sa.side == null) {
                warn.accept(file + ": IKE_SA " + name + ": the log does not say which side this daemon played;"
                        + " its encryption key is loaded for either side");
            } else if (sa.skeyidE != null) {
                m = m.withSkeyidE(sa.side, sa.skeyidE);
            }
            if (sa.encryptionKey != null) {
                m = m.withEncryptionKey(sa.side, sa.encryptionKey);
            }
            into.sa(m);
        }
        if (ikev2 > 0) {
            warn.accept(file + ": keys of " + ikev2 + " IKEv2 SA" + (ikev2 == 1 ? "" : "s") + " not loaded (IKEv2 decryption is out of scope)");
        }
        if (unnamedDumps > 0) {
            warn.accept(file + ": " + unnamedDumps + " key dumps without an IKE_SA name not loaded"
                    + " (expected: charon's logger with ike_name = yes)");
        }
        if (withKeys == 0 && unnamedDumps == 0) {
            warn.accept(file + ": a charon log without IKEv1 keys (charon logs them at level 4 of the ike subsystem); nothing loaded");
        }
    }

    /**
     * The SA's cookies {initiator, responder}, or null. A {@code natd_chunk} starts with them. In
     * HASH data they follow the two KE values, whose length the log does not print: it is the
     * length of g^xy for MODP groups and curve25519, twice it for ECP groups (whose g^xy is the x
     * coordinate alone, RFC 5903 7); SAi_b after the cookies starts with the IPsec DOI, which
     * tells the two apart.
     */
    private static long[] cookies(SaLog sa) {
        if (sa.natdChunk != null && sa.natdChunk.length >= 16) {
            ByteBuffer b = ByteBuffer.wrap(sa.natdChunk);
            return new long[] {b.getLong(0), b.getLong(8)};
        }
        if (sa.hashData == null || sa.dhSharedSecret == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(sa.hashData);
        long[] found = null;
        for (int keLength : new int[] {sa.dhSharedSecret.length(), 2 * sa.dhSharedSecret.length()}) {
            int at = 2 * keLength;
            if (at + 16 + 4 <= b.capacity() && b.getInt(at + 16) == IPSEC_DOI) {
                if (found != null) {
                    return null; // both lengths fit: ambiguous
                }
                long first = b.getLong(at);
                long second = b.getLong(at + 8);
                found = sa.hashOfInitiator ? new long[] {first, second} : new long[] {second, first};
            }
        }
        return found;
    }
}
