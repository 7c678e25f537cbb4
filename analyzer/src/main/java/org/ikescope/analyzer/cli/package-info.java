/**
 * The ikescope command line (picocli): dissect, analyze, extract, keys, plugins; {@code -h} and
 * examples on each; the progress line and what Ctrl-C does ({@link org.ikescope.analyzer.cli.Progress}).
 * Exit codes 0 done, 1 findings at --fail-on, 2 usage, 3 damaged input, 4 output failed, 5 a
 * plugin broke containment, 6 internal error, 7 out of memory ({@link org.ikescope.analyzer.cli.Main});
 * standard output checked for write errors ({@code CheckedOutput}), standard error escaped line by
 * line ({@code EscapedLines}).
 */
package org.ikescope.analyzer.cli;
