package org.ikescope.analyzer.plugins;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;

/**
 * What keeps a plugin from acting on the run outside its {@code FindingSink}: its writes to
 * {@code System.out}/{@code System.err}, {@code System.exit}/{@code Runtime.halt}, closing or
 * replacing the standard streams, running out of memory. The {@link PluginHost} runs every plugin
 * call, and discovery every plugin constructor, through {@link #run}; the command line installs
 * the stream guard around a run ({@link #guardStreams}) and the exit guard once ({@link #guardExit}).
 *
 * <p>Which code is plugin code: the thread that runs a plugin call carries the plugin's id for
 * the call's duration, and a thread the plugin starts inherits it; so the attribution holds
 * whether the host calls a plugin on a worker thread or on its own thread. For exits and
 * {@code System.setOut}, a class on the stack defined by a plugin jar's class loader counts too.
 *
 * <ul>
 * <li><b>Output</b>: what plugin code writes to {@code System.out} or {@code System.err} goes to
 *     a buffer of that plugin (at most {@link #MAX_CAPTURED_CHARS} characters per call), never to
 *     the report; {@link #drain} turns it into a {@code plugin.output} finding. {@code close()} by
 *     plugin code is ignored and said in that finding.</li>
 * <li><b>Exit</b>: with a security manager (Java 17; later versions up to 23 when started with
 *     {@code -Djava.security.manager=allow}, as the {@code ikescope} script does), {@code exit},
 *     {@code halt} and {@code System.setOut/setErr/setIn} from plugin code throw
 *     {@link PluginExitException} instead: prevented, reported as {@code plugin.exit}, and the
 *     plugin is not called again. Everything else the manager is asked is allowed. Without one
 *     (Java 24+), a shutdown hook detects a {@code System.exit} during a plugin call and ends the
 *     process with {@link #EXIT_CONTAINMENT} and one line on stderr; {@code Runtime.halt} then
 *     cannot be seen at all.</li>
 * <li><b>Memory</b>: an {@link OutOfMemoryError} in a plugin call is a breach: the plugin is not
 *     called again. What it keeps reachable (static fields) stays: one JVM cannot give a plugin a
 *     heap of its own.</li>
 * </ul>
 */
public final class Containment {
    /** Finding code: what a plugin wrote to standard output or error. */
    public static final String PLUGIN_OUTPUT = "plugin.output";
    /** Finding code: a plugin tried to end the process, or ran out of memory, and is no longer called. */
    public static final String PLUGIN_EXIT = "plugin.exit";
    /** The command line's exit code when a plugin broke containment (mirrored as {@code Main.EXIT_PLUGIN}). */
    public static final int EXIT_CONTAINMENT = 5;
    /** What a plugin may write per call before the rest is only counted. */
    public static final int MAX_CAPTURED_CHARS = 4096;

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();
    private static final Map<String, Captured> CAPTURED = new ConcurrentHashMap<>();
    private static final Map<String, String> BREACHES = new ConcurrentHashMap<>();
    /** The plugin of the call in progress, for the shutdown hook (null between calls). */
    private static volatile String running;
    private static volatile boolean exitGuarded;
    private static boolean hookAdded;
    /** Set by the command line just before it exits itself, so that the hook leaves that exit alone. */
    private static volatile boolean hostExiting;

    private Containment() {
    }

