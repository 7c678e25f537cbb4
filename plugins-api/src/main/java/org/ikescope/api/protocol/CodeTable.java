package org.ikescope.api.protocol;

import java.util.Arrays;

/**
 * Precomputed code-to-constant lookup shared by the registry enums of this package.
 *
 * <p>Built once per enum in its static initialiser. Codes up to {@value #DENSE_LIMIT} (all the
 * codes of most registries, and the common ones of the sparse registries, whose private-use
 * ranges go higher) are served by a direct array index; higher codes by a binary search over a
 * sorted {@code int[]}.
 * {@link #get(int, Enum)} never throws and never allocates. Constants with a negative code (the
 * {@code UNKNOWN} sentinel) are not indexed. Duplicate codes are a programming error and fail class
 * initialisation.
 *
 * @param <E> the registry enum
 */
final class CodeTable<E extends Enum<E> & RegistryValue> {

    /** Highest code served by the direct-index array instead of a binary search. */
    private static final int DENSE_LIMIT = 1024;

    private final Object[] dense;
    private final int[] codes;
    private final Object[] byCode;

    CodeTable(E[] values) {
        int n = 0;
        int max = -1;
        for (E e : values) {
            int c = e.code();
            if (c >= 0) {
                n++;
                max = Math.max(max, c);
            }
        }
        int[] sortedCodes = new int[n];
        int i = 0;
        for (E e : values) {
            int c = e.code();
            if (c >= 0) {
                sortedCodes[i++] = c;
            }
        }
        Arrays.sort(sortedCodes);
        for (int k = 1; k < n; k++) {
            if (sortedCodes[k] == sortedCodes[k - 1]) {
                throw new IllegalStateException("duplicate code " + sortedCodes[k] + " in "
                        + values[0].getDeclaringClass().getSimpleName());
            }
        }
        Object[] objs = new Object[n];
        for (E e : values) {
            int c = e.code();
            if (c >= 0) {
                objs[Arrays.binarySearch(sortedCodes, c)] = e;
            }
        }
        this.codes = sortedCodes;
        this.byCode = objs;
        Object[] d = new Object[Math.min(max, DENSE_LIMIT) + 1];
        for (int k = 0; k < n && sortedCodes[k] < d.length; k++) {
            d[sortedCodes[k]] = objs[k];
        }
        this.dense = d;
    }

    /**
     * Looks {@code code} up.
     *
     * @param code the wire code
     * @param unknown the value to return when no constant has {@code code}
     * @return the constant or {@code unknown}
     */
    @SuppressWarnings("unchecked")
    E get(int code, E unknown) {
        Object[] d = dense;
        if (code >= 0 && code < d.length) {
            Object o = d[code];
            return o == null ? unknown : (E) o;
        }
        if (code <= DENSE_LIMIT) {
            return unknown; // negative, or absent below the limit
        }
        int idx = Arrays.binarySearch(codes, code);
        return idx < 0 ? unknown : (E) byCode[idx];
    }
}
