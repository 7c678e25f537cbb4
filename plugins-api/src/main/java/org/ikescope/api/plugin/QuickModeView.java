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
}
