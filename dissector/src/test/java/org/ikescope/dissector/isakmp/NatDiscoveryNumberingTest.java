package org.ikescope.dissector.isakmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.model.Diagnostic;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * Payloads 15/16 are NAT-D/NAT-OA only where the peers' NAT-T vendor IDs announced draft 04-08
 * numbering (tcpdump's ISAKMP_sa_setup.pcap negotiates draft 07); after VIDs that announce
 * RFC 3947 (20) and drafts 00-03 (130) only, a 15 is not a NAT-D and is reported.
 */
class NatDiscoveryNumberingTest {

    static List<IsakmpMessage> messages(String capture) throws IOException {
        List<IsakmpMessage> out = new ArrayList<>();
        try (PacketSource src = Captures.open(TestCaptures.path(capture).toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    out.add(e.message());
                }
            });
        }
        return out;
    }

    @Test
    void draft07PeersSendNatDAsPayload15() throws IOException {
        List<IsakmpMessage> m = messages("thirdparty/ISAKMP_sa_setup.pcap");
        for (int i : new int[] {2, 3}) { // MM3, MM4
            List<String> names = m.get(i).payloads().stream().filter(p -> p.type() == 15).map(Payload::name).toList();
            assertEquals(List.of("NAT_D_DRAFT", "NAT_D_DRAFT"), names);
            assertEquals(List.of(), m.get(i).diagnostics());
        }
    }

    @Test
    void payload15AfterRfcAndDraft02VendorIdsIsReported() throws IOException {
        List<IsakmpMessage> m = messages("lab/mm-aes128-sha1-modp1024.pcap");
        IsakmpDecoder decoder = new IsakmpDecoder();
        NatTraversalNumbering natT = new NatTraversalNumbering();
        IsakmpMessage mm1 = m.get(0);
        decoder.decode(ByteBuffer.wrap(mm1.bytes()), natT); // strongSwan's MM1: RFC 3947 and draft-02 VIDs
        IsakmpMessage mm3 = m.stream().filter(x -> x.exchangeType() == 2 && x.firstPayload() == 4).findFirst().orElseThrow();
        byte[] altered = mm3.bytes().clone();
        // Renumber the first NAT-D: the Next Payload field of the payload before it (the NONCE) says 20.
        Payload nonce = mm3.payloads().get(1);
        assertEquals(20, altered[nonce.offset()]);
        altered[nonce.offset()] = 15;
        IsakmpMessage decoded = decoder.decode(ByteBuffer.wrap(altered), natT);
        assertEquals("SAK", decoded.payloads().get(2).name());
        assertTrue(decoded.diagnostics().stream().map(Diagnostic::code).toList().contains("isakmp.nat-d.numbering"),
                decoded.diagnostics().toString());
    }
}
