package org.ikescope.dissector.capture;

import java.io.IOException;
import java.util.List;

/**
 * A source that passes every call to another one: the base of wrappers that look at the frames
 * going by (counting, remembering times) without changing them. Subclasses override
 * {@link #next(Frame)}; the error, the warnings, the name and closing stay the wrapped source's.
 */
public abstract class ForwardingSource implements PacketSource {
    protected final PacketSource in;

    protected ForwardingSource(PacketSource in) {
        this.in = in;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        return in.next(frame);
    }

    @Override
    public String error() {
        return in.error();
    }

    @Override
    public List<String> warnings() {
        return in.warnings();
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
