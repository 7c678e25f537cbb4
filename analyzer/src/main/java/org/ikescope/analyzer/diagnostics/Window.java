package org.ikescope.analyzer.diagnostics;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.Ikev2NotifyType;

/**
 * The capture's window as evidence. A diagnosis that rests on something not happening (no answer,
 * no next message) needs a capture that went on long enough for it to happen: at least as long as
 * the peer waits before it sends its message again. A capture that stops sooner shows its own end,
 * not a failure ({@code capture.ends-mid-exchange}).
 *
 * <p>How long a peer waits: measured in the capture when that peer retransmitted something in the
 * exchange (the gap between a message's first copy and its first retransmission), else the
 * default of the implementation its vendor IDs name. The defaults, from each project's own
 * documents:
 * <ul>
 *   <li>strongSwan: {@code charon.retransmit_timeout} 4.0 s, growing by {@code retransmit_base}
 *       1.8 (strongSwan documentation, "Retransmission",
 *       docs.strongswan.org/docs/latest/config/retransmission.html: 4 s, 11 s, 24 s ...);</li>
 *   <li>libreswan: {@code retransmit-interval} 500 ms, doubled on each retransmission
 *       ({@code RETRANSMIT_INTERVAL_DEFAULT_MS} in libreswan's include/pluto_constants.h; ipsec.conf(5)
 *       retransmit-interval);</li>
 *   <li>Openswan and FreeS/WAN pluto: 10 s ({@code EVENT_RETRANSMIT_DELAY_0} in Openswan's
 *       include/pluto_constants.h);</li>
 *   <li>Cisco (ASA, IOS): Cisco's documents found here (the ASA IKEv1 debug TechNotes 113574 and
 *       113595, the syslog guide) state no IKEv1 retransmission timer. Public IOS debug output shows
 *       "retransmitting phase 1" 10 s after the first copy (itcertnotes.blogspot.com, "IPsec Stuck
 *       in MM_SA_SETUP and MM_NO_STATE", 2011): 10 s is used, as an observation, not a documented
 *       default.</li>
 * </ul>
 * A peer whose vendor IDs name none of these gets the longest of them (10 s): without knowing
 * the peer, a failure is claimed only when even the slowest of them would have retransmitted.
 */
final class Window {
    static final long STRONGSWAN_NANOS = 4_000_000_000L;
    static final long LIBRESWAN_NANOS = 500_000_000L;
    static final long OPENSWAN_NANOS = 10_000_000_000L;
    static final long CISCO_NANOS = 10_000_000_000L;
    static final long UNKNOWN_NANOS = 10_000_000_000L;

    private Window() {
    }

    /**
     * Where a capture stopped in the middle of an exchange.
     *
     * @param last       the exchange's last message, sent once (the capture ends after it)
     * @param afterNanos how long the capture went on after it
     * @param waitNanos  how long its sender waits before sending it again
     * @param basis      where {@code waitNanos} comes from, for people ("strongSwan's default")
     */
    record Cut(MessageView last, long afterNanos, long waitNanos, String basis) {
        /** "12 ms" / "2.5 s". */
        String after() {
            return duration(afterNanos);
        }

        String waits() {
            return duration(waitNanos);
        }
    }

    /**
     * The capture ends in the middle of {@code x}, too soon after its last message to tell whether
     * the exchange would have gone on: the exchange is unfinished (phase 1 not up, a quick mode not
     * done, IKEv2 not established), its last message is not a refusal (an informational or an error
     * notification, which says what happened on its own), it was sent once, and the capture went
     * on for less than its sender waits before it sends again. Empty when the capture's times are
     * not known.
     */
    static Optional<Cut> cut(ExchangeView x) {
        OptionalLong end = x.captureEndNanos();
        if (end.isEmpty() || x.messages().isEmpty() || !unfinished(x)) {
            return Optional.empty();
        }
        MessageView last = x.messages().get(x.messages().size() - 1);
        if (explicit(x, last) || last.isRetransmission()) {
            return Optional.empty();
        }
        long after = end.getAsLong() - last.timeNanos();
        long wait = waitNanos(x, last.from());
        if (after >= wait) {
            return Optional.empty();
        }
        return Optional.of(new Cut(last, Math.max(0, after), wait, basis(x, last.from())));
    }

    /** {@link #cut} is present: nothing that rests on a missing message may be concluded. */
    static boolean endsMidExchange(ExchangeView x) {
        return cut(x).isPresent();
    }

