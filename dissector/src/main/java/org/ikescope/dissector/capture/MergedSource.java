package org.ikescope.dissector.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Several captures as one timeline: a k-way merge by timestamp that holds one frame per capture
 * (the next one it will deliver), so memory does not grow with the captures' size. Frames with
 * equal timestamps come in the order the captures were given. Each frame keeps its own number
 * within its capture and names it in {@link Frame#source}.
 *
 * <p>A frame's bytes stay a window into its capture's buffer: the capture it came from is read
 * further only on the next call, so the window is valid until then, as for any source. A capture
 * that is damaged stops contributing at its damage and its error is kept ({@link #errors()});
 * the others go on.
 */
public final class MergedSource implements PacketSource {
    private final List<PacketSource> sources;
    private final Frame[] heads;
    private final PriorityQueue<Integer> queue;
    private final List<String> errors = new ArrayList<>();
    /** The capture whose head was delivered last: it is read further on the next call. */
    private int delivered = -1;
    private boolean started;

    /** @param sources the captures, in the order that breaks ties between equal timestamps */
    public MergedSource(List<PacketSource> sources) {
        this.sources = List.copyOf(sources);
        this.heads = new Frame[this.sources.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = new Frame();
        }
        Comparator<Integer> byTime = Comparator.comparingLong(i -> heads[i].timestampNanos);
        this.queue = new PriorityQueue<>(Math.max(1, heads.length), byTime.thenComparingInt(i -> i));
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < heads.length; i++) {
                advance(i);
            }
        } else if (delivered >= 0) {
            advance(delivered);
        }
        Integer i = queue.poll();
        if (i == null) {
            delivered = -1;
            return false;
        }
        Frame h = heads[i];
        frame.number = h.number;
        frame.timestampNanos = h.timestampNanos;
        frame.linkType = h.linkType;
        frame.interfaceId = h.interfaceId;
        frame.originalLength = h.originalLength;
        frame.data = h.data;
        frame.source = sources.get(i).name();
        delivered = i;
        return true;
    }

    private void advance(int i) throws IOException {
        PacketSource s = sources.get(i);
        if (s.next(heads[i])) {
            queue.add(i);
        } else if (s.error() != null) {
            errors.add(s.error());
        }
    }

    /** Every capture's error line, in the order the damage was met (empty when all were read cleanly). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Every capture's warnings, file by file. */
    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (PacketSource s : sources) {
            out.addAll(s.warnings());
        }
        return out;
    }

    @Override
    public String error() {
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    @Override
    public String name() {
        List<String> names = new ArrayList<>(sources.size());
        for (PacketSource s : sources) {
            names.add(s.name());
        }
        return String.join(", ", names);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (PacketSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
