package org.ikescope.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Escaping and wrapping for the terminal. */
class TerminalTest {
    @Test
    void controlAndBidiCharactersAreEscaped() {
        assertEquals("a\\x1b[31mred\\x07", Terminal.escape("a\u001b[31mred\u0007"));
        assertEquals("x\\x9by\\x7f", Terminal.escape("x\u009by\u007f"));
        assertEquals("evil\\u{202E}txt.exe", Terminal.escape("evil\u202etxt.exe"));
        assertEquals("line\\u{2028}break\\x0a", Terminal.escape("line\u2028break\n"));
        // Escapes a capture's text already carries are not escaped twice; ordinary text is untouched.
        assertEquals("ID \\x0a and é", Terminal.escape("ID \\x0a and é"));
    }

    @Test
    void wrapKeepsAlignmentAndBreaksAtSpaces() {
        assertEquals(List.of("   MM1     I->R      3"), Terminal.wrap("MM1     I->R      3", 40, "   ", "      "));
        List<String> lines = Terminal.wrap("one two three four five six seven eight nine ten", 20, "  ", "    ");
        assertEquals(List.of("  one two three four", "    five six seven", "    eight nine ten"), lines);
        for (String l : Terminal.wrap("x".repeat(50) + " y", 20, "", "  ")) {
            assertTrue(l.length() <= 20, l);
        }
    }

    @Test
    void escapedIsTheTextItselfWhenNothingNeedsEscaping() {
        StringBuilder clean = new StringBuilder("MM1  I->R  [x]\\ ~");
        assertSame(clean, Terminal.escaped(clean));
        for (String s : List.of("bell\u0007", "del\u007f", "\u00e9t\u00e9", "rtl\u202e", "\ud83d\ude00", "lone \ud83d")) {
            assertEquals(Terminal.escape(s), Terminal.escaped(new StringBuilder(s)).toString(), s);
        }
    }
}
