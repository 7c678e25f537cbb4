package org.ikescope.dissector.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.ikescope.dissector.pipeline.TestCaptures;

/** What key files loaded, and the warnings they gave: the tests' way of reading key files. */
record Loaded(KeyMaterial keys, List<String> warnings) {
    /** Reads files in order into one key material. */
    static Loaded files(Path... files) throws IOException {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        List<String> warnings = new ArrayList<>();
        for (Path f : files) {
            KeyFiles.read(f, b, warnings::add);
        }
        return new Loaded(b.build(), warnings);
    }

    /** Reads lab logs, named below {@code captures/lab/logs}. */
    static Loaded logs(String... logs) throws IOException {
        Path[] paths = new Path[logs.length];
        for (int i = 0; i < logs.length; i++) {
            paths[i] = log(logs[i]);
        }
        return files(paths);
    }

    /** Reads {@code text} as the key file {@code name}. */
    static Loaded text(String name, String text) throws IOException {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        List<String> warnings = new ArrayList<>();
        KeyFiles.read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), b, warnings::add);
        return new Loaded(b.build(), warnings);
    }

    static Path log(String name) {
        return TestCaptures.path("lab/logs/" + name);
    }

    /** A lab log's text. */
    static String gunzip(String log) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(log(log)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
