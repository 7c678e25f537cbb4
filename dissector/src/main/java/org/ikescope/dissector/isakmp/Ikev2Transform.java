package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.Ikev2TransformType;
import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv2 Transform substructure (RFC 7296 section 3.3.2).
 *
 * <pre>
 * | Last Substruc |   RESERVED    |        Transform Length       |
 * |Transform Type |   RESERVED    |          Transform ID         |
 * ~                      Transform Attributes                     ~
 * </pre>
 *
 * @param type       Transform Type (1 ENCR, 2 PRF, 3 INTEG, 4 DH, 5 ESN, 6-12 ADDKE)
 * @param id         Transform ID in the registry of {@code type}
 * @param attributes transform attributes (only KEY_LENGTH is defined)
 */
public record Ikev2Transform(int type, int id, List<Attribute> attributes) implements Describable {
    public static final int ENCR = 1;
    public static final int PRF = 2;
    public static final int INTEG = 3;
    public static final int DH = 4;
    public static final int ESN = 5;
    /** RFC 7296 section 3.3.5: Key Length (in bits), attribute type 14, TV. */
    static final int KEY_LENGTH = 14;

    public Ikev2Transform {
        attributes = List.copyOf(attributes);
    }

    /** Key Length attribute in bits; -1 when absent. */
    public int keyLength() {
        for (Attribute a : attributes) {
            if (a.type() == KEY_LENGTH) {
                return a.intValue();
            }
        }
        return -1;
    }

    /** Registry name of {@link #id()} for this transform type. */
    public String idName() {
        return idName(type, id);
    }

    static String idName(int type, int id) {
        return switch (type) {
            case ENCR -> Ikev2EncryptionAlgorithm.nameOf(id);
            case PRF -> Ikev2PrfAlgorithm.nameOf(id);
            case INTEG -> Ikev2IntegrityAlgorithm.nameOf(id);
            // RFC 9370: the ADDKE types 6-12 take Transform IDs from the DH group registry.
            case DH, 6, 7, 8, 9, 10, 11, 12 -> DhGroup.nameOf(id);
            case ESN -> id == 0 ? "No ESN" : id == 1 ? "ESN" : "UNASSIGNED";
            default -> "UNKNOWN";
        };
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "Transform Type", type, Ikev2TransformType.nameOf(type));
        out.code("id", "Transform ID", id, idName());
        if (!attributes.isEmpty()) {
            Transform.describeAttributes(out, attributes, "Transform Attribute");
        }
    }
}
