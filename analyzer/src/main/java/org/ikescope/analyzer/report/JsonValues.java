package org.ikescope.analyzer.report;

import org.ikescope.analyzer.output.JsonOut;
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
    private static final String[] STATUS = java.util.Arrays.stream(DecryptionView.Status.values())
            .map(s -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toArray(String[]::new);

    private JsonValues() {
    }

    /** {@code "nat"}: which side a NAT translates (null: unknown) and what the NAT-D hashes showed. */
    static void nat(JsonOut g, NatDetection n) {
        g.writeObjectFieldStart("nat");
        nullableBoolean(g, "initiatorBehindNat", n.initiatorBehindNat());
        nullableBoolean(g, "responderBehindNat", n.responderBehindNat());
        g.writeLabelField("natDiscovery", n.natDiscovery().label());
        g.writeNumberField("hashesChecked", n.hashesChecked());
        nullableString(g, "note", n.note());
        g.writeEndObject();
    }

    static void nullableBoolean(JsonOut g, String name, Boolean v) {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, v);
        }
    }

    static void nullableString(JsonOut g, String name, String v) {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    /** {@link #nullableString} of a value that is a {@link JsonOut#writeLabel label}. */
    static void nullableLabel(JsonOut g, String name, String v) {
        g.writeFieldName(name);
        g.writeLabel(v);
    }

    static void frameOrNull(JsonOut g, String name, long frame) {
        if (frame == 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, frame);
        }
    }

    static void millis(JsonOut g, String name, long nanos) {
        if (nanos < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(nanos / 1000.0) / 1000.0);
        }
    }

    static void strings(JsonOut g, String name, List<String> l) {
        g.writeArrayFieldStart(name);
        for (String s : l) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    static void peer(JsonOut g, String name, Peer p) {
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
        nullableLabel(g, "implementation", p.implementation());
        g.writeArrayFieldStart("vendorIds");
        for (VendorIdView v : p.vendorIds()) {
            g.writeStartObject();
            g.writeFieldName("hex");
            g.writeHex(v.bytes());
            nullableLabel(g, "name", v.name());
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
        registryOrNull(g, "protocol", p.protocolId(), p.ikev2() ? Ikev2ProtocolId.nameOf(p.protocolId())
                : ProtocolId.nameOf(p.protocolId()));
        g.writeFieldName("spi");
        if (p.spi().isEmpty()) {
            g.writeNull();
        } else {
            g.writeHex(p.spi());
        }
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
    static void registryOrNull(JsonOut g, String field, int code, String name) {
        g.writeFieldName(field);
        if (name == null) {
            g.writeNull();
        } else {
            JsonSchema.registryValue(g, code, name);
        }
    }

    static void intOrNull(JsonOut g, String name, long v) {
        if (v < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** Proxy IDs as {@code [{"type":{code,name},"value":"10.1.0.0/255.255.255.0","protocolId":0,"port":0}]}. */
    static void proxyIds(JsonOut g, String field, List<ProxyId> ids) {
        g.writeArrayFieldStart(field);
        for (ProxyId id : ids) {
            g.writeStartObject();
            registryOrNull(g, "type", id.type(), id.typeName());
            g.writeStringField("value", id.value());
            g.writeNumberField("protocolId", id.protocolId());
            g.writeNumberField("port", id.port());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "decryption"}: what decrypting the SA's encrypted messages gave, or null (none, or no key material). */
    static void decryption(JsonOut g, DecryptionSummary d) {
        if (d == null) {
            g.writeNullField("decryption");
            return;
        }
        g.writeObjectFieldStart("decryption");
        g.writeLabelField("status", STATUS[d.status().ordinal()]);
        g.writeStringField("reason", d.reason());
        nullableBoolean(g, "pskVerified", d.psk());
        nullableString(g, "initiatorKey", d.initiatorKeyLabel());
        nullableString(g, "responderKey", d.responderKeyLabel());
        nullableString(g, "initiatorPsk", d.initiatorPskLabel());
        nullableString(g, "responderPsk", d.responderPskLabel());
        g.writeNumberField("decryptedMessages", d.decryptedMessages());
        g.writeNumberField("undecryptedMessages", d.undecryptedMessages());
        g.writeEndObject();
    }

    static void identity(JsonOut g, String name, Identity id) {
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
}
