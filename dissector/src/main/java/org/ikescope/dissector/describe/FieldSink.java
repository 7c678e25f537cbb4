package org.ikescope.dissector.describe;

/**
 * Receives the fields of a decoded structure, in order. One description serves every output: the
 * JSON writer turns {@code key}s into JSON members, the {@code -V} tree prints {@code label}s.
 * Inside an array, {@code key} is null.
 */
public interface FieldSink {
    /**
     * False when labels are ignored (JSON): describers then skip the labels they would build from
     * values ({@code "Transform # 1"}), passing null, which costs a record's worth of garbage per
     * message otherwise.
     */
    default boolean wantsLabels() {
        return true;
    }

    void beginObject(String key, String label);

    void endObject();

    void beginArray(String key, String label);

    void endArray();

    void string(String key, String label, String value);

    void number(String key, String label, long value);

    void bool(String key, String label, boolean value);

    /** A registry value: JSON {@code {"code":c,"name":n}}, text {@code label: name (c)}. */
    void code(String key, String label, int code, String name);

    /** Bytes written as lowercase hex. */
    void hex(String key, String label, byte[] value, int from, int to);

    /** A JSON null / an absent value. */
    void nullValue(String key, String label);

    /**
     * A string that may be absent: JSON writes {@code null} for it, the text tree {@code absent}
     * (e.g. {@code Unknown Vendor ID}, tshark's words).
     */
    default void stringOr(String key, String label, String value, String absent) {
        if (value == null) {
            nullValue(key, label);
        } else {
            string(key, label, value);
        }
    }

    default void hex(String key, String label, byte[] value) {
        hex(key, label, value, 0, value.length);
    }
}
