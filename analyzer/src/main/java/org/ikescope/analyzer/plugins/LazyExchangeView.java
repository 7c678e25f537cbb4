package org.ikescope.analyzer.plugins;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.DecryptionView;
import org.ikescope.api.plugin.EspView;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentSetView;
import org.ikescope.api.plugin.IcmpErrorView;
import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.InformationalView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NatView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PeerView;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.QuickModeView;
import org.ikescope.api.plugin.Side;

/**
 * The view of {@link ExchangeViews#lazy}: the same values as {@link ExchangeViews#of}, each part
 * made on first use. The exchange's own values come straight from the record; the messages and the
 * chosen proposal are made once; the first use of anything else makes the whole view (sharing
 * those messages and that proposal) and answers from it. Used by one plugin call at a time; a
 * part made twice by two threads would be equal, so the fields need no lock.
 */
final class LazyExchangeView implements ExchangeView {
    private final Exchange x;
    private List<MessageView> messages;
    private Optional<ProposalView> chosen;
    private Views.Exchange full;

    LazyExchangeView(Exchange x) {
        this.x = x;
    }

    private Views.Exchange full() {
        Views.Exchange f = full;
        if (f == null) {
            f = ExchangeViews.of(x, messages(), chosenProposal());
            full = f;
        }
        return f;
    }

    @Override
    public String file() {
        return x.file() == null ? "" : x.file();
    }

    @Override
    public String ispi() {
        return x.ispiHex();
    }

    @Override
    public String rspi() {
        return x.rspiHex();
    }

    @Override
    public int version() {
        return x.version();
    }

    @Override
    public ExchangeMode mode() {
        return x.mode();
    }

    @Override
    public PeerView initiator() {
        return x.initiator();
    }

    @Override
    public PeerView responder() {
        return x.responder();
    }

    @Override
    public Phase1State initiatorState() {
        return x.initiatorState();
    }

    @Override
    public Phase1State responderState() {
        return x.responderState();
    }

    @Override
    public boolean stateInferred() {
        return x.stateInferred();
    }

    @Override
    public Optional<ProposalView> chosenProposal() {
        Optional<ProposalView> c = chosen;
        if (c == null) {
            c = ExchangeViews.chosen(x);
            chosen = c;
        }
        return c;
    }

    @Override
    public List<ProposalView> offeredProposals() {
        return full().offeredProposals();
    }

    @Override
    public Optional<IdentityView> initiatorIdentity() {
        return Optional.ofNullable(x.initiatorIdentity());
    }

    @Override
    public Optional<IdentityView> responderIdentity() {
        return Optional.ofNullable(x.responderIdentity());
    }

    @Override
    public List<MessageView> messages() {
        List<MessageView> m = messages;
        if (m == null) {
            m = ExchangeViews.messages(x);
            messages = m;
        }
        return m;
    }

    /** As {@link Views.Exchange#messages(Side)}. */
    @Override
    public List<MessageView> messages(Side from) {
        return Views.sentBy(messages(), from);
    }

    @Override
    public List<NotificationView> notifications() {
        return full().notifications();
    }

    @Override
    public List<QuickModeView> quickModes() {
        return full().quickModes();
    }

    @Override
    public List<InformationalView> informationals() {
        return full().informationals();
    }

    @Override
    public List<EspView> esp() {
        return full().esp();
    }

    @Override
    public List<IcmpErrorView> icmpErrors() {
        return full().icmpErrors();
    }

    @Override
    public List<FragmentSetView> incompleteFragmentSets() {
        return full().incompleteFragmentSets();
    }

    @Override
    public NatView nat() {
        return full().nat();
    }

    @Override
    public long startNanos() {
        return x.startNanos();
    }

    @Override
    public long endNanos() {
        return x.endNanos();
    }

    @Override
    public OptionalLong captureStartNanos() {
        return x.window().timed() ? OptionalLong.of(x.window().firstFrameNanos()) : OptionalLong.empty();
    }

    @Override
    public OptionalLong captureEndNanos() {
        return x.window().timed() ? OptionalLong.of(x.window().lastFrameNanos()) : OptionalLong.empty();
    }

    @Override
    public OptionalLong timeToActiveNanos() {
        long toActive = x.timeToEstablishedNanos();
        return toActive >= 0 ? OptionalLong.of(toActive) : OptionalLong.empty();
    }

    @Override
    public boolean startedBeforeCapture() {
        return x.startedAfterPhase1();
    }

    @Override
    public boolean decrypted() {
        return x.decrypted();
    }

    @Override
    public Optional<DecryptionView> decryption() {
        return Optional.ofNullable(x.decryption());
    }

    @Override
    public List<Finding> diagnostics() {
        return full().diagnostics();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LazyExchangeView l ? full().equals(l.full()) : full().equals(o);
    }

    @Override
    public int hashCode() {
        return full().hashCode();
    }

    @Override
    public String toString() {
        return full().toString();
    }
}
