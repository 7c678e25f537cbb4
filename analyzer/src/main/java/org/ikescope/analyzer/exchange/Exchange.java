package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Suite;

/**
 * What a capture shows of one IKE SA: its peers, every message labelled, the suites offered and
 * chosen, the state each side reached in ASA terms ({@link AsaStateMachine}), its quick modes,
 * informational and transaction exchanges, ESP and ICMP evidence, timing. Made by
 * {@link ExchangeBuilder#freeze} when the {@link ExchangeTracker} emits the SA; immutable, except
 * that the tracker releases its messages' {@link ExchangeMessage#payloadBytes()} once the sink
 * returned. Values are typed (enums and registry codes); names are made by the output writers.
 *
 * @param id                     sequence number of this record in the analysis run (from 1)
 * @param continuationOf         {@code id} of the earlier record of the same SA this one continues
 *                               (after an idle emission), or 0
 * @param file                   the capture of its first message
 * @param closedBy               why it was emitted
 * @param version                IKE major version: 1 or 2 (0 for a record of ESP alone)
 * @param mode                   how phase 1 was done ({@link ExchangeMode#UNKNOWN}: not in the capture)
 * @param ispi                   initiator cookie (IKEv2: SPIi); 0 for an ESP-only record
 * @param rspi                   responder cookie from the responder's first answer; 0 when never seen
 * @param rolesInferred          which peer initiated is a guess (no first phase-1 message showed it)
 * @param startedAfterPhase1     the capture holds no phase-1 message of this SA
 * @param initiator              the initiator as captured
 * @param responder              the responder as captured
 * @param window                 the capture's first frame and the last frame read when this record was emitted
 * @param initiatorState         the ASA state the initiator reached ({@link Phase1State#NONE}: sent nothing)
 * @param responderState         likewise for the responder
 * @param stateInferred          a state rests on an inference the capture cannot confirm (see {@link #notes})
 * @param proposal               the suite the responder chose (its MM2/AM2/IKE_SA_INIT SA), or null
 * @param offered                every suite of the initiator's first SA payload
 * @param initiatorIdentity      the initiator's identity seen in clear (aggressive mode) or decrypted, or null
 * @param responderIdentity      likewise for the responder
 * @param messages               every message in capture order (phase 1, quick mode, informational...)
 * @param messagesDropped        messages beyond the per-exchange cap (counted, not listed)
 * @param notifications          notifications seen in clear text or decrypted
 * @param quickModes             quick modes by message ID, by first appearance
 * @param informational          informational exchanges
 * @param transactions           transaction (mode-config) exchanges
 * @param esp                    ESP per SPI and direction between the peers
 * @param icmpErrors             ICMP errors that quoted this SA's messages
 * @param incompleteFragmentSets IP and IKE fragment sets of this SA that never completed
 * @param natKeepalives          NAT-T keepalives between the peers while the record was open
 * @param natDetection           which side a NAT translates (never null)
 * @param ikeFragments           IKE fragments (payload 132) of this SA's messages
 * @param timeToEstablishedNanos from the first phase-1 message to the one that completed phase 1, or -1
 * @param scanner                the initiator behaved like a scanner (one first message, answered, no follow-up)
 * @param deleted                a Delete payload for the IKE SA was seen (clear text or decrypted)
 * @param decrypted              some encrypted message of this SA was decrypted
 * @param decryption             what decrypting its encrypted messages gave; null when there were none or no key material
 * @param notes                  short remarks for people (roles guessed, states inferred, scanner...)
 * @param findings               dissector diagnostics of its messages and, once diagnosed, the plugins' findings
 */
