package org.ikescope.analyzer.output;


/**
 * The JSON vocabulary shared by {@code dissect --format jsonl} and {@code analyze --format json}:
 * its version (the first member of every jsonl record and of the analyze document; CHANGELOG.md
 * lists what each version changed) and the one form of a registry value,
 * {@code {"code":N,"name":"..."}}.
 */
public final class JsonSchema {
    /** The member that carries {@link #VERSION}. */
    public static final String MEMBER = "schemaVersion";
    /** Version 2: every registry value as {@code {code,name}} in both outputs, one proposal vocabulary. */
    public static final int VERSION = 2;

    private JsonSchema() {
    }

    /** Writes {@code "schemaVersion":2}; call it right after opening the top-level object. */
    public static void version(JsonOut g) {
        g.writeNumberField(MEMBER, VERSION);
    }

    /**
     * Writes a registry value as {@code {"code":code,"name":name}}, {@code name} being the registry's
     * {@code nameOf(code)}, a {@link JsonOut#writeLabel label}. The field name, if any, must already be written.
     */
    public static void registryValue(JsonOut g, int code, String name) {
        g.writeStartObject();
        g.writeNumberField(CODE, code);
        g.writeLabelField(NAME, name);
        g.writeEndObject();
    }

    private static final JsonOut.Name CODE = JsonOut.name("code");
    private static final JsonOut.Name NAME = JsonOut.name("name");
}
