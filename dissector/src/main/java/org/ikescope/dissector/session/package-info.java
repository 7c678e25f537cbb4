/**
 * Per-SA sessions: what the dissector knows of one IKE SA across its messages, as Wireshark keeps
 * its decryption state per SA. A {@link org.ikescope.dissector.session.SaSession} is keyed by the
 * initiator cookie and the initiator's address ({@link org.ikescope.dissector.session.SaKey}) and
 * owns the roles (decided once, from the first message seen), both cookies, the offered and
 * chosen suites, each side's KE and nonce, the NAT-T numbering, the IKE fragments waiting for
 * their set ({@link org.ikescope.dissector.session.IkeFragments}) and the slot for keys and IV
 * chains ({@link org.ikescope.dissector.session.SaKeys}).
 * {@link org.ikescope.dissector.session.SaSessions} bounds them (a count cap, an idle timeout,
 * tombstones for roles). The analyzer reads roles from here instead of deciding them again.
 * What a pipeline does with the user's key material lives here too
 * ({@link org.ikescope.dissector.session.KeyedSessions}): decryption
 * ({@link org.ikescope.dissector.session.Ikev1Decryptor}), the check of pre-shared keys against
 * aggressive mode's HASHes in the clear ({@link org.ikescope.dissector.session.AggressivePskChecker}),
 * and the wordlist search after the capture ({@link org.ikescope.dissector.session.PskWordlistSearch}).
 */
package org.ikescope.dissector.session;