public record Exchange(long id, long continuationOf, String file, CloseReason closedBy, int version, ExchangeMode mode,
                       long ispi, long rspi, boolean rolesInferred, boolean startedAfterPhase1, Peer initiator,
                       Peer responder, long startNanos, long endNanos, CaptureWindow window, Phase1State initiatorState,
                       Phase1State responderState, boolean stateInferred, Suite proposal, List<Suite> offered,
                       Identity initiatorIdentity, Identity responderIdentity, List<ExchangeMessage> messages,
                       long messagesDropped, List<Notification> notifications, List<QuickMode> quickModes,
                       List<Informational> informational, List<Transaction> transactions, List<EspFlow> esp,
                       List<IcmpEvidence> icmpErrors, List<IncompleteFragmentSet> incompleteFragmentSets,
                       long natKeepalives, NatDetection natDetection, long ikeFragments, long timeToEstablishedNanos,
                       boolean scanner, boolean deleted, boolean decrypted, DecryptionSummary decryption,
                       List<String> notes, List<Finding> findings) {
    public Exchange {
        offered = List.copyOf(offered);
        messages = List.copyOf(messages);
        notifications = List.copyOf(notifications);
        quickModes = List.copyOf(quickModes);
        informational = List.copyOf(informational);
        transactions = List.copyOf(transactions);
        esp = List.copyOf(esp);
        icmpErrors = List.copyOf(icmpErrors);
        incompleteFragmentSets = List.copyOf(incompleteFragmentSets);
        notes = List.copyOf(notes);
        findings = List.copyOf(findings);
    }

    /** A copy with {@code more} appended to its findings (the diagnosis of this exchange). */
    public Exchange withFindings(List<Finding> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return withFindingList(all);
    }

    /** A copy with only the findings {@code keep} accepts ({@code this} when it accepts them all). */
    public Exchange keepFindings(java.util.function.Predicate<Finding> keep) {
        List<Finding> kept = findings.stream().filter(keep).toList();
        return kept.size() == findings.size() ? this : withFindingList(kept);
    }

    private Exchange withFindingList(List<Finding> list) {
        return new Exchange(id, continuationOf, file, closedBy, version, mode, ispi, rspi, rolesInferred,
                startedAfterPhase1, initiator, responder, startNanos, endNanos, window, initiatorState, responderState,
                stateInferred, proposal, offered, initiatorIdentity, responderIdentity, messages, messagesDropped,
                notifications, quickModes, informational, transactions, esp, icmpErrors, incompleteFragmentSets,
                natKeepalives, natDetection, ikeFragments, timeToEstablishedNanos, scanner, deleted, decrypted, decryption,
                notes, list);
    }

    public String ispiHex() {
        return IsakmpMessage.hex64(ispi);
    }

    public String rspiHex() {
        return IsakmpMessage.hex64(rspi);
    }

    /** The peer of {@code side}. */
    public Peer peer(Side side) {
        return side == Side.INITIATOR ? initiator : responder;
    }

    /** The state {@code side} reached. */
    public Phase1State state(Side side) {
        return side == Side.INITIATOR ? initiatorState : responderState;
    }

    /** True when the initiator reached MM_ACTIVE, AM_ACTIVE or (IKEv2) ESTABLISHED. */
    public boolean established() {
        return initiatorState.active();
    }

    /** The messages of {@code step}, retransmissions included. */
    public List<ExchangeMessage> messages(Step step) {
        return messages.stream().filter(m -> m.step() == step).toList();
    }

    /** The first copy of {@code step}, or null. */
    public ExchangeMessage first(Step step) {
        for (ExchangeMessage m : messages) {
            if (m.step() == step && !m.isRetransmission()) {
                return m;
            }
        }
        return null;
    }

    /** The messages {@code side} sent. */
    public List<ExchangeMessage> messagesFrom(Side side) {
        return messages.stream().filter(m -> m.from() == side).toList();
    }

    /** Retransmitted copies of {@code step} (0 when it was sent once or never). */
    public int retransmissions(Step step) {
        int n = 0;
        for (ExchangeMessage m : messages) {
            if (m.step() == step && m.isRetransmission()) {
                n++;
            }
        }
        return n;
    }

    /** Every frame of the record (messages, their fragments, incomplete fragment sets, ICMP errors), ascending. */
    public List<Long> frames() {
        List<Long> f = new ArrayList<>();
        for (ExchangeMessage m : messages) {
            f.add(m.frame());
            f.addAll(m.ipFragmentFrames());
            f.addAll(m.ikeFragmentFrames());
        }
        for (IcmpEvidence i : icmpErrors) {
            f.add(i.frame());
        }
        for (IncompleteFragmentSet s : incompleteFragmentSets) {
            f.addAll(s.frames());
        }
        return f.stream().sorted().distinct().toList();
    }

    @Override
    public String toString() {
        return "Exchange[" + id + " " + mode.label() + " " + ispiHex() + " " + (initiator == null ? "?" : initiator.ip())
                + " -> " + (responder == null ? "?" : responder.ip()) + " " + initiatorState + "/" + responderState + "]";
    }
}
