package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.Finding;

/**
 * The child JVM's side of {@code --isolate-plugins}: the same {@code analyze} pipeline on the same
 * capture, with only the plugins of {@code --plugin-path} jars, their findings sent to the parent
 * ({@link IsolationWire}) instead of a report. Set up by the child's main
 * ({@code org.ikescope.analyzer.cli.PluginChildMain}) before it runs the command line; while set,
 * {@code analyze} runs in child mode.
 */
public final class IsolatedChild {
    /** How often the child says it is alive (and how far it got) while the run goes on. */
    static final long BEAT_MILLIS = 500;

    private static volatile IsolatedChild current;

    private final IsolationWire.Setup setup;
    private final OutputStream channel;
    private final AtomicLong progress = new AtomicLong();
    private final Thread beat;
    private volatile boolean done;

    private IsolatedChild(IsolationWire.Setup setup, OutputStream channel) {
        this.setup = setup;
        this.channel = channel;
        this.beat = new Thread(this::beat, "ikescope-child-heartbeat");
        beat.setDaemon(true);
    }

    /** The child of this JVM, or null when this JVM is no child (the usual case). */
    public static IsolatedChild current() {
        return current;
    }

    /**
     * Makes this JVM a child: reads the setup from {@code stdin}, sends records on {@code channel}
     * (the process's file descriptor 1) and starts the heartbeat.
     *
     * @return the arguments of the command line to run
     */
    public static List<String> start(java.io.InputStream stdin, OutputStream channel) throws IOException {
        IsolatedChild c = new IsolatedChild(IsolationWire.Setup.read(stdin), channel);
        current = c;
        c.beat.start();
        return c.setup.args();
    }

    /** After the command line: the breaches of containment in this JVM, then "done". */
    public void finish() {
        for (Map.Entry<String, String> b : Containment.breachesById().entrySet()) {
            send(IsolationWire.BREACH, IsolationWire.text(b.getKey()), IsolationWire.text(b.getValue()));
        }
        done = true;
        send(IsolationWire.DONE);
    }

    /** Opens the spooled copy of a capture the parent could read only once, under its own name. */
    public CaptureOpener opener(CaptureOpener inner) {
        return IsolatedPlugins.spooledOpener(inner, setup.spooled());
    }

    /**
     * The budget of the exchanges kept for the end-of-capture hooks: the parent's, so that the
     * hooks see the exchanges they would see in one JVM, but at most a quarter of this heap.
     */
    public long retainBudget() {
        return Math.min(setup.retainBudget(), Runtime.getRuntime().maxMemory() / 4);
    }

    /** A discovery warning, said by the parent as if it were its own. */
    public void warn(String line) {
        send(IsolationWire.WARNING, IsolationWire.text(line));
    }

    /** The plugins cannot be used as asked: the parent says it and exits with code 2. */
    public void usage(String message) {
        send(IsolationWire.USAGE, IsolationWire.text(message));
    }

    /**
     * The diagnostician of the child: every plugin was loaded (so that ids, {@code --only-plugin}
     * and duplicates are checked as in one JVM); only those of {@code --plugin-path} jars run, and
     * their findings go to the parent.
     */
    public Diagnostician diagnostician(PluginHost all) {
        PluginHost host = all.select(p -> Containment.isPluginLoader(p.plugin().getClass().getClassLoader()));
        send(IsolationWire.HEADER, IsolationWire.text(String.join("\n", host.plugins().stream().map(LoadedPlugin::id).toList())));
        PluginDiagnostician inner = new PluginDiagnostician(host);
        return new Diagnostician() {
            private int timeline;

            @Override
            public List<Finding> diagnose(Exchange x) {
                List<Finding> found = inner.diagnose(x);
                progress.incrementAndGet();
                send(IsolationWire.EXCHANGE, tokens(found, Long.toString(x.id()), Long.toString(firstFrame(x)),
                        Long.toString(x.ispi()), Long.toString(x.rspi())));
                return List.of();
            }

            @Override
            public List<Finding> endOfTimeline(List<Exchange> emitted) {
                List<Finding> found = inner.endOfTimeline(emitted);
                progress.incrementAndGet();
                send(IsolationWire.END, tokens(found, Integer.toString(timeline++), Integer.toString(emitted.size())));
                return List.of();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** The first frame of an exchange, part of the key the parent checks (0 for none). */
    static long firstFrame(Exchange x) {
        return x.messages().isEmpty() ? 0 : x.messages().get(0).frame();
    }

    private static String[] tokens(List<Finding> findings, String... head) {
        String[] t = new String[head.length + findings.size()];
        System.arraycopy(head, 0, t, 0, head.length);
        for (int i = 0; i < findings.size(); i++) {
            t[head.length + i] = IsolationWire.finding(findings.get(i));
        }
        return t;
    }

    /** Writes one record in one write, so that it is not interleaved with another. */
    private void send(String type, String... tokens) {
        StringBuilder line = new StringBuilder(setup.nonce()).append(' ').append(type);
        for (String t : tokens) {
            line.append(' ').append(t);
        }
        // A newline first too: a plugin's write to file descriptor 1 without one must not glue onto the record.
        byte[] bytes = ("\n" + line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (this) {
            try {
                channel.write(bytes);
                channel.flush();
            } catch (IOException e) {
                // The parent is gone: nobody reads the findings, so the run is over.
                Runtime.getRuntime().halt(Containment.EXIT_CONTAINMENT);
            }
        }
    }

    private void beat() {
        while (!done) {
            String running = Containment.running();
            send(IsolationWire.BEAT, Long.toString(progress.get()), IsolationWire.text(running == null ? "" : running));
            try {
                Thread.sleep(BEAT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
