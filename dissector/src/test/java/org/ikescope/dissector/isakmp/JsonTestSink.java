package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;

/** Compact JSON from a description, for asserting the output contract in tests. */
final class JsonTestSink implements FieldSink {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    static String json(org.ikescope.dissector.describe.Describable d) {
        JsonTestSink s = new JsonTestSink();
        s.beginObject(null, null);
        d.describe(s);
        s.endObject();
        return s.sb.toString();
    }

    private void key(String key) {
        if (needComma) {
            sb.append(',');
        }
        if (key != null) {
            str(key);
            sb.append(':');
        }
        needComma = true;
    }

    private void str(String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public void beginObject(String key, String label) {
        key(key);
        sb.append('{');
        needComma = false;
    }

    @Override
    public void endObject() {
        sb.append('}');
        needComma = true;
    }

    @Override
    public void beginArray(String key, String label) {
        key(key);
        sb.append('[');
        needComma = false;
    }

    @Override
    public void endArray() {
        sb.append(']');
        needComma = true;
    }

    @Override
    public void string(String key, String label, String value) {
        key(key);
        if (value == null) {
            sb.append("null");
        } else {
            str(value);
        }
    }

    @Override
    public void number(String key, String label, long value) {
        key(key);
        sb.append(value);
    }

    @Override
    public void bool(String key, String label, boolean value) {
        key(key);
        sb.append(value);
    }

    @Override
    public void code(String key, String label, int code, String name) {
        key(key);
        sb.append("{\"code\":").append(code).append(",\"name\":");
        str(name);
        sb.append('}');
    }

    @Override
    public void hex(String key, String label, byte[] value, int from, int to) {
        key(key);
        str(Octets.hex(value, from, to));
    }

    @Override
    public void nullValue(String key, String label) {
        key(key);
        sb.append("null");
    }
}
