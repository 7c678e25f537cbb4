package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;

/**
 * An ICMP error that quoted a message of this SA: the network said the message did not arrive.
 *
 * @param frame       frame of the ICMP error
 * @param timeNanos   its time
 * @param icmpType    ICMP (or ICMPv6) type
 * @param icmpCode    code
 * @param ipv6        ICMPv6
 * @param description e.g. {@code port unreachable}
 * @param about       who sent the quoted message
 * @param quotedFrame the frame of the quoted message when found among the SA's messages, else 0
 * @param quotedStep  its label, or null
 * @param quoted      its step ({@link Step#OTHER} when the label names another exchange type), or null
 */
public record IcmpEvidence(long frame, long timeNanos, int icmpType, int icmpCode, boolean ipv6, String description,
                           Side about, long quotedFrame, String quotedStep, Step quoted) {

    /** A name for an ICMP error, e.g. {@code port unreachable}. */
    public static String describe(boolean ipv6, int type, int code) {
        if (ipv6) {
            return switch (type) {
                case 1 -> switch (code) {
                    case 0 -> "no route to destination";
                    case 1 -> "administratively prohibited";
                    case 3 -> "address unreachable";
                    case 4 -> "port unreachable";
                    default -> "destination unreachable (code " + code + ")";
                };
                case 2 -> "packet too big";
                case 3 -> "time exceeded";
                case 4 -> "parameter problem";
                default -> "ICMPv6 type " + type + " code " + code;
            };
        }
        return switch (type) {
            case 3 -> switch (code) {
                case 0 -> "network unreachable";
                case 1 -> "host unreachable";
                case 3 -> "port unreachable";
                case 4 -> "fragmentation needed";
                case 9, 10, 13 -> "administratively prohibited";
                default -> "destination unreachable (code " + code + ")";
            };
            case 11 -> "time exceeded";
            case 12 -> "parameter problem";
            default -> "ICMP type " + type + " code " + code;
        };
    }
}
