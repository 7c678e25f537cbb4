package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input options every command shares, end to end through the CLI: {@code --ike-port} (a peer
 * whose IKE runs on another port), {@code --reader libpcap} (same records as the built-in reader).
 */
class InputOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A copy of an Ethernet/IPv4/UDP capture with UDP port {@code from} rewritten to {@code to}. */
    static Path withPort(Path in, Path out, int from, int to) throws IOException {
        byte[] pcap = Files.readAllBytes(in);
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int p = 24;
        while (p + 16 <= pcap.length) {
            int incl = b.getInt(p + 8);
            int frame = p + 16;
            ByteBuffer f = ByteBuffer.wrap(pcap, frame, incl).order(ByteOrder.BIG_ENDIAN);
            if (incl >= 42 && f.getShort(frame + 12) == 0x0800 && pcap[frame + 23] == 17) {
                int udp = frame + 14 + (pcap[frame + 14] & 0x0f) * 4;
                for (int port = udp; port <= udp + 2; port += 2) {
                    if ((f.getShort(port) & 0xffff) == from) {
                        f.putShort(port, (short) to);
                    }
                }
            }
            p = frame + incl;
        }
        Files.write(out, pcap);
        return out;
    }

    static List<JsonNode> records(CliRunner.Result r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.lines()) {
            JsonNode n = JSON.readTree(line);
            if (n.has("isakmp")) {
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void ikePortAddsAPort() throws IOException {
        Path original = CliRunner.CAPTURES.resolve("lab/mm-aes128-sha1-modp1024.pcap");
        Path moved = withPort(original, tmp.resolve("moved.pcap"), 500, 1500);
        List<JsonNode> before = records(CliRunner.run("dissect", "--format", "jsonl", original.toString()));
        assertEquals(List.of(), records(CliRunner.run("dissect", "--format", "jsonl", moved.toString())),
                "UDP 1500 is not an IKE port by default");
        List<JsonNode> after = records(CliRunner.run("dissect", "--format", "jsonl", "--ike-port", "1500", moved.toString()));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).path("isakmp"), after.get(i).path("isakmp"), "frame " + before.get(i).path("frame"));
            assertEquals(1500, after.get(i).path("srcPort").asInt());
        }
        CliRunner.Result analyze = CliRunner.run("analyze", "--format", "json", "--ike-port", "1500", moved.toString());
        JsonNode x = JSON.readTree(analyze.out()).path("exchanges").get(0);
        assertEquals("MM_ACTIVE", x.path("state").path("initiator").asText());
        assertEquals(1500, x.path("initiator").path("port").asInt());
    }

    @Test
    void libpcapReaderGivesTheSameRecords() throws IOException {
        for (String capture : List.of("lab/many-peers.pcap", "lab/span-vlan-mixed.pcapng", "thirdparty/isakmp4500.pcap")) {
            String path = CliRunner.CAPTURES.resolve(capture).toString();
            CliRunner.Result builtIn = CliRunner.run("dissect", "--format", "jsonl", path);
            CliRunner.Result libpcap = CliRunner.run("dissect", "--format", "jsonl", "--reader", "libpcap", path);
            assertEquals(0, builtIn.exit());
            assertEquals(0, libpcap.exit(), libpcap.err());
            assertEquals(builtIn.out(), libpcap.out(), capture);
            assertTrue(records(builtIn).size() > 0, capture);
        }
    }

    @Test
    void unknownReaderIsAUsageError() {
        CliRunner.Result r = CliRunner.run("dissect", "--reader", "tcpdump", CliRunner.CAPTURES.resolve("lab/many-peers.pcap").toString());
        assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    }
}
