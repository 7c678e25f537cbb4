/**
 * One way to list the fields of decoded structures ({@link org.ikescope.dissector.describe.FieldSink}),
 * so that JSON, the {@code -V} tree and later the HTML report come from the same description.
 */
package org.ikescope.dissector.describe;
