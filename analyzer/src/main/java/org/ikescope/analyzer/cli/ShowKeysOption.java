package org.ikescope.analyzer.cli;

import picocli.CommandLine.Option;

/**
 * {@code --show-keys} (a picocli mixin): the outputs name every secret by where it came from
 * ({@code --psk #2}, {@code wordlist words.txt line 3}); with this option they also show the value
 * where it is news to the user: the pre-shared key a wordlist search found. ({@code ikescope keys}
 * prints keys without it: that is what it is for.)
 */
public final class ShowKeysOption {
    @Option(names = "--show-keys", description = "Also print the value of a pre-shared key a --psk-wordlist search found"
            + " (by default only where it is: wordlist FILE line N). Secrets are never printed otherwise.")
    boolean showKeys;
}
