package org.ikescope.api.plugin;

import java.util.List;

/** A set of IP or IKE fragments of one datagram or message. */
public interface FragmentSetView {
    /** {@link #kind()} of IP fragments. */
    String IP = "ip";
    /** {@link #kind()} of IKE fragments (Cisco payload 132, RFC 7383). */
    String IKE = "ike";

    /** {@link #IP} or {@link #IKE}. */
    String kind();

    /** The side that sent the fragments. */
    Side from();

    /** Frames of the fragments seen, in arrival order. */
    List<Long> frames();

    /** True when every fragment arrived and the datagram or message was rebuilt. */
    boolean complete();
}
