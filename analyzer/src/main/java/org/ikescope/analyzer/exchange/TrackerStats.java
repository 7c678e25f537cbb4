package org.ikescope.analyzer.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the tracker did, for the {@code stats} of a report. Counters add up over timelines. */
public final class TrackerStats {
    /** Records emitted. */
    public long exchanges;
    /** ... of which reached MM_ACTIVE / AM_ACTIVE / ESTABLISHED. */
    public long established;
    public long closedIdle;
    public long closedDeleted;
    public long closedEnd;
    /** Records emitted early because {@code maxTracked} records were open (the cap on tracked SAs). */
    public long closedAtCap;
    /** Records that continue an earlier record of the same SA. */
    public long continuations;
    /** Records without phase 1 in the capture. */
    public long startedAfterPhase1;
    /** Most records open at once. */
    public long peakTracked;
    public long messages;
    /** SPAN duplicates left out of the analysis. */
    public long duplicatesSkipped;
    /** With --merge: the same message seen again in another file at about the same time (two capture points). */
    public long crossCaptureCopies;
    /** IKE fragments (payload 132) counted under their SA. */
    public long ikeFragments;
    /** ...and those whose SA was not found. */
    public long ikeFragmentsUnmatched;
    /** IP/IKE fragment sets that never completed, attached to their SA. */
    public long incompleteFragmentSets;
    /** ...and those whose SA was not found (open). */
    public long incompleteFragmentSetsUnmatched;
    public long icmpErrors;
    public long icmpUnmatched;
    public long espPackets;
    public long natKeepalives;
    public long natKeepalivesUnmatched;
    /** Messages beyond the per-record list limit (counted, not listed). */
    public long messagesNotListed;
    /** Records not kept for the end-of-timeline diagnosis (cap on retained records). */
    public long exchangesNotRetained;
    /** Frame-level problems not reported as findings (cap). */
    public long findingsNotReported;
    /**
     * Messages with payloads whose bytes were not kept for the plugins (the tracker's budget of
     * message bytes was spent): their payload bodies read as not available.
     */
    public long payloadBytesNotRetained;

    public void add(TrackerStats o) {
        exchanges += o.exchanges;
        established += o.established;
        closedIdle += o.closedIdle;
        closedDeleted += o.closedDeleted;
        closedEnd += o.closedEnd;
        closedAtCap += o.closedAtCap;
        continuations += o.continuations;
        startedAfterPhase1 += o.startedAfterPhase1;
        peakTracked = Math.max(peakTracked, o.peakTracked);
        messages += o.messages;
        duplicatesSkipped += o.duplicatesSkipped;
        crossCaptureCopies += o.crossCaptureCopies;
        ikeFragments += o.ikeFragments;
        ikeFragmentsUnmatched += o.ikeFragmentsUnmatched;
        incompleteFragmentSets += o.incompleteFragmentSets;
        incompleteFragmentSetsUnmatched += o.incompleteFragmentSetsUnmatched;
        icmpErrors += o.icmpErrors;
        icmpUnmatched += o.icmpUnmatched;
        espPackets += o.espPackets;
        natKeepalives += o.natKeepalives;
        natKeepalivesUnmatched += o.natKeepalivesUnmatched;
        messagesNotListed += o.messagesNotListed;
        exchangesNotRetained += o.exchangesNotRetained;
        findingsNotReported += o.findingsNotReported;
        payloadBytesNotRetained += o.payloadBytesNotRetained;
    }

    /** Counters in a stable order, for output. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("exchanges", exchanges);
        m.put("established", established);
        m.put("closedIdle", closedIdle);
        m.put("closedDeleted", closedDeleted);
        m.put("closedEnd", closedEnd);
        m.put("closedAtCap", closedAtCap);
        m.put("continuations", continuations);
        m.put("startedAfterPhase1", startedAfterPhase1);
        m.put("peakTracked", peakTracked);
        m.put("analyzedMessages", messages);
        m.put("duplicatesSkipped", duplicatesSkipped);
        m.put("crossCaptureCopies", crossCaptureCopies);
        m.put("ikeFragmentsMatched", ikeFragments);
        m.put("ikeFragmentsUnmatched", ikeFragmentsUnmatched);
        m.put("incompleteFragmentSetsMatched", incompleteFragmentSets);
        m.put("incompleteFragmentSetsUnmatched", incompleteFragmentSetsUnmatched);
        m.put("icmpQuotingIke", icmpErrors);
        m.put("icmpUnmatched", icmpUnmatched);
        m.put("espPackets", espPackets);
        m.put("natKeepalivesMatched", natKeepalives);
        m.put("natKeepalivesUnmatched", natKeepalivesUnmatched);
        m.put("messagesNotListed", messagesNotListed);
        m.put("exchangesNotRetained", exchangesNotRetained);
        m.put("findingsNotReported", findingsNotReported);
        m.put("payloadBytesNotRetained", payloadBytesNotRetained);
        return m;
    }
}
