/**
 * What the dissection pipeline reports, in capture order, to a
 * {@link org.ikescope.dissector.event.DissectionListener}: ISAKMP messages (with the per-SA
 * session they belong to and the side that sent them), ESP packets, NAT-T keepalives and damaged
 * frames, and fragment sets that never completed; and the frame accounting
 * ({@link org.ikescope.dissector.event.CaptureStats}).
 */
package org.ikescope.dissector.event;
