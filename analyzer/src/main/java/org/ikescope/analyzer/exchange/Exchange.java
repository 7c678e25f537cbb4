package org.ikescope.analyzer.exchange;

/** One IKE SA's exchange record (placeholder until reconstruction lands). */
public final class Exchange {
}
