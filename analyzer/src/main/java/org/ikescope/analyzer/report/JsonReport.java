package org.ikescope.analyzer.report;

import org.ikescope.analyzer.analysis.AnalysisSink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.IcmpEvidence;
import org.ikescope.analyzer.exchange.Identity;
import org.ikescope.analyzer.exchange.IncompleteFragmentSet;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.exchange.NatDetection;
import org.ikescope.analyzer.exchange.Notification;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.exchange.QuickMode;
import org.ikescope.analyzer.exchange.Transaction;
import org.ikescope.analyzer.output.JsonSchema;
import org.ikescope.analyzer.output.Names;
import org.ikescope.analyzer.output.Times;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.dissector.isakmp.Suite;

/**
 * {@code analyze --format json}: one document, streamed.
 * <pre>
 * {"schemaVersion":2,
 *  "exchanges":[ {...one per IKE SA, written when it is emitted...} ],
 *  "findings":[ ...cross-exchange... ],
 *  "stats":{ ...frame and tracker counters..., "errors":[...] }}
 * </pre>
 * Member names are a stable contract (documented in the README): add freely, rename only with a
 * new {@link JsonSchema#VERSION} (and a CHANGELOG entry). Registry values are {@code {"code":N,"name":"..."}}
 * as in {@code dissect --format jsonl}. Times are ISO-8601 UTC; durations are milliseconds; unknown
 * values are null.
 */
public final class JsonReport implements AnalysisSink {
    private final JsonGenerator g;

    public JsonReport(OutputStream out) throws IOException {
        this.g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        JsonSchema.version(g);
        g.writeArrayFieldStart("exchanges");
    }

    @Override
    public void exchange(Exchange x) throws IOException {
        write(g, x);
        g.writeRaw('\n');
        g.flush();
    }

