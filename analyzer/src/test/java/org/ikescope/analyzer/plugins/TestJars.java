package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Builds plugin jars on the fly: compiles Java sources against the test class path and packs them. */
public final class TestJars {
    private TestJars() {
    }

    /**
     * Compiles {@code sources} (class name → source) and writes a jar holding the classes of
     * {@code keep} (class-name prefixes; every class when empty) and a services file naming
     * {@code services}.
     */
    public static Path build(Path jar, Map<String, String> sources, List<String> services, List<String> keep) throws IOException {
        Path classes = Files.createTempDirectory(jar.getParent(), "classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, src) -> units.add(new Source(name, src)));
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "--release", "17",
                        "-proc:none"),
                null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin does not compile: " + diagnostics);
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(f).toString().replace('\\', '/');
                String className = entry.replace('/', '.').replaceAll("\\.class$", "");
                if (!keep.isEmpty() && keep.stream().noneMatch(className::startsWith)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.ikescope.api.plugin.DiagnosticPlugin"));
            out.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * A plugin directory {@code dir} (created, mode 700, as --plugin-path wants it) holding
     * {@code jar} with the one plugin class {@code pkg.name} compiled from {@code src}.
     */
    public static Path pluginDir(Path dir, String jar, String pkg, String name, String src) throws IOException {
        Files.createDirectory(dir);
        build(dir.resolve(jar), Map.of(pkg + "." + name, src), List.of(pkg + "." + name), List.of(pkg));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /** The start of a plugin's source: its package, imports of the plugin API and java.util, the current annotation. */
    public static String header(String pkg) {
        return "package " + pkg + ";\nimport org.ikescope.api.plugin.*;\nimport java.util.*;\n" + CURRENT + "\n";
    }

    /** A plugin class {@code pkg.name} with the given id whose analyze body reports one finding {@code code}. */
    public static String plugin(String pkg, String name, String id, String annotation, String body) {
        return "package " + pkg + ";\n"
                + "import org.ikescope.api.plugin.*;\n"
                + annotation + "\n"
                + "public final class " + name + " implements DiagnosticPlugin {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String description() { return \"test plugin " + id + "\"; }\n"
                + "  public void analyze(ExchangeView e, FindingSink sink) {\n" + body + "\n  }\n"
                + "}\n";
    }

    /** The annotation a correctly built plugin carries. */
    public static final String CURRENT = "@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)";

    /** A body reporting finding {@code code} on every exchange. */
    static String reports(String code) {
        return "    sink.report(\"" + code + "\", Severity.INFO, Confidence.CONFIRMED, \"t\", \"e\", \"r\", 1L);";
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
