package org.ikescope.analyzer.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * JSON generators that write member names from bytes encoded once: the writers name every member
 * with a string constant, so each generator keeps the name's quoted UTF-8 bytes by the constant's
 * identity (a map look-up, then a copy) instead of escaping and encoding it character by character
 * for every member of every record. The text written is the same.
 */
public final class JsonNames {
    /** Names kept per generator; beyond this (names made at run time), names are encoded as they come. */
    static final int MAX_NAMES = 4096;

    private JsonNames() {
    }

    /**
     * A factory whose UTF-8 generators keep their member names encoded, and escape string values
     * as {@link JsonText#factory()} does.
     */
    public static JsonFactory factory() {
        JsonFactory f = new Factory();
        f.setCharacterEscapes(JsonText.ESCAPES);
        return f;
    }

    private static final class Factory extends JsonFactory {
        private static final long serialVersionUID = 1L;

        /** As {@link JsonFactory#_createUTF8Generator}, with the generator below. */
        @Override
        protected JsonGenerator _createUTF8Generator(OutputStream out, IOContext ctxt) throws IOException {
            UTF8JsonGenerator gen = new Generator(ctxt, _generatorFeatures, _objectCodec, out, _quoteChar);
            if (_maximumNonEscapedChar > 0) {
                gen.setHighestNonEscapedChar(_maximumNonEscapedChar);
            }
            if (_characterEscapes != null) {
                gen.setCharacterEscapes(_characterEscapes);
            }
            if (_rootValueSeparator != DEFAULT_ROOT_VALUE_SEPARATOR) {
                gen.setRootValueSeparator(_rootValueSeparator);
            }
            return _decorate(gen);
        }
    }

    private static final class Generator extends UTF8JsonGenerator {
        private final Map<String, SerializableString> names = new IdentityHashMap<>();

        Generator(IOContext ctxt, int features, ObjectCodec codec, OutputStream out, char quote) {
            super(ctxt, features, codec, out, quote);
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            SerializableString s = names.get(name);
            if (s == null) {
                if (names.size() >= MAX_NAMES) {
                    super.writeFieldName(name);
                    return;
                }
                s = new SerializedString(name);
                names.put(name, s);
            }
            writeFieldName(s);
        }
    }
}
