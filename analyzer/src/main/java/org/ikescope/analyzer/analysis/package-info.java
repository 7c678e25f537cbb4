/**
 * The analysis as a library: {@link org.ikescope.analyzer.analysis.Analysis} (a builder of
 * sources, options, the diagnostician and a sink) runs captures through the dissector, the
 * exchange tracker and the diagnosis into an {@link org.ikescope.analyzer.analysis.AnalysisSink};
 * {@link org.ikescope.analyzer.analysis.CaptureReading} reads captures (one after the other, or
 * merged by timestamp) with the reader of a {@link org.ikescope.analyzer.analysis.CaptureOpener}.
 * Used by the command line, the tests and the benchmarks alike.
 */
package org.ikescope.analyzer.analysis;
