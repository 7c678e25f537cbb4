package org.ikescope.api.plugin;

/** Read-only view of an identification payload (ID, IDi, IDr). */
public interface IdentityView {
    /** ID type code (see {@link org.ikescope.api.protocol.IdType}: 1 IPv4 address, 2 FQDN, ...). */
    int type();

    /** Registry name of {@link #type()} ({@code ID_IPV4_ADDR}, {@code ID_FQDN}, ...). */
    String typeName();

    /** The identity as text: address, name, or hex for binary types. */
    String value();

    /** The identification data as on the wire, when the analyzer kept it; else empty (use {@link #value()}). */
    ImmutableBytes data();

    /** Frame of the message that carried it. */
    long frame();
}
