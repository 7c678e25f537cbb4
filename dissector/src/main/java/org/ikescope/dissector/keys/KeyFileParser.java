package org.ikescope.dissector.keys;

import java.util.function.Consumer;

/**
 * One key file format, fed the file line by line (numbered from 1) and then told it ended. A
 * parser adds what it finds to the {@link KeyMaterial.Builder} it was made with and reports
 * lines it skips through its warning sink; it throws for a line it cannot accept.
 */
abstract class KeyFileParser {
    /** The file's name, as the user gave it: in every label and message. */
    protected final String file;
    protected final KeyMaterial.Builder into;
    protected final Consumer<String> warn;

    KeyFileParser(String file, KeyMaterial.Builder into, Consumer<String> warn) {
        this.file = file;
        this.into = into;
        this.warn = warn;
    }

    abstract void line(int number, String text) throws KeyFileException;

    /** The file ended: report what was counted rather than warned about line by line. */
    void end() {
    }

    /** {@code FILE line N}: a secret's label, and the start of a message about that line. */
    final String at(int number) {
        return file + " line " + number;
    }

    /** True for a line that carries nothing in any format: blank, or a {@code #} comment. */
    static boolean isBlankOrComment(String text) {
        String t = text.strip();
        return t.isEmpty() || t.charAt(0) == '#';
    }
}
