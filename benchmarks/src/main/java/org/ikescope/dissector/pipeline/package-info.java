/** JMH benchmark of the whole file pipeline and the large-capture generator used by compare-tshark.sh. */
package org.ikescope.dissector.pipeline;
