/**
 * The ikescope command line (picocli): dissect, analyze, extract, keys, plugins; {@code -h} and
 * examples on each; the progress line and what Ctrl-C does ({@link org.ikescope.analyzer.cli.Progress}).
 * Exit codes 0 done, 1 findings at --fail-on, 2 usage, 3 damaged input.
 */
package org.ikescope.analyzer.cli;
