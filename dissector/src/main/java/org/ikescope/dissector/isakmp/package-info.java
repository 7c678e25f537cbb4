/** ISAKMP: the zero-allocation payload cursor, the message record, every payload body decoder (IKEv1 in full, IKEv2 cleartext), the per-SA decoding context (NAT-T numbering, IKE fragments) and the walk of decrypted bodies. */
package org.ikescope.dissector.isakmp;
