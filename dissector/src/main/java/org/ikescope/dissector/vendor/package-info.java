/**
 * Identification of ISAKMP/IKE Vendor ID payloads.
 *
 * <p>{@link org.ikescope.dissector.vendor.VendorIdCatalog} maps Vendor ID payload bodies to
 * labelled, sourced entries (exact values and fixed prefixes followed by version or capability
 * bytes). Entries carry flags the analyzer relies on: the NAT-Traversal flavour a peer announces
 * ({@code natt-rfc}, {@code natt-draft-NN} and the NAT-D payload number {@code natd=N} that flavour
 * uses), {@code dpd}, {@code xauth}, {@code unity}, {@code frag}, and {@code impl=NAME} when the
 * value reveals the implementation. The built-in data lives in the resource
 * {@code vendor-ids.tsv} next to the class, collected from RFCs and drafts, Wireshark's
 * packet-isakmp.c vendor table, ike-scan's ike-vendor-ids, strongSwan and libreswan.
 *
 * <p>This package depends on nothing but the JDK and Guava.
 */
package org.ikescope.dissector.vendor;