    /** The plugin whose code the current thread runs, or null. */
    public static String current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code body} as plugin {@code id}'s code. Returns its value; null when the plugin
     * tried to exit (prevented) or was already barred. Other throwables propagate (the host makes
     * them {@code plugin.failed}); an {@link OutOfMemoryError} also bars the plugin.
     */
    public static <T> T run(String id, Supplier<T> body) {
        if (BREACHES.containsKey(id)) {
            return null;
        }
        String before = CURRENT.get();
        CURRENT.set(id);
        running = id;
        try {
            return body.get();
        } catch (PluginExitException e) {
            return null;
        } catch (OutOfMemoryError e) {
            breach(id, "ran out of memory (" + e.getMessage() + ")");
            throw e;
        } catch (RuntimeException e) {
            // A provider constructor's exit attempt arrives wrapped (ServiceConfigurationError is an Error, below).
            if (e.getCause() instanceof PluginExitException) {
                return null;
            }
            throw e;
        } catch (Error e) {
            if (e.getCause() instanceof PluginExitException) {
                return null;
            }
            throw e;
        } finally {
            running = null;
            CURRENT.set(before);
        }
    }

    /** {@link #run} of a body without a value. */
    public static void run(String id, Runnable body) {
        run(id, () -> {
            body.run();
            return null;
        });
    }

    /** True when plugin {@code id} broke containment in this JVM (tried to exit, ran out of memory) and is no longer called. */
    public static boolean barred(String id) {
        return BREACHES.containsKey(id);
    }

    /** Every breach so far, one line each ("plugin X called System.exit(0); prevented"). */
    public static List<String> breaches() {
        List<String> out = new ArrayList<>();
        BREACHES.forEach((id, what) -> out.add("plugin " + id + " " + what));
        out.sort(null);
        return out;
    }

    /** Every breach so far by plugin id (what it did), for a child JVM to send to its parent ({@link IsolatedChild}). */
    static Map<String, String> breachesById() {
        return new java.util.TreeMap<>(BREACHES);
    }

    /** The plugin whose call is in progress, or null between calls (a child JVM's heartbeat names it). */
    static String running() {
        return running;
    }

    /** Forgets breaches and captured output (tests, and each command-line run in one JVM). */
    public static void reset() {
        BREACHES.clear();
        CAPTURED.clear();
        REPORTED.clear();
    }

    /**
     * The findings that a call of plugin {@code id} leaves besides its own: {@code plugin.output}
     * with what it wrote, {@code plugin.exit} the first time it is found barred.
     */
    public static List<Finding> drain(String id, String origin, List<Long> evidence) {
        List<Finding> out = new ArrayList<>(0);
        Captured c = CAPTURED.remove(id);
        if (c != null) {
            out.add(c.finding(id, origin, evidence));
        }
        String breach = BREACHES.get(id);
        if (breach != null && REPORTED.add(id)) {
            out.add(Finding.of(PLUGIN_EXIT, Severity.WARNING, Confidence.CONFIRMED)
                    .title("Plugin " + id + " broke containment and was stopped")
                    .explanation("Plugin " + id + " " + breach + ". ikescope kept the run going and does not call the"
                            + " plugin again, so its diagnoses of this and later exchanges are missing; the exit code"
                            + " is " + EXIT_CONTAINMENT + ".")
                    .remediation("Report it to the plugin's author (" + origin + "); --disable-plugin " + id + " skips it.")
                    .evidence(evidence).source(id).build());
        }
        return out;
    }

    private static final java.util.Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    static void breach(String id, String what) {
        BREACHES.putIfAbsent(id, what);
    }

    // ---- standard streams ----

    /** Restores the standard streams replaced by {@link #guardStreams}. */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Replaces {@code System.out} and {@code System.err} with streams that send plugin code's
     * writes to its capture buffer and everything else to {@code out} and {@code err}.
     */
    public static Restore guardStreams(PrintStream out, PrintStream err) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new GuardedStream(out, "standard output"));
        System.setErr(new GuardedStream(err, "standard error"));
        return () -> {
            System.setOut(oldOut);
            System.setErr(oldErr);
        };
    }

    /** A print stream that is the host's stream for host code and a capture buffer for plugin code. */
    private static final class GuardedStream extends PrintStream {
        private final PrintStream host;
        private final String name;

        GuardedStream(PrintStream host, String name) {
            super(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            this.host = host;
            this.name = name;
        }

        private PrintStream target() {
            String id = CURRENT.get();
            return id == null ? host : CAPTURED.computeIfAbsent(id, k -> new Captured()).stream;
        }

        @Override
        public void write(int b) {
            target().write(b);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            target().write(buf, off, len);
        }

        @Override
        public void flush() {
            target().flush();
        }

        @Override
        public void close() {
            String id = CURRENT.get();
            if (id == null) {
                host.flush();
            } else {
                CAPTURED.computeIfAbsent(id, k -> new Captured()).closed.add(name);
            }
        }

        @Override
        public boolean checkError() {
            return CURRENT.get() == null && host.checkError();
        }

        // print, println, printf, format and append need no override: PrintStream encodes their text
        // through its own writer into write(byte[], int, int) above, on the writing thread, inside
        // its lock, so the bytes go where that thread's code belongs.
    }

    /** One plugin's captured output: the first {@link #MAX_CAPTURED_CHARS} characters, the rest counted. */
    private static final class Captured {
        private final Bounded bytes = new Bounded();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final java.util.Set<String> closed = ConcurrentHashMap.newKeySet();

        Finding finding(String id, String origin, List<Long> evidence) {
            String text;
            long dropped;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.UTF_8);
                dropped = bytes.dropped;
            }
            StringBuilder explanation = new StringBuilder("Plugin ").append(id)
                    .append(" wrote to standard output or error, which belong to ikescope's report; ikescope kept it"
                            + " out of the report. What it wrote: \"").append(text).append('"');
            if (dropped > 0) {
                explanation.append(" (and ").append(dropped).append(" bytes more, not kept)");
            }
            if (!closed.isEmpty()) {
                explanation.append(". It also tried to close ").append(String.join(" and ", closed)).append("; ignored");
            }
            return Finding.of(PLUGIN_OUTPUT, Severity.INFO, Confidence.CONFIRMED)
                    .title("Plugin " + id + " wrote to " + (text.isEmpty() && !closed.isEmpty() ? "(closed)" : "")
                            + "standard output or error")
                    .explanation(explanation.toString())
                    .remediation("Plugins report through their FindingSink (" + origin + ").")
                    .evidence(evidence).source(id).build();
        }
    }

    /** Keeps the first bytes, counts the rest. */
    private static final class Bounded extends ByteArrayOutputStream {
        long dropped;

        @Override
        public synchronized void write(int b) {
            if (count < MAX_CAPTURED_CHARS) {
                super.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, Math.min(len, MAX_CAPTURED_CHARS - count));
            super.write(b, off, room);
            dropped += len - room;
        }
    }

    // ---- exit ----

    /** Thrown into plugin code that calls {@code System.exit}, {@code Runtime.halt} or replaces a standard stream. */
    public static final class PluginExitException extends SecurityException {
        private static final long serialVersionUID = 1L;

        PluginExitException(String message) {
            super(message);
        }
    }

    private static volatile PrintStream armedErr;

    /**
     * Arms the exit guard (the command line): the shutdown hook now, the security manager when the
     * first plugin that does not come with ikescope is about to be constructed
     * ({@link #beforeThirdPartyCode}). Not before: Java 17 prints a four-line deprecation warning on
     * standard error the first time a security manager is set, which a run of the built-in
     * diagnostics alone has no reason to show.
     */
    public static void armExitGuard(PrintStream err) {
        armedErr = err;
        guardExit(err, false);
    }

    /** Installs the security manager if the command line armed the guard (see {@link #armExitGuard}). */
    static void beforeThirdPartyCode() {
        PrintStream err = armedErr;
        if (err != null && !exitGuarded) {
            guardExit(err, true);
        }
    }

    /** Whether exits from plugin code are prevented (a security manager is in place), not only detected. */
    public static boolean exitPrevented() {
        return exitGuarded;
    }

    /**
     * Installs the exit guard once per JVM: a security manager that refuses exits from plugin code
     * where the JVM still allows one, else a shutdown hook that detects them.
     *
     * @param err where the hook says what happened when it can only detect
     */
    public static void guardExit(PrintStream err) {
        guardExit(err, true);
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static synchronized void guardExit(PrintStream err, boolean manager) {
        if (!hookAdded) {
            hookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                String id = running;
                if (id != null && !hostExiting && !exitGuarded) {
                    err.println("ikescope: plugin " + id + " ended the process (System.exit) during its call;"
                            + " the report is incomplete (exit code " + EXIT_CONTAINMENT + ")");
                    err.flush();
                    Runtime.getRuntime().halt(EXIT_CONTAINMENT);
                }
            }, "ikescope-exit-guard"));
        }
        if (exitGuarded || !manager) {
            return;
        }
        if (System.getSecurityManager() != null) {
            return; // someone else's manager (an embedding application): leave it alone
        }
        try {
            System.setSecurityManager(new ExitGuard());
            exitGuarded = true;
        } catch (UnsupportedOperationException | SecurityException e) {
            exitGuarded = false; // Java 18+ without -Djava.security.manager=allow: detection only
        }
    }

    /** The command line is about to exit on its own: the hook must not take that for a plugin's exit. */
    public static void hostExiting() {
        hostExiting = true;
    }

    private static boolean inPluginCode() {
        if (CURRENT.get() != null) {
            return true;
        }
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.anyMatch(f -> isPluginLoader(f.getDeclaringClass().getClassLoader())));
    }

    private static String pluginOf() {
        String id = CURRENT.get();
        if (id != null) {
            return id;
        }
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.map(f -> f.getDeclaringClass().getClassLoader()).filter(Containment::isPluginLoader)
                        .map(ClassLoader::getName).findFirst().orElse("(unknown)"));
    }

    static boolean isPluginLoader(ClassLoader l) {
        return l != null && l.getName() != null && l.getName().startsWith(PluginDiscovery.LOADER_PREFIX);
    }

    /** Allows everything except exits and standard-stream replacement from plugin code. */
    @SuppressWarnings("removal")
    private static final class ExitGuard extends SecurityManager {
        @Override
        public void checkExit(int status) {
            if (inPluginCode()) {
                boolean halt = StackWalker.getInstance().walk(s -> s.anyMatch(
                        f -> f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("halt")));
                String what = "called " + (halt ? "Runtime.halt(" : "System.exit(") + status + ")";
                String id = pluginOf();
                breach(id, what + " (prevented)");
                throw new PluginExitException("plugin " + id + " " + what + ": prevented by ikescope");
            }
        }

        @Override
        public void checkPermission(Permission perm) {
            if (perm instanceof RuntimePermission && "setIO".equals(perm.getName()) && inPluginCode()) {
                String id = pluginOf();
                breach(id, "tried to replace a standard stream (System.setOut/setErr/setIn; prevented)");
                throw new PluginExitException("plugin " + id + " may not replace the standard streams");
            }
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            checkPermission(perm);
        }
    }
}
