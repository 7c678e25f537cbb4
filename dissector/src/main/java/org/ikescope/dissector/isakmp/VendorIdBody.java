package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;
import org.ikescope.dissector.vendor.VendorIdCatalog.VendorId;

/**
 * A Vendor ID payload body (RFC 2408 section 3.16, RFC 7296 section 3.12), a slice of the
 * message, with the catalogue entry it matched.
 *
 * @param vendor the matching catalogue entry, or null when unknown
 */
public record VendorIdBody(byte[] message, int from, int to, VendorId vendor) implements PayloadBody {

    @Override
    public String key() {
        return "vendorId";
    }

    public String hex() {
        return Octets.hex(message, from, to);
    }

    /** The catalogue label ("RFC 3947 NAT-T", "strongSwan"), or null when unknown. */
    public String name() {
        return vendor == null ? null : vendor.label();
    }

    /** The implementation the VID reveals ("strongswan", "cisco"), or null. */
    public String implementation() {
        return vendor == null ? null : vendor.implementation().orElse(null);
    }

    /** True when the catalogue entry carries {@code flag} ("dpd", "xauth", "natt-rfc", "frag"...). */
    public boolean has(String flag) {
        return vendor != null && vendor.has(flag);
    }

    @Override
    public void describe(FieldSink out) {
        out.hex("hex", "Vendor ID", message, from, to);
        out.stringOr("name", "Vendor ID", name(), "Unknown Vendor ID");
        String impl = implementation();
        if (impl != null) {
            out.string("implementation", "Implementation", impl);
        }
    }
}
