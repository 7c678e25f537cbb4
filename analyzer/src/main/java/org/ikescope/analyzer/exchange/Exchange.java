package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * What a capture shows of one IKE SA: its peers, every message labelled, the proposal chosen, the
 * state each side reached in ASA terms, its quick modes, informational exchanges, ESP and ICMP
 * evidence, timing. Built by {@link ExchangeTracker} and immutable once emitted, except that the
 * tracker drops its messages' {@link ExchangeMessage#payloadBytes()} once the sink returned.
 *
 * <h2>States</h2>
 * Decided by the last phase-1 message each side sent: a side that accepted what it received
 * answers with the next message, so what it sent last shows how far it got. A capture shows what
 * crossed the capture point, not what a device accepted.
 * <ul>
 *   <li>main mode initiator: sent MM1 {@code MM_WAIT_MSG2} (also when MM2 came but no MM3
 *       followed), MM3 {@code MM_WAIT_MSG4}, MM5 {@code MM_WAIT_MSG6}; {@code MM_ACTIVE} once the
 *       responder's MM6 is seen;</li>
 *   <li>main mode responder: sent MM2 {@code MM_WAIT_MSG3}, MM4 {@code MM_WAIT_MSG5} (also when it
 *       answered MM5 with a notification), MM6 {@code MM_ACTIVE}; answered MM1 only with a
 *       notification {@code MM_NO_STATE}; sent nothing: null;</li>
 *   <li>aggressive mode: {@code AM_WAIT_MSG2} (initiator sent AM1, no AM3), {@code AM_WAIT_MSG3}
 *       (responder sent AM2, no AM3 seen), {@code AM_ACTIVE} (AM3 seen) for both;</li>
 *   <li>IKEv2: {@code ESTABLISHED} once an IKE_AUTH response is seen (inferred: its content is
 *       encrypted, see {@link #stateInferred()}), otherwise the last exchange reached
 *       ({@code IKE_SA_INIT}, {@code IKE_AUTH}); a responder that answered IKE_SA_INIT without an SA
 *       payload (a notification only) is {@code NO_STATE};</li>
 *   <li>a capture that starts after phase 1: mode {@code unknown}, {@link #startedAfterPhase1()}
 *       true and both states null (unless carried over from the record this one continues).</li>
 * </ul>
 */
public final class Exchange {
    long id;
    long continuationOf;
    String file;
    int version;
    String mode;
    boolean startedAfterPhase1;
    boolean rolesInferred;
    long ispi;
    long rspi;
    Peer initiator;
    Peer responder;
    long startNanos;
    long endNanos;
    String initiatorState;
    String responderState;
    boolean stateInferred;
    ProposalSummary proposal;
    List<ProposalSummary> offered = List.of();
    Identity initiatorIdentity;
    Identity responderIdentity;
    List<ExchangeMessage> messages = List.of();
    long messagesDropped;
    List<Notification> notifications = List.of();
    List<QuickMode> quickModes = List.of();
    List<Informational> informational = List.of();
    List<Transaction> transactions = List.of();
    List<EspFlow> esp = List.of();
    List<IcmpEvidence> icmpErrors = List.of();
    List<IncompleteFragmentSet> incompleteFragmentSets = List.of();
    long natKeepalives;
    NatDetection natDetection = NatDetection.NONE;
    long ikeFragments;
    long timeToEstablishedNanos = -1;
    boolean scanner;
    boolean deleted;
    String closedBy;
    List<String> notes = List.of();
    List<Finding> findings = List.of();

    Exchange() {
    }

    private Exchange copy() {
        Exchange e = new Exchange();
        e.id = id;
        e.continuationOf = continuationOf;
        e.file = file;
        e.version = version;
        e.mode = mode;
        e.startedAfterPhase1 = startedAfterPhase1;
        e.rolesInferred = rolesInferred;
        e.ispi = ispi;
        e.rspi = rspi;
        e.initiator = initiator;
        e.responder = responder;
        e.startNanos = startNanos;
        e.endNanos = endNanos;
        e.initiatorState = initiatorState;
        e.responderState = responderState;
        e.stateInferred = stateInferred;
        e.proposal = proposal;
        e.offered = offered;
        e.initiatorIdentity = initiatorIdentity;
        e.responderIdentity = responderIdentity;
        e.messages = messages;
        e.messagesDropped = messagesDropped;
        e.notifications = notifications;
        e.quickModes = quickModes;
        e.informational = informational;
        e.transactions = transactions;
        e.esp = esp;
        e.icmpErrors = icmpErrors;
        e.incompleteFragmentSets = incompleteFragmentSets;
        e.natKeepalives = natKeepalives;
        e.natDetection = natDetection;
        e.ikeFragments = ikeFragments;
        e.timeToEstablishedNanos = timeToEstablishedNanos;
        e.scanner = scanner;
        e.deleted = deleted;
        e.closedBy = closedBy;
        e.notes = notes;
        e.findings = findings;
        return e;
    }

    /** A copy with {@code more} appended to its findings (the diagnosis of this exchange). */
    public Exchange withFindings(List<Finding> more) {
        if (more.isEmpty()) {
            return this;
        }
        Exchange e = copy();
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        e.findings = List.copyOf(all);
        return e;
    }

    /** Sequence number of this record in the analysis run (starts at 1). */
    public long id() {
        return id;
    }

    /** {@link #id()} of the earlier record of the same SA this one continues (after an idle emission), or 0. */
    public long continuationOf() {
        return continuationOf;
    }

    /** The capture of its first message. */
    public String file() {
        return file;
    }

    /** IKE major version: 1 or 2 (0 for an ESP-only record). */
    public int version() {
        return version;
    }

    /** {@code main}, {@code aggressive}, {@code ikev2} or {@code unknown} (phase 1 not in the capture). */
    public String mode() {
        return mode;
    }

    /** The capture holds no phase-1 message of this SA (only quick mode, informational or ESP). */
    public boolean startedAfterPhase1() {
        return startedAfterPhase1;
    }

    /** Which peer initiated is a guess (no phase-1 message showed it). */
    public boolean rolesInferred() {
        return rolesInferred;
    }

    /** Initiator cookie (IKEv2: initiator SPI); 0 for an ESP-only record. */
    public long ispi() {
        return ispi;
    }

    /** Responder cookie as learned from the responder's first answer; 0 when never seen. */
    public long rspi() {
        return rspi;
    }

    public String ispiHex() {
        return IsakmpMessage.hex64(ispi);
    }

    public String rspiHex() {
        return IsakmpMessage.hex64(rspi);
    }

    public Peer initiator() {
        return initiator;
    }

    public Peer responder() {
        return responder;
    }

    /** The peer of {@code side}. */
    public Peer peer(Side side) {
        return side == Side.INITIATOR ? initiator : responder;
    }

    public long startNanos() {
        return startNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    /** ASA state name the initiator reached (see the class comment), or null. */
    public String initiatorState() {
        return initiatorState;
    }

    /** ASA state name the responder reached (see the class comment), or null. */
    public String responderState() {
        return responderState;
    }

    public String state(Side side) {
        return side == Side.INITIATOR ? initiatorState : responderState;
    }

    /** The states rest on an inference the capture cannot confirm (IKEv2 ESTABLISHED without keys). */
    public boolean stateInferred() {
        return stateInferred;
    }

    /** True when the initiator reached MM_ACTIVE, AM_ACTIVE or (IKEv2) ESTABLISHED. */
    public boolean established() {
        return "MM_ACTIVE".equals(initiatorState) || "AM_ACTIVE".equals(initiatorState)
                || "ESTABLISHED".equals(initiatorState);
    }

    /** The transform the responder chose (its MM2/AM2/IKE_SA_INIT SA), or null. */
    public ProposalSummary proposal() {
        return proposal;
    }

    /** Every transform the initiator offered in its first message. */
    public List<ProposalSummary> offered() {
        return offered;
    }

    /** The initiator's identity when seen in clear (aggressive mode) or decrypted, else null. */
    public Identity initiatorIdentity() {
        return initiatorIdentity;
    }

    public Identity responderIdentity() {
        return responderIdentity;
    }

    /** Every message of the SA in capture order (phase 1, quick mode, informational...). */
    public List<ExchangeMessage> messages() {
        return messages;
    }

    /** Messages left out of {@link #messages()} after the per-exchange cap. */
    public long messagesDropped() {
        return messagesDropped;
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

    /** Notifications seen in clear text (or decrypted). */
    public List<Notification> notifications() {
        return notifications;
    }

    public List<QuickMode> quickModes() {
        return quickModes;
    }

    public List<Informational> informational() {
        return informational;
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    /** ESP per SPI and direction between the peers. */
    public List<EspFlow> esp() {
        return esp;
    }

    /** ICMP errors that quoted this SA's messages. */
    public List<IcmpEvidence> icmpErrors() {
        return icmpErrors;
    }

    /**
     * IP and IKE fragment sets of this SA that never completed at the capture point: the message
     * they carried is not in {@link #messages()}.
     */
    public List<IncompleteFragmentSet> incompleteFragmentSets() {
        return incompleteFragmentSets;
    }

    /** NAT-T keepalives between the peers while this record was open. */
    public long natKeepalives() {
        return natKeepalives;
    }

    /**
     * Which side a NAT translates, from the NAT-D hashes (RFC 3947 section 3.2) checked against
     * the captured addresses, the ports and the NAT-T keepalives; never null.
     */
    public NatDetection natDetection() {
        return natDetection;
    }

    /** IKE fragments (payload 132) of this SA's messages. */
    public long ikeFragments() {
        return ikeFragments;
    }

    /** From the first phase-1 message to the one that completed phase 1 (MM6, AM3, IKE_AUTH response), or -1. */
    public long timeToEstablishedNanos() {
        return timeToEstablishedNanos;
    }

    /**
     * The initiator behaved like a scanner: it sent its first message once, the responder answered,
     * and it never followed up (no next message, no retransmission, no notification).
     */
    public boolean scanner() {
        return scanner;
    }

    /** A Delete payload for the IKE SA was seen (clear text, or decrypted). */
    public boolean deleted() {
        return deleted;
    }

    /** Why the record was emitted: {@code idle}, {@code deleted}, {@code end} or {@code cap}. */
    public String closedBy() {
        return closedBy;
    }

    /** Short remarks for people (capture started after phase 1, roles guessed, scanner...). */
    public List<String> notes() {
        return notes;
    }

    /** Dissector diagnostics of its messages (source {@code dissector}) and, once diagnosed, the plugins' findings. */
    public List<Finding> findings() {
        return findings;
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
        return "Exchange[" + id + " " + mode + " " + ispiHex() + " " + (initiator == null ? "?" : initiator.ip()) + " -> "
                + (responder == null ? "?" : responder.ip()) + " " + initiatorState + "/" + responderState + "]";
    }
}
