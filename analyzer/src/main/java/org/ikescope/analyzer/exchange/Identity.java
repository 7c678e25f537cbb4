package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.ImmutableBytes;

/**
 * A peer's identity from an ID payload (IKEv1 ID, IKEv2 IDi/IDr), in clear or decrypted.
 *
 * @param type  ID type code (IKEv1 {@code IdType}, IKEv2 {@code Ikev2IdType}; see {@link #ikev2()})
 * @param ikev2 it came from an IKEv2 payload
 * @param value the identity as text: address, name, DN, or hex for other binary types
 * @param data  the identification data as on the wire (a small copy)
 * @param frame the frame that carried it
 */
public record Identity(int type, boolean ikev2, String value, ImmutableBytes data, long frame) implements IdentityView {
}
