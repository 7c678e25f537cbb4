package org.ikescope.dissector.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.fuzz.FuzzInputs;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target of link/IP/UDP location with IP fragment reassembly: the first byte picks the
 * link type, the rest is a run of frames ({@link FuzzInputs#frames}) fed to one
 * {@link NetDecoder} and its {@link FragmentTable}, a millisecond apart.
 */
class NetFuzzTest {
    static final int[] LINK_TYPES = {LinkTypes.NULL, LinkTypes.ETHERNET, LinkTypes.RAW_BSD, LinkTypes.RAW_OPENBSD,
        LinkTypes.RAW, LinkTypes.LOOP, LinkTypes.LINUX_SLL, LinkTypes.IPV4, LinkTypes.IPV6, LinkTypes.LINUX_SLL2, 147};

    @FuzzTest(maxDuration = "10m")
    void locate(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int linkType = LINK_TYPES[(data[0] & 0xff) % LINK_TYPES.length];
        FragmentTable table = new FragmentTable();
        NetDecoder decoder = new NetDecoder(table);
        Datagram d = new Datagram();
        List<byte[]> frames = FuzzInputs.frames(data);
        long n = 0;
        for (byte[] bytes : frames) {
            Frame f = new Frame();
            f.number = ++n;
            f.timestampNanos = n * 1_000_000L;
            f.linkType = linkType;
            f.originalLength = bytes.length;
            f.data = ByteBuffer.wrap(bytes);
            NetKind kind = decoder.decode(f, d);
            if (kind == NetKind.UDP) {
                assertTrue(d.payload.position() <= d.payload.limit(), "payload window");
                assertTrue(d.srcPort >= 0 && d.srcPort <= 0xffff && d.dstPort >= 0 && d.dstPort <= 0xffff, "ports");
            }
            if (kind == NetKind.MALFORMED) {
                assertTrue(decoder.diagnostic() != null, "a malformed frame says why");
            }
        }
        table.expire(Long.MAX_VALUE / 2);
        table.drainIncompleteSets();
    }
}
