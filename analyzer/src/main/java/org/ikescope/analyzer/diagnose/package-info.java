/** The seam between exchange reconstruction and diagnosis ({@link org.ikescope.analyzer.diagnose.Diagnostician}). */
package org.ikescope.analyzer.diagnose;
