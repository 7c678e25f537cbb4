package org.ikescope.analyzer.cli;

import picocli.CommandLine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code ikescope} command line. Exit codes: 0 done, 1 findings at --fail-on, 2 usage, 3 damaged input. */
@Command(name = "ikescope", versionProvider = Main.Version.class,
        description = "IKEv1/ISAKMP pcap dissector and offline analyzer.",
        subcommands = {DissectCommand.class, AnalyzeCommand.class, ExtractCommand.class, KeysCommand.class, PluginsCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DAMAGED = 3;

    @Mixin
    HelpOptions help = new HelpOptions();

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
        CommandLine cl = new CommandLine(this);
        System.err.println("ikescope: a command is needed");
        cl.usage(System.err);
        return EXIT_USAGE;
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
