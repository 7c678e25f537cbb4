/** The ikescope command line (picocli): dissect, analyze, plugins; exit codes 0 done, 1 findings at --fail-on, 2 usage, 3 damaged input. */
package org.ikescope.analyzer.cli;
