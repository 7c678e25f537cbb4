package org.ikescope.api.protocol;

/**
 * One constant of a registry enum of this package: a number that an IKEv1/ISAKMP or IKEv2 message
 * carries, with the document that assigns it and a human label.
 *
 * <p>Every registry enum implements this interface and, in addition, has the static lookups
 * {@code of(int)} (the constant for a code, or the enum's {@code UNKNOWN} sentinel, code -1;
 * never throws, never allocates) and {@code nameOf(int)} (the {@link #wireName()} of a known code,
 * else the name of the range the code falls in; never throws, never allocates). The interface is
 * sealed: code outside this package reads registry values but does not define new ones.
 */
public sealed interface RegistryValue
        permits AhTransformId, AuthMethod, CertEncoding, ConfigAttributeType, ConfigMessageType, DhGroup,
                Doi, EncapsulationMode, EspTransformId, ExchangeType, GroupType, IdType, IkeAttributeType,
                IkeEncryptionAlgorithm, IkeHashAlgorithm, Ikev2AuthMethod, Ikev2EncryptionAlgorithm,
                Ikev2IdType, Ikev2IntegrityAlgorithm, Ikev2NotifyType, Ikev2PrfAlgorithm, Ikev2ProtocolId,
                Ikev2TransformAttributeType, Ikev2TransformType, Ikev2TsType, IpcompTransformId,
                IpsecAttributeType, IpsecAuthAlgorithm, IsakmpTransformId, LifeType, NotifyType, PayloadType,
                ProtocolId {

    /**
     * The row of the registry this constant stands for.
     *
     * @param code the numeric code as carried on the wire, -1 for the {@code UNKNOWN} sentinel
     * @param reference the document that assigns the code (for example {@code "RFC 2408"}), empty for
     *     {@code UNKNOWN}
     * @param label a human, tshark-like label for the code
     */
    record Entry(int code, String reference, String label) {
    }

    /**
     * The registry row of this constant, created once when the enum is initialised.
     *
     * @return the entry, never null
     */
    Entry entry();

    /**
     * The constant's name as declared (the IANA name written UPPER_SNAKE); implemented by
     * {@link Enum#name()}.
     *
     * @return the constant name
     */
    String name();

    /**
     * The numeric code as carried on the wire.
     *
     * @return the registry code, or -1 for the {@code UNKNOWN} sentinel
     */
    default int code() {
        return entry().code();
    }

    /**
     * The document that assigns this code (for example {@code "RFC 2408"}).
     *
     * @return the reference, empty for the {@code UNKNOWN} sentinel
     */
    default String reference() {
        return entry().reference();
    }

    /**
     * A human, tshark-like label for this code.
     *
     * @return the label, never null
     */
    default String label() {
        return entry().label();
    }

    /**
     * The name the enum's static {@code nameOf(int)} returns for this constant's code (used as the
     * JSON name). For <em>type</em> registries this is the constant {@link #name()}; attribute-value
     * registries return the {@link #label()} instead.
     *
     * @return the wire name, never null
     */
    default String wireName() {
        return name();
    }
}
