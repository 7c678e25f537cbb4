package org.ikescope.analyzer.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.ikescope.analyzer.plugins.Containment;
import org.ikescope.analyzer.plugins.IsolatedChild;

/**
 * The main class of the child JVM of {@code analyze --isolate-plugins} (started by
 * {@code IsolatedPlugins}, never by hand): reads its setup from standard input (the nonce, the
 * parent's arguments with their secrets, the spooled captures), runs the same command line in
 * child mode ({@link IsolatedChild}), and sends its records on standard output. It takes no
 * arguments: nothing of the run is visible in the process list.
 */
public final class PluginChildMain {
    private PluginChildMain() {
    }

    public static void main(String[] ignored) throws IOException {
        // Ctrl-C reaches the whole process group: the parent stops reading and ends the child itself.
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        OutputStream channel = new FileOutputStream(FileDescriptor.out);
        List<String> args = IsolatedChild.start(System.in, channel);
        // The report goes nowhere: the child's output is its records.
        int code = Main.run(OutputStream.nullOutputStream(), args.toArray(String[]::new));
        IsolatedChild.current().finish();
        Containment.hostExiting();
        System.exit(code);
    }
}
