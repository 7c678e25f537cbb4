package org.ikescope.api.protocol;

import java.util.Arrays;

/**
 * Precomputed code-to-constant lookup shared by the registry enums of this package.
 *
 * <p>Built once per enum in its static initialiser. Registries whose highest code is small are
 * served by a direct array index; sparse registries by a binary search over a sorted {@code int[]}.
 * {@link #get(int, Enum)} never throws and never allocates. Constants with a negative code (the
 * {@code UNKNOWN} sentinel) are not indexed. Duplicate codes are a programming error and fail class
 * initialisation.
 *
 * @param <E> the registry enum
 */
final class CodeTable<E extends Enum<E> & RegistryValue> {

    /** Highest code for which a direct-index array is used instead of a binary search. */
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
        if (max <= DENSE_LIMIT) {
            Object[] d = new Object[max + 1];
            for (int k = 0; k < n; k++) {
                d[sortedCodes[k]] = objs[k];
            }
            this.dense = d;
        } else {
            this.dense = null;
        }
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
        if (d != null) {
            if (code < 0 || code >= d.length) {
                return unknown;
            }
            Object o = d[code];
            return o == null ? unknown : (E) o;
        }
        int idx = Arrays.binarySearch(codes, code);
        return idx < 0 ? unknown : (E) byCode[idx];
    }
}
