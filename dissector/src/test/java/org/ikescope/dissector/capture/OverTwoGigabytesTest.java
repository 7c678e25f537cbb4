package org.ikescope.dissector.capture;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * A capture larger than 2 GiB (what one MappedByteBuffer can address): 130 records of 16 MiB of
 * zeros written as a sparse file (holes cost no disk), then a real MM1 past the 2 GiB mark. The
 * mapped reader must walk it window by window and deliver the MM1 intact.
 */
class OverTwoGigabytesTest {
    static final int FILLER_BYTES = 16 << 20;
    static final int FILLERS = 130;

    @TempDir
    Path tmp;

    @Test
    void messageBeyondTwoGigabytesIsRead() throws IOException {
        // MM1 of a lab capture: the first record of many-peers.pcap with an ISAKMP message.
        byte[] lab = Files.readAllBytes(TestCaptures.path("lab/mm-noproposal.pcap"));
        ByteBuffer lb = ByteBuffer.wrap(lab).order(ByteOrder.LITTLE_ENDIAN);
        int p = 24;
        byte[] mm1Record = null;
        while (p + 16 <= lab.length) {
            int incl = lb.getInt(p + 8);
            // Ethernet + IPv4 + UDP to port 500: the first such record is MM1.
            if (incl > 42 && (lab[p + 16 + 36] & 0xff) == 0x01 && (lab[p + 16 + 37] & 0xff) == 0xf4) {
                mm1Record = java.util.Arrays.copyOfRange(lab, p, p + 16 + incl);
                break;
            }
            p += 16 + incl;
        }
        assertTrue(mm1Record != null, "MM1 found in the lab capture");

        Path big = tmp.resolve("big.pcap");
        long mm1Offset;
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write(lab, 0, 24); // the lab capture's file header (Ethernet, microseconds)
            long at = 24;
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < FILLERS; i++) {
                h.clear();
                h.putInt(1_700_000_000 + i).putInt(0).putInt(FILLER_BYTES).putInt(FILLER_BYTES);
                f.seek(at);
                f.write(h.array());
                at += 16 + FILLER_BYTES; // the data stays a hole: zeros, no disk
            }
            mm1Offset = at;
            f.seek(at);
            f.write(mm1Record);
        }
        assertTrue(mm1Offset > Integer.MAX_VALUE, "the MM1 record lies past 2 GiB: " + mm1Offset);

        List<MessageEvent> messages = new ArrayList<>();
        CaptureStats stats;
        try (PacketSource src = Captures.open(big.toString())) {
            stats = new Dissector(Dissector.Options.defaults()).run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    messages.add(e);
                }
            });
            assertNull(src.error());
        }
        assertEquals(FILLERS + 1, stats.frames);
        assertEquals(1, stats.isakmp);
        assertEquals(FILLERS, stats.other);
        assertTrue(stats.balanced());
        assertEquals(1, messages.size());
        assertEquals(FILLERS + 1, messages.get(0).frame());
        assertEquals("fd28e0a8154848dc", messages.get(0).message().ispiHex());
        assertEquals(List.of(), messages.get(0).message().diagnostics());
    }
}
