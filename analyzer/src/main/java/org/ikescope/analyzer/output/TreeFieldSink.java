package org.ikescope.analyzer.output;

import java.io.PrintWriter;
import org.ikescope.dissector.describe.FieldSink;

/** Writes a description as an indented tree of "Label: value" lines, as tshark -V does. */
public final class TreeFieldSink implements FieldSink {
    /** Hex values longer than this are cut, with their length shown. */
    static final int MAX_HEX_BYTES = 64;

    private final PrintWriter out;
    private int depth;
    private final int[] arrayIndex = new int[64];
    private final boolean[] inArray = new boolean[64];

    public TreeFieldSink(PrintWriter out, int depth) {
        this.out = out;
        this.depth = depth;
    }

    private String label(String key, String label) {
        if (label != null) {
            return label;
        }
        if (key != null) {
            return key;
        }
        if (depth > 0 && inArray[depth - 1]) {
            return "#" + (++arrayIndex[depth - 1]);
        }
        return "";
    }

    private void line(String text) {
        out.print("    ".repeat(depth));
        out.println(text);
    }

    /** Per open object: whether it added a level (a keyed object without a label is flattened into its parent). */
    private final boolean[] flattened = new boolean[256];
    private int objects;

    @Override
    public void beginObject(String key, String label) {
        boolean flatten = label == null && key != null;
        if (objects < flattened.length) {
            flattened[objects] = flatten;
        }
        objects++;
        if (flatten) {
            return;
        }
        String l = label(key, label);
        if (!l.isEmpty()) {
            line(l);
        }
        push(false);
    }

    private void push(boolean array) {
        if (depth < inArray.length - 1) {
            inArray[depth] = array;
            arrayIndex[depth] = 0;
        }
        depth++;
    }

    @Override
    public void endObject() {
        objects--;
        if (objects < flattened.length && flattened[objects]) {
            return;
        }
        depth--;
    }

    @Override
    public void beginArray(String key, String label) {
        line(label(key, label));
        push(true);
    }

    @Override
    public void endArray() {
        depth--;
    }

    @Override
    public void string(String key, String label, String value) {
        line(label(key, label) + ": " + value);
    }

    @Override
    public void stringOr(String key, String label, String value, String absent) {
        line(label(key, label) + ": " + (value == null ? absent : value));
    }

    @Override
    public void number(String key, String label, long value) {
        line(label(key, label) + ": " + value);
    }

    @Override
    public void bool(String key, String label, boolean value) {
        line(label(key, label) + ": " + (value ? "True" : "False"));
    }

    @Override
    public void code(String key, String label, int code, String name) {
        line(label(key, label) + ": " + name + " (" + code + ")");
    }

    @Override
    public void hex(String key, String label, byte[] value, int from, int to) {
        int n = Math.min(to - from, MAX_HEX_BYTES);
        StringBuilder sb = new StringBuilder(n * 2 + 24);
        for (int i = from; i < from + n; i++) {
            sb.append(Character.forDigit((value[i] >> 4) & 0xf, 16)).append(Character.forDigit(value[i] & 0xf, 16));
        }
        if (to - from > n) {
            sb.append("... (").append(to - from).append(" bytes)");
        }
        line(label(key, label) + ": " + sb);
    }

    @Override
    public void nullValue(String key, String label) {
        line(label(key, label) + ": (none)");
    }
}
