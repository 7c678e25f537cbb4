/** Capture files: pcap and pcapng readers over memory-mapped windows or streams (gzip, stdin), and the libpcap (pcap4j) source behind the same {@link org.ikescope.dissector.capture.PacketSource} interface. */
package org.ikescope.dissector.capture;
