package org.ikescope.api.plugin;

import java.util.List;
import java.util.Optional;

/** Read-only view of one quick-mode exchange (phase 2), identified by its message ID. */
public interface QuickModeView {
    /** Message ID (unsigned 32-bit). */
    int messageId();

    /** The side that sent QM1 (either peer may start a quick mode). */
    Side initiator();

    /** Its messages (QM1..QM3 and retransmissions), in capture order. */
    List<MessageView> messages();

    /** How far it got. */
    QuickModeState state();

    /** The proposal the responder chose; known only once decrypted. */
    Optional<ProposalView> chosenProposal();

    /** The proposals the initiator offered; empty unless decrypted. */
    List<ProposalView> offeredProposals();

    /** Notifications carried by its messages (readable only when decrypted). */
    List<NotificationView> notifications();

    /**
     * The proxy IDs QM1 proposed, IDci then IDcr (the quick-mode initiator's local and remote
     * traffic selectors); empty when QM1 was not readable or carried none (then they are the
     * peers' addresses).
     *
     * @since 2.1
     */
    default List<ProxyIdView> proxyIds() {
        return List.of();
    }

    /**
     * The proxy IDs QM2 answered with (a responder echoes them, or narrows them); empty when QM2
     * was not readable, carried none, or never came.
     *
     * @since 2.1
     */
    default List<ProxyIdView> answeredProxyIds() {
        return List.of();
    }
}
