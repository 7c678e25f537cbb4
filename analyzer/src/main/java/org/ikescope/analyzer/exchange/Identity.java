package org.ikescope.analyzer.exchange;

/**
 * An identity seen in clear (aggressive mode) or decrypted.
 *
 * @param type     {@code ID_IPV4_ADDR}, {@code ID_FQDN}...
 * @param value    the identity as text (addresses formatted, names as sent, other types in hex)
 * @param frame    the message that carried it
 * @param typeCode the ID type code {@code type} names (IKEv1 or IKEv2 registry, as the message's version)
 */
public record Identity(String type, String value, long frame, int typeCode) {
}
