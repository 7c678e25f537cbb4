/**
 * Output plumbing shared by the commands: JSON and tree sinks for field descriptions, the dissect
 * record layout, time formatting, and {@link org.ikescope.analyzer.output.Names}, the one place
 * where the analyzer's typed values (registry codes, enums) become text.
 */
package org.ikescope.analyzer.output;
