package org.ikescope.api.plugin;

import java.util.List;
import java.util.Objects;

/**
 * What a Cisco ASA shows in the situation a {@link Finding} describes, for the engineer who checks
 * the device: the state of the IKE SA in {@code show crypto isakmp sa} (or the {@code show} output
 * that says the same), and the syslog or {@code debug crypto ikev1} lines to look for. Only what
 * Cisco documents: a finding without such lines has none, rather than a guessed message ID.
 *
 * @param state    e.g. {@code MM_WAIT_MSG2 on the initiator}; empty when the ASA shows none
 * @param messages lines to look for, each as Cisco documents it (with its syslog ID where it has one)
 * @since 2.1
 */
public record AsaLines(String state, List<String> messages) {
    /** Null state becomes empty; messages are copied. */
    public AsaLines {
        state = state == null ? "" : state;
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }

    /** A state and the lines that go with it. */
    public static AsaLines of(String state, String... messages) {
        return new AsaLines(state, List.of(messages));
    }

    /** True when there is nothing to show. */
    public boolean isEmpty() {
        return state.isEmpty() && messages.isEmpty();
    }
}
