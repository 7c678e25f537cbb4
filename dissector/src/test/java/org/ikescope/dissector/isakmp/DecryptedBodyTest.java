package org.ikescope.dissector.isakmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * The decrypted-body API walks plaintext with the same code as cleartext messages. Shown with a
 * real MM3 (KE NONCE NAT-D NAT-D) whose body is presented as if it had been encrypted and then
 * decrypted, with cipher padding after the last payload.
 */
class DecryptedBodyTest {

    @Test
    void decryptedBodyIsWalkedLikeCleartext() throws IOException {
        List<IsakmpMessage> messages = new ArrayList<>();
        try (PacketSource src = Captures.open(TestCaptures.path("lab/many-peers.pcap").toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    messages.add(e.message());
                }
            });
        }
        // MM3 of the first exchange: main mode, cleartext, starts with KE (4).
        IsakmpMessage mm3 = messages.stream()
                .filter(m -> m.exchangeType() == 2 && !m.encrypted() && m.firstPayload() == 4)
                .findFirst().orElseThrow();
        byte[] wire = mm3.bytes().clone();
        wire[19] |= IsakmpMessage.FLAG_ENCRYPTION;
        IsakmpDecoder decoder = new IsakmpDecoder();
        NatTraversalNumbering natT = new NatTraversalNumbering();
        IsakmpMessage encrypted = decoder.decode(ByteBuffer.wrap(wire), natT);
        assertTrue(encrypted.encrypted());
        assertEquals(List.of(), encrypted.payloads());

        byte[] body = Arrays.copyOfRange(mm3.bytes(), IsakmpMessage.HEADER_BYTES, mm3.bytes().length);
        byte[] padded = Arrays.copyOf(body, body.length + 12);
        IsakmpMessage plain = decoder.decrypted(encrypted, padded, natT);

        assertTrue(plain.decrypted());
        assertTrue(plain.encrypted());
        assertEquals(List.of(4, 10, 20, 20), plain.payloads().stream().map(Payload::type).toList());
        assertEquals(mm3.payloads().stream().map(Payload::offset).toList(),
                plain.payloads().stream().map(Payload::offset).toList());
        assertEquals(List.of(), plain.diagnostics(), "padding after the last payload is not an error");
        assertEquals(mm3.ispiHex(), plain.ispiHex());
    }
}
