package org.ikescope.analyzer.report;

import static org.ikescope.analyzer.report.JsonValues.*;

import org.ikescope.analyzer.output.JsonOut;
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
        g.writeArrayFieldStart("exchanges");
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
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            finding(g, f);
        }
        g.writeEndArray();
        if (wordlist != null) {
            PskWordlistOutput.json(g, wordlist, showKeys);
        }
        g.writeObjectFieldStart("stats");
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
        g.writeArrayFieldStart("errors");
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
        g.writeNumberField("id", x.id());
        if (x.continuationOf() == 0) {
            g.writeNullField("continuationOf");
        } else {
            g.writeNumberField("continuationOf", x.continuationOf());
        }
        if (x.version() == 0) {
            g.writeNullField("ispi");
            g.writeNullField("rspi");
        } else {
            g.writeFieldName("ispi");
            g.writeHex(x.ispi(), 16);
            g.writeFieldName("rspi");
            if (x.rspi() == 0) {
                g.writeNull();
            } else {
                g.writeHex(x.rspi(), 16);
            }
        }
        g.writeNumberField("version", x.version());
        g.writeLabelField("mode", x.mode().label());
        g.writeLabelField("file", x.file());
        g.writeBooleanField("startedAfterPhase1", x.startedAfterPhase1());
        g.writeBooleanField("rolesInferred", x.rolesInferred());
        peer(g, "initiator", x.initiator());
        peer(g, "responder", x.responder());
        g.writeIsoTimeField("start", x.startNanos());
        g.writeIsoTimeField("end", x.endNanos());
        g.writeObjectFieldStart("state");
        nullableLabel(g, "initiator", Names.state(x.initiatorState()));
        nullableLabel(g, "responder", Names.state(x.responderState()));
        g.writeBooleanField("inferred", x.stateInferred());
        g.writeEndObject();
        g.writeFieldName("proposal");
        proposal(g, x.proposal());
        g.writeArrayFieldStart("offered");
        for (Suite p : x.offered()) {
            proposal(g, p);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("identities");
        identity(g, "initiator", x.initiatorIdentity());
        identity(g, "responder", x.responderIdentity());
        g.writeEndObject();
        decryption(g, x.decryption());
        g.writeArrayFieldStart("messages");
        for (ExchangeMessage m : x.messages()) {
            message(g, m);
        }
        g.writeEndArray();
        g.writeNumberField("messagesNotListed", x.messagesDropped());
        g.writeArrayFieldStart("notifications");
        for (Notification n : x.notifications()) {
            g.writeStartObject();
            g.writeFieldName("type");
            JsonSchema.registryValue(g, n.type(), Names.notify(n.ikev2(), n.type()));
            g.writeNumberField("frame", n.frame());
            g.writeLabelField("from", n.from().label());
            g.writeBooleanField("encrypted", n.encrypted());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("quickModes");
        for (QuickMode q : x.quickModes()) {
            g.writeStartObject();
            g.writeHex32Field("messageId", q.messageId());
            g.writeLabelField("initiator", q.initiator().label());
            g.writeLabelField("state", q.state().name());
            frameOrNull(g, "answeredByInformational", q.answeredByInformational());
            g.writeFieldName("chosen");
            proposal(g, q.chosen());
            g.writeArrayFieldStart("offered");
            for (Suite p : q.offered()) {
                proposal(g, p);
            }
            g.writeEndArray();
            proxyIds(g, "proxyIds", q.proxyIds());
            proxyIds(g, "answeredProxyIds", q.answeredProxyIds());
            g.writeArrayFieldStart("messages");
            for (ExchangeMessage m : q.messages()) {
                message(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("informational");
        for (Informational i : x.informational()) {
            g.writeStartObject();
            g.writeHex32Field("messageId", i.messageId());
            g.writeNumberField("frame", i.frame());
            g.writeIsoTimeField("time", i.timeNanos());
            g.writeLabelField("from", i.from().label());
            g.writeBooleanField("encrypted", i.encrypted());
            g.writeNumberField("size", i.size());
            g.writeNumberField("retransmissions", i.retransmissions());
            frameOrNull(g, "inResponseTo", i.inResponseTo());
            frameOrNull(g, "answeredBy", i.answeredBy());
            millis(g, "rttMillis", i.rttNanos());
            notifications(g, x.version() == 2, i.notifyTypes());
            g.writeBooleanField("deletes", i.deletes());
            g.writeArrayFieldStart("deleted");
            for (Deletion d : i.deletions()) {
                g.writeStartObject();
                registryOrNull(g, "protocol", d.protocolId(), ProtocolId.nameOf(d.protocolId()));
                g.writeArrayFieldStart("spis");
                for (ImmutableBytes spi : d.spis()) {
                    g.writeHex(spi);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            intOrNull(g, "dpdSequence", i.dpdSequence());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("transactions");
        for (Transaction t : x.transactions()) {
            g.writeStartObject();
            g.writeHex32Field("messageId", t.messageId());
            g.writeArrayFieldStart("frames");
            for (ExchangeMessage m : t.messages()) {
                g.writeNumber(m.frame());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("esp");
        for (EspFlow f : x.esp()) {
            g.writeStartObject();
            g.writeFieldName("spi");
            g.writeHex(f.spi() & 0xffffffffL, 8);
            g.writeLabelField("from", f.from().label());
            g.writeNumberField("packets", f.packets());
            g.writeNumberField("bytes", f.bytes());
            g.writeIsoTimeField("first", f.firstNanos());
            g.writeIsoTimeField("last", f.lastNanos());
            g.writeNumberField("firstFrame", f.firstFrame());
            g.writeNumberField("lastFrame", f.lastFrame());
            g.writeBooleanField("udpEncapsulated", f.udpEncapsulated());
            g.writeNumberField("srcPort", f.srcPort());
            g.writeNumberField("dstPort", f.dstPort());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("icmpErrors");
        for (IcmpEvidence i : x.icmpErrors()) {
            g.writeStartObject();
            g.writeNumberField("frame", i.frame());
            g.writeIsoTimeField("time", i.timeNanos());
            g.writeNumberField("icmpType", i.type());
            g.writeNumberField("icmpCode", i.code());
            g.writeBooleanField("icmpv6", i.ipv6());
            g.writeStringField("description", i.description());
            g.writeLabelField("about", i.quotedFrom().label());
            frameOrNull(g, "quotedFrame", i.quotedFrame());
            nullableString(g, "quotedStep", i.quotedStep().map(Step::label).orElse(null));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("incompleteFragments");
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            g.writeStartObject();
            g.writeLabelField("kind", f.kind().label());
            g.writeLabelField("from", f.from().label());
            g.writeArrayFieldStart("frames");
            for (long n : f.frames()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeNumberField("bytes", f.bytes());
            g.writeLabelField("reason", f.reason().label());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("natKeepalives", x.natKeepalives());
        nat(g, x.natDetection());
        g.writeNumberField("ikeFragments", x.ikeFragments());
        g.writeObjectFieldStart("timing");
        millis(g, "timeToEstablishedMillis", x.timeToEstablishedNanos());
        millis(g, "durationMillis", x.endNanos() - x.startNanos());
        g.writeEndObject();
        g.writeBooleanField("scanner", x.scanner());
        g.writeBooleanField("deleted", x.deleted());
        g.writeLabelField("closedBy", x.closedBy().label());
        strings(g, "notes", x.notes());
        g.writeArrayFieldStart("findings");
        for (Finding f : x.findings()) {
            finding(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void message(JsonOut g, ExchangeMessage m) {
        g.writeStartObject();
        g.writeLabelField("step", m.label());
        g.writeNumberField("frame", m.frame());
        g.writeIsoTimeField("time", m.timeNanos());
        g.writeLabelField("from", m.from().label());
        frameOrNull(g, "retransmissionOf", m.retransmissionOf());
        g.writeBooleanField("encrypted", m.encrypted());
        g.writeBooleanField("decrypted", m.decrypted());
        g.writeNumberField("size", m.size());
        g.writeFieldName("exchangeType");
        JsonSchema.registryValue(g, m.exchangeType(), ExchangeType.nameOf(m.exchangeType()));
        g.writeHex32Field("messageId", m.messageId());
        g.writeNumberField("srcPort", m.srcPort());
        g.writeNumberField("dstPort", m.dstPort());
        if (m.nonEspMarker()) {
            g.writeBooleanField("nonEspMarker", true);
        }
        if (m.retransmissionNumber() > 0) {
            g.writeNumberField("retransmissionNumber", m.retransmissionNumber());
        }
        if (m.retransmissions() > 0) {
            g.writeNumberField("retransmissions", m.retransmissions());
        }
        frameOrNull(g, "inResponseTo", m.inResponseTo());
        millis(g, "rttMillis", m.rttNanos());
        if (!m.notifyTypes().isEmpty()) {
            notifications(g, m.ikev2(), m.notifyTypes());
        }
        if (!m.payloads().isEmpty()) {
            g.writeArrayFieldStart("payloads");
            for (PayloadShape.Kind k : m.payloads().kinds()) {
                g.writeLabel(k.abbreviation());
            }
            g.writeEndArray();
        }
        if (!m.ipFragmentFrames().isEmpty()) {
            longs(g, "ipFragmentFrames", m.ipFragmentFrames());
        }
        if (!m.ikeFragmentFrames().isEmpty()) {
            longs(g, "ikeFragmentFrames", m.ikeFragmentFrames());
        }
        if (m.vlan() >= 0) {
            g.writeNumberField("vlan", m.vlan());
        }
        g.writeLabelField("file", m.file());
        g.writeEndObject();
    }

    /** {@code "notifications":[{"code":N,"name":"..."}...]}: notify types in the registry of their version. */
    private static void notifications(JsonOut g, boolean ikev2, List<Integer> types) {
        g.writeArrayFieldStart("notifications");
        for (int t : types) {
            JsonSchema.registryValue(g, t, Names.notify(ikev2, t));
        }
        g.writeEndArray();
    }

    private static void longs(JsonOut g, String name, List<Long> l) {
        g.writeArrayFieldStart(name);
        for (long v : l) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    /** Writes one finding object. */
    public static void finding(JsonOut g, Finding f) {
        g.writeStartObject();
        g.writeLabelField("code", f.code());
        g.writeLabelField("severity", f.severity().label());
        g.writeLabelField("confidence", f.confidence().label());
        g.writeStringField("title", f.title());
        g.writeStringField("explanation", f.explanation());
        longs(g, "evidence", f.evidence());
        g.writeStringField("remediation", f.remediation());
        g.writeLabelField("source", f.source());
        if (f.offset() >= 0) {
            g.writeNumberField("offset", f.offset());
        }
        if (f.asa() == null) {
            g.writeNullField("asa");
        } else {
            g.writeObjectFieldStart("asa");
            g.writeStringField("state", f.asa().state());
            g.writeArrayFieldStart("messages");
            for (String m : f.asa().messages()) {
                g.writeString(m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
