package org.ikescope.dissector.net;

/** LINKTYPE_* values (tcpdump.org link-layer header types) that {@link NetDecoder} understands. */
public final class LinkTypes {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW_BSD = 12;
    public static final int RAW_OPENBSD = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }
}
