package org.ikescope.api.plugin;

import java.util.List;

/** A set of IP or IKE fragments of one datagram or message. */
public interface FragmentSetView {
    /** IP or IKE fragments. */
    FragmentKind kind();

    /** The side that sent the fragments. */
    Side from();

    /** Frames of the fragments seen, in arrival order. */
    List<Long> frames();

    /** True when every fragment arrived and the datagram or message was rebuilt. */
    boolean complete();
}
