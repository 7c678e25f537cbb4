package org.ikescope.api.plugin;

import java.util.List;
import java.util.Objects;

/**
 * One diagnosis: what is wrong (or notable), how sure, why, the frames that show it and what to
 * check on the devices. The same type carries dissector diagnostics ({@code source} =
 * {@code "dissector"}, {@code offset} set) and plugin findings ({@code source} = the plugin id).
 *
 * @param code        stable dotted code (e.g. {@code policy.mismatch}); never renamed once released
 * @param severity    error, warning or info
 * @param confidence  confirmed, likely or possible
 * @param title       one line
 * @param explanation what the evidence means, in words a network engineer uses
 * @param evidence    frame numbers that show it (ascending; each at least 1, frames count from 1)
 * @param remediation what to check or change on the devices (ASA/IOS/strongSwan terms where fitting)
 * @param source      the plugin id, or {@code dissector}
 * @param offset      for dissector diagnostics, the byte offset in the message; else -1
 * @param asa         what a Cisco ASA shows in this situation (state, syslog and debug lines), or null
 *                    (since 2.1)
 */
public record Finding(String code, Severity severity, Confidence confidence, String title, String explanation,
                      List<Long> evidence, String remediation, String source, int offset, AsaLines asa) {
    /** A finding without ASA lines (the 2.0 constructor). */
    public Finding(String code, Severity severity, Confidence confidence, String title, String explanation,
                   List<Long> evidence, String remediation, String source, int offset) {
        this(code, severity, confidence, title, explanation, evidence, remediation, source, offset, null);
    }

    /**
     * Checks the required fields; null text becomes empty, evidence is copied, empty ASA lines become null.
     *
     * @throws IllegalArgumentException when an evidence frame is below 1 (there is no frame 0 or -1)
     */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(title, "title");
        explanation = explanation == null ? "" : explanation;
        remediation = remediation == null ? "" : remediation;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        for (Long frame : evidence) {
            if (frame < 1) {
                throw new IllegalArgumentException("evidence: frame " + frame + " (expected: frame numbers from 1)");
            }
        }
        source = source == null ? "" : source;
        asa = asa == null || asa.isEmpty() ? null : asa;
    }

    /** A builder for the common case (no offset; source filled in by the host). */
    public static Builder of(String code, Severity severity, Confidence confidence) {
        return new Builder(code, severity, confidence);
    }

    /** Returns a copy with {@code source} set. */
    public Finding withSource(String newSource) {
        return new Finding(code, severity, confidence, title, explanation, evidence, remediation, newSource, offset,
                asa);
    }

    /** Builder of {@link Finding}. */
    public static final class Builder {
        private final String code;
        private final Severity severity;
        private final Confidence confidence;
        private String title = "";
        private String explanation = "";
        private List<Long> evidence = List.of();
        private String remediation = "";
        private String source = "";
        private int offset = -1;
        private AsaLines asa;

        private Builder(String code, Severity severity, Confidence confidence) {
            this.code = code;
            this.severity = severity;
            this.confidence = confidence;
        }

        /** Sets the one-line title. */
        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /** Sets what the evidence means. */
        public Builder explanation(String e) {
            this.explanation = e;
            return this;
        }

        /** Sets the evidence frames (sorted, repeats dropped). */
        public Builder evidence(List<Long> frames) {
            this.evidence = frames.stream().sorted().distinct().toList();
            return this;
        }

        /** Sets the evidence frames (sorted, repeats dropped). */
        public Builder evidence(long... frames) {
            return evidence(java.util.Arrays.stream(frames).boxed().toList());
        }

        /** Sets what to check or change on the devices. */
        public Builder remediation(String r) {
            this.remediation = r;
            return this;
        }

        /** Sets the source; the plugin host overwrites it with the plugin id. */
        public Builder source(String s) {
            this.source = s;
            return this;
        }

        /** Sets the byte offset (dissector diagnostics). */
        public Builder offset(int o) {
            this.offset = o;
            return this;
        }

        /**
         * Sets what a Cisco ASA shows in this situation.
         *
         * @since 2.1
         */
        public Builder asa(AsaLines lines) {
            this.asa = lines;
            return this;
        }

        /**
         * Sets the ASA's state and the lines to look for on it.
         *
         * @since 2.1
         */
        public Builder asa(String state, String... messages) {
            return asa(AsaLines.of(state, messages));
        }

        /** The finding. */
        public Finding build() {
            return new Finding(code, severity, confidence, title, explanation, evidence, remediation, source, offset,
                    asa);
        }
    }
}
