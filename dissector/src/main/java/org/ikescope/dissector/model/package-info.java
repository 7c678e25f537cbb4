/**
 * Value types every layer of the dissector shares and that depend on nothing else:
 * {@link org.ikescope.dissector.model.Endpoint} (an address and port) and
 * {@link org.ikescope.dissector.model.Diagnostic} (a decoding problem: code, offset, "what:
 * actual (expected: ...)"). The leaves of the package graph: {@code net}, {@code isakmp},
 * {@code session} and {@code event} use them, they use none of those.
 */
package org.ikescope.dissector.model;
