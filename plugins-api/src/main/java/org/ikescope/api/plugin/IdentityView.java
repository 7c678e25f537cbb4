package org.ikescope.api.plugin;

import org.ikescope.api.protocol.IdType;
import org.ikescope.api.protocol.Ikev2IdType;

/** Read-only view of an identification payload (ID, IDi, IDr). */
public interface IdentityView {
    /** ID type code, from the IKEv1 ({@link IdType}) or IKEv2 ({@link Ikev2IdType}) registry, see {@link #ikev2()}. */
    int type();

    /** True when it came from an IKEv2 IDi/IDr payload. */
    boolean ikev2();

    /** Registry name of {@link #type()} ({@code ID_IPV4_ADDR}, {@code ID_FQDN}, ...). */
    default String typeName() {
        return ikev2() ? Ikev2IdType.nameOf(type()) : IdType.nameOf(type());
    }

    /** The identity as text: address, name, or hex for binary types. */
    String value();

    /** The identification data as on the wire, when the analyzer kept it; else empty (use {@link #value()}). */
    ImmutableBytes data();

    /** Frame of the message that carried it. */
    long frame();
}
