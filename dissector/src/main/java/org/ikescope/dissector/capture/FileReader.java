package org.ikescope.dissector.capture;

import java.io.IOException;

/**
 * What the pcap and pcapng readers share: the name the user gave, the input they parse, and the
 * one-line error that ends a damaged file.
 */
abstract class FileReader implements PacketSource {
    protected final String name;
    protected final CaptureInput in;
    /** Set once, at the first damage; {@link #next} returns false from then on. */
    protected String error;

    FileReader(String name, CaptureInput in) {
        this.name = name;
        this.in = in;
    }

    @Override
    public final String error() {
        return error;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
