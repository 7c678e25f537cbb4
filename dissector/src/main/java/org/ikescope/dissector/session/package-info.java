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
 */
package org.ikescope.dissector.session;
