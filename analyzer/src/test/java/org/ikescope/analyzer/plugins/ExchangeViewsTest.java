package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.Dissector;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.junit.jupiter.api.Test;

/** The view plugins get of a real exchange. */
class ExchangeViewsTest {
    /** The lab captures, kept with the dissector's tests. */
    static Path capture(String name) {
        for (Path dir : List.of(Path.of("src/test/resources/captures"), Path.of("../dissector/src/test/resources/captures/lab"),
                Path.of("src/test/resources/captures/lab"))) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    static List<Exchange> exchanges(Path capture) throws IOException {
        List<Exchange> out = new ArrayList<>();
        AtomicLong ids = new AtomicLong();
        ExchangeTracker tracker = new ExchangeTracker(ExchangeTracker.Options.defaults(), out::add, f -> { }, ids::incrementAndGet);
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, tracker);
        }
        tracker.finish();
        return out;
    }

    @Test
    void mainModeWithNatTraversalAndEsp() throws IOException {
        Path pcap = capture("mm-aes128-sha256-ecp256-esp.pcap");
        assumeTrue(pcap != null, "capture not found");
        List<Exchange> xs = exchanges(pcap);
        assertEquals(1, xs.size());
        ExchangeView v = ExchangeViews.of(xs.get(0));
        assertEquals("ab6c99cf54678d0b", v.ispi());
        assertEquals(ExchangeView.MODE_MAIN, v.mode());
        assertEquals(1, v.version());
        assertEquals("MM_ACTIVE", v.initiatorState());
        assertEquals("MM_ACTIVE", v.responderState());
        assertTrue(v.phase1Complete());
        assertEquals("192.0.2.16", v.initiator().ip());
        assertEquals(List.of(500, 4500), v.initiator().ports());
        assertEquals(List.of("MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"),
                v.messages().stream().map(MessageView::step).toList());
        MessageView mm2 = v.messages().get(1);
        assertEquals(Side.RESPONDER, mm2.from());
        assertEquals(4, mm2.frame());
        assertEquals("192.0.2.106", mm2.sourceIp());
        assertEquals("192.0.2.16", mm2.destinationIp());
        assertTrue(v.messages().get(4).encrypted());

        ProposalView chosen = v.chosenProposal().orElseThrow();
        assertEquals(IkeEncryptionAlgorithm.AES_CBC.code(), chosen.encryption());
        assertEquals(128, chosen.keyLength());
        assertEquals(IkeHashAlgorithm.SHA2_256.code(), chosen.hash());
        assertEquals(AuthMethod.PRE_SHARED_KEY.code(), chosen.authMethod());
        assertEquals(19, chosen.group());
        assertEquals(28800, chosen.lifetimeSeconds());
        assertEquals(1, v.offeredProposals().size());

        assertTrue(v.nat().floatedTo4500());
        assertTrue(v.nat().natTNegotiated());
        assertTrue(v.nat().initiatorNatTVendorIds().contains("RFC 3947 NAT-T"), v.nat().initiatorNatTVendorIds().toString());
        assertTrue(v.initiator().vendorIds().stream().anyMatch(id -> id.natTraversal() && id.hex().equals("4a131c81070358455c5728f20e95452f")));

        assertEquals(1, v.quickModes().size());
        assertEquals(3, v.quickModes().get(0).messages().size());
        assertEquals(2, v.esp().size());
        assertEquals(3, v.esp().get(0).packets());
        assertTrue(v.timeToActiveNanos().isPresent());
        assertFalse(v.startedBeforeCapture());
        assertTrue(v.diagnostics().isEmpty());
    }

    @Test
    void aRefusedProposalShowsItsNotification() throws IOException {
        Path pcap = capture("mm-noproposal.pcap");
        assumeTrue(pcap != null, "capture not found");
        ExchangeView v = ExchangeViews.of(exchanges(pcap).get(0));
        assertTrue(v.notifications().stream().anyMatch(n -> n.type() == 14 && n.name().equals("NO_PROPOSAL_CHOSEN")
                && n.from() == Side.RESPONDER && !n.encrypted()), v.notifications().toString());
        MessageView answer = v.messages().stream().filter(m -> m.from() == Side.RESPONDER).findFirst().orElseThrow();
        assertEquals(List.of(14), answer.notifyTypes());
        assertFalse(v.offeredProposals().isEmpty());
    }

    /** MM1's payloads in wire order with their codes; NAT-D (RFC 3947, type 20) in MM3/MM4. */
    @Test
    void payloadsAndNatDiscovery() throws IOException {
        Path pcap = capture("mm-aes128-sha1-modp1024.pcap");
        assumeTrue(pcap != null, "capture not found");
        ExchangeView v = ExchangeViews.of(exchanges(pcap).get(0));
        MessageView mm1 = v.messages().get(0);
        assertEquals("MM1", mm1.step());
        List<PayloadView> p = mm1.payloads();
        // RFC 2408 section 3.1: SA is 1, VID 13 (literal: the registries are being reworked).
        assertEquals(1, p.get(0).type());
        assertEquals("SA", p.get(0).name());
        assertTrue(p.size() > 1, p.toString());
        for (PayloadView vid : p.subList(1, p.size())) {
            assertEquals(13, vid.type(), p.toString());
            assertEquals("VID", vid.name());
            assertEquals(0, vid.body().length());
        }
        for (String step : List.of("MM3", "MM4")) {
            MessageView m = v.messages().stream().filter(x -> x.step().equals(step)).findFirst().orElseThrow();
            assertEquals(2, m.payloads().stream().filter(x -> x.type() == 20 && x.name().equals("NAT_D")).count(),
                    step + ": " + m.payloads());
        }
        assertTrue(v.nat().natDiscoverySeen());
        // Encrypted messages show no payloads.
        assertEquals(List.of(), v.messages().stream().filter(MessageView::encrypted).findFirst().orElseThrow().payloads());
    }

    @Test
    void noNatDiscoveryWithoutNatD() throws IOException {
        Path pcap = capture("ikescan-main.pcap");
        assumeTrue(pcap != null, "capture not found");
        for (Exchange x : exchanges(pcap)) {
            assertFalse(ExchangeViews.of(x).nat().natDiscoverySeen(), x.toString());
        }
    }
}
