/**
 * The output of {@code ikescope analyze}: {@link org.ikescope.analyzer.report.JsonReport} streams
 * one JSON document (exchanges as they are emitted, then cross-exchange findings and stats; the
 * member names are a stable contract: add freely, never rename), and
 * {@link org.ikescope.analyzer.report.TextReport} prints a summary table in the spirit of
 * {@code show crypto isakmp sa detail}, a ladder per exchange and the findings;
 * {@link org.ikescope.analyzer.report.HtmlReport} writes the same as one self-contained page, with
 * its ladders drawn as SVG by {@link org.ikescope.analyzer.report.LadderSvg}.
 */
package org.ikescope.analyzer.report;
