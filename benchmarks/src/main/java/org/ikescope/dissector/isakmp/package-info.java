/** JMH benchmarks of ISAKMP decoding, in the package of the code they measure. */
package org.ikescope.dissector.isakmp;
