/**
 * ISAKMP: the zero-allocation payload cursor, the message record, every payload body decoder
 * (IKEv1 in full, IKEv2 cleartext), the suites of SA payloads as codes
 * ({@link org.ikescope.dissector.isakmp.Suite}) and the walk of decrypted bodies. The decoder
 * keeps no state between messages: what it needs from earlier ones of the same SA (the NAT-T
 * numbering, {@link org.ikescope.dissector.isakmp.NatTraversalNumbering}) comes with each call
 * from the SA's session.
 */
package org.ikescope.dissector.isakmp;
