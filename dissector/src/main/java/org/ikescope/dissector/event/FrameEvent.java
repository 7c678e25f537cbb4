package org.ikescope.dissector.event;

import org.ikescope.dissector.model.Diagnostic;
import org.ikescope.dissector.model.Endpoint;

/**
 * A frame that is not an ISAKMP message but matters to the analysis: a NAT-T keepalive, or a
 * frame whose headers are damaged ({@code diagnostic} set).
 *
 * @param kind       {@code nat-keepalive} or {@code malformed}
 * @param src        sender when known (null when the IP header itself was damaged)
 * @param dst        receiver when known
 * @param diagnostic the problem, for {@code malformed}
 */
public record FrameEvent(String file, long frame, long timeNanos, String kind, Endpoint src, Endpoint dst,
                         Diagnostic diagnostic) {
    public static final String NAT_KEEPALIVE = "nat-keepalive";
    public static final String MALFORMED = "malformed";
}
