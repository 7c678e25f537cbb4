package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.EspEvent;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;

/** Everything one dissector run over a capture reported, for tests. */
final class Run implements DissectionListener {
    final List<MessageEvent> messages = new ArrayList<>();
    final List<EspEvent> esp = new ArrayList<>();
    final List<FrameEvent> frames = new ArrayList<>();
    final List<IncompleteFragmentsEvent> incomplete = new ArrayList<>();
    CaptureStats stats;
    String error;

    /** Dissects {@code capture} with {@code options}. */
    static Run of(Path capture, Dissector.Options options) throws IOException {
        Run r = new Run();
        try (PacketSource src = Captures.open(capture.toString())) {
            r.stats = new Dissector(options).run(src, r);
            r.error = src.error();
        }
        return r;
    }

    @Override
    public void message(MessageEvent e) {
        messages.add(e);
    }

    @Override
    public void esp(EspEvent e) {
        esp.add(e);
    }

    @Override
    public void frame(FrameEvent e) {
        frames.add(e);
    }

    @Override
    public void incompleteFragments(IncompleteFragmentsEvent e) {
        incomplete.add(e);
    }

    List<MessageEvent> at(long frame) {
        return messages.stream().filter(m -> m.frame() == frame).toList();
    }
}
