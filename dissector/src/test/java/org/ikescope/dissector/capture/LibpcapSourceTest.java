package org.ikescope.dissector.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;


/**
 * The libpcap reader (pcap4j) delivers exactly the frames of the built-in reader: same count,
 * timestamps, link types and bytes. Needs libpcap, which CI installs with tshark.
 */
class LibpcapSourceTest {

    record Seen(long number, long time, int linkType, byte[] bytes) {
    }

    static List<Seen> read(PacketSource src) throws IOException {
        List<Seen> out = new ArrayList<>();
        Frame f = new Frame();
        while (src.next(f)) {
            ByteBuffer d = f.data;
            byte[] b = new byte[d.remaining()];
            d.get(d.position(), b);
            out.add(new Seen(f.number, f.timestampNanos, f.linkType, b));
        }
        assertNull(src.error());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab/many-peers.pcap", "lab/span-vlan-mixed.pcapng", "lab/mm-ipv6.pcap", "thirdparty/isakmp4500.pcap"})
    void sameFramesAsTheBuiltInReader(String capture) throws IOException {
        String path = TestCaptures.path(capture).toString();
        PacketSource lib;
        try {
            lib = LibpcapSources.open(path);
        } catch (IOException e) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "libpcap missing in CI: " + e.getMessage());
            Assumptions.abort("libpcap not available: " + e.getMessage());
            return;
        }
        List<Seen> viaLibpcap;
        try (lib) {
            viaLibpcap = read(lib);
        }
        List<Seen> builtIn;
        try (PacketSource src = Captures.open(path)) {
            builtIn = read(src);
        }
        assertEquals(builtIn.size(), viaLibpcap.size());
        for (int i = 0; i < builtIn.size(); i++) {
            Seen a = builtIn.get(i);
            Seen b = viaLibpcap.get(i);
            assertEquals(a.number(), b.number());
            assertEquals(a.time(), b.time(), "frame " + a.number());
            assertEquals(a.linkType(), b.linkType(), "frame " + a.number());
            assertArrayEquals(a.bytes(), b.bytes(), "frame " + a.number());
        }
    }
}
