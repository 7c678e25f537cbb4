package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedRowsTest {
    private record Row(long start, long id, String text) {
    }

    /** Rows in emission order (ids not in start order, equal starts, text of every length and script) come back by start, then id. */
    private static void check(int inMemoryBytes, int n, boolean spills) {
        Random r = new Random(n);
        List<Row> given = new ArrayList<>();
        try (SortedRows rows = new SortedRows(inMemoryBytes)) {
            for (int i = 0; i < n; i++) {
                long start = r.nextInt(n / 4 + 1) * 1_000L;
                String text = i + "\0" + "x".repeat(r.nextInt(3) == 0 ? r.nextInt(70_000) : r.nextInt(40)) + "\0é€\uD83D\uDE00";
                Row row = new Row(start, n - i, text);
                given.add(row);
                rows.add(row.start(), row.id(), row.text());
            }
            assertEquals(n, rows.size());
            assertEquals(spills, rows.spilled());
            given.sort(Comparator.comparingLong(Row::start).thenComparingLong(Row::id));
            List<String> read = new ArrayList<>();
            rows.forEachSorted(read::add);
            assertEquals(given.stream().map(Row::text).toList(), read);
        }
    }

    @Test
    void inMemory() {
        check(SortedRows.IN_MEMORY_BYTES, 100, false);
    }

    @Test
    void spilledToATemporaryFile() {
        check(1 << 10, 300, true);
    }

    @Test
    void empty() {
        try (SortedRows rows = new SortedRows(0)) {
            rows.forEachSorted(t -> {
                throw new AssertionError(t);
            });
            assertFalse(rows.spilled());
        }
    }

    /** What a million-exchange table keeps in the heap: the sort keys only, the text is in the file. */
    @Test
    void rowTextLeavesTheHeap() {
        try (SortedRows rows = new SortedRows(1 << 16)) {
            for (int i = 0; i < 20_000; i++) {
                rows.add(i, i, "row " + i + " ".repeat(100));
            }
            assertTrue(rows.spilled());
            long[] n = {0};
            rows.forEachSorted(t -> assertEquals("row " + n[0]++ + " ".repeat(100), t));
            assertEquals(20_000, n[0]);
        }
    }
}
