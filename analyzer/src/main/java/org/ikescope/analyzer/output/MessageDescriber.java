package org.ikescope.analyzer.output;

import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.dissector.describe.FieldSink;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.session.Decryption;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.model.Diagnostic;

/**
 * Lists one ISAKMP message event in the {@code dissect --format jsonl} contract (see README):
 * members are only ever added, never renamed. The {@code -V} tree is the same description.
 */
public final class MessageDescriber {
    private MessageDescriber() {
    }

    public static void describe(MessageEvent e, FieldSink out) {
        out.string("file", "File", e.file());
        out.number("frame", "Frame", e.frame());
        // JSON writes the time and the addresses without making their strings.
        if (out instanceof JsonFieldSink json) {
            json.time("time", e.timeNanos());
            json.ip("src", e.src());
            out.number("srcPort", "Source port", e.src().port());
            json.ip("dst", e.dst());
        } else {
            out.string("time", "Arrival time", Times.iso(e.timeNanos()));
            out.string("src", "Source", e.src().ip());
            out.number("srcPort", "Source port", e.src().port());
            out.string("dst", "Destination", e.dst().ip());
        }
        out.number("dstPort", "Destination port", e.dst().port());
        out.bool("nonEspMarker", "Non-ESP marker", e.nonEspMarker());
        if (e.vlan() >= 0) {
            out.number("vlan", "VLAN", e.vlan());
        }
        if (e.duplicateOf() != 0) {
            out.number("duplicateOf", "Duplicate of frame", e.duplicateOf());
        }
        if (e.quotedByIcmp()) {
            out.beginObject("icmp", "Quoted in ICMP error");
            out.number("type", "Type", e.icmpType());
            out.number("code", "Code", e.icmpCode());
            out.endObject();
        }
        if (!e.ipFragmentFrames().isEmpty()) {
            out.beginArray("ipFragmentFrames", "IP fragments in frames");
            for (long f : e.ipFragmentFrames()) {
                out.number(null, null, f);
            }
            out.endArray();
        }
        if (!e.ikeFragmentFrames().isEmpty()) {
            out.beginArray("ikeFragmentFrames", "Reassembled from IKE fragments in frames");
            for (long f : e.ikeFragmentFrames()) {
                out.number(null, null, f);
            }
            out.endArray();
        }
        if (e.decryption() != null) {
            Decryption d = e.decryption();
            out.beginObject("decryption", "Decryption");
            out.string("status", "Status", d.status().label());
            out.string("reason", "Reason", d.reason());
            if (d.ivRule() != null) {
                out.string("ivRule", "IV", d.ivRule().label());
            }
            if (d.hashVerified() != null) {
                out.bool("hashVerified", "HASH verified", d.hashVerified());
            }
            out.endObject();
        }
        IsakmpMessage m = e.message();
        out.beginObject("isakmp", m.isIkev2() ? "Internet Key Exchange Version 2" : "Internet Security Association and Key Management Protocol");
        describe(m, out);
        out.endObject();
        out.beginArray("diagnostics", "Diagnostics");
        for (Diagnostic d : m.diagnostics()) {
            out.beginObject(null, d.code());
            out.string("code", "Code", d.code());
            out.number("offset", "Offset", d.offset());
            out.string("detail", "Detail", d.detail());
            out.endObject();
        }
        out.endArray();
    }

    /** {@code major.minor} of the header's two version nibbles, made once. */
    private static final String[] VERSIONS = new String[256];

    static {
        for (int v = 0; v < 256; v++) {
            VERSIONS[v] = (v >> 4) + "." + (v & 0xf);
        }
    }

    private static String version(int major, int minor) {
        return (major & ~0xf) == 0 && (minor & ~0xf) == 0 ? VERSIONS[major << 4 | minor] : major + "." + minor;
    }

    public static void describe(IsakmpMessage m, FieldSink out) {
        out.string("version", "Version", version(m.majorVersion(), m.minorVersion()));
        JsonFieldSink json = out instanceof JsonFieldSink j ? j : null;
        if (json != null) {
            json.hex("ispi", m.initiatorCookie(), 16);
            json.hex("rspi", m.responderCookie(), 16);
        } else {
            out.string("ispi", "Initiator SPI", m.ispiHex());
            out.string("rspi", "Responder SPI", m.rspiHex());
        }
        out.code("nextPayload", "Next payload", m.firstPayload(), org.ikescope.api.protocol.PayloadType.nameOf(m.firstPayload()));
        out.code("exchangeType", "Exchange type", m.exchangeType(), ExchangeType.nameOf(m.exchangeType()));
        out.beginObject("flags", "Flags");
        if (m.isIkev2()) {
            out.bool("initiator", "Initiator", m.hasFlag(IsakmpMessage.FLAG_INITIATOR));
            out.bool("version", "Version", m.hasFlag(IsakmpMessage.FLAG_VERSION));
            out.bool("response", "Response", m.hasFlag(IsakmpMessage.FLAG_RESPONSE));
            out.bool("encryption", "Encryption", false);
        } else {
            out.bool("encryption", "Encryption", m.hasFlag(IsakmpMessage.FLAG_ENCRYPTION));
            out.bool("commit", "Commit", m.hasFlag(IsakmpMessage.FLAG_COMMIT));
            out.bool("authOnly", "Authentication only", m.hasFlag(IsakmpMessage.FLAG_AUTH_ONLY));
        }
        out.endObject();
        if (json != null) {
            json.hex("messageId", m.messageId() & 0xffffffffL, 8);
        } else {
            out.string("messageId", "Message ID", m.messageIdHex());
        }
        out.number("length", "Length", m.length());
        out.bool("encrypted", "Encrypted", m.encrypted());
        if (m.encrypted()) {
            out.number("encryptedLength", "Encrypted data length", m.encryptedLength());
        }
        out.bool("decrypted", "Decrypted", m.decrypted());
        if (m.fragmentsReassembled() > 0) {
            out.number("reassembledFragments", "Reassembled from IKE fragments", m.fragmentsReassembled());
        }
        out.beginArray("payloads", "Payloads");
        for (Payload p : m.payloads()) {
            out.beginObject(null, out.wantsLabels() ? "Payload: " + p.name() + " (" + p.type() + ")" : null);
            p.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