    @Override
    public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) throws IOException {
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            finding(g, f);
        }
        g.writeEndArray();
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
        g.writeRaw('\n');
        g.flush();
    }

    /** {@code "nat"}: which side a NAT translates (null: unknown) and what the NAT-D hashes showed. */
    private static void nat(JsonGenerator g, NatDetection n) throws IOException {
        g.writeObjectFieldStart("nat");
        nullableBoolean(g, "initiatorBehindNat", n.initiatorBehindNat());
        nullableBoolean(g, "responderBehindNat", n.responderBehindNat());
        g.writeStringField("natDiscovery", n.natDiscovery().label());
        g.writeNumberField("hashesChecked", n.hashesChecked());
        nullableString(g, "note", n.note());
        g.writeEndObject();
    }

    private static void nullableBoolean(JsonGenerator g, String name, Boolean v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, v);
        }
    }

    private static void nullableString(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    private static void frameOrNull(JsonGenerator g, String name, long frame) throws IOException {
        if (frame == 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, frame);
        }
    }

    private static void millis(JsonGenerator g, String name, long nanos) throws IOException {
        if (nanos < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(nanos / 1000.0) / 1000.0);
        }
    }

    /** Writes one exchange object. */
    public static void write(JsonGenerator g, Exchange x) throws IOException {
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
            g.writeStringField("ispi", x.ispiHex());
            nullableString(g, "rspi", x.rspi() == 0 ? null : x.rspiHex());
        }
        g.writeNumberField("version", x.version());
        g.writeStringField("mode", x.mode().label());
        g.writeStringField("file", x.file());
        g.writeBooleanField("startedAfterPhase1", x.startedAfterPhase1());
        g.writeBooleanField("rolesInferred", x.rolesInferred());
        peer(g, "initiator", x.initiator());
        peer(g, "responder", x.responder());
        g.writeStringField("start", Times.iso(x.startNanos()));
        g.writeStringField("end", Times.iso(x.endNanos()));
        g.writeObjectFieldStart("state");
        nullableString(g, "initiator", Names.state(x.initiatorState()));
        nullableString(g, "responder", Names.state(x.responderState()));
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
            g.writeStringField("from", n.from().label());
            g.writeBooleanField("encrypted", n.encrypted());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("quickModes");
        for (QuickMode q : x.quickModes()) {
            g.writeStartObject();
            g.writeStringField("messageId", q.messageIdHex());
            g.writeStringField("initiator", q.initiator().label());
            g.writeStringField("state", q.state().name());
            frameOrNull(g, "answeredByInformational", q.answeredByInformational());
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
            g.writeStringField("messageId", i.messageIdHex());
            g.writeNumberField("frame", i.frame());
            g.writeStringField("time", Times.iso(i.timeNanos()));
            g.writeStringField("from", i.from().label());
            g.writeBooleanField("encrypted", i.encrypted());
            g.writeNumberField("size", i.size());
            g.writeNumberField("retransmissions", i.retransmissions());
            frameOrNull(g, "inResponseTo", i.inResponseTo());
            frameOrNull(g, "answeredBy", i.answeredBy());
            millis(g, "rttMillis", i.rttNanos());
            notifications(g, x.version() == 2, i.notifyTypes());
            g.writeBooleanField("deletes", i.deletes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("transactions");
        for (Transaction t : x.transactions()) {
            g.writeStartObject();
            g.writeStringField("messageId", t.messageIdHex());
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
            g.writeStringField("spi", f.spiHex());
            g.writeStringField("from", f.from().label());
            g.writeNumberField("packets", f.packets());
            g.writeNumberField("bytes", f.bytes());
            g.writeStringField("first", Times.iso(f.firstNanos()));
            g.writeStringField("last", Times.iso(f.lastNanos()));
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
            g.writeStringField("time", Times.iso(i.timeNanos()));
            g.writeNumberField("icmpType", i.type());
            g.writeNumberField("icmpCode", i.code());
            g.writeBooleanField("icmpv6", i.ipv6());
            g.writeStringField("description", i.description());
            g.writeStringField("about", i.quotedFrom().label());
            frameOrNull(g, "quotedFrame", i.quotedFrame());
            nullableString(g, "quotedStep", i.quotedStep().map(Step::label).orElse(null));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("incompleteFragments");
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            g.writeStartObject();
            g.writeStringField("kind", f.kind().label());
            g.writeStringField("from", f.from().label());
            g.writeArrayFieldStart("frames");
            for (long n : f.frames()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeNumberField("bytes", f.bytes());
            g.writeStringField("reason", f.reason().label());
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
        g.writeStringField("closedBy", x.closedBy().label());
        strings(g, "notes", x.notes());
        g.writeArrayFieldStart("findings");
        for (Finding f : x.findings()) {
            finding(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> l) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : l) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void peer(JsonGenerator g, String name, Peer p) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("ip", p.ip());
        if (p.port() > 0) {
            g.writeNumberField("port", p.port());
        } else {
            g.writeNullField("port");
        }
        g.writeArrayFieldStart("ports");
        for (int port : p.ports()) {
            g.writeNumber(port);
        }
        g.writeEndArray();
        nullableString(g, "implementation", p.implementation());
        g.writeArrayFieldStart("vendorIds");
        for (VendorIdView v : p.vendorIds()) {
            g.writeStartObject();
            g.writeStringField("hex", v.hex());
            nullableString(g, "name", v.name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * One suite, IKEv1 or IKEv2, with the same members: each algorithm as {@code {code,name}} from the
     * registry of its version and phase, null when the suite does not carry it ({@code hash} and
     * {@code auth} are IKEv1 phase 1 only, {@code integrity} IKEv2 and IKEv1 phase 2, {@code prf} IKEv2
     * or an IKEv1 PRF attribute; {@code transformNumber} is IKEv1 only).
     */
    private static void proposal(JsonGenerator g, Suite p) throws IOException {
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        registryOrNull(g, "encryption", p.encryption(), Names.encryption(p));
        intOrNull(g, "keyLength", p.keyLength() == 0 ? -1 : p.keyLength());
        registryOrNull(g, "hash", p.hash(), Names.hashName(p));
        registryOrNull(g, "integrity", p.integrity(), Names.integrity(p));
        registryOrNull(g, "prf", p.prf(), Names.prfName(p));
        registryOrNull(g, "auth", p.authMethod(), Names.auth(p));
        registryOrNull(g, "group", p.group(), Names.groupName(p.group()));
        intOrNull(g, "lifetimeSeconds", p.lifetimeSeconds() == 0 ? -1 : p.lifetimeSeconds());
        intOrNull(g, "lifetimeKilobytes", p.lifetimeKilobytes() == 0 ? -1 : p.lifetimeKilobytes());
        g.writeNumberField("proposalNumber", p.proposalNumber());
        intOrNull(g, "transformNumber", p.ikev2() ? -1 : p.transformNumber());
        g.writeEndObject();
    }

    /** A registry value as {@code {code,name}}, or null when {@code name} is null (absent). */
    private static void registryOrNull(JsonGenerator g, String field, int code, String name) throws IOException {
        g.writeFieldName(field);
        if (name == null) {
            g.writeNull();
        } else {
            JsonSchema.registryValue(g, code, name);
        }
    }

    private static void intOrNull(JsonGenerator g, String name, long v) throws IOException {
        if (v < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void identity(JsonGenerator g, String name, Identity id) throws IOException {
        if (id == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeFieldName("type");
        JsonSchema.registryValue(g, id.type(), id.typeName());
        g.writeStringField("value", id.value());
        g.writeNumberField("frame", id.frame());
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, ExchangeMessage m) throws IOException {
        g.writeStartObject();
        g.writeStringField("step", m.label());
        g.writeNumberField("frame", m.frame());
        g.writeStringField("time", Times.iso(m.timeNanos()));
        g.writeStringField("from", m.from().label());
        frameOrNull(g, "retransmissionOf", m.retransmissionOf());
        g.writeBooleanField("encrypted", m.encrypted());
        g.writeNumberField("size", m.size());
        g.writeFieldName("exchangeType");
        JsonSchema.registryValue(g, m.exchangeType(), ExchangeType.nameOf(m.exchangeType()));
        g.writeStringField("messageId", m.messageIdHex());
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
            strings(g, "payloads", m.payloads().abbreviations());
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
        g.writeStringField("file", m.file());
        g.writeEndObject();
    }

    /** {@code "notifications":[{"code":N,"name":"..."}...]}: notify types in the registry of their version. */
    private static void notifications(JsonGenerator g, boolean ikev2, List<Integer> types) throws IOException {
        g.writeArrayFieldStart("notifications");
        for (int t : types) {
            JsonSchema.registryValue(g, t, Names.notify(ikev2, t));
        }
        g.writeEndArray();
    }

    private static void longs(JsonGenerator g, String name, List<Long> l) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : l) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    /** Writes one finding object. */
    public static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", f.code());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("confidence", f.confidence().label());
        g.writeStringField("title", f.title());
        g.writeStringField("explanation", f.explanation());
        longs(g, "evidence", f.evidence());
        g.writeStringField("remediation", f.remediation());
        g.writeStringField("source", f.source());
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
