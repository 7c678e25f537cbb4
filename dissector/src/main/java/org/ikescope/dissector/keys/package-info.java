/**
 * Key material the user supplies, and where it is read from: pre-shared keys, Diffie-Hellman
 * secrets and private values, SKEYID_e and encryption keys per IKE SA ({@link
 * org.ikescope.dissector.keys.KeyMaterial}). Every secret is a {@link
 * org.ikescope.dissector.keys.Secret}, whose {@code toString} names its source, never its value.
 * {@link org.ikescope.dissector.keys.KeyFiles} reads key files, whose format it recognises from
 * the content: ikescope's key statements, Wireshark's and strongSwan {@code save-keys}' decryption
 * tables, charon logs (libreswan's pluto logs are recognised and hold no keys); {@link
 * org.ikescope.dissector.keys.KeyText} is how keys are written as text, in files and on the
 * command line alike; {@link org.ikescope.dissector.keys.PskWordlist} streams a wordlist of
 * pre-shared key candidates. No message or warning shows a value: they name the file and line or the
 * option and position.
 */
package org.ikescope.dissector.keys;