    /**
     * The capture went on for at least {@code side}'s retransmission wait after {@code nanos}
     * (true when the capture's end is not known: the analysis then assumes, as before 2.1, that
     * what is missing did not happen).
     */
    static boolean coveredAfter(ExchangeView x, Side side, long nanos) {
        OptionalLong end = x.captureEndNanos();
        return end.isEmpty() || end.getAsLong() - nanos >= waitNanos(x, side);
    }

    /** Phase 1 not up, a quick mode not done, or (IKEv2) not established. */
    static boolean unfinished(ExchangeView x) {
        if (x.version() == 2) {
            return !x.phase1Complete();
        }
        if (x.version() != 1) {
            return false;
        }
        boolean phaseOneSeen = false;
        for (MessageView m : x.messages()) {
            phaseOneSeen |= m.step().phase1();
        }
        if (phaseOneSeen && !x.phase1Complete()) {
            return true;
        }
        for (QuickModeView q : x.quickModes()) {
            if (q.state() != QuickModeState.QM_DONE) {
                return true;
            }
        }
        return false;
    }

    /** A message that says by itself how the exchange ended: an informational, or an error notification. */
    private static boolean explicit(ExchangeView x, MessageView m) {
        if (m.step() == Step.INFORMATIONAL || m.step() == Step.INFORMATIONAL_REQUEST
                || m.step() == Step.INFORMATIONAL_RESPONSE) {
            return true;
        }
        for (NotificationView n : x.notifications()) {
            if (n.frame() == m.frame() && n.error() && !retryAsked(n)) {
                return true;
            }
        }
        return false;
    }

    /** IKEv2 answers that ask the initiator to try again rather than end the exchange. */
    private static boolean retryAsked(NotificationView n) {
        return n.ikev2() && (n.type() == Ikev2NotifyType.INVALID_KE_PAYLOAD.code()
                || n.type() == Ikev2NotifyType.COOKIE.code());
    }

    /**
     * How long {@code side} waits before it retransmits: the first gap it showed in this exchange,
     * else its implementation's default (see the class comment).
     */
    static long waitNanos(ExchangeView x, Side side) {
        OptionalLong measured = measured(x, side);
        return measured.isPresent() ? measured.getAsLong() : defaultNanos(x.peer(side).implementation());
    }

    private static String basis(ExchangeView x, Side side) {
        OptionalLong measured = measured(x, side);
        if (measured.isPresent()) {
            return "as it did earlier in this exchange";
        }
        String impl = x.peer(side).implementation();
        String name = implementationName(impl);
        return name == null ? "the longest default of the implementations ikescope knows"
                : name + "'s default" + (impl.toLowerCase(Locale.ROOT).contains("cisco") ? " as observed" : "");
    }

    /** The first gap between a message of {@code side} and its first retransmission in {@code x}. */
    private static OptionalLong measured(ExchangeView x, Side side) {
        for (MessageView m : x.messages(side)) {
            if (m.isRetransmission()) {
                for (MessageView o : x.messages(side)) {
                    if (o.frame() == m.retransmissionOf()) {
                        return OptionalLong.of(Math.max(0, m.timeNanos() - o.timeNanos()));
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    static long defaultNanos(String implementation) {
        String i = implementation == null ? "" : implementation.toLowerCase(Locale.ROOT);
        if (i.contains("strongswan")) {
            return STRONGSWAN_NANOS;
        }
        if (i.contains("libreswan")) {
            return LIBRESWAN_NANOS;
        }
        if (i.contains("openswan") || i.contains("freeswan")) {
            return OPENSWAN_NANOS;
        }
        if (i.contains("cisco")) {
            return CISCO_NANOS;
        }
        return UNKNOWN_NANOS;
    }

    private static String implementationName(String implementation) {
        String i = implementation == null ? "" : implementation.toLowerCase(Locale.ROOT);
        if (i.contains("strongswan")) {
            return "strongSwan";
        }
        if (i.contains("libreswan")) {
            return "libreswan";
        }
        if (i.contains("openswan") || i.contains("freeswan")) {
            return "Openswan";
        }
        if (i.contains("cisco")) {
            return "Cisco";
        }
        return null;
    }

    /** "0 ms", "12 ms", "2.5 s". */
    static String duration(long nanos) {
        if (nanos < 1_000_000_000L) {
            return (nanos / 1_000_000) + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
