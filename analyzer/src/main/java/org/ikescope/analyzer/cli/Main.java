package org.ikescope.analyzer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ikescope} command line. Exit codes: 0 done, 1 findings at --fail-on, 2 usage, 3 damaged input. */
@Command(name = "ikescope", mixinStandardHelpOptions = true, version = "ikescope 0.1.0",
        description = "IKEv1/ISAKMP pcap dissector and offline analyzer.",
        subcommands = {DissectCommand.class, AnalyzeCommand.class, KeysCommand.class, PluginsCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DAMAGED = 3;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting (tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        // A plugin conflict (duplicate id, bad --plugin-path) stops any command with exit 2 and one line.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof org.ikescope.analyzer.plugins.PluginLoadException) {
                cmd.getErr().println("ikescope: " + org.ikescope.analyzer.output.Terminal.escape(ex.getMessage()));
                return EXIT_USAGE;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("ikescope: " + org.ikescope.analyzer.output.Terminal.escape(ex.getMessage()));
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }
}
