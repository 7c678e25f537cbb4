package org.ikescope.analyzer.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11, problem 5: JSON strings carry format characters and separators as escapes, and still read back as the same text. */
class JsonTextTest {
    @Test
    void formatCharactersAreJsonEscapes() throws IOException {
        String text = "a\u202eb\u2066c\u200bd\u2028e\u2029f\u007fg\u001bh é 😀";
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonText.factory().createGenerator(w)) {
            g.writeString(text);
        }
        assertEquals("\"a\\u202eb\\u2066c\\u200bd\\u2028e\\u2029f\\u007Fg\\u001Bh é \\ud83d\\ude00\"", w.toString());
        assertEquals(text, new ObjectMapper().readValue(w.toString(), String.class));
    }
}
