package org.ikescope.analyzer.exchange;

/**
 * One phase-1 transform: offered by the initiator, or chosen by the responder. Names follow the
 * IANA registries ({@code AES-CBC}, {@code 3DES-CBC}; hash {@code SHA1}, {@code SHA2-256},
 * {@code MD5}; auth {@code PSK}, {@code RSA_SIG}...). Absent attributes are null / -1. Beside the
 * names, the registry codes they were made from (an unassigned code is named by its range, so the
 * name alone loses the number).
 *
 * @param proposal          proposal number
 * @param transform         transform number
 * @param encryption        encryption algorithm name
 * @param keyLength         key length in bits, or -1 when not sent
 * @param hash              hash algorithm (IKEv2: integrity algorithm)
 * @param prf               IKEv2 PRF, or null (IKEv1: the PRF attribute when present)
 * @param auth              authentication method (IKEv1), or null
 * @param group             Diffie-Hellman group number, or -1
 * @param groupName         short group name ({@code MODP2048}), or null
 * @param lifetimeSeconds   life duration in seconds, or -1
 * @param lifetimeKilobytes life duration in kilobytes, or -1
 * @param encryptionId      code of {@code encryption} (IKEv1 Encryption Algorithm, IKEv2 ENCR transform ID), or -1
 * @param hashId            code of {@code hash} (IKEv1 Hash Algorithm, IKEv2 INTEG transform ID), or -1
 * @param prfId             code of {@code prf} (IKEv2 PRF transform ID, IKEv1 PRF attribute), or -1
 * @param authId            code of {@code auth} (IKEv1 Authentication Method), or -1
 */
public record ProposalSummary(int proposal, int transform, String encryption, int keyLength, String hash, String prf,
                              String auth, int group, String groupName, long lifetimeSeconds, long lifetimeKilobytes,
                              int encryptionId, int hashId, int prfId, int authId) {
}
