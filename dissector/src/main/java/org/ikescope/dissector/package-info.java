/** The dissection pipeline: frames to ISAKMP messages, ESP and keepalive events, with frame accounting ({@link org.ikescope.dissector.CaptureStats}) and SPAN duplicate detection. Knows nothing of exchanges, states or plugins. */
package org.ikescope.dissector;
