package org.ikescope.dissector.session;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Suite;

/**
 * One shared copy of each distinct {@link Suite} the sessions keep. A capture holds tens of
 * thousands of SAs but a handful of distinct proposals (every peer of a site offers the same
 * ones), and each suite is a record with a list of attribute records: sharing them keeps the
 * session table's memory proportional to the SAs, not to SAs times proposals. Bounded: when
 * {@value #CAPACITY} distinct suites have been seen (a scan with random proposals), the table
 * starts over, which costs sharing, never correctness.
 *
 * <p>The same goes for whole SA payloads: every MM1 of a fleet carries the same bytes, so the
 * shared suites of an SA payload are found by its bytes ({@link #all}) rather than made and
 * looked up suite by suite for each message (the suites' record hashes and equality were most of
 * what a phase-1 message cost the sessions). Bounded the same way.
 */
final class SuiteInterner {
    static final int CAPACITY = 4096;
    private static final int GENERIC_HEADER_BYTES = 4;

    private final Map<Suite, Suite> canonical = new HashMap<>();
    private final Map<SaBytes, List<Suite>> byBytes = new HashMap<>();

    Suite intern(Suite s) {
        if (s == null) {
            return null;
        }
        Suite known = canonical.get(s);
        if (known != null) {
            return known;
        }
        if (canonical.size() >= CAPACITY) {
            canonical.clear();
        }
        canonical.put(s, s);
        return s;
    }

    /** The list with each suite replaced by its shared copy, immutable. */
    List<Suite> intern(List<Suite> suites) {
        Suite[] out = new Suite[suites.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intern(suites.get(i));
        }
        return List.of(out);
    }

    /**
     * {@code intern(Suite.all(p.body()))} for SA payload {@code p} of {@code m}: the decoded body is
     * a function of the payload's type, the message's major version and the payload's body bytes
     * (the SA decoders read nothing else), so equal bytes give equal suites. Immutable.
     */
    List<Suite> all(IsakmpMessage m, Payload p) {
        int from = p.offset() + GENERIC_HEADER_BYTES;
        int to = p.offset() + p.length();
        if (m.encrypted() || from > to || to > m.bytes().length) {
            // Decrypted payloads are not slices of the wire bytes; a broken length is no key either.
            return intern(Suite.all(p.body()));
        }
        SaBytes probe = new SaBytes(m.majorVersion(), p.type(), m.bytes(), from, to);
        List<Suite> known = byBytes.get(probe);
        if (known != null) {
            return known;
        }
        List<Suite> suites = intern(Suite.all(p.body()));
        if (byBytes.size() >= CAPACITY) {
            byBytes.clear();
        }
        byBytes.put(probe.copy(), suites);
        return suites;
    }

    /** An SA payload's body bytes (a range of a message while probing, a private copy once kept). */
    private static final class SaBytes {
        private final int majorVersion;
        private final int type;
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int hash;

        SaBytes(int majorVersion, int type, byte[] bytes, int from, int to) {
            this.majorVersion = majorVersion;
            this.type = type;
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            int h = 31 * majorVersion + type;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        private SaBytes(SaBytes of) {
            this.majorVersion = of.majorVersion;
            this.type = of.type;
            this.bytes = Arrays.copyOfRange(of.bytes, of.from, of.to);
            this.from = 0;
            this.to = bytes.length;
            this.hash = of.hash;
        }

        SaBytes copy() {
            return new SaBytes(this);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SaBytes s && s.hash == hash && s.majorVersion == majorVersion && s.type == type
                    && Arrays.equals(bytes, from, to, s.bytes, s.from, s.to);
        }
    }
}
