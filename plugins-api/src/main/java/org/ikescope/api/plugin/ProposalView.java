package org.ikescope.api.plugin;

import java.util.List;

/**
 * Read-only view of one choosable suite of an SA payload: for IKEv1 one transform of one
 * proposal (a complete set of attributes), for IKEv2 one proposal (its first transform of each
 * type). Codes are those of the version's registries (IKEv1: {@code IkeEncryptionAlgorithm},
 * {@code IkeHashAlgorithm}, {@code AuthMethod}, {@code DhGroup}; IKEv2: the {@code Ikev2*} ones);
 * 0 means absent.
 */
public interface ProposalView {
    /** True for an IKEv2 proposal (codes from the IKEv2 registries). */
    boolean ikev2();

    /** Proposal number. */
    int proposalNumber();

    /** Transform number within the proposal (IKEv1), or 0. */
    int transformNumber();

    /** Protocol ID (1 ISAKMP/IKE, 2 AH, 3 ESP). */
    int protocolId();

    /** The SPI of the proposal (empty in IKEv1 phase 1). */
    ImmutableBytes spi();

    /** Transform ID (IKEv1: KEY_IKE, ESP_AES, ...; IKEv2: the ENCR transform's id). */
    int transformId();

    /** Encryption algorithm code (IKEv1 phase 1 attribute 1; phase 2 the ESP transform ID), or 0. */
    int encryption();

    /** Name of {@link #encryption()} ({@code AES-CBC}, {@code 3DES-CBC}, ...), or empty. */
    String encryptionName();

    /** Key length in bits, or 0 when the algorithm's is fixed. */
    int keyLength();

    /** Hash algorithm (IKEv1 phase 1), authentication algorithm (phase 2) or IKEv2 integrity, or 0. */
    int hash();

    /** Name of {@link #hash()} ({@code SHA}, {@code SHA2-256}, ...), or empty. */
    String hashName();

    /** IKEv1 authentication method (1 PSK, 3 RSA signatures, 65001+ XAUTH...), or 0. */
    int authMethod();

    /** Name of {@link #authMethod()} ({@code Pre-shared key}, ...), or empty. */
    String authMethodName();

    /** Diffie-Hellman group number (phase 2: the PFS group), or 0. */
    int group();

    /** Lifetime in seconds, or 0 when not given. */
    long lifetimeSeconds();

    /** Lifetime in kilobytes, or 0 when not given. */
    long lifetimeKilobytes();

    /** Every attribute as on the wire (IKEv1), in order. */
    List<AttributeView> attributes();
}
