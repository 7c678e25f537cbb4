/**
 * Captures written back out for a support case: {@link org.ikescope.dissector.export.PcapWriter}
 * (classic pcap, nanosecond timestamps) and {@link org.ikescope.dissector.export.Anonymizer}
 * (addresses mapped prefix-preserving, identities and certificates replaced, NAT-D hashes that
 * matched recomputed so that the capture still analyses the same).
 */
package org.ikescope.dissector.export;
