package org.ikescope.analyzer.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.ikescope.dissector.describe.FieldSink;

/** Writes a description as JSON members through a Jackson generator (labels are ignored). */
public final class JsonFieldSink implements FieldSink {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final JsonGenerator g;
    private char[] hexBuf = new char[256];

    public JsonFieldSink(JsonGenerator g) {
        this.g = g;
    }

    @Override
    public boolean wantsLabels() {
        return false;
    }

    private void name(String key) throws IOException {
        if (key != null) {
            g.writeFieldName(key);
        }
    }

    @Override
    public void beginObject(String key, String label) {
        try {
            name(key);
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endObject() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beginArray(String key, String label) {
        try {
            name(key);
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void string(String key, String label, String value) {
        try {
            name(key);
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(String key, String label, long value) {
        try {
            name(key);
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void bool(String key, String label, boolean value) {
        try {
            name(key);
            g.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void code(String key, String label, int code, String name) {
        try {
            name(key);
            JsonSchema.registryValue(g, code, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void hex(String key, String label, byte[] value, int from, int to) {
        try {
            name(key);
            int n = (to - from) * 2;
            if (hexBuf.length < n) {
                hexBuf = new char[Math.max(n, hexBuf.length * 2)];
            }
            for (int i = from, j = 0; i < to; i++) {
                hexBuf[j++] = HEX[(value[i] >> 4) & 0xf];
                hexBuf[j++] = HEX[value[i] & 0xf];
            }
            g.writeString(hexBuf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void nullValue(String key, String label) {
        try {
            name(key);
            g.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
