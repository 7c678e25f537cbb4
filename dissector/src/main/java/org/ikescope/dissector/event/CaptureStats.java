package org.ikescope.dissector.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frame accounting. Every frame falls into exactly one category, so the totals always add up:
 * <pre>
 * frames == isakmp + esp + natKeepalive + other + malformed + fragments + duplicates
 * </pre>
 * <ul>
 *   <li>{@code isakmp}: frames that delivered at least one well-formed ISAKMP message (for an
 *       IP-fragmented datagram, the frame that completed it);</li>
 *   <li>{@code esp}: ESP over IP or UDP-encapsulated on a NAT-T port;</li>
 *   <li>{@code natKeepalive}: single 0xFF byte on a NAT-T port (RFC 3948 section 2.3);</li>
 *   <li>{@code other}: everything else, ICMP errors quoting IKE included;</li>
 *   <li>{@code malformed}: damaged link/IP/UDP headers, or an ISAKMP message with diagnostics;</li>
 *   <li>{@code fragments}: IP fragments held for reassembly (not the completing one);</li>
 *   <li>{@code duplicates}: exact copies of a recent frame (a SPAN session mirroring twice).</li>
 * </ul>
 * The other counters are informational and not part of the sum ({@code fragmentsIncomplete}:
 * IP fragments, already in {@code fragments}, whose datagram never completed).
 */
public final class CaptureStats {
    public long frames;
    public long isakmp;
    public long esp;
    public long natKeepalive;
    public long other;
    public long malformed;
    public long fragments;
    public long duplicates;
    /** IP fragment frames whose set never completed (dropped, or waiting at the end); informational. */
    public long fragmentsIncomplete;
    /** ISAKMP records emitted (a frame can carry an IKE fragment and the message it completes). */
    public long messages;
    public long ikeFragments;
    public long ipReassembled;
    public long icmpErrors;
    public long ipv6;
    public long vlanTagged;
    public long bytes;
    /** Per-SA sessions evicted because the table was full (a cap reached: NAT-T numbering, IKE fragments and keys of those SAs start afresh; their roles are kept). */
    public long saContextsEvicted;
    /** Per-SA sessions that expired after the session idle timeout (capture time) without a message; informational. */
    public long sessionsExpired;
    /** Encrypted IKEv1 messages decrypted with the key material given (0 without any); informational. */
    public long decrypted;

    /** True when the categories add up to {@link #frames}. */
    public boolean balanced() {
        return frames == isakmp + esp + natKeepalive + other + malformed + fragments + duplicates;
    }

    public void add(CaptureStats o) {
        frames += o.frames;
        isakmp += o.isakmp;
        esp += o.esp;
        natKeepalive += o.natKeepalive;
        other += o.other;
        malformed += o.malformed;
        fragments += o.fragments;
        duplicates += o.duplicates;
        fragmentsIncomplete += o.fragmentsIncomplete;
        messages += o.messages;
        ikeFragments += o.ikeFragments;
        ipReassembled += o.ipReassembled;
        icmpErrors += o.icmpErrors;
        ipv6 += o.ipv6;
        vlanTagged += o.vlanTagged;
        bytes += o.bytes;
        saContextsEvicted += o.saContextsEvicted;
        sessionsExpired += o.sessionsExpired;
        decrypted += o.decrypted;
    }

    /** Counters in a stable order, for output. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("isakmp", isakmp);
        m.put("esp", esp);
        m.put("natKeepalive", natKeepalive);
        m.put("other", other);
        m.put("malformed", malformed);
        m.put("fragments", fragments);
        m.put("duplicates", duplicates);
        m.put("fragmentsIncomplete", fragmentsIncomplete);
        m.put("messages", messages);
        m.put("ikeFragments", ikeFragments);
        m.put("ipReassembled", ipReassembled);
        m.put("icmpErrors", icmpErrors);
        m.put("ipv6", ipv6);
        m.put("vlanTagged", vlanTagged);
        m.put("bytes", bytes);
        m.put("saContextsEvicted", saContextsEvicted);
        m.put("sessionsExpired", sessionsExpired);
        m.put("decrypted", decrypted);
        return m;
    }
}
