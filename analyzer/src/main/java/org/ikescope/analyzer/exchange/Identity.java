package org.ikescope.analyzer.exchange;

/**
 * An identity seen in clear (aggressive mode) or decrypted.
 *
 * @param type  {@code ID_IPV4_ADDR}, {@code ID_FQDN}...
 * @param value the identity as text (addresses formatted, names as sent, other types in hex)
 * @param frame the message that carried it
 */
public record Identity(String type, String value, long frame) {
}
