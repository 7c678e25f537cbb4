package org.ikescope.dissector.isakmp;

/**
 * Which NAT-T variant the peers of one IKE SA announced in their vendor IDs, and so which payload
 * numbers carry NAT-D and NAT-OA in its later messages: 20/21 for RFC 3947, 130/131 for drafts
 * 00-03, 15/16 for drafts 04-08 and Apple's unnumbered draft (the vendor-ID catalogue's
 * {@code natd=} tag says which VID implies which). The decoder reads it when it names payloads 15
 * and 16 and records into it each NAT-T vendor ID it decodes, so a NAT-D later in the same
 * message is already named right. One instance per IKE SA, owned by its session; a few bits.
 */
public final class NatTraversalNumbering {
    /** Draft NAT-D numbers (RFC 3947 section 3.2 uses 20; drafts 130 and 15). */
    static final int NAT_D_OLD_DRAFT = 15;
    static final int NAT_D_RFC = 20;
    static final int NAT_D_DRAFT = 130;

    /** Highest NAT-T draft number announced in this SA's vendor IDs; -1 when none. */
    private int draft = -1;
    private boolean rfc;
    /** Bits: 1 = NAT-D as 15, 2 = as 20, 4 = as 130, announced by the VIDs seen. */
    private int natDiscoveryPayloads;

    /** Records a NAT-T vendor ID: {@code draft} >= 0 for draft-ietf-ipsec-nat-t-ike-0N, or {@code rfc}. */
    public void vendorId(int draftNumber, boolean rfcNatT) {
        if (rfcNatT) {
            rfc = true;
        } else if (draftNumber > draft) {
            draft = draftNumber;
        }
    }

    /**
     * Records the NAT-D payload number a NAT-T vendor ID announces (20 for RFC 3947, 130 for
     * drafts 00-03, 15 for drafts 04-08 and Apple's unnumbered draft); other numbers are ignored.
     */
    public void natDiscoveryPayload(int type) {
        natDiscoveryPayloads |= bit(type);
    }

    /** True when a NAT-T vendor ID of this SA announced NAT-D under payload number {@code type} (15, 20 or 130). */
    public boolean announced(int type) {
        return (natDiscoveryPayloads & bit(type)) != 0;
    }

    /** True when any NAT-T vendor ID was seen in this SA. */
    public boolean any() {
        return natDiscoveryPayloads != 0 || rfc || draft >= 0;
    }

    /** Highest draft-ietf-ipsec-nat-t-ike number announced, or -1. */
    public int draft() {
        return draft;
    }

    /** True when the RFC 3947 vendor ID was seen. */
    public boolean rfc() {
        return rfc;
    }

    private static int bit(int type) {
        return switch (type) {
            case NAT_D_OLD_DRAFT -> 1;
            case NAT_D_RFC -> 2;
            case NAT_D_DRAFT -> 4;
            default -> 0;
        };
    }
}
