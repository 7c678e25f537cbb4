/**
 * Cryptography the dissector needs, in one place: the mapping of IKE hash and PRF codes to JDK
 * algorithms ({@link org.ikescope.dissector.crypto.IkeHash}) and the NAT-D hash of RFC 3947
 * ({@link org.ikescope.dissector.crypto.NatDiscoveryHash}). Key derivation and decryption of
 * IKEv1 (RFC 2409) build on the same selection. Depends only on the protocol registries.
 */
package org.ikescope.dissector.crypto;
