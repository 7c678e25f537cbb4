package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dissect} writes on a second core (issue 10): the output, standard error and exit code
 * are those of one thread, byte for byte, on every test capture, in every output mode, and across
 * files (the text mode's per-file headers come between the files' messages, not among them).
 */
class ParallelDissectTest {
    private static final List<List<String>> MODES = List.of(List.of("--format", "jsonl"), List.of(), List.of("-V"));

    @AfterEach
    void restore() {
        DissectCommand.parallel = Runtime.getRuntime().availableProcessors() >= 2;
    }

    private static CliRunner.Result dissect(boolean parallel, List<String> mode, List<Path> files) {
        DissectCommand.parallel = parallel;
        List<String> args = new ArrayList<>();
        args.add("dissect");
        args.addAll(mode);
        files.forEach(f -> args.add(f.toString()));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static void same(List<String> mode, List<Path> files) {
        CliRunner.Result one = dissect(false, mode, files);
        CliRunner.Result two = dissect(true, mode, files);
        String what = mode + " " + files;
        assertEquals(one.exit(), two.exit(), what);
        assertEquals(one.out(), two.out(), what);
        assertEquals(one.err(), two.err(), what);
    }

    @Test
    void everyCaptureInEveryMode() {
        List<Path> captures = CliRunner.captures();
        assertTrue(captures.size() > 30, "test captures: " + captures.size());
        for (Path c : captures) {
            for (List<String> mode : MODES) {
                same(mode, List.of(c));
            }
        }
    }

    @Test
    void severalFilesOneAfterTheOther() {
        List<Path> captures = CliRunner.captures();
        List<Path> files = List.of(captures.get(0), captures.get(captures.size() / 2), captures.get(captures.size() - 1));
        for (List<String> mode : MODES) {
            same(mode, files);
        }
        // The headers of the text mode separate the files' messages.
        String out = dissect(true, List.of(), files).out();
        int first = out.indexOf("== ");
        int second = out.indexOf("== ", first + 1);
        assertTrue(first == 0 && second > 0, out);
    }
}
