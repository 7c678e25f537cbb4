package org.ikescope.api.plugin;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read-only view of one IKE SA's exchange as the analyzer reconstructed it from a capture: its
 * peers, the state each side reached (in Cisco ASA terms), the proposals, every message, and
 * what is tied to it (quick modes, informational exchanges, ESP counters, ICMP errors,
 * fragments). All lists are immutable and never null; absent values are {@code null} only where
 * a method says so, otherwise empty {@link Optional}s or empty lists.
 *
 * <p>Remember that a capture shows what crossed the capture point, not what a device accepted.
 */
public interface ExchangeView {
    /** The capture file this exchange was read from (with {@code --merge}: of its first message). */
    String file();

    /** Initiator cookie (IKEv2: SPIi), 16 lower-case hex digits. */
    String ispi();

    /** Responder cookie (IKEv2: SPIr), 16 lower-case hex digits; all zeros when never answered. */
    String rspi();

    /** IKE major version: 1 or 2 (0 for a record of ESP alone, whose SA was set up before the capture). */
    int version();

    /** How phase 1 was done; {@link ExchangeMode#UNKNOWN} when it is not in the capture (see {@link #startedBeforeCapture()}). */
    ExchangeMode mode();

    /** The initiator: the peer that sent the first message. */
    PeerView initiator();

    /** The responder. */
    PeerView responder();

    /** {@link #initiator()} or {@link #responder()}. */
    default PeerView peer(Side side) {
        return side == Side.INITIATOR ? initiator() : responder();
    }

    /**
     * The initiator's phase-1 state as the ASA names it ({@code MM_WAIT_MSG2}, {@code MM_WAIT_MSG4},
     * {@code MM_WAIT_MSG6}, {@code MM_ACTIVE}, {@code AM_WAIT_MSG2}, {@code AM_ACTIVE}; IKEv2
     * {@code ESTABLISHED} or the last exchange reached); {@link Phase1State#NONE} when it sent
     * nothing. Never null.
     */
    Phase1State initiatorState();

    /**
     * The responder's phase-1 state ({@code MM_WAIT_MSG3}, {@code MM_WAIT_MSG5}, {@code MM_ACTIVE},
     * {@code MM_NO_STATE}, {@code AM_WAIT_MSG3}, {@code AM_ACTIVE}, ...); {@link Phase1State#NONE}
     * when it sent nothing. Never null.
     */
    Phase1State responderState();

    /** {@link #initiatorState()} or {@link #responderState()}. */
    default Phase1State state(Side side) {
        return side == Side.INITIATOR ? initiatorState() : responderState();
    }

    /** True when the phase-1 state of either side is active ({@link Phase1State#active()}). */
    default boolean phase1Complete() {
        return initiatorState().active() || responderState().active();
    }

    /**
     * True when a state rests on an inference the capture cannot confirm (an IKEv2 ESTABLISHED
     * read from an encrypted IKE_AUTH response, an MM5/MM6 seen only as lost fragments).
     */
    boolean stateInferred();

    /** The phase-1 proposal the responder chose (its MM2/AM2 SA), when seen. */
    Optional<ProposalView> chosenProposal();

    /** Every phase-1 proposal (IKEv1: every transform) the initiator offered, in wire order. */
    List<ProposalView> offeredProposals();

    /** The initiator's identity, when seen in clear (aggressive mode) or decrypted. */
    Optional<IdentityView> initiatorIdentity();

    /** The responder's identity, when seen in clear or decrypted. */
    Optional<IdentityView> responderIdentity();

    /**
     * Every message of this IKE SA in capture order: phase 1, then (interleaved as they happened)
     * quick modes, informational and transaction exchanges. Retransmissions are included and
     * marked; SPAN duplicates and ICMP-quoted copies are not.
     */
    List<MessageView> messages();

    /** The messages sent by one side, in capture order. */
    default List<MessageView> messages(Side from) {
        return messages().stream().filter(m -> m.from() == from).toList();
    }

    /** Every notification seen in this exchange, cleartext or (when decrypted) encrypted. */
    List<NotificationView> notifications();

    /** Quick-mode exchanges (phase 2) under this IKE SA, by first appearance. */
    List<QuickModeView> quickModes();

    /** Informational exchanges under this IKE SA (delete, notify, DPD), by first appearance. */
    List<InformationalView> informationals();

    /** ESP traffic of the peer pair, per SPI and direction. */
    List<EspView> esp();

    /** ICMP errors that quote a message of this exchange. */
    List<IcmpErrorView> icmpErrors();

    /** IP or IKE fragment sets of this exchange's datagrams that never completed. */
    List<FragmentSetView> incompleteFragmentSets();

    /** What the exchange shows of NAT and NAT traversal. */
    NatView nat();

    /** Capture time of the first message, nanoseconds since the epoch. */
    long startNanos();

    /** Capture time of the last message, nanoseconds since the epoch. */
    long endNanos();

    /**
     * Capture time of the first frame of the capture this exchange was read from (the file, or
     * all files with {@code --merge}), nanoseconds since the epoch. Every frame counts, not only
     * IKE. Empty when the capture's timestamps say nothing (several frames, all with one
     * timestamp) or the exchange did not come from a capture. With {@link #startNanos()} it tells
     * whether the capture began in the middle of this exchange.
     *
     * @since 2.1
     */
    default OptionalLong captureStartNanos() {
        return OptionalLong.empty();
    }

    /**
     * Capture time of the last frame read before this exchange was finished, nanoseconds since
     * the epoch: the end of the capture for an exchange still open there; for one finished earlier
     * (idle timeout, deletion), a later frame. Every frame counts (ARP, other traffic). Empty as
     * for {@link #captureStartNanos()}. With {@link #endNanos()} it tells how long the capture went
     * on after the last message: a capture that stops sooner than a peer would retransmit shows no
     * failure, only its own end.
     *
     * @since 2.1
     */
    default OptionalLong captureEndNanos() {
        return OptionalLong.empty();
    }

    /** From the first message to the one that completed phase 1 (MM6, AM3, ...), when it did. */
    OptionalLong timeToActiveNanos();

    /**
     * True when the capture begins after this SA's phase 1 (only quick mode, informational or ESP
     * of it were seen): its states say nothing about a failure.
     */
    boolean startedBeforeCapture();

    /** True when key material was available and some encrypted message of this SA was decrypted. */
    boolean decrypted();

    /**
     * What decrypting this SA's encrypted messages gave; empty when it has none or no key
     * material was given for the run.
     *
     * @since 2.1
     */
    default Optional<DecryptionView> decryption() {
        return Optional.empty();
    }

    /**
     * The dissector's diagnostics for this exchange's messages, as findings with
     * {@link Finding#source()} {@code dissector} and {@link Finding#offset()} set.
     */
    List<Finding> diagnostics();
}
