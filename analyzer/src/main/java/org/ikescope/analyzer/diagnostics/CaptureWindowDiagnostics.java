package org.ikescope.analyzer.diagnostics;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Step;

/**
 * What the capture's own start and end do to an exchange (see {@link Window}).
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><td>{@code capture.ends-mid-exchange}</td><td>the capture stops after a message, sooner than its
 *       sender would send it again: the exchange is unfinished, not failed</td></tr>
 *   <tr><td>{@code capture.starts-mid-exchange}</td><td>the first message seen is not one that begins an
 *       exchange (MM1, AM1, QM1, IKE_SA_INIT request; an informational or a new IKEv2 request)</td></tr>
 * </table>
 *
 * <p>The other built-in diagnoses draw no conclusion from a missing message when the capture ends
 * mid-exchange ({@link Window#endsMidExchange}).
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class CaptureWindowDiagnostics implements DiagnosticPlugin {
    /** Plugin id. */
    public static final String ID = "builtin.capture";

    /** Messages that begin an exchange of their own. */
    private static final Set<Step> BEGINNINGS = Set.of(Step.MM1, Step.AM1, Step.QM1, Step.IKE_SA_INIT_REQUEST,
            Step.INFORMATIONAL, Step.INFORMATIONAL_REQUEST, Step.CREATE_CHILD_SA_REQUEST);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "The capture's window: an exchange cut off by the end of the capture, or begun before it";
    }

    @Override
    public void analyze(ExchangeView x, FindingSink sink) {
        starts(x, sink);
        Window.cut(x).ifPresent(c -> ends(x, c, sink));
    }

    private static void ends(ExchangeView x, Window.Cut c, FindingSink sink) {
        MessageView m = c.last();
        String who = m.from().label() + " " + x.peer(m.from()).ip();
        String next = next(m.step());
        sink.report(Finding.of("capture.ends-mid-exchange", Severity.INFO, Confidence.CONFIRMED)
                .title("Capture ends " + c.after() + " after " + m.step().label() + ", before the " + m.from().label()
                        + " would send again (" + c.waits() + "): unfinished, not failed")
                .explanation("The " + who + " sent " + m.step().label() + " (frame " + m.frame() + ") and the"
                        + " capture stops " + c.after() + " later (" + c.afterNanos() / 1_000_000 + " ms). The "
                        + m.from().label() + " waits about " + c.waits() + " (" + c.basis() + ") before it sends a"
                        + " message again when no answer comes, so a lost or refused message could only show after"
                        + " that: this capture is too short to tell" + (next.isEmpty() ? "" : " whether " + next
                        + " would have followed") + ". The states shown (initiator " + state(x.initiatorState())
                        + ", responder " + state(x.responderState()) + ") are where the peers were when the"
                        + " capture stopped, and no failure is reported for them.")
                .evidence(m.frame())
                .remediation("Capture for longer: keep the capture running until the tunnel is up (show crypto"
                        + " isakmp sa: MM_ACTIVE, show crypto ipsec sa: encaps and decaps counting) or the peers"
                        + " give up, at least " + c.waits() + " after the last message; a capture rotated by"
                        + " tcpdump -C/-G continues in the next file: analyse the files together with --merge.")
                .build());
    }

    private static void starts(ExchangeView x, FindingSink sink) {
        if (x.messages().isEmpty() || x.version() == 0) {
            return;
        }
        MessageView first = x.messages().get(0);
        // A message of an unknown exchange type cannot be placed in an exchange.
        if (BEGINNINGS.contains(first.step()) || first.step() == Step.OTHER) {
            return;
        }
        OptionalLong captureStart = x.captureStartNanos();
        long before = captureStart.isPresent() ? first.timeNanos() - captureStart.getAsLong() : -1;
        String when = before < 0 ? "" : before < 1_000_000_000L
                ? " The capture itself begins " + Window.duration(before) + " before it: it was started in the"
                + " middle of the exchange."
                : " The capture had been running for " + Window.duration(before) + " by then, so the earlier"
                + " messages did not cross the capture point (another path, a capture filter) or were lost there.";
        sink.report(Finding.of("capture.starts-mid-exchange", Severity.INFO, Confidence.CONFIRMED)
                .title("Capture begins at " + first.step().label() + " (frame " + first.frame() + "): the start"
                        + " of this exchange is not in the capture")
                .explanation("The first message of this IKE SA in the capture is " + first.step().label() + " from"
                        + " the " + first.from().label() + " " + x.peer(first.from()).ip() + ", not the message"
                        + " that begins an exchange (" + beginning(x) + ")." + when + " What came before is"
                        + " unknown: roles, proposals and NAT-T announcements of the missing messages cannot be"
                        + " checked, and the states shown start from what the capture holds.")
                .evidence(first.frame())
                .remediation("Start the capture before the tunnel is negotiated (clear the SA to make it"
                        + " renegotiate: ASA clear crypto ikev1 sa <peer> or vpn-sessiondb logoff ipaddress"
                        + " <peer>; strongSwan ipsec down/up or swanctl --terminate/--initiate), or read the"
                        + " earlier capture file together with this one (--merge).")
                .build());
    }

    private static String beginning(ExchangeView x) {
        return x.version() == 2 ? "IKE_SA_INIT request" : "MM1, AM1 or QM1";
    }

    /** What the peers would send next after {@code step}, for people. */
    private static String next(Step step) {
        Optional<Step> n = switch (step) {
            case MM1 -> Optional.of(Step.MM2);
            case MM2 -> Optional.of(Step.MM3);
            case MM3 -> Optional.of(Step.MM4);
            case MM4 -> Optional.of(Step.MM5);
            case MM5 -> Optional.of(Step.MM6);
            case AM1 -> Optional.of(Step.AM2);
            case AM2 -> Optional.of(Step.AM3);
            case QM1 -> Optional.of(Step.QM2);
            case QM2 -> Optional.of(Step.QM3);
            case IKE_SA_INIT_REQUEST -> Optional.of(Step.IKE_SA_INIT_RESPONSE);
            case IKE_SA_INIT_RESPONSE -> Optional.of(Step.IKE_AUTH_REQUEST);
            case IKE_AUTH_REQUEST -> Optional.of(Step.IKE_AUTH_RESPONSE);
            default -> Optional.empty();
        };
        return n.map(Step::label).orElse("");
    }

    private static String state(Phase1State s) {
        return s == Phase1State.NONE ? "none" : s.name();
    }
}
