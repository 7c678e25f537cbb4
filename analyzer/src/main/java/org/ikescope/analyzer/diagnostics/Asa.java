package org.ikescope.analyzer.diagnostics;

import org.ikescope.api.plugin.AsaLines;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;

/**
 * What a Cisco ASA shows in the situations the built-in diagnoses describe: the IKE SA's state in
 * {@code show crypto isakmp sa} (and {@code show crypto ipsec sa} for the IPsec SAs), and the
 * syslog lines Cisco documents for them. Only lines found in Cisco's documents are given; where
 * none was found, a finding carries the state alone.
 *
 * <p>Sources. The states are the ASA's own names in {@code show crypto isakmp sa} / {@code show
 * crypto ikev1 sa}: Cisco TechNote 113574, "ASA IPsec and IKE debugs (IKEv1 Main Mode)"; Cisco
 * document 5409, "IPsec Troubleshooting: Understanding and Using debug Commands" (the
 * {@code show crypto isakmp sa} and {@code show crypto ipsec sa} sections); what each stuck state
 * means is collected in ANCHORS.md section 7. The invalid-SPI line: Cisco Support Community
 * document "The %PIX-4-402101: decaps: rec'd IPSEC packet has invalid spi ... error message is
 * received on the PIX Firewall" (supportforums.cisco.com, security documents, 3130238), which
 * quotes the Cisco PIX and Cisco Security Appliance system log message guides.
 */
final class Asa {
    private Asa() {
    }

    /** The phase-1 states of both sides, as {@code show crypto isakmp sa} on each would show them. */
    static AsaLines phaseOneStall(ExchangeView x) {
        // IKEv2 states are ikescope's words, not what show crypto ikev2 sa prints: nothing to say.
        return x.version() == 1 ? AsaLines.of(states(x)) : null;
    }

    /** "show crypto isakmp sa: MM_WAIT_MSG6 on the initiator 192.0.2.1, MM_WAIT_MSG5 on the responder 192.0.2.2". */
    static String states(ExchangeView x) {
        String i = on(x, Side.INITIATOR);
        String r = on(x, Side.RESPONDER);
        return "show crypto isakmp sa: " + i + ", " + r;
    }

    private static String on(ExchangeView x, Side side) {
        Phase1State s = x.state(side);
        String where = " on the " + side.label() + " " + x.peer(side).ip();
        return (s == Phase1State.NONE ? "no IKE SA" : s.name()) + where;
    }

    /** Phase 1 up, an IPsec SA missing. */
    static AsaLines phaseTwo() {
        return AsaLines.of("show crypto isakmp sa: MM_ACTIVE (phase 1 up); show crypto ipsec sa: no IPsec SA for"
                + " these proxy identities");
    }

    /** ESP one way: the sender's SA counts encaps, the other side's decaps stay at zero or it has no SA. */
    static AsaLines espOneWay() {
        return AsaLines.of("show crypto ipsec sa: #pkts encaps counting on the sending peer, #pkts decaps not"
                        + " counting on the other (or no SA there for the sender's SPI)",
                "402101: decaps: rec'd IPSEC packet has invalid spi for destaddr=<local address>, prot=esp,"
                        + " spi=<SPI> (on the peer that has no SA for the arriving SPI)");
    }

    /** Phase 1 and 2 up, nothing sent. */
    static AsaLines espNone() {
        return AsaLines.of("show crypto ipsec sa: the SAs exist, #pkts encaps and #pkts decaps at 0");
    }
}
