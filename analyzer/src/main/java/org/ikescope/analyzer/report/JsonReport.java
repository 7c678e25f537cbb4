package org.ikescope.analyzer.report;

import static org.ikescope.analyzer.report.JsonValues.*;

import org.ikescope.analyzer.output.JsonOut;
import org.ikescope.analyzer.output.JsonOut.Name;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.exchange.Deletion;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.IcmpEvidence;
import org.ikescope.analyzer.exchange.IncompleteFragmentSet;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.exchange.Notification;
import org.ikescope.analyzer.exchange.PayloadShape;
import org.ikescope.analyzer.exchange.QuickMode;
import org.ikescope.analyzer.exchange.Transaction;
import org.ikescope.analyzer.output.JsonSchema;
import org.ikescope.analyzer.output.Names;
import org.ikescope.analyzer.output.PskWordlistOutput;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.ProtocolId;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * {@code analyze --format json}: one document, streamed.
 * <pre>
 * {"schemaVersion":2,
 *  "exchanges":[ {...one per IKE SA, written when it is emitted...} ],
 *  "findings":[ ...cross-exchange... ],
 *  "pskWordlist":{ ...only with --psk-wordlist: what the search found, see PskWordlistOutput... },
 *  "stats":{ ...frame and tracker counters..., "errors":[...] }}
 * </pre>
 * Member names are a stable contract (documented in the README): add freely, rename only with a
 * new {@link JsonSchema#VERSION} (and a CHANGELOG entry). Registry values are {@code {"code":N,"name":"..."}}
 * as in {@code dissect --format jsonl}. Times are ISO-8601 UTC; durations are milliseconds; unknown
 * values are null.
 */
public final class JsonReport implements AnalysisSink {
    private final JsonOut g;
    private final boolean showKeys;
    private PskWordlistSearch.Result wordlist;

    public JsonReport(OutputStream out) throws IOException {
        this(out, false);
    }

    /** @param showKeys write the pre-shared keys a wordlist search found ({@code --show-keys}), not only where they are */
    public JsonReport(OutputStream out, boolean showKeys) throws IOException {
        this.showKeys = showKeys;
        this.g = new JsonOut(out);
        g.writeStartObject();
        JsonSchema.version(g);
        g.writeArrayFieldStart(EXCHANGES);
    }

    @Override
    public void exchange(Exchange x) throws IOException {
        write(g, x);
        g.writeNewline();
        // Written out in chunks, as dissect --format jsonl does: a write and a flush through the
        // guarded, checked stdout per exchange cost the worker a twentieth of its time (to a file,
        // a fifth); the document is whole only at the end anyway, which flushes.
        g.writeIfFull();
    }

    @Override
    public void pskWordlist(PskWordlistSearch.Result result) {
        this.wordlist = result;
    }

    @Override
    public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) throws IOException {
        g.writeEndArray();
        g.writeArrayFieldStart(FINDINGS);
        for (Finding f : findings) {
            finding(g, f);
        }
        g.writeEndArray();
        if (wordlist != null) {
            PskWordlistOutput.json(g, wordlist, showKeys);
        }
        g.writeObjectFieldStart(STATS);
        for (Map.Entry<String, Object> s : stats.entrySet()) {
            g.writeFieldName(s.getKey());
            Object v = s.getValue();
            if (v instanceof Number n) {
                g.writeNumber(n.longValue());
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeString(String.valueOf(v));
            }
        }
        g.writeArrayFieldStart(ERRORS);
        for (String e : errors) {
            g.writeString(e);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeNewline();
        g.flush();
    }

    /** Writes one exchange object. */
    public static void write(JsonOut g, Exchange x) {
        g.writeStartObject();
        g.writeNumberField(ID, x.id());
        if (x.continuationOf() == 0) {
            g.writeNullField(CONTINUATION_OF);
        } else {
            g.writeNumberField(CONTINUATION_OF, x.continuationOf());
        }
        if (x.version() == 0) {
            g.writeNullField(ISPI);
            g.writeNullField(RSPI);
        } else {
            g.writeFieldName(ISPI);
            g.writeHex(x.ispi(), 16);
            g.writeFieldName(RSPI);
            if (x.rspi() == 0) {
                g.writeNull();
            } else {
                g.writeHex(x.rspi(), 16);
            }
        }
        g.writeNumberField(VERSION, x.version());
        g.writeLabelField(MODE, x.mode().label());
        g.writeLabelField(FILE, x.file());
        g.writeBooleanField(STARTED_AFTER_PHASE1, x.startedAfterPhase1());
        g.writeBooleanField(ROLES_INFERRED, x.rolesInferred());
        peer(g, INITIATOR, x.initiator());
        peer(g, RESPONDER, x.responder());
        g.writeIsoTimeField(START, x.startNanos());
        g.writeIsoTimeField(END, x.endNanos());
        g.writeObjectFieldStart(STATE);
        nullableLabel(g, INITIATOR, Names.state(x.initiatorState()));
        nullableLabel(g, RESPONDER, Names.state(x.responderState()));
        g.writeBooleanField(INFERRED, x.stateInferred());
        g.writeEndObject();
        g.writeFieldName(PROPOSAL);
        proposal(g, x.proposal());
        g.writeArrayFieldStart(OFFERED);
        for (Suite p : x.offered()) {
            proposal(g, p);
        }
        g.writeEndArray();
        g.writeObjectFieldStart(IDENTITIES);
        identity(g, INITIATOR, x.initiatorIdentity());
        identity(g, RESPONDER, x.responderIdentity());
        g.writeEndObject();
        decryption(g, x.decryption());
        g.writeArrayFieldStart(MESSAGES);
        for (ExchangeMessage m : x.messages()) {
            message(g, m);
        }
        g.writeEndArray();
        g.writeNumberField(MESSAGES_NOT_LISTED, x.messagesDropped());
        g.writeArrayFieldStart(NOTIFICATIONS);
        for (Notification n : x.notifications()) {
            g.writeStartObject();
            g.writeFieldName(TYPE);
            JsonSchema.registryValue(g, n.type(), Names.notify(n.ikev2(), n.type()));
            g.writeNumberField(FRAME, n.frame());
            g.writeLabelField(FROM, n.from().label());
            g.writeBooleanField(ENCRYPTED, n.encrypted());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(QUICK_MODES);
        for (QuickMode q : x.quickModes()) {
            g.writeStartObject();
            g.writeHex32Field(MESSAGE_ID, q.messageId());
            g.writeLabelField(INITIATOR, q.initiator().label());
            g.writeLabelField(STATE, q.state().name());
            frameOrNull(g, ANSWERED_BY_INFORMATIONAL, q.answeredByInformational());
            g.writeFieldName(CHOSEN);
            proposal(g, q.chosen());
            g.writeArrayFieldStart(OFFERED);
            for (Suite p : q.offered()) {
                proposal(g, p);
            }
            g.writeEndArray();
            proxyIds(g, PROXY_IDS, q.proxyIds());
            proxyIds(g, ANSWERED_PROXY_IDS, q.answeredProxyIds());
            g.writeArrayFieldStart(MESSAGES);
            for (ExchangeMessage m : q.messages()) {
                message(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(INFORMATIONAL);
        for (Informational i : x.informational()) {
            g.writeStartObject();
            g.writeHex32Field(MESSAGE_ID, i.messageId());
            g.writeNumberField(FRAME, i.frame());
            g.writeIsoTimeField(TIME, i.timeNanos());
            g.writeLabelField(FROM, i.from().label());
            g.writeBooleanField(ENCRYPTED, i.encrypted());
            g.writeNumberField(SIZE, i.size());
            g.writeNumberField(RETRANSMISSIONS, i.retransmissions());
            frameOrNull(g, IN_RESPONSE_TO, i.inResponseTo());
            frameOrNull(g, ANSWERED_BY, i.answeredBy());
            millis(g, RTT_MILLIS, i.rttNanos());
            notifications(g, x.version() == 2, i.notifyTypes());
            g.writeBooleanField(DELETES, i.deletes());
            g.writeArrayFieldStart(DELETED);
            for (Deletion d : i.deletions()) {
                g.writeStartObject();
                registryOrNull(g, PROTOCOL, d.protocolId(), ProtocolId.nameOf(d.protocolId()));
                g.writeArrayFieldStart(SPIS);
                for (ImmutableBytes spi : d.spis()) {
                    g.writeHex(spi);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            intOrNull(g, DPD_SEQUENCE, i.dpdSequence());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(TRANSACTIONS);
        for (Transaction t : x.transactions()) {
            g.writeStartObject();
            g.writeHex32Field(MESSAGE_ID, t.messageId());
            g.writeArrayFieldStart(FRAMES);
            for (ExchangeMessage m : t.messages()) {
                g.writeNumber(m.frame());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(ESP);
        for (EspFlow f : x.esp()) {
            g.writeStartObject();
            g.writeFieldName(SPI);
            g.writeHex(f.spi() & 0xffffffffL, 8);
            g.writeLabelField(FROM, f.from().label());
            g.writeNumberField(PACKETS, f.packets());
            g.writeNumberField(BYTES, f.bytes());
            g.writeIsoTimeField(FIRST, f.firstNanos());
            g.writeIsoTimeField(LAST, f.lastNanos());
            g.writeNumberField(FIRST_FRAME, f.firstFrame());
            g.writeNumberField(LAST_FRAME, f.lastFrame());
            g.writeBooleanField(UDP_ENCAPSULATED, f.udpEncapsulated());
            g.writeNumberField(SRC_PORT, f.srcPort());
            g.writeNumberField(DST_PORT, f.dstPort());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(ICMP_ERRORS);
        for (IcmpEvidence i : x.icmpErrors()) {
            g.writeStartObject();
            g.writeNumberField(FRAME, i.frame());
            g.writeIsoTimeField(TIME, i.timeNanos());
            g.writeNumberField(ICMP_TYPE, i.type());
            g.writeNumberField(ICMP_CODE, i.code());
            g.writeBooleanField(ICMPV6, i.ipv6());
            g.writeStringField(DESCRIPTION, i.description());
            g.writeLabelField(ABOUT, i.quotedFrom().label());
            frameOrNull(g, QUOTED_FRAME, i.quotedFrame());
            nullableString(g, QUOTED_STEP, i.quotedStep().map(Step::label).orElse(null));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(INCOMPLETE_FRAGMENTS);
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            g.writeStartObject();
            g.writeLabelField(KIND, f.kind().label());
            g.writeLabelField(FROM, f.from().label());
            g.writeArrayFieldStart(FRAMES);
            for (long n : f.frames()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeNumberField(BYTES, f.bytes());
            g.writeLabelField(REASON, f.reason().label());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField(NAT_KEEPALIVES, x.natKeepalives());
        nat(g, x.natDetection());
        g.writeNumberField(IKE_FRAGMENTS, x.ikeFragments());
        g.writeObjectFieldStart(TIMING);
        millis(g, TIME_TO_ESTABLISHED_MILLIS, x.timeToEstablishedNanos());
        millis(g, DURATION_MILLIS, x.endNanos() - x.startNanos());
        g.writeEndObject();
        g.writeBooleanField(SCANNER, x.scanner());
        g.writeBooleanField(DELETED, x.deleted());
        g.writeLabelField(CLOSED_BY, x.closedBy().label());
        strings(g, NOTES, x.notes());
        g.writeArrayFieldStart(FINDINGS);
        for (Finding f : x.findings()) {
            finding(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void message(JsonOut g, ExchangeMessage m) {
        g.writeStartObject();
        g.writeLabelField(STEP, m.label());
        g.writeNumberField(FRAME, m.frame());
        g.writeIsoTimeField(TIME, m.timeNanos());
        g.writeLabelField(FROM, m.from().label());
        frameOrNull(g, RETRANSMISSION_OF, m.retransmissionOf());
        g.writeBooleanField(ENCRYPTED, m.encrypted());
        g.writeBooleanField(DECRYPTED, m.decrypted());
        g.writeNumberField(SIZE, m.size());
        g.writeFieldName(EXCHANGE_TYPE);
        JsonSchema.registryValue(g, m.exchangeType(), ExchangeType.nameOf(m.exchangeType()));
        g.writeHex32Field(MESSAGE_ID, m.messageId());
        g.writeNumberField(SRC_PORT, m.srcPort());
        g.writeNumberField(DST_PORT, m.dstPort());
        if (m.nonEspMarker()) {
            g.writeBooleanField(NON_ESP_MARKER, true);
        }
        if (m.retransmissionNumber() > 0) {
            g.writeNumberField(RETRANSMISSION_NUMBER, m.retransmissionNumber());
        }
        if (m.retransmissions() > 0) {
            g.writeNumberField(RETRANSMISSIONS, m.retransmissions());
        }
        frameOrNull(g, IN_RESPONSE_TO, m.inResponseTo());
        millis(g, RTT_MILLIS, m.rttNanos());
        if (!m.notifyTypes().isEmpty()) {
            notifications(g, m.ikev2(), m.notifyTypes());
        }
        if (!m.payloads().isEmpty()) {
            g.writeArrayFieldStart(PAYLOADS);
            for (PayloadShape.Kind k : m.payloads().kinds()) {
                g.writeLabel(k.abbreviation());
            }
            g.writeEndArray();
        }
        if (!m.ipFragmentFrames().isEmpty()) {
            longs(g, IP_FRAGMENT_FRAMES, m.ipFragmentFrames());
        }
        if (!m.ikeFragmentFrames().isEmpty()) {
            longs(g, IKE_FRAGMENT_FRAMES, m.ikeFragmentFrames());
        }
        if (m.vlan() >= 0) {
            g.writeNumberField(VLAN, m.vlan());
        }
        g.writeLabelField(FILE, m.file());
        g.writeEndObject();
    }

    /** {@code "notifications":[{"code":N,"name":"..."}...]}: notify types in the registry of their version. */
    private static void notifications(JsonOut g, boolean ikev2, List<Integer> types) {
        g.writeArrayFieldStart(NOTIFICATIONS);
        for (int t : types) {
            JsonSchema.registryValue(g, t, Names.notify(ikev2, t));
        }
        g.writeEndArray();
    }

    private static void longs(JsonOut g, Name name, List<Long> l) {
        g.writeArrayFieldStart(name);
        for (long v : l) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    /** Writes one finding object. */
    public static void finding(JsonOut g, Finding f) {
        g.writeStartObject();
        g.writeLabelField(CODE, f.code());
        g.writeLabelField(SEVERITY, f.severity().label());
        g.writeLabelField(CONFIDENCE, f.confidence().label());
        g.writeStringField(TITLE, f.title());
        g.writeStringField(EXPLANATION, f.explanation());
        longs(g, EVIDENCE, f.evidence());
        g.writeStringField(REMEDIATION, f.remediation());
        g.writeLabelField(SOURCE, f.source());
        if (f.offset() >= 0) {
            g.writeNumberField(OFFSET, f.offset());
        }
        if (f.asa() == null) {
            g.writeNullField(ASA);
        } else {
            g.writeObjectFieldStart(ASA);
            g.writeStringField(STATE, f.asa().state());
            g.writeArrayFieldStart(MESSAGES);
            for (String m : f.asa().messages()) {
                g.writeString(m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
