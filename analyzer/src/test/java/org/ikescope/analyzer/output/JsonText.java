package org.ikescope.analyzer.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import org.ikescope.dissector.model.Escape;

/**
 * The reference for {@link JsonOut}'s escaping: the Jackson factory that every JSON output used
 * before {@code JsonOut} (tests compare the two byte for byte). Besides the controls JSON requires escaped, it writes
 * the characters {@link Escape} escapes for a terminal (format characters such as bidirectional
 * overrides and zero-width characters, line and paragraph separators, surrogates) as
 * {@code \}{@code uXXXX}, so that a JSON string holds the real text and still cannot reorder or
 * hide what a person reading the raw JSON sees. A supplementary character is written as its
 * surrogate pair, both escaped.
 */
final class JsonText {
    static final CharacterEscapes ESCAPES = new Escapes();

    private JsonText() {
    }

    /** A new factory whose generators escape as described. */
    static JsonFactory factory() {
        JsonFactory f = new JsonFactory();
        f.setCharacterEscapes(ESCAPES);
        return f;
    }

    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (Escape.unsafe(ch)) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
