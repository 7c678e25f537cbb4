package org.ikescope.analyzer.plugins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ikescope.api.plugin.AttributeView;
import org.ikescope.api.plugin.DecryptionView;
import org.ikescope.api.plugin.DeleteView;
import org.ikescope.api.plugin.EspView;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.FragmentSetView;
import org.ikescope.api.plugin.IcmpErrorView;
import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.InformationalView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.NatView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PayloadView;
import org.ikescope.api.plugin.PeerView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.ProxyIdView;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.api.protocol.PayloadType;

/**
 * Immutable record implementations of the plugin views: what {@link ExchangeViews} builds from
 * the analyzer's exchanges, and what tests build by hand. Every list is copied on construction.
 */
public final class Views {
    private Views() {
    }

    /** An {@link ExchangeView}. */
    public record Exchange(String file, String ispi, String rspi, int version, ExchangeMode mode, PeerView initiator,
                           PeerView responder, Phase1State initiatorState, Phase1State responderState,
                           boolean stateInferred, Optional<ProposalView> chosenProposal, List<ProposalView> offeredProposals,
                           Optional<IdentityView> initiatorIdentity, Optional<IdentityView> responderIdentity,
                           List<MessageView> messages, List<NotificationView> notifications,
                           List<QuickModeView> quickModes, List<InformationalView> informationals,
                           List<EspView> esp, List<IcmpErrorView> icmpErrors,
                           List<FragmentSetView> incompleteFragmentSets, NatView nat, long startNanos,
                           long endNanos, OptionalLong timeToActiveNanos, boolean startedBeforeCapture,
                           boolean decrypted, Optional<DecryptionView> decryption, List<Finding> diagnostics,
                           OptionalLong captureStartNanos, OptionalLong captureEndNanos) implements ExchangeView {
        /** An exchange whose capture window is not known (2.0 views, tests). */
        public Exchange(String file, String ispi, String rspi, int version, ExchangeMode mode, PeerView initiator,
                        PeerView responder, Phase1State initiatorState, Phase1State responderState,
                        boolean stateInferred, Optional<ProposalView> chosenProposal, List<ProposalView> offeredProposals,
                        Optional<IdentityView> initiatorIdentity, Optional<IdentityView> responderIdentity,
                        List<MessageView> messages, List<NotificationView> notifications,
                        List<QuickModeView> quickModes, List<InformationalView> informationals,
                        List<EspView> esp, List<IcmpErrorView> icmpErrors,
                        List<FragmentSetView> incompleteFragmentSets, NatView nat, long startNanos,
                        long endNanos, OptionalLong timeToActiveNanos, boolean startedBeforeCapture,
                        boolean decrypted, List<Finding> diagnostics) {
            this(file, ispi, rspi, version, mode, initiator, responder, initiatorState, responderState, stateInferred,
                    chosenProposal, offeredProposals, initiatorIdentity, responderIdentity, messages, notifications,
                    quickModes, informationals, esp, icmpErrors, incompleteFragmentSets, nat, startNanos, endNanos,
                    timeToActiveNanos, startedBeforeCapture, decrypted, Optional.empty(), diagnostics, OptionalLong.empty(),
                    OptionalLong.empty());
        }

        public Exchange {
            offeredProposals = List.copyOf(offeredProposals);
            messages = List.copyOf(messages);
            notifications = List.copyOf(notifications);
            quickModes = List.copyOf(quickModes);
            informationals = List.copyOf(informationals);
            esp = List.copyOf(esp);
            icmpErrors = List.copyOf(icmpErrors);
            incompleteFragmentSets = List.copyOf(incompleteFragmentSets);
            diagnostics = List.copyOf(diagnostics);
        }

        /** The messages sent by one side, in capture order (a loop rather than the interface's stream). */
        @Override
        public List<MessageView> messages(Side from) {
            return sentBy(messages, from);
        }

        /** An exchange of the given peers and messages, everything else empty (tests, placeholders). */
        public static Exchange of(String ispi, ExchangeMode mode, PeerView initiator, PeerView responder,
                                  Phase1State initiatorState, Phase1State responderState, List<MessageView> messages) {
            long start = messages.isEmpty() ? 0 : messages.get(0).timeNanos();
            long end = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).timeNanos();
            return new Exchange("", ispi, "0000000000000000", 1, mode, initiator, responder, initiatorState,
                    responderState, false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), messages,
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Nat.NONE, start, end,
                    OptionalLong.empty(), false, false, Optional.empty(), List.of(), OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** The messages {@code from} sent, in order: {@link ExchangeView#messages(Side)} without a stream. */
    static List<MessageView> sentBy(List<MessageView> messages, Side from) {
        List<MessageView> out = null;
        for (MessageView m : messages) {
            if (m.from() == from) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(m);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** A {@link PeerView}. */
    public record Peer(String ip, int port, List<Integer> ports, String implementation, List<VendorIdView> vendorIds)
            implements PeerView {
        public Peer {
            ports = List.copyOf(ports);
            vendorIds = List.copyOf(vendorIds);
        }

        /** A peer on {@code ip:port} and nothing else known. */
        public static Peer of(String ip, int port) {
            return new Peer(ip, port, List.of(port), null, List.of());
        }
    }

    /** A {@link VendorIdView}. */
    public record VendorId(ImmutableBytes bytes, String name, boolean natTraversal) implements VendorIdView {
    }

    /** A {@link MessageView}. */
    public record Message(Step step, Side from, long frame, long timeNanos, String sourceIp, int sourcePort,
                          String destinationIp, int destinationPort, boolean nonEspMarker, boolean encrypted,
                          boolean decrypted, long length, long retransmissionOf, int exchangeTypeCode, int messageId,
                          List<PayloadView> payloads, List<Integer> notifyTypes, List<Long> ipFragmentFrames,
                          List<Long> ikeFragmentFrames) implements MessageView {
        public Message {
            payloads = List.copyOf(payloads);
            notifyTypes = List.copyOf(notifyTypes);
            ipFragmentFrames = List.copyOf(ipFragmentFrames);
            ikeFragmentFrames = List.copyOf(ikeFragmentFrames);
        }
    }

    /** A {@link PayloadView}. */
    public record Payload(int type, PayloadType payloadType, int offset, ImmutableBytes body) implements PayloadView {
    }

    /** A {@link NotificationView}. */
    public record Notification(int type, boolean ikev2, long frame, Side from, boolean encrypted, int messageId)
            implements NotificationView {
    }

    /** A {@link ProposalView}. */
    public record Proposal(boolean ikev2, int proposalNumber, int transformNumber, int protocolId, ImmutableBytes spi,
                           int transformId, int encryption, int keyLength, int hash, int integrity, int prf,
                           int authMethod, int group, long lifetimeSeconds, long lifetimeKilobytes,
                           List<AttributeView> attributes) implements ProposalView {
        public Proposal {
            attributes = List.copyOf(attributes);
        }
    }

    /** An {@link AttributeView}. */
    public record Attribute(int type, String name, long value, String valueName, ImmutableBytes bytes)
            implements AttributeView {
    }

    /** An {@link IdentityView}. */
    public record Identity(int type, boolean ikev2, String value, ImmutableBytes data, long frame)
            implements IdentityView {
    }

    /** A {@link QuickModeView}. */
    public record QuickMode(int messageId, Side initiator, List<MessageView> messages, QuickModeState state,
                            Optional<ProposalView> chosenProposal, List<ProposalView> offeredProposals,
                            List<NotificationView> notifications, List<ProxyIdView> proxyIds,
                            List<ProxyIdView> answeredProxyIds) implements QuickModeView {
        public QuickMode {
            messages = List.copyOf(messages);
            offeredProposals = List.copyOf(offeredProposals);
            notifications = List.copyOf(notifications);
            proxyIds = List.copyOf(proxyIds);
            answeredProxyIds = List.copyOf(answeredProxyIds);
        }
    }

    /** An {@link InformationalView}. */
    public record Informational(int messageId, List<MessageView> messages, boolean answered,
                                List<NotificationView> notifications, List<DeleteView> deletes, OptionalLong dpdSequence)
            implements InformationalView {
        public Informational {
            messages = List.copyOf(messages);
            notifications = List.copyOf(notifications);
            deletes = List.copyOf(deletes);
        }
    }

    /** An {@link EspView}. */
    public record Esp(long spi, Side from, boolean udpEncapsulated, long packets, long bytes, long firstFrame,
                      long lastFrame, long firstNanos, long lastNanos) implements EspView {
    }

    /** An {@link IcmpErrorView}. */
    public record IcmpError(long frame, long timeNanos, boolean ipv6, int type, int code, Optional<Step> quotedStep,
                            Side quotedFrom) implements IcmpErrorView {
    }

    /** A {@link FragmentSetView}. */
    public record FragmentSet(FragmentKind kind, Side from, List<Long> frames, boolean complete) implements FragmentSetView {
        public FragmentSet {
            frames = List.copyOf(frames);
        }
    }

    /** A {@link NatView}. */
    public record Nat(boolean floatedTo4500, boolean natDiscoverySeen, List<VendorIdView> initiatorNatTVendorIds,
                      List<VendorIdView> responderNatTVendorIds, Optional<Boolean> natDetected,
                      Optional<Boolean> initiatorBehindNat, Optional<Boolean> responderBehindNat,
                      NatDiscoveryResult natDiscovery, String natDiscoveryNote) implements NatView {
        /** Nothing seen of NAT. */
        public static final Nat NONE = new Nat(false, false, List.of(), List.of(), Optional.empty());

        public Nat {
            initiatorNatTVendorIds = List.copyOf(initiatorNatTVendorIds);
            responderNatTVendorIds = List.copyOf(responderNatTVendorIds);
        }

        /** Without NAT-D results: neither side known to be behind a NAT, discovery unknown. */
        public Nat(boolean floatedTo4500, boolean natDiscoverySeen, List<VendorIdView> initiatorNatTVendorIds,
                   List<VendorIdView> responderNatTVendorIds, Optional<Boolean> natDetected) {
            this(floatedTo4500, natDiscoverySeen, initiatorNatTVendorIds, responderNatTVendorIds, natDetected,
                    Optional.empty(), Optional.empty(), NatDiscoveryResult.UNKNOWN, "");
        }
    }
}
