package org.ikescope.analyzer.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11, problem 5: JSON strings carry format characters and separators as escapes, and still read back as the same text. */
class JsonTextTest {
    @Test
    void formatCharactersAreJsonEscapes() throws IOException {
        String text = "a\u202eb\u2066c\u200bd\u2028e\u2029f\u007fg\u001bh é 😀";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonOut g = new JsonOut(bytes);
        g.writeString(text);
        g.flush();
        String json = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\"a\\u202eb\\u2066c\\u200bd\\u2028e\\u2029f\\u007Fg\\u001Bh é \\ud83d\\ude00\"", json);
        assertEquals(text, new ObjectMapper().readValue(json, String.class));
    }
}
