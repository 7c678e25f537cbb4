package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.api.protocol.ConfigMessageType;
import org.ikescope.dissector.describe.FieldSink;

/**
 * A configuration payload body: IKEv1 ATTR (mode-config and XAUTH, draft-dukes-ike-mode-cfg
 * section 3.2) or IKEv2 CP (RFC 7296 section 3.15).
 *
 * <pre>
 * ATTR: !     Type      !   RESERVED    !           Identifier          !
 * CP:   !   CFG Type    !                    RESERVED                   !
 *       ~                           Attributes                          ~
 * </pre>
 * Secrets (XAUTH_USER_PASSWORD, XAUTH_PASSCODE, XAUTH_NEXT_PIN, XAUTH_ANSWER) are
 * {@link Attribute#hidden()} and never written.
 *
 * @param identifier IKEv1 Identifier; -1 in IKEv2
 */
public record ConfigBody(boolean v2, int type, int identifier, List<Attribute> attributes) implements PayloadBody {
    public ConfigBody {
        attributes = List.copyOf(attributes);
    }

    @Override
    public String key() {
        return "config";
    }

    /** The first attribute of {@code type}, or null. */
    public Attribute attribute(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "Type", type, ConfigMessageType.nameOf(type));
        if (!v2) {
            out.number("identifier", "Identifier", identifier);
        }
        Transform.describeAttributes(out, attributes, "Attribute");
    }
}
