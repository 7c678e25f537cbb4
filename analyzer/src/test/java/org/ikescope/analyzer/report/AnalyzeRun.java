package org.ikescope.analyzer.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ikescope.analyzer.cli.Main;

/** Runs {@code ikescope} in-process with standard output and error captured (test helper). */
final class AnalyzeRun {
    private static final Object LOCK = new Object();

    private AnalyzeRun() {
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        synchronized (LOCK) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int exit = Main.run(args);
                System.out.flush();
                return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }
}
