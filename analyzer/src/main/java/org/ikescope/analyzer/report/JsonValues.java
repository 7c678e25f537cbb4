package org.ikescope.analyzer.report;

import org.ikescope.analyzer.output.JsonOut;
import org.ikescope.analyzer.output.JsonOut.Name;
import static org.ikescope.analyzer.output.JsonOut.name;
import java.util.List;
import org.ikescope.analyzer.exchange.DecryptionSummary;
import org.ikescope.analyzer.exchange.Identity;
import org.ikescope.analyzer.exchange.NatDetection;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.exchange.ProxyId;
import org.ikescope.analyzer.output.JsonSchema;
import org.ikescope.analyzer.output.Names;
import org.ikescope.api.plugin.DecryptionView;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.api.protocol.Ikev2ProtocolId;
import org.ikescope.api.protocol.ProtocolId;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The values of {@link JsonReport}'s document that have a form of their own: proposals, peers,
 * identities, proxy IDs, the decryption summary, NAT detection, and the null-or-value members.
 */
final class JsonValues {
    /** Each decryption status as written: {@code decrypted}, {@code no-keys}. */
    private static final String[] STATUS_LABELS = java.util.Arrays.stream(DecryptionView.Status.values())
            .map(s -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toArray(String[]::new);

    // Member names of the document, encoded once (JsonOut.Name): in the order of the alphabet.
    static final Name ABOUT = name("about");
    static final Name ANSWERED_BY = name("answeredBy");
    static final Name ANSWERED_BY_INFORMATIONAL = name("answeredByInformational");
    static final Name ANSWERED_PROXY_IDS = name("answeredProxyIds");
    static final Name ASA = name("asa");
    static final Name AUTH = name("auth");
    static final Name BYTES = name("bytes");
    static final Name CHOSEN = name("chosen");
    static final Name CLOSED_BY = name("closedBy");
    static final Name CODE = name("code");
    static final Name CONFIDENCE = name("confidence");
    static final Name CONTINUATION_OF = name("continuationOf");
    static final Name DECRYPTED = name("decrypted");
    static final Name DECRYPTED_MESSAGES = name("decryptedMessages");
    static final Name DECRYPTION = name("decryption");
    static final Name DELETED = name("deleted");
    static final Name DELETES = name("deletes");
    static final Name DESCRIPTION = name("description");
    static final Name DPD_SEQUENCE = name("dpdSequence");
    static final Name DST_PORT = name("dstPort");
    static final Name DURATION_MILLIS = name("durationMillis");
    static final Name ENCRYPTED = name("encrypted");
    static final Name ENCRYPTION = name("encryption");
    static final Name END = name("end");
    static final Name ERRORS = name("errors");
    static final Name ESP = name("esp");
    static final Name EVIDENCE = name("evidence");
    static final Name EXCHANGES = name("exchanges");
    static final Name EXCHANGE_TYPE = name("exchangeType");
    static final Name EXPLANATION = name("explanation");
    static final Name FILE = name("file");
    static final Name FINDINGS = name("findings");
    static final Name FIRST = name("first");
    static final Name FIRST_FRAME = name("firstFrame");
    static final Name FRAME = name("frame");
    static final Name FRAMES = name("frames");
    static final Name FROM = name("from");
    static final Name GROUP = name("group");
    static final Name HASH = name("hash");
    static final Name HASHES_CHECKED = name("hashesChecked");
    static final Name HEX = name("hex");
    static final Name ICMPV6 = name("icmpv6");
    static final Name ICMP_CODE = name("icmpCode");
    static final Name ICMP_ERRORS = name("icmpErrors");
    static final Name ICMP_TYPE = name("icmpType");
    static final Name ID = name("id");
    static final Name IDENTITIES = name("identities");
    static final Name IKE_FRAGMENTS = name("ikeFragments");
    static final Name IKE_FRAGMENT_FRAMES = name("ikeFragmentFrames");
    static final Name IMPLEMENTATION = name("implementation");
    static final Name INCOMPLETE_FRAGMENTS = name("incompleteFragments");
    static final Name INFERRED = name("inferred");
    static final Name INFORMATIONAL = name("informational");
    static final Name INITIATOR = name("initiator");
    static final Name INITIATOR_BEHIND_NAT = name("initiatorBehindNat");
    static final Name INITIATOR_KEY = name("initiatorKey");
    static final Name INITIATOR_PSK = name("initiatorPsk");
    static final Name INTEGRITY = name("integrity");
    static final Name IN_RESPONSE_TO = name("inResponseTo");
    static final Name IP = name("ip");
    static final Name IP_FRAGMENT_FRAMES = name("ipFragmentFrames");
    static final Name ISPI = name("ispi");
    static final Name KEY_LENGTH = name("keyLength");
    static final Name KIND = name("kind");
    static final Name LAST = name("last");
    static final Name LAST_FRAME = name("lastFrame");
    static final Name LIFETIME_KILOBYTES = name("lifetimeKilobytes");
    static final Name LIFETIME_SECONDS = name("lifetimeSeconds");
    static final Name MESSAGES = name("messages");
    static final Name MESSAGES_NOT_LISTED = name("messagesNotListed");
    static final Name MESSAGE_ID = name("messageId");
    static final Name MODE = name("mode");
    static final Name NAME = name("name");
    static final Name NAT = name("nat");
    static final Name NAT_DISCOVERY = name("natDiscovery");
    static final Name NAT_KEEPALIVES = name("natKeepalives");
    static final Name NON_ESP_MARKER = name("nonEspMarker");
    static final Name NOTE = name("note");
    static final Name NOTES = name("notes");
    static final Name NOTIFICATIONS = name("notifications");
    static final Name OFFERED = name("offered");
    static final Name OFFSET = name("offset");
    static final Name PACKETS = name("packets");
    static final Name PAYLOADS = name("payloads");
    static final Name PORT = name("port");
    static final Name PORTS = name("ports");
    static final Name PRF = name("prf");
    static final Name PROPOSAL = name("proposal");
    static final Name PROPOSAL_NUMBER = name("proposalNumber");
    static final Name PROTOCOL = name("protocol");
    static final Name PROTOCOL_ID = name("protocolId");
    static final Name PROXY_IDS = name("proxyIds");
    static final Name PSK_VERIFIED = name("pskVerified");
    static final Name QUICK_MODES = name("quickModes");
    static final Name QUOTED_FRAME = name("quotedFrame");
    static final Name QUOTED_STEP = name("quotedStep");
    static final Name REASON = name("reason");
    static final Name REMEDIATION = name("remediation");
    static final Name RESPONDER = name("responder");
    static final Name RESPONDER_BEHIND_NAT = name("responderBehindNat");
    static final Name RESPONDER_KEY = name("responderKey");
    static final Name RESPONDER_PSK = name("responderPsk");
    static final Name RETRANSMISSIONS = name("retransmissions");
    static final Name RETRANSMISSION_NUMBER = name("retransmissionNumber");
    static final Name RETRANSMISSION_OF = name("retransmissionOf");
    static final Name ROLES_INFERRED = name("rolesInferred");
    static final Name RSPI = name("rspi");
    static final Name RTT_MILLIS = name("rttMillis");
    static final Name SCANNER = name("scanner");
    static final Name SEVERITY = name("severity");
    static final Name SIZE = name("size");
    static final Name SOURCE = name("source");
    static final Name SPI = name("spi");
    static final Name SPIS = name("spis");
    static final Name SRC_PORT = name("srcPort");
    static final Name START = name("start");
    static final Name STARTED_AFTER_PHASE1 = name("startedAfterPhase1");
    static final Name STATE = name("state");
    static final Name STATS = name("stats");
    static final Name STATUS = name("status");
    static final Name STEP = name("step");
    static final Name TIME = name("time");
    static final Name TIME_TO_ESTABLISHED_MILLIS = name("timeToEstablishedMillis");
    static final Name TIMING = name("timing");
    static final Name TITLE = name("title");
    static final Name TRANSACTIONS = name("transactions");
    static final Name TRANSFORM_NUMBER = name("transformNumber");
    static final Name TYPE = name("type");
    static final Name UDP_ENCAPSULATED = name("udpEncapsulated");
    static final Name UNDECRYPTED_MESSAGES = name("undecryptedMessages");
    static final Name VALUE = name("value");
    static final Name VENDOR_IDS = name("vendorIds");
    static final Name VERSION = name("version");
    static final Name VLAN = name("vlan");

    private JsonValues() {
    }

    /** {@code "nat"}: which side a NAT translates (null: unknown) and what the NAT-D hashes showed. */
    static void nat(JsonOut g, NatDetection n) {
        g.writeObjectFieldStart(NAT);
        nullableBoolean(g, INITIATOR_BEHIND_NAT, n.initiatorBehindNat());
        nullableBoolean(g, RESPONDER_BEHIND_NAT, n.responderBehindNat());
        g.writeLabelField(NAT_DISCOVERY, n.natDiscovery().label());
        g.writeNumberField(HASHES_CHECKED, n.hashesChecked());
        nullableString(g, NOTE, n.note());
        g.writeEndObject();
    }

    static void nullableBoolean(JsonOut g, Name name, Boolean v) {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, v);
        }
    }

    static void nullableString(JsonOut g, Name name, String v) {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    /** {@link #nullableString} of a value that is a {@link JsonOut#writeLabel label}. */
    static void nullableLabel(JsonOut g, Name name, String v) {
        g.writeFieldName(name);
        g.writeLabel(v);
    }

    static void frameOrNull(JsonOut g, Name name, long frame) {
        if (frame == 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, frame);
        }
    }

    static void millis(JsonOut g, Name name, long nanos) {
        if (nanos < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(nanos / 1000.0) / 1000.0);
        }
    }

    static void strings(JsonOut g, Name name, List<String> l) {
        g.writeArrayFieldStart(name);
        for (String s : l) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    static void peer(JsonOut g, Name name, Peer p) {
        g.writeObjectFieldStart(name);
        g.writeStringField(IP, p.ip());
        if (p.port() > 0) {
            g.writeNumberField(PORT, p.port());
        } else {
            g.writeNullField(PORT);
        }
        g.writeArrayFieldStart(PORTS);
        for (int port : p.ports()) {
            g.writeNumber(port);
        }
        g.writeEndArray();
        nullableLabel(g, IMPLEMENTATION, p.implementation());
        g.writeArrayFieldStart(VENDOR_IDS);
        for (VendorIdView v : p.vendorIds()) {
            g.writeStartObject();
            g.writeFieldName(HEX);
            g.writeHex(v.bytes());
            nullableLabel(g, NAME, v.name());
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
    static void proposal(JsonOut g, Suite p) {
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        registryOrNull(g, PROTOCOL, p.protocolId(), p.ikev2() ? Ikev2ProtocolId.nameOf(p.protocolId())
                : ProtocolId.nameOf(p.protocolId()));
        g.writeFieldName(SPI);
        if (p.spi().isEmpty()) {
            g.writeNull();
        } else {
            g.writeHex(p.spi());
        }
        registryOrNull(g, ENCRYPTION, p.encryption(), Names.encryption(p));
        intOrNull(g, KEY_LENGTH, p.keyLength() == 0 ? -1 : p.keyLength());
        registryOrNull(g, HASH, p.hash(), Names.hashName(p));
        registryOrNull(g, INTEGRITY, p.integrity(), Names.integrity(p));
        registryOrNull(g, PRF, p.prf(), Names.prfName(p));
        registryOrNull(g, AUTH, p.authMethod(), Names.auth(p));
        registryOrNull(g, GROUP, p.group(), Names.groupName(p.group()));
        intOrNull(g, LIFETIME_SECONDS, p.lifetimeSeconds() == 0 ? -1 : p.lifetimeSeconds());
        intOrNull(g, LIFETIME_KILOBYTES, p.lifetimeKilobytes() == 0 ? -1 : p.lifetimeKilobytes());
        g.writeNumberField(PROPOSAL_NUMBER, p.proposalNumber());
        intOrNull(g, TRANSFORM_NUMBER, p.ikev2() ? -1 : p.transformNumber());
        g.writeEndObject();
    }

    /** A registry value as {@code {code,name}}, or null when {@code name} is null (absent). */
    static void registryOrNull(JsonOut g, Name field, int code, String name) {
        g.writeFieldName(field);
        if (name == null) {
            g.writeNull();
        } else {
            JsonSchema.registryValue(g, code, name);
        }
    }

    static void intOrNull(JsonOut g, Name name, long v) {
        if (v < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** Proxy IDs as {@code [{"type":{code,name},"value":"10.1.0.0/255.255.255.0","protocolId":0,"port":0}]}. */
    static void proxyIds(JsonOut g, Name field, List<ProxyId> ids) {
        g.writeArrayFieldStart(field);
        for (ProxyId id : ids) {
            g.writeStartObject();
            registryOrNull(g, TYPE, id.type(), id.typeName());
            g.writeStringField(VALUE, id.value());
            g.writeNumberField(PROTOCOL_ID, id.protocolId());
            g.writeNumberField(PORT, id.port());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "decryption"}: what decrypting the SA's encrypted messages gave, or null (none, or no key material). */
    static void decryption(JsonOut g, DecryptionSummary d) {
        if (d == null) {
            g.writeNullField(DECRYPTION);
            return;
        }
        g.writeObjectFieldStart(DECRYPTION);
        g.writeLabelField(STATUS, STATUS_LABELS[d.status().ordinal()]);
        g.writeStringField(REASON, d.reason());
        nullableBoolean(g, PSK_VERIFIED, d.psk());
        nullableString(g, INITIATOR_KEY, d.initiatorKeyLabel());
        nullableString(g, RESPONDER_KEY, d.responderKeyLabel());
        nullableString(g, INITIATOR_PSK, d.initiatorPskLabel());
        nullableString(g, RESPONDER_PSK, d.responderPskLabel());
        g.writeNumberField(DECRYPTED_MESSAGES, d.decryptedMessages());
        g.writeNumberField(UNDECRYPTED_MESSAGES, d.undecryptedMessages());
        g.writeEndObject();
    }

    static void identity(JsonOut g, Name name, Identity id) {
        if (id == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeFieldName(TYPE);
        JsonSchema.registryValue(g, id.type(), id.typeName());
        g.writeStringField(VALUE, id.value());
        g.writeNumberField(FRAME, id.frame());
        g.writeEndObject();
    }
}
