package org.ikescope.analyzer.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.output.Terminal;
import org.ikescope.analyzer.plugins.Containment;
import org.ikescope.analyzer.plugins.PluginLoadException;
import picocli.CommandLine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code ikescope} command line. Exit codes, each meaning one thing (README, "Exit codes"):
 * 0 done, 1 findings at --fail-on, 2 usage, 3 damaged input, 4 output failed, 5 a plugin broke
 * containment, 6 internal error, 7 out of memory.
 */
@Command(name = "ikescope", versionProvider = Main.Version.class,
        description = "IKEv1/ISAKMP pcap dissector and offline analyzer.")
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DAMAGED = 3;
    /** A write to standard output failed (disk full, closed pipe): the output is incomplete. */
    public static final int EXIT_OUTPUT = 4;
    /** A plugin tried to end the process, replace a standard stream, or ran out of memory. */
    public static final int EXIT_PLUGIN = Containment.EXIT_CONTAINMENT;
    /** A bug in ikescope: one line on stderr, the stack trace with --debug. */
    public static final int EXIT_INTERNAL = 6;
    /** The heap was too small for this capture. */
    public static final int EXIT_OUT_OF_MEMORY = 7;
    /** Anywhere on the command line: stack traces of internal errors on stderr. */
    public static final String DEBUG = "--debug";

    /** Kept in advance: when the heap is exhausted there may be no memory left to build a message. */
    private static final String OUT_OF_MEMORY = "ikescope: out of memory (maximum heap "
            + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): the output is incomplete; give Java more"
            + " (java -Xmx2g -jar ikescope.jar ..., or JAVA_OPTS) or lower --payload-budget / --max-tracked";

    @Mixin
    HelpOptions help = new HelpOptions();

    /** The commands, in the order the usage lists them; see {@link #commandLine}. */
    private static final List<Class<?>> COMMANDS = List.of(DissectCommand.class, AnalyzeCommand.class,
            ExtractCommand.class, KeysCommand.class, PluginsCommand.class, CommandLine.HelpCommand.class);

    /**
     * The command line for {@code args}. When the first argument names a command, only that
     * command's model is built: picocli builds each model by reflection over every option, and its
     * classes (Java 5 bytecode) cannot go into the class-data archive, so building all six cost a
     * third of the start-up of {@code ikescope analyze}. Otherwise (usage, {@code help}, an unknown
     * command, options first) all of them, in {@link #COMMANDS} order.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : COMMANDS) {
            if (args.length > 0 && c != CommandLine.HelpCommand.class
                    && c.getAnnotation(Command.class).name().equals(args[0])) {
                cl.addSubcommand(command(c));
                return cl;
            }
        }
        for (Class<?> c : COMMANDS) {
            cl.addSubcommand(command(c));
        }
        return cl;
    }

    private static Object command(Class<?> c) {
        try {
            return CommandLine.defaultFactory().create(c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the command " + c.getName(), e);
        }
    }

    /** The version every command prints for {@code --version}. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ikescope 0.1.0"};
        }
    }

    /** {@code ikescope} alone is a usage error: the usage goes to standard error, exit 2. */
    @Override
    public Integer call() {
        CommandLine cl = commandLine();
        System.err.println("ikescope: a command is needed");
        cl.usage(System.err);
        return EXIT_USAGE;
    }

    public static void main(String[] args) {
        int code = run(new FileOutputStream(FileDescriptor.out), args);
        Containment.hostExiting();
        System.exit(code);
    }

    /** Runs the command line without exiting, writing to whatever {@code System.out} is (tests). */
    public static int run(String... args) {
        return run(null, args);
    }

    /**
     * Runs the command line: standard output checked for write errors ({@link CheckedOutput}),
     * plugin code's output and exit attempts contained ({@link Containment}), every way a run can
     * end mapped to its exit code.
     *
     * @param rawOut the process's standard output, or null to write through {@code System.out}
     */
    static int run(OutputStream rawOut, String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove(DEBUG);
        PrintStream err = EscapedLines.over(System.err);
        CheckedOutput checked = rawOut != null ? CheckedOutput.of(rawOut) : CheckedOutput.of(System.out);
        PrintStream out = new PrintStream(new BufferedOutputStream(checked, 1 << 16), false, StandardCharsets.UTF_8);
        Containment.reset();
        Containment.armExitGuard(err);
        int code;
        try (Containment.Restore restore = Containment.guardStreams(out, err)) {
            try {
                code = execute(rest.toArray(String[]::new), debug, err);
            } finally {
                out.flush();
            }
        } catch (CheckedOutput.OutputFailure e) {
            code = outputFailed(e, err);
        }
        err.flush();
        List<String> breaches = Containment.breaches();
        if (!breaches.isEmpty() && code != EXIT_OUTPUT && code != EXIT_INTERNAL && code != EXIT_OUT_OF_MEMORY) {
            for (String b : breaches) {
                err.println("ikescope: " + Terminal.escape(b));
            }
            code = EXIT_PLUGIN;
        }
        err.flush();
        return code;
    }

    private static int execute(String[] args, boolean debug, PrintStream err) {
        try {
            return execute(commandLine(args), args, debug, err);
        } catch (OutOfMemoryError e) {
            err.println(OUT_OF_MEMORY);
            return EXIT_OUT_OF_MEMORY;
        }
    }

    private static int execute(CommandLine cl, String[] args, boolean debug, PrintStream err) {
        // picocli's own @FILE expansion would split a file of secrets given as --psk @FILE into
        // arguments, and every secret after the first would come back as a "no such file" line:
        // @FILE is read by the options that take one (KeyOptions), nowhere else.
        cl.setExpandAtFiles(false);
        cl.setExitCodeExceptionMapper(e -> EXIT_INTERNAL);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // A plugin conflict (duplicate id, bad --plugin-path) stops any command with exit 2 and one line.
            if (ex instanceof PluginLoadException) {
                cmd.getErr().println("ikescope: " + Terminal.escape(ex.getMessage()));
                return EXIT_USAGE;
            }
            if (ex instanceof CheckedOutput.OutputFailure || ex.getCause() instanceof CheckedOutput.OutputFailure) {
                CheckedOutput.OutputFailure f = ex instanceof CheckedOutput.OutputFailure o ? o
                        : (CheckedOutput.OutputFailure) ex.getCause();
                // standard output's failure is said by run(): its last flush fails the same way; an -o file's here
                return f.where.equals(CheckedOutput.STANDARD_OUTPUT) ? EXIT_OUTPUT : outputFailed(f, err);
            }
            return internal(ex, debug, err);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("ikescope: " + Terminal.escape(ex.getMessage()));
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        try {
            return cl.execute(args);
        } catch (CheckedOutput.OutputFailure e) {
            throw e;
        } catch (OutOfMemoryError e) {
            err.println(OUT_OF_MEMORY);
            return EXIT_OUT_OF_MEMORY;
        } catch (RuntimeException | Error e) {
            if (e.getCause() instanceof CheckedOutput.OutputFailure f) {
                throw f;
            }
            return internal(e, debug, err);
        }
    }

    /** The exit code of an exception nobody else handled: out of memory 7, a failed write 4, anything else internal (6). */
    static int internal(Throwable e, boolean debug, PrintStream err) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println(OUT_OF_MEMORY);
                return EXIT_OUT_OF_MEMORY;
            }
            if (t instanceof CheckedOutput.OutputFailure) {
                return EXIT_OUTPUT;
            }
            if (t instanceof org.ikescope.analyzer.report.TemporaryFileFailure f) {
                err.println("ikescope: cannot write " + Terminal.escape(f.getMessage()) + " (the output is incomplete)");
                return EXIT_OUTPUT;
            }
        }
        StackTraceElement[] st = e.getStackTrace();
        err.println("ikescope: internal error: " + Terminal.escape(String.valueOf(e))
                + (st.length == 0 ? "" : " at " + st[0]) + (debug ? "" : " (run with " + DEBUG + " for the stack trace;"
                + " please report it)"));
        if (debug) {
            e.printStackTrace(err);
        }
        return EXIT_INTERNAL;
    }

    private static int outputFailed(CheckedOutput.OutputFailure e, PrintStream err) {
        if (!e.brokenPipe()) {
            err.println("ikescope: cannot write " + Terminal.escape(e.where) + ": " + Terminal.escape(e.getMessage())
                    + " (the output is incomplete)");
        }
        return EXIT_OUTPUT;
    }
}
