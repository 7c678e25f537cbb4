package org.ikescope.dissector.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Classic pcap, pcapng, gzip, stdin, and damaged files through {@link Captures}. */
class CaptureReadersTest {
    private static final byte[] A = {1, 2, 3, 4, 5};
    private static final byte[] B = {9, 8, 7, 6, 5, 4, 3, 2, 1};
    private static final byte[] C = {0x55};

    @TempDir
    Path dir;

    /** A frame copied out of the reader's window (which is only valid until the next call). */
    record FrameCopy(long number, long timestampNanos, int linkType, int interfaceId, int originalLength, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FrameCopy f && f.number == number && f.timestampNanos == timestampNanos
                    && f.linkType == linkType && f.interfaceId == interfaceId && f.originalLength == originalLength
                    && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "frame " + number + " t=" + timestampNanos + " link=" + linkType + " if=" + interfaceId + " len=" + data.length;
        }
    }

    static List<FrameCopy> readAll(PacketSource src) throws IOException {
        List<FrameCopy> out = new ArrayList<>();
        Frame f = new Frame();
        while (src.next(f)) {
            byte[] d = new byte[f.capturedLength()];
            f.data.get(f.data.position(), d);
            out.add(new FrameCopy(f.number, f.timestampNanos, f.linkType, f.interfaceId, f.originalLength, d));
        }
        return out;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Reads {@code bytes} both from a (mapped) file and from a stream; both must agree. */
    private List<FrameCopy> readBothWays(byte[] bytes) throws IOException {
        List<FrameCopy> mapped;
        try (PacketSource s = Captures.open(write("f.cap", bytes).toString())) {
            mapped = readAll(s);
            assertNull(s.error(), s.error());
        }
        try (PacketSource s = Captures.open("-", new ByteArrayInputStream(bytes))) {
            assertEquals(mapped, readAll(s));
            assertNull(s.error(), s.error());
        }
        return mapped;
    }

    // ---- classic pcap

    @ParameterizedTest
    @ValueSource(strings = {"BIG_ENDIAN-micros", "LITTLE_ENDIAN-micros", "BIG_ENDIAN-nanos", "LITTLE_ENDIAN-nanos"})
    void classicPcapEitherByteOrderAndResolution(String variant) throws IOException {
        ByteOrder order = variant.startsWith("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean nanos = variant.endsWith("nanos");
        byte[] file = CaptureWriter.pcap(order, nanos, 113)
                .record(1_700_000_000L, nanos ? 123_456_789 : 123_456, A)
                .record(1_700_000_001L, nanos ? 1 : 999_999, B, 1500)
                .bytes();
        List<FrameCopy> frames = readBothWays(file);
        assertEquals(2, frames.size());
        assertEquals(new FrameCopy(1, 1_700_000_000_123_456_000L + (nanos ? 789 : 0), 113, 0, A.length, A), frames.get(0));
        assertEquals(new FrameCopy(2, 1_700_000_001_000_000_000L + (nanos ? 1 : 999_999_000), 113, 0, 1500, B), frames.get(1));
    }

    @Test
    void classicPcapWithoutPackets() throws IOException {
        assertEquals(List.of(), readBothWays(CaptureWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 1).bytes()));
    }

    // ---- pcapng

    @ParameterizedTest
    @ValueSource(strings = {"BIG_ENDIAN", "LITTLE_ENDIAN"})
    void pcapngInterfacesResolutionsAndBlockKinds(String byteOrder) throws IOException {
        ByteOrder order = ByteOrder.LITTLE_ENDIAN.toString().equals(byteOrder) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        long sec = 1_700_000_000L;
        byte[] file = CaptureWriter.pcapng(order)
                .interfaceBlock(1, 65535, 9)            // if 0: Ethernet, nanoseconds
                .interfaceBlock(113, 65535, 0x80 | 10)  // if 1: SLL, 2^-10 s
                .otherBlock(4, 10)                     // name resolution: skipped
                .enhancedPacket(0, sec * 1_000_000_000L + 5, A)
                .enhancedPacket(1, (sec << 10) | 512, B) // + 512/1024 s
                .otherBlock(5, 24)                     // interface statistics: skipped
                .simplePacket(C)                        // SPB: interface 0, no timestamp
                .packetBlock(1, (sec << 10) | 256, A)   // obsolete PB: + 0.25 s
                .bytes();
        List<FrameCopy> frames = readBothWays(file);
        assertEquals(List.of(
                new FrameCopy(1, sec * 1_000_000_000L + 5, 1, 0, A.length, A),
                new FrameCopy(2, sec * 1_000_000_000L + 500_000_000L, 113, 1, B.length, B),
                new FrameCopy(3, 0L, 1, 0, C.length, C),
                new FrameCopy(4, sec * 1_000_000_000L + 250_000_000L, 113, 1, A.length, A)), frames);
    }

    @Test
    void pcapngSeveralSectionsWithTheirOwnByteOrderAndInterfaces() throws IOException {
        byte[] file = CaptureWriter.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, 0, -1)          // microseconds by default
                .enhancedPacket(0, 2_000_000L, A)  // 2 s
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(101, 0, 3)         // milliseconds
                .interfaceBlock(276, 0, 6)
                .enhancedPacket(1, 7_000_000L, B)
                .enhancedPacket(0, 3_000L, C)      // 3 s in milliseconds
                .bytes();
        List<FrameCopy> frames = readBothWays(file);
        assertEquals(List.of(
                new FrameCopy(1, 2_000_000_000L, 1, 0, A.length, A),
                new FrameCopy(2, 7_000_000_000L, 276, 1, B.length, B),
                new FrameCopy(3, 3_000_000_000L, 101, 0, C.length, C)), frames);
    }

    @Test
    void pcapngPacketForAnUndeclaredInterfaceIsDamage() throws IOException {
        byte[] file = CaptureWriter.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, 0, 6)
                .enhancedPacket(0, 1, A)
                .enhancedPacket(3, 2, B)
                .bytes();
        try (PacketSource s = Captures.open(write("iface.pcapng", file).toString())) {
            assertEquals(1, readAll(s).size());
            assertNotNull(s.error());
            assertTrue(s.error().contains("interface 3"), s.error());
        }
    }

    @Test
    void pcapngCopyOfALabCaptureHasTheSameFrames() throws IOException {
        List<FrameCopy> pcap;
        List<FrameCopy> pcapng;
        try (PacketSource s = Captures.open(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap").toString())) {
            pcap = readAll(s);
        }
        try (PacketSource s = Captures.open(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcapng").toString())) {
            pcapng = readAll(s);
        }
        assertFalse(pcap.isEmpty());
        assertEquals(pcap, pcapng);
    }

    // ---- gzip, stdin, mapped windows

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(plain);
        }
        return bo.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab/mm-rsasig-ipfrag.pcap", "lab/span-vlan-mixed.pcapng", "thirdparty/isakmp-no-none-np.pcapng"})
    void gzipStdinAndTinyMappedWindowsGiveTheSameFrames(String capture) throws IOException {
        Path real = TestCaptures.path(capture);
        byte[] plain = Files.readAllBytes(real);
        List<FrameCopy> expected;
        try (PacketSource s = Captures.open(real.toString())) {
            expected = readAll(s);
            assertNull(s.error());
        }
        assertFalse(expected.isEmpty());
        Path gz = write("c.gz", gzip(plain));
        try (PacketSource s = Captures.open(gz.toString())) {
            assertEquals(expected, readAll(s), "gzip file");
            assertNull(s.error());
        }
        try (PacketSource s = Captures.open("-", new ByteArrayInputStream(gzip(plain)))) {
            assertEquals(expected, readAll(s), "gzip on stdin");
        }
        try (PacketSource s = Captures.open("-", new ByteArrayInputStream(plain))) {
            assertEquals(expected, readAll(s), "stdin");
        }
        boolean ng = capture.endsWith("ng");
        for (int window : new int[] {64, 100, 1000, 4096}) {
            MappedInput in = new MappedInput(real, window);
            try (PacketSource s = ng ? new PcapngReader("w", in) : new PcapReader("w", in)) {
                assertEquals(expected, readAll(s), "mapped window of " + window + " bytes");
                assertNull(s.error());
            }
        }
    }

    // ---- damaged files

    @Test
    void truncatedInsideARecordDeliversEveryCompletePacket() throws IOException {
        Path real = TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap");
        byte[] plain = Files.readAllBytes(real);
        List<FrameCopy> all;
        try (PacketSource s = Captures.open(real.toString())) {
            all = readAll(s);
        }
        // Cut in the middle of the data of the 5th record, and in the middle of the 5th record's header.
        int fifth = 24;
        for (int i = 0; i < 4; i++) {
            fifth += 16 + all.get(i).data().length;
        }
        for (int cut : new int[] {fifth + 16 + 10, fifth + 7}) {
            byte[] cutBytes = Arrays.copyOf(plain, cut);
            try (PacketSource s = Captures.open(write("cut.pcap", cutBytes).toString())) {
                assertEquals(all.subList(0, 4), readAll(s));
                assertNotNull(s.error());
                assertTrue(s.error().contains("truncated"), s.error());
            }
            try (PacketSource s = Captures.open("-", new ByteArrayInputStream(cutBytes))) {
                assertEquals(all.subList(0, 4), readAll(s));
                assertTrue(s.error().contains("truncated"), s.error());
            }
        }
    }

    @Test
    void truncatedPcapngBlock() throws IOException {
        Path real = TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcapng");
        byte[] plain = Files.readAllBytes(real);
        List<FrameCopy> all;
        try (PacketSource s = Captures.open(real.toString())) {
            all = readAll(s);
        }
        try (PacketSource s = Captures.open(write("cut.pcapng", Arrays.copyOf(plain, plain.length - 30)).toString())) {
            assertEquals(all.subList(0, all.size() - 1), readAll(s));
            assertTrue(s.error().contains("truncated"), s.error());
        }
    }

    @Test
    void gzipCutShort() throws IOException {
        Path real = TestCaptures.path("lab/mm-rsasig-ipfrag.pcap");
        List<FrameCopy> all;
        try (PacketSource s = Captures.open(real.toString())) {
            all = readAll(s);
        }
        byte[] gz = gzip(Files.readAllBytes(real));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        try (PacketSource s = Captures.open(write("cut.pcap.gz", cut).toString())) {
            List<FrameCopy> got = readAll(s);
            assertTrue(got.size() < all.size());
            assertEquals(all.subList(0, got.size()), got);
            assertNotNull(s.error());
            assertTrue(s.error().contains("truncated"), s.error());
        }
    }

    @Test
    void wrongMagicIsAFormatError() throws IOException {
        Path p = write("text.pcap", "this is not a capture file at all\n".getBytes());
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> Captures.open(p.toString()).close());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        assertThrows(CaptureFormatException.class,
                () -> Captures.open("-", new ByteArrayInputStream("GIF89a....".getBytes())).close());
    }

    @Test
    void emptyAndTinyFilesAreFormatErrors() throws IOException {
        Path empty = write("empty.pcap", new byte[0]);
        assertThrows(CaptureFormatException.class, () -> Captures.open(empty.toString()).close());
        assertThrows(CaptureFormatException.class, () -> Captures.open("-", new ByteArrayInputStream(new byte[0])).close());
        // A pcap magic and half a file header.
        byte[] half = Arrays.copyOf(CaptureWriter.pcap(ByteOrder.BIG_ENDIAN, false, 1).bytes(), 12);
        Path h = write("half.pcap", half);
        assertThrows(CaptureFormatException.class, () -> Captures.open(h.toString()).close());
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(IOException.class, () -> Captures.open(dir.resolve("nope.pcap").toString()).close());
    }
}
