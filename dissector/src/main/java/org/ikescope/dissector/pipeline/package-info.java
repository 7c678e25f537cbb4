/**
 * The dissection pipeline: frames from a capture source, through link/IP/UDP and ISAKMP
 * decoding and the per-SA sessions, to the events of {@code org.ikescope.dissector.event}, with
 * every frame counted and SPAN duplicates detected. Knows nothing of exchange states, diagnoses
 * or plugins.
 */
package org.ikescope.dissector.pipeline;
