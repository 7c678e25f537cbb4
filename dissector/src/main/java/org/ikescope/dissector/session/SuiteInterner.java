package org.ikescope.dissector.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.dissector.isakmp.Suite;

/**
 * One shared copy of each distinct {@link Suite} the sessions keep. A capture holds tens of
 * thousands of SAs but a handful of distinct proposals (every peer of a site offers the same
 * ones), and each suite is a record with a list of attribute records: sharing them keeps the
 * session table's memory proportional to the SAs, not to SAs times proposals. Bounded: when
 * {@value #CAPACITY} distinct suites have been seen (a scan with random proposals), the table
 * starts over, which costs sharing, never correctness.
 */
final class SuiteInterner {
    static final int CAPACITY = 4096;

    private final Map<Suite, Suite> canonical = new HashMap<>();

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
}
