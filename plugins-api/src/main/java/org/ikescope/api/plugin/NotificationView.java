package org.ikescope.api.plugin;

import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.NotifyType;

/** Read-only view of one notification (N payload) seen in cleartext or decrypted. */
public interface NotificationView {
    /** Notify message type code, from the IKEv1 or the IKEv2 registry (see {@link #ikev2()}). */
    int type();

    /** True when {@link #type()} is an IKEv2 code ({@link Ikev2NotifyType}), false for IKEv1 ({@link NotifyType}). */
    boolean ikev2();

    /** {@link #type()} in the IKEv1 registry; {@link NotifyType#UNKNOWN} for IKEv2 or an unassigned code. */
    default NotifyType notifyType() {
        return ikev2() ? NotifyType.UNKNOWN : NotifyType.of(type());
    }

    /** {@link #type()} in the IKEv2 registry; {@link Ikev2NotifyType#UNKNOWN} for IKEv1 or an unassigned code. */
    default Ikev2NotifyType ikev2NotifyType() {
        return ikev2() ? Ikev2NotifyType.of(type()) : Ikev2NotifyType.UNKNOWN;
    }

    /** Registry name of {@link #type()} ({@code NO_PROPOSAL_CHOSEN}, {@code R_U_THERE}, ...), or its range's name. */
    default String name() {
        return ikev2() ? Ikev2NotifyType.nameOf(type()) : NotifyType.nameOf(type());
    }

    /** True for an error notification (RFC 2408 section 3.14.1, RFC 7296 section 3.10.1: types 1 to 16383). */
    default boolean error() {
        return type() > 0 && type() < 16384;
    }

    /** Frame of the message that carried it. */
    long frame();

    /** The side that sent it. */
    Side from();

    /** True when it travelled encrypted. */
    boolean encrypted();

    /** Message ID of the carrying message (0 in phase 1). */
    int messageId();
}
