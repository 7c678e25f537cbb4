/**
 * Key material the user supplies, and where it is read from: pre-shared keys, Diffie-Hellman
 * secrets and private values, SKEYID_e and encryption keys per IKE SA ({@link
 * org.ikescope.dissector.keys.KeyMaterial}). Every secret is a {@link
 * org.ikescope.dissector.keys.Secret}, whose {@code toString} names its source, never its value.
 */
package org.ikescope.dissector.keys;
