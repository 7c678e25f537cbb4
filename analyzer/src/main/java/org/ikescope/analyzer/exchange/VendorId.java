package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.VendorIdView;

/**
 * One vendor ID a peer sent: its bytes (the first 16 for an unknown one too long to keep whole)
 * and the catalogue's label, or null when the catalogue does not know it.
 *
 * @param natTraversal the catalogue marks it as announcing NAT traversal (RFC 3947 or a draft)
 */
public record VendorId(ImmutableBytes bytes, String name, boolean natTraversal) implements VendorIdView {
}
