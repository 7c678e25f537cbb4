package org.ikescope.analyzer.output;

import org.ikescope.dissector.describe.FieldSink;
import org.ikescope.dissector.model.Endpoint;

/** Writes a description as JSON members through a {@link JsonOut} (labels are ignored). */
public final class JsonFieldSink implements FieldSink {
    private final JsonOut g;

    public JsonFieldSink(JsonOut g) {
        this.g = g;
    }

    @Override
    public boolean wantsLabels() {
        return false;
    }

    private void name(String key) {
        if (key != null) {
            g.writeFieldName(key);
        }
    }

    @Override
    public void beginObject(String key, String label) {
        name(key);
        g.writeStartObject();
    }

    @Override
    public void endObject() {
        g.writeEndObject();
    }

    @Override
    public void beginArray(String key, String label) {
        name(key);
        g.writeStartArray();
    }

    @Override
    public void endArray() {
        g.writeEndArray();
    }

    @Override
    public void string(String key, String label, String value) {
        name(key);
        g.writeString(value);
    }

    @Override
    public void number(String key, String label, long value) {
        name(key);
        g.writeNumber(value);
    }

    @Override
    public void bool(String key, String label, boolean value) {
        name(key);
        g.writeBoolean(value);
    }

    @Override
    public void code(String key, String label, int code, String name) {
        name(key);
        JsonSchema.registryValue(g, code, name);
    }

    @Override
    public void hex(String key, String label, byte[] value, int from, int to) {
        name(key);
        g.writeHex(value, from, to);
    }

    @Override
    public void nullValue(String key, String label) {
        name(key);
        g.writeNull();
    }

    /** The low {@code digits} hex digits of {@code value} as a string: a cookie (16) or a message ID (8), written without making the string. */
    void hex(String key, long value, int digits) {
        name(key);
        g.writeHex(value, digits);
    }

    /** An endpoint's address as {@link Endpoint#ip} writes it; an IPv4 address without making the string. */
    void ip(String key, Endpoint e) {
        name(key);
        if (e.addressLength() == 4) {
            g.writeIpv4(e.addressByte(0), e.addressByte(1), e.addressByte(2), e.addressByte(3));
        } else {
            g.writeString(e.ip());
        }
    }

    /** A time as {@link Times#iso} writes it, written without making the string. */
    void time(String key, long nanos) {
        name(key);
        g.writeIsoTime(nanos);
    }
}
