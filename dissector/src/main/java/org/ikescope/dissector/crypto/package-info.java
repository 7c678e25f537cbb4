/**
 * Cryptography the dissector needs, in one place: the mapping of IKE hash and PRF codes to JDK
 * algorithms ({@link org.ikescope.dissector.crypto.IkeHash}), the NAT-D hash of RFC 3947
 * ({@link org.ikescope.dissector.crypto.NatDiscoveryHash}), and the primitives of IKEv1 decryption
 * (RFC 2409): the default PRF ({@link org.ikescope.dissector.crypto.Prf}), the phase-1 CBC
 * ciphers ({@link org.ikescope.dissector.crypto.IkeCipher}), Diffie-Hellman of the MODP and ECP
 * groups ({@link org.ikescope.dissector.crypto.DiffieHellman}), the phase-1 keys
 * ({@link org.ikescope.dissector.crypto.Phase1Keys}) and the IVs, key expansion and HASH_I/HASH_R
 * of a phase-1 suite ({@link org.ikescope.dissector.crypto.Phase1Crypto}), and the test of a
 * pre-shared key against an aggressive-mode HASH in the clear
 * ({@link org.ikescope.dissector.crypto.PskHash}). No state across messages
 * lives here (IV chains belong to the session's key slot). Depends on the protocol registries,
 * {@code isakmp.Suite}, the JCE, and BouncyCastle for CAST-128, Camellia and the ECP groups; an
 * unsupported code throws {@link org.ikescope.dissector.crypto.UnsupportedAlgorithmException}.
 */
package org.ikescope.dissector.crypto;
