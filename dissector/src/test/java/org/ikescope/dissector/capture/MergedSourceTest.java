package org.ikescope.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The k-way merge of captures by timestamp. */
class MergedSourceTest {
    @TempDir
    Path tmp;

    private record Seen(String source, long number, long time) {
    }

    private static List<Seen> read(PacketSource s) throws IOException {
        List<Seen> out = new ArrayList<>();
        Frame f = new Frame();
        while (s.next(f)) {
            out.add(new Seen(f.source, f.number, f.timestampNanos));
        }
        return out;
    }

    private static List<Seen> alone(Path p) throws IOException {
        try (PacketSource s = Captures.open(p.toString())) {
            return read(s).stream().map(x -> new Seen(p.toString(), x.number(), x.time())).toList();
        }
    }

    @Test
    void everyFrameOnceInTimeOrderWithItsOwnNumberAndSource() throws IOException {
        Path a = TestCaptures.path("lab/many-peers.pcap");
        Path b = TestCaptures.path("lab/mm-pskmismatch.pcap");
        Path c = TestCaptures.path("lab/dpd-rekey-delete.pcap");
        List<Seen> merged;
        try (MergedSource m = new MergedSource(List.of(Captures.open(a.toString()), Captures.open(b.toString()),
                Captures.open(c.toString())))) {
            merged = read(m);
            assertNull(m.error());
        }
        List<Seen> expected = new ArrayList<>();
        for (Path p : List.of(a, b, c)) {
            expected.addAll(alone(p));
        }
        assertEquals(expected.size(), merged.size());
        for (int i = 1; i < merged.size(); i++) {
            assertTrue(merged.get(i - 1).time() <= merged.get(i).time(), "time order at " + i);
        }
        // Each capture's frames keep their numbers and their relative order.
        for (Path p : List.of(a, b, c)) {
            List<Seen> mine = merged.stream().filter(s -> s.source().equals(p.toString())).toList();
            assertEquals(alone(p), mine, p.toString());
        }
    }

    @Test
    void equalTimesKeepTheOrderTheCapturesWereGiven() throws IOException {
        Path a = TestCaptures.path("lab/mm-pskmismatch.pcap");
        List<Seen> merged;
        try (MergedSource m = new MergedSource(List.of(Captures.open(a.toString()), Captures.open(a.toString())))) {
            merged = read(m);
        }
        assertEquals(2 * alone(a).size(), merged.size());
        for (int i = 0; i < merged.size(); i += 2) {
            assertEquals(merged.get(i).number(), merged.get(i + 1).number(), "the same frame from both, first given first");
        }
    }

    @Test
    void aDamagedCaptureStopsAloneAndSaysWhere() throws IOException {
        Path good = TestCaptures.path("lab/many-peers.pcap");
        byte[] bytes = Files.readAllBytes(TestCaptures.path("lab/mm-pskmismatch.pcap"));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 40));
        List<Seen> merged;
        List<String> errors;
        try (MergedSource m = new MergedSource(List.of(Captures.open(cut.toString()), Captures.open(good.toString())))) {
            merged = read(m);
            errors = m.errors();
        }
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("cut.pcap"), errors.get(0));
        long fromGood = merged.stream().filter(s -> s.source().equals(good.toString())).count();
        assertEquals(alone(good).size(), fromGood, "the undamaged capture is read to its end");
        long fromCut = merged.stream().filter(s -> s.source().equals(cut.toString())).count();
        try (PacketSource s = Captures.open(cut.toString())) {
            assertEquals(read(s).size(), fromCut, "every complete frame before the damage");
        }
    }
}
