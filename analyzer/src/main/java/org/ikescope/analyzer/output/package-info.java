/** Output plumbing shared by the commands: JSON and tree sinks for field descriptions, the dissect record layout, time formatting. */
package org.ikescope.analyzer.output;
