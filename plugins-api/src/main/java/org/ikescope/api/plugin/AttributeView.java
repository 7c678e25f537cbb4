package org.ikescope.api.plugin;

/** Read-only view of one data attribute (RFC 2408 section 3.3) of a transform or configuration payload. */
public interface AttributeView {
    /** Attribute type (the AF bit removed). */
    int type();

    /** Registry name of the type ({@code ENCRYPTION_ALGORITHM}, ...). */
    String name();

    /** The value as an unsigned number when it has 1 to 8 bytes, else -1. */
    long value();

    /** Name of the value in the type's registry ({@code AES-CBC}), or {@code null}. */
    String valueName();

    /** The raw value bytes (empty for secrets such as XAUTH passwords, which are never exposed). */
    ImmutableBytes bytes();
}
