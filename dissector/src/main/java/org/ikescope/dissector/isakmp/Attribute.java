package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;

/**
 * One data attribute (RFC 2408 section 3.3): an SA attribute of an IKEv1 transform, an IKEv2
 * transform attribute (RFC 7296 section 3.3.5) or a mode-config / IKEv2 CP attribute.
 *
 * <pre>
 * !A!       Attribute Type        !    AF=0  Attribute Length     !
 * !F!                             !    AF=1  Attribute Value      !
 * .                   AF=0  Attribute Value                       .
 * </pre>
 * A slice of the message copy: the value stays in {@code message[valueFrom, valueTo)}; only small
 * decoded values ({@link #value()}, {@link #text()}, {@link #valueName()}) are held.
 *
 * @param type      attribute type (the AF bit removed)
 * @param typeName  registry name of the type in its space (IKE, IPsec, IKEv2, mode-config)
 * @param typeLabel human label of the type ("Encryption-Algorithm")
 * @param tv        true for the basic TV form (AF=1): a 2-byte value, no length field
 * @param value     the value as an unsigned number when it has 1 to 8 bytes and fits a
 *                  non-negative long; -1 otherwise
 * @param text      the value decoded as text or address (mode-config), else null
 * @param valueName name of the value in the registry of this attribute type, else null
 * @param hidden    a secret (XAUTH password, passcode, PIN, answer): never written, only its length
 */
public record Attribute(int type, String typeName, String typeLabel, boolean tv, long value, String text,
                        String valueName, boolean hidden, byte[] message, int valueFrom, int valueTo)
        implements org.ikescope.dissector.describe.Describable {
    /** What is written instead of a secret value. */
    public static final String HIDDEN = "<hidden>";

    /** Length of the value in bytes (2 for TV). */
    public int length() {
        return valueTo - valueFrom;
    }

    /** True when {@link #value()} holds the value. */
    public boolean numeric() {
        return value >= 0;
    }

    /** The value as an int when numeric and at most 2^31-1, else -1. */
    public int intValue() {
        return value >= 0 && value <= Integer.MAX_VALUE ? (int) value : -1;
    }

    /** A one-line summary as tshark heads the attribute: {@code Encryption-Algorithm: AES-CBC}. */
    public String summary() {
        String v;
        if (hidden) {
            v = HIDDEN;
        } else if (valueName != null) {
            v = valueName;
        } else if (text != null) {
            v = text;
        } else if (value >= 0) {
            v = Long.toString(value);
        } else {
            v = Octets.hex(message, valueFrom, valueTo);
        }
        return typeLabel + ": " + v;
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "Type", type, typeName);
        if (!tv || hidden) {
            out.number("length", "Length", length());
        }
        if (hidden) {
            out.string("value", "Value", HIDDEN);
        } else if (text != null) {
            out.string("value", "Value", text);
        } else if (value >= 0) {
            out.number("value", "Value", value);
        } else if (length() > 0) {
            out.hex("value", "Value", message, valueFrom, valueTo);
        }
        if (valueName != null) {
            out.string("valueName", typeLabel, valueName);
        }
    }
}
