package org.ikescope.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ikescope.api.protocol.ExchangeType;
import org.junit.jupiter.api.Test;

/** The SPI's contract as far as the API jar alone defines it. */
class SpiTest {
    @Test
    void pluginApiHasNoDefaultMajorSoItIsCompiledIntoThePlugin() throws NoSuchMethodException {
        // A default would be read from the API jar on the class path at run time, not from the plugin.
        assertNull(PluginApi.class.getMethod("major").getDefaultValue());
        assertEquals(0, PluginApi.class.getMethod("minor").getDefaultValue());
        assertEquals(RetentionPolicy.RUNTIME, PluginApi.class.getAnnotation(Retention.class).value());
        PluginApi api = Annotated.class.getAnnotation(PluginApi.class);
        assertEquals(ApiVersion.MAJOR, api.major());
        assertEquals(ApiVersion.string(), api.major() + "." + api.minor());
    }

    @Test
    void defaultsOfThePlugin() {
        DiagnosticPlugin p = new Annotated();
        assertEquals("1", p.version());
        List<Finding> got = new ArrayList<>();
        p.analyze(fake(ExchangeView.class, Map.of()), got::add);
        assertEquals(1, got.size());
        Finding f = got.get(0);
        assertEquals("test.code", f.code());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(Confidence.LIKELY, f.confidence());
        assertEquals(List.of(3L, 5L), f.evidence());
        assertEquals("", f.source());
        assertEquals(-1, f.offset());
    }

    @Test
    void findingIsImmutableAndSorted() {
        List<Long> frames = new ArrayList<>(List.of(9L, 2L, 9L));
        Finding f = Finding.of("a.b", Severity.ERROR, Confidence.CONFIRMED).title("t").evidence(frames).build();
        frames.add(1L);
        assertEquals(List.of(2L, 9L), f.evidence());
        assertThrows(UnsupportedOperationException.class, () -> f.evidence().add(3L));
        assertEquals("p", f.withSource("p").source());
        assertThrows(NullPointerException.class, () -> Finding.of(null, Severity.ERROR, Confidence.CONFIRMED).build());
    }

    @Test
    void severityOrderAndLabels() {
        assertTrue(Severity.ERROR.compareTo(Severity.WARNING) > 0);
        assertTrue(Severity.WARNING.compareTo(Severity.INFO) > 0);
        assertEquals(Severity.WARNING, Severity.parse(" Warning "));
        assertEquals("likely", Confidence.LIKELY.label());
        assertEquals("responder", Side.INITIATOR.opposite().label());
    }

    @Test
    void viewDefaults() {
        MessageView mm1 = fake(MessageView.class, Map.of("from", Side.INITIATOR, "retransmissionOf", 0L,
                "exchangeTypeCode", 2, "payloads", List.of(payload(1), payload(13))));
        MessageView mm1again = fake(MessageView.class, Map.of("from", Side.INITIATOR, "retransmissionOf", 1L,
                "payloads", List.of()));
        MessageView mm2 = fake(MessageView.class, Map.of("from", Side.RESPONDER, "retransmissionOf", 0L,
                "payloads", List.of()));
        assertEquals(ExchangeType.IDENTITY_PROTECTION, mm1.exchangeType());
        assertEquals("IDENTITY_PROTECTION", mm1.exchangeType().wireName());
        assertEquals(List.of(1, 13), mm1.payloadTypes());
        assertTrue(mm1.has(13));
        assertFalse(mm1.has(4));
        assertFalse(mm1.isRetransmission());
        assertTrue(mm1again.isRetransmission());

        ExchangeView e = fake(ExchangeView.class, Map.of("messages", List.of(mm1, mm1again, mm2),
                "initiatorState", Phase1State.MM_WAIT_MSG2, "responderState", Phase1State.NONE));
        assertEquals(List.of(mm1, mm1again), e.messages(Side.INITIATOR));
        assertEquals(List.of(mm2), e.messages(Side.RESPONDER));
        assertEquals(Phase1State.MM_WAIT_MSG2, e.state(Side.INITIATOR));
        assertEquals(Phase1State.NONE, e.state(Side.RESPONDER));
        assertFalse(e.phase1Complete());
        assertTrue(fake(ExchangeView.class, Map.of("initiatorState", Phase1State.NONE,
                "responderState", Phase1State.MM_ACTIVE)).phase1Complete());
        assertTrue(fake(ExchangeView.class, Map.of("initiatorState", Phase1State.ESTABLISHED,
                "responderState", Phase1State.NONE)).phase1Complete());

        VendorIdView rfc3947 = fake(VendorIdView.class, Map.of("name", "RFC 3947", "natTraversal", true));
        NatView nat = fake(NatView.class, Map.of("initiatorNatTVendorIds", List.of(rfc3947),
                "responderNatTVendorIds", List.of()));
        assertFalse(nat.natTNegotiated());
        assertEquals(List.of(rfc3947), nat.natTVendorIds(Side.INITIATOR));
        assertEquals("RFC 3947", nat.natTVendorIds(Side.INITIATOR).get(0).name());

        EspView esp = fake(EspView.class, Map.of("spi", 0xc0ffeeL));
        assertEquals("00c0ffee", esp.spiHex());
        IcmpErrorView icmp = fake(IcmpErrorView.class, Map.of("ipv6", false, "type", 3, "code", 3));
        assertTrue(icmp.portUnreachable());
        IcmpErrorView icmp6 = fake(IcmpErrorView.class, Map.of("ipv6", true, "type", 3, "code", 3));
        assertFalse(icmp6.portUnreachable());
    }

    /** The 2.1 additions: a 2.0 host's views have no capture window; findings carry ASA lines or none. */
    @Test
    void additionsOf21() {
        ExchangeView old = fake(ExchangeView.class, Map.of());
        assertTrue(old.captureStartNanos().isEmpty());
        assertTrue(old.captureEndNanos().isEmpty());

        AsaLines none = new AsaLines(null, List.of());
        assertEquals("", none.state());
        assertTrue(none.isEmpty());
        List<String> lines = new ArrayList<>(List.of("a line"));
        AsaLines some = new AsaLines("MM_WAIT_MSG2", lines);
        lines.add("added later");
        assertEquals(List.of("a line"), some.messages());
        assertFalse(some.isEmpty());
        assertThrows(NullPointerException.class, () -> new AsaLines("s", null));

        Finding v20 = new Finding("a.b", Severity.INFO, Confidence.CONFIRMED, "t", "", List.of(), "", "", -1);
        assertNull(v20.asa());
        assertNull(Finding.of("a.b", Severity.INFO, Confidence.CONFIRMED).title("t").asa(none).build().asa());
        Finding withAsa = Finding.of("a.b", Severity.INFO, Confidence.CONFIRMED).title("t")
                .asa("MM_WAIT_MSG2", "a line").build();
        assertEquals(some.state(), withAsa.asa().state());
        assertEquals(withAsa.asa(), withAsa.withSource("p").asa());
    }

    private static PayloadView payload(int type) {
        return fake(PayloadView.class, Map.of("type", type));
    }

    /** A view whose abstract methods answer from {@code values} (null when absent) and whose defaults run. */
    static <T> T fake(Class<T> type, Map<String, Object> values) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args);
            }
            return values.get(method.getName());
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object objectMethod(Object proxy, Method m, Object[] args) {
        return switch (m.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "fake";
        };
    }

    @PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
    static final class Annotated implements DiagnosticPlugin {
        @Override
        public String id() {
            return "test.annotated";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
            sink.report("test.code", Severity.WARNING, Confidence.LIKELY, "title", "explanation", "remediation", 5, 3);
        }
    }
}
