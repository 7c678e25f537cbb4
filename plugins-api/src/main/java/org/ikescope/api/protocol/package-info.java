/**
 * The protocol vocabulary shared by every layer of ikescope: one enum per IANA registry (or
 * de-facto vendor registry) that an IKEv1/ISAKMP or IKEv2 message refers to by number.
 *
 * <p>The dissector, the analyzer and diagnostic plugins all name payloads, exchanges,
 * notifications, identities, transforms and attributes through these types, so that a code is
 * spelled the same way in the tree, in summaries and in JSON output. Sources: RFC 2407 (IPsec DOI),
 * RFC 2408 (ISAKMP), RFC 2409 (IKE), RFC 3706 (DPD), RFC 3947 (NAT-T), RFC 7296 (IKEv2), the IANA
 * "Internet Key Exchange (IKE) Attributes", "Magic Numbers for ISAKMP Protocol" and "IKEv2
 * Parameters" registries, draft-dukes-ike-mode-cfg, draft-beaulieu-ike-xauth and Cisco Unity.
 *
 * <p>Every enum has the same shape:
 * <ul>
 *   <li>it implements {@link org.ikescope.api.protocol.RegistryValue}: {@code code()},
 *       {@code reference()} and {@code label()} (a human, tshark-like label);</li>
 *   <li>{@code wireName()}, the name used in JSON: the constant name for <em>type</em> registries
 *       (payload, exchange, notify, ID, protocol, transform and attribute types), the label for
 *       attribute-<em>value</em> registries (encryption and hash algorithms, authentication
 *       methods, groups, life types, encapsulation modes, IPsec authentication algorithms);</li>
 *   <li>{@code static of(int)}, a precomputed lookup that never throws or allocates and returns the
 *       {@code UNKNOWN} constant (code -1) for unassigned codes;</li>
 *   <li>{@code static nameOf(int)}, the wire name of a known code or the name of the range an
 *       unknown code falls in ({@code "RESERVED"}, {@code "UNASSIGNED"}, {@code "PRIVATE_USE"}, ...,
 *       or {@code "INVALID"} for a value wider than the wire field). It never throws.</li>
 * </ul>
 *
 * <p>This package depends on nothing but the JDK.
 */
package org.ikescope.api.protocol;
