package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.Describable;

/**
 * The decoded meaning of one payload's body. {@link #key()} names the member it appears under in
 * the JSON contract ({@code "sa"}, {@code "id"}, {@code "notify"}, {@code "vendorId"}, ...).
 */
public interface PayloadBody extends Describable {
    /** JSON member name of this body inside its payload object. */
    String key();
}
