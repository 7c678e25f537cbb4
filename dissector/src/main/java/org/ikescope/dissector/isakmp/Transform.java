package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv1 Transform payload inside a proposal (RFC 2408 section 3.6).
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !  Transform #  !  Transform-Id !           RESERVED2           !
 * ~                        SA Attributes                          ~
 * </pre>
 * The typed helpers read the attribute space of the proposal's protocol: IKE attributes (RFC 2409
 * appendix A) when {@link #protocolId()} is PROTO_ISAKMP (phase 1), IPsec DOI attributes (RFC 2407
 * section 4.5) for ESP, AH and IPCOMP (phase 2). Each returns -1 when the attribute is absent or
 * does not apply.
 *
 * @param number     Transform #
 * @param protocolId Protocol-Id of the enclosing proposal (1 ISAKMP, 2 AH, 3 ESP, 4 IPCOMP)
 * @param id         Transform-Id (KEY_IKE for ISAKMP; ESP_*, AH_*, IPCOMP_* otherwise)
 * @param idName     registry name of {@code id} for {@code protocolId}
 * @param attributes SA attributes in wire order
 */
public record Transform(int number, int protocolId, int id, String idName, List<Attribute> attributes)
        implements Describable {
    /** RFC 2407 section 4.4.1: PROTO_ISAKMP. */
    public static final int PROTO_ISAKMP = 1;
    public static final int PROTO_IPSEC_AH = 2;
    public static final int PROTO_IPSEC_ESP = 3;

    // Phase 1 attribute classes, RFC 2409 appendix A.
    static final int IKE_ENCRYPTION = 1;
    static final int IKE_HASH = 2;
    static final int IKE_AUTH_METHOD = 3;
    static final int IKE_GROUP = 4;
    static final int IKE_LIFE_TYPE = 11;
    static final int IKE_LIFE_DURATION = 12;
    static final int IKE_PRF = 13;
    static final int IKE_KEY_LENGTH = 14;
    // Phase 2 attribute types, RFC 2407 section 4.5.
    static final int IPSEC_LIFE_TYPE = 1;
    static final int IPSEC_LIFE_DURATION = 2;
    static final int IPSEC_GROUP = 3;
    static final int IPSEC_ENCAPSULATION = 4;
    static final int IPSEC_AUTH_ALGORITHM = 5;
    static final int IPSEC_KEY_LENGTH = 6;
    static final int LIFE_SECONDS = 1;
    static final int LIFE_KILOBYTES = 2;

    public Transform {
        attributes = List.copyOf(attributes);
    }

    /** True for a phase-1 (ISAKMP SA) transform. */
    public boolean phase1() {
        return protocolId == PROTO_ISAKMP;
    }

    /** Value of the first attribute of {@code type} as an int; -1 when absent or not numeric. */
    public int attribute(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return a.intValue();
            }
        }
        return -1;
    }

    /** Value of the first attribute of {@code type} (up to 8 bytes); -1 when absent or longer. */
    public long longAttribute(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return a.value();
            }
        }
        return -1;
    }

    /** True when an attribute of {@code type} is present. */
    public boolean has(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return true;
            }
        }
        return false;
    }

    /**
     * Phase 1: the Encryption-Algorithm attribute (IkeEncryptionAlgorithm code). ESP: the
     * Transform-Id (EspTransformId code). Otherwise -1.
     */
    public int encryption() {
        if (phase1()) {
            return attribute(IKE_ENCRYPTION);
        }
        return protocolId == PROTO_IPSEC_ESP ? id : -1;
    }

    /** Key-Length in bits (phase 1 class 14, phase 2 type 6); -1 when absent. */
    public int keyLength() {
        return attribute(phase1() ? IKE_KEY_LENGTH : IPSEC_KEY_LENGTH);
    }

    /** Phase 1 Hash-Algorithm (IkeHashAlgorithm code); -1 in phase 2. */
    public int hash() {
        return phase1() ? attribute(IKE_HASH) : -1;
    }

    /** Phase 1 PRF; -1 when absent (nearly always) or in phase 2. */
    public int prf() {
        return phase1() ? attribute(IKE_PRF) : -1;
    }

    /** Phase 1 Authentication-Method (AuthMethod code, XAUTH 65001+ included); -1 in phase 2. */
    public int authMethod() {
        return phase1() ? attribute(IKE_AUTH_METHOD) : -1;
    }

    /** Group-Description (DhGroup code): phase 1 class 4, phase 2 (PFS) type 3; -1 when absent. */
    public int group() {
        return attribute(phase1() ? IKE_GROUP : IPSEC_GROUP);
    }

    /** Phase 2 Encapsulation-Mode (EncapsulationMode code); -1 in phase 1 or when absent. */
    public int encapsulationMode() {
        return phase1() ? -1 : attribute(IPSEC_ENCAPSULATION);
    }

    /** Phase 2 Authentication-Algorithm (IpsecAuthAlgorithm code); -1 in phase 1 or when absent. */
    public int authAlgorithm() {
        return phase1() ? -1 : attribute(IPSEC_AUTH_ALGORITHM);
    }

    /** Life-Duration that follows a Life-Type of seconds; -1 when none. */
    public long lifeSeconds() {
        return life(LIFE_SECONDS);
    }

    /** Life-Duration that follows a Life-Type of kilobytes; -1 when none. */
    public long lifeKilobytes() {
        return life(LIFE_KILOBYTES);
    }

    /**
     * RFC 2407 section 4.5: "the SA Life Type MUST precede the SA Life Duration"; a duration
     * belongs to the life type before it (RFC 2409 appendix A says the same for phase 1).
     */
    private long life(int wanted) {
        int typeAttr = phase1() ? IKE_LIFE_TYPE : IPSEC_LIFE_TYPE;
        int durationAttr = phase1() ? IKE_LIFE_DURATION : IPSEC_LIFE_DURATION;
        int current = -1;
        for (Attribute a : attributes) {
            if (a.type() == typeAttr) {
                current = a.intValue();
            } else if (a.type() == durationAttr && current == wanted) {
                return a.value();
            }
        }
        return -1;
    }

    @Override
    public void describe(FieldSink out) {
        out.number("number", "Transform number", number);
        out.code("id", "Transform ID", id, idName);
        describeAttributes(out, attributes, phase1() ? "IKE Attribute" : "IPsec Attribute");
    }

    static void describeAttributes(FieldSink out, List<Attribute> attributes, String label) {
        out.beginArray("attributes", "Attributes");
        for (Attribute a : attributes) {
            out.beginObject(null, out.wantsLabels() ? label + " (t=" + a.type() + ",l=" + a.length() + "): " + a.summary() : null);
            a.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
