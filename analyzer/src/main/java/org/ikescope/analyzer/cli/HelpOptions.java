package org.ikescope.analyzer.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} and {@code --version} on every command. Not picocli's standard
 * options: those take {@code -V} for the version, and {@code -V} has one meaning in ikescope,
 * tshark's: the full payload tree ({@code dissect -V}).
 */
public final class HelpOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    boolean version;
}
