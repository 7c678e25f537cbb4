package org.ikescope.dissector.describe;

/** A decoded structure that can list its fields to a {@link FieldSink}. */
public interface Describable {
    /** Writes this structure's members (not an enclosing object) to {@code out}. */
    void describe(FieldSink out);
}
