package org.ikescope.analyzer.cli;

import org.ikescope.analyzer.output.JsonOut;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ikescope.analyzer.plugins.LoadedPlugin;
import org.ikescope.analyzer.plugins.PluginHost;
import org.ikescope.analyzer.plugins.PluginLoadException;
import org.ikescope.analyzer.plugins.PluginOptions;
import org.ikescope.analyzer.output.Terminal;
import org.ikescope.api.plugin.ApiVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ikescope plugins}: every diagnostic plugin that would run, and where it came from. */
@Command(name = "plugins", versionProvider = Main.Version.class,
        footer = {"%nExamples:",
                "  ikescope plugins",
                "  ikescope plugins --plugin-path ./my-plugins --format json"},
        description = {"List the diagnostic plugins: id, version, where each came from, description.",
                "Takes the same plugin options as analyze. Exit codes: 0 done, 2 usage or a plugin conflict, 4 output could not be written, 5 a plugin broke containment, 6 internal error."})
public final class PluginsCommand implements Callable<Integer> {
    @Mixin
    HelpOptions help = new HelpOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json")) {
            System.err.println("ikescope: --format: " + format + " (expected: text or json)");
            return Main.EXIT_USAGE;
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (PluginHost host = plugins.load(System.err)) {
            if (format.equals("json")) {
                json(out, host.plugins());
            } else {
                text(out, host.plugins());
            }
        } catch (PluginLoadException e) {
            System.err.println("ikescope: " + Terminal.escape(e.getMessage()));
            return Main.EXIT_USAGE;
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private static void text(PrintStream out, List<LoadedPlugin> list) {
        PrintWriter w = new PrintWriter(out, false, StandardCharsets.UTF_8);
        int idWidth = "ID".length();
        int versionWidth = "VERSION".length();
        int originWidth = "FROM".length();
        for (LoadedPlugin p : list) {
            idWidth = Math.max(idWidth, Terminal.escape(p.id()).length());
            versionWidth = Math.max(versionWidth, Terminal.escape(p.version()).length());
            originWidth = Math.max(originWidth, Terminal.escape(p.origin()).length());
        }
        String row = "%-" + idWidth + "s  %-" + versionWidth + "s  %-" + originWidth + "s  %s%n";
        if (!list.isEmpty()) {
            w.printf(Locale.ROOT, row, "ID", "VERSION", "FROM", "DESCRIPTION");
        }
        for (LoadedPlugin p : list) {
            w.printf(Locale.ROOT, row, Terminal.escape(p.id()), Terminal.escape(p.version()), Terminal.escape(p.origin()),
                    Terminal.escape(p.description()));
        }
        w.printf(Locale.ROOT, "-- %d plugin%s (plugin API %s)%n", list.size(), list.size() == 1 ? "" : "s", ApiVersion.string());
        w.flush();
    }

    private static void json(PrintStream out, List<LoadedPlugin> list) throws IOException {
        JsonOut g = new JsonOut(out);
        g.writeStartObject();
        g.writeStringField("apiVersion", ApiVersion.string());
        g.writeArrayFieldStart("plugins");
        for (LoadedPlugin p : list) {
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeStringField("version", p.version());
            g.writeStringField("description", p.description());
            g.writeStringField("from", p.origin());
            g.writeStringField("apiVersion", p.apiVersion());
            g.writeBooleanField("endOfCapture", p.hasEndOfCaptureHook());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeNewline();
        g.flush();
    }
}
