package org.ikescope.analyzer.exchange;

import java.util.Optional;
import org.ikescope.api.plugin.IcmpErrorView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;

/**
 * An ICMP error that quoted a datagram of this IKE SA: evidence of where it went.
 *
 * @param frame       frame of the ICMP error
 * @param type        ICMP type
 * @param code        ICMP code
 * @param ipv6        ICMPv6
 * @param quotedFrom  the side that sent the quoted message (the ICMP went back to it)
 * @param quotedFrame frame of the message it quoted, or 0 when none matched
 * @param quoted      the step of that message, or null
 */
public record IcmpEvidence(long frame, long timeNanos, int type, int code, boolean ipv6, Side quotedFrom,
                           long quotedFrame, Step quoted) implements IcmpErrorView {
    @Override
    public Optional<Step> quotedStep() {
        return Optional.ofNullable(quoted);
    }

    /** What the error says, for people ("port unreachable", "fragmentation needed"...). */
    public String description() {
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
