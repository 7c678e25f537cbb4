package org.ikescope.api.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every registry enum for shape, round-tripping, totality and a sample of RFC values. */
class RegistriesTest {

    static final List<Class<? extends Enum<?>>> REGISTRIES = List.of(
            PayloadType.class, ExchangeType.class, NotifyType.class, Ikev2NotifyType.class,
            IdType.class, Ikev2IdType.class, ProtocolId.class, Ikev2ProtocolId.class,
            IsakmpTransformId.class, EspTransformId.class, AhTransformId.class, IpcompTransformId.class,
            IkeAttributeType.class, IkeEncryptionAlgorithm.class, IkeHashAlgorithm.class, AuthMethod.class,
            DhGroup.class, GroupType.class, LifeType.class,
            IpsecAttributeType.class, EncapsulationMode.class, IpsecAuthAlgorithm.class,
            Doi.class, CertEncoding.class, ConfigMessageType.class, ConfigAttributeType.class,
            Ikev2TransformType.class, Ikev2EncryptionAlgorithm.class, Ikev2PrfAlgorithm.class,
            Ikev2IntegrityAlgorithm.class, Ikev2TransformAttributeType.class, Ikev2AuthMethod.class,
            Ikev2TsType.class);

    static Stream<Class<? extends Enum<?>>> registries() {
        return REGISTRIES.stream();
    }

    private static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m + " threw for " + List.of(args), e.getCause());
        }
    }

    private static Method method(Class<?> c, String name, Class<?>... params) {
        try {
            return c.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(c.getSimpleName() + " lacks " + name, e);
        }
    }

    private static Enum<?> unknown(Class<? extends Enum<?>> c) {
        for (Enum<?> e : c.getEnumConstants()) {
            if (e.name().equals("UNKNOWN")) {
                return e;
            }
        }
        throw new AssertionError(c.getSimpleName() + " has no UNKNOWN");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void everyConstantRoundTrips(Class<? extends Enum<?>> c) {
        Method code = method(c, "code");
        Method of = method(c, "of", int.class);
        Method nameOf = method(c, "nameOf", int.class);
        Method wireName = method(c, "wireName");
        Method label = method(c, "label");
        Method reference = method(c, "reference");
        Enum<?> unknown = unknown(c);
        assertEquals(-1, call(code, unknown));
        assertSame(unknown, call(of, null, -1));
        for (Enum<?> e : c.getEnumConstants()) {
            assertNotNull(call(label, e), e + " label");
            assertNotNull(call(reference, e), e + " reference");
            if (e == unknown) {
                continue;
            }
            int v = (Integer) call(code, e);
            assertTrue(v >= 0, e + " has a negative code");
            assertSame(e, call(of, null, v), c.getSimpleName() + "." + e + " does not round-trip");
            assertEquals(call(wireName, e), call(nameOf, null, v));
            assertFalse(((String) call(reference, e)).isEmpty(), e + " reference");
            assertFalse(((String) call(label, e)).isEmpty(), e + " label");
        }
    }

    @ParameterizedTest
    @MethodSource("registries")
    void codesAreUnique(Class<? extends Enum<?>> c) {
        Method code = method(c, "code");
        Set<Integer> seen = new HashSet<>();
        for (Enum<?> e : c.getEnumConstants()) {
            if (!seen.add((Integer) call(code, e))) {
                fail(c.getSimpleName() + " reuses code " + call(code, e) + " at " + e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("registries")
    void lookupIsTotal(Class<? extends Enum<?>> c) {
        Method of = method(c, "of", int.class);
        Method nameOf = method(c, "nameOf", int.class);
        Method code = method(c, "code");
        Enum<?> unknown = unknown(c);
        int[] extremes = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 65536, 1 << 20};
        for (int v : extremes) {
            assertNotNull(call(of, null, v));
            assertNotNull(call(nameOf, null, v));
        }
        for (int v = -1; v <= 70000; v++) {
            Enum<?> e = (Enum<?>) call(of, null, v);
            assertNotNull(e);
            assertTrue(e == unknown || (Integer) call(code, e) == v, c.getSimpleName() + ".of(" + v + ")");
            String n = (String) call(nameOf, null, v);
            assertNotNull(n);
            assertFalse(n.isEmpty());
        }
    }

    @Test
    void payloadTypes() {
        assertEquals("NAT_D_DRAFT", PayloadType.nameOf(130));
        assertEquals("NAT_OA_DRAFT", PayloadType.nameOf(131));
        assertEquals("FRAGMENT", PayloadType.nameOf(132));
        assertEquals("NAT_D", PayloadType.nameOf(20));
        assertEquals("NAT_OA", PayloadType.nameOf(21));
        assertEquals("ATTR", PayloadType.nameOf(14));
        assertEquals("P", PayloadType.nameOf(2));
        assertEquals("T", PayloadType.nameOf(3));
        assertEquals("SAK", PayloadType.nameOf(15));
        assertEquals("SAT", PayloadType.nameOf(16));
        assertEquals("PRIVATE_USE", PayloadType.nameOf(200));
        assertEquals("IDi", PayloadType.nameOf(35));
        assertEquals("SK", PayloadType.nameOf(46));
        assertEquals("NAT-D", PayloadType.NAT_D.abbreviation());
        assertEquals("FRAG", PayloadType.FRAGMENT.abbreviation());
        assertEquals("VID", PayloadType.of(13).abbreviation());
        assertTrue(PayloadType.SKF.isIkev2());
        assertFalse(PayloadType.VID.isIkev2());
        assertEquals("INVALID", PayloadType.nameOf(256));
    }

    @Test
    void exchangeTypes() {
        assertSame(ExchangeType.IDENTITY_PROTECTION, ExchangeType.of(2));
        assertEquals("Main Mode", ExchangeType.of(2).displayName());
        assertEquals("Aggressive Mode", ExchangeType.of(4).displayName());
        assertEquals("Transaction (Config Mode)", ExchangeType.of(6).displayName());
        assertEquals("Quick Mode", ExchangeType.of(32).displayName());
        assertEquals("INFORMATIONAL", ExchangeType.nameOf(37));
        assertEquals("INFORMATIONAL", ExchangeType.nameOf(5));
        assertEquals("RESERVED_ISAKMP", ExchangeType.nameOf(7));
        assertEquals("PRIVATE_USE", ExchangeType.nameOf(250));
        assertEquals("UNASSIGNED", ExchangeType.nameOf(100));
        assertTrue(ExchangeType.IKE_SA_INIT.isIkev2());
        assertFalse(ExchangeType.QUICK_MODE.isIkev2());
    }

    @Test
    void notifyTypes() {
        assertSame(NotifyType.NO_PROPOSAL_CHOSEN, NotifyType.of(14));
        assertSame(NotifyType.INVALID_PAYLOAD_TYPE, NotifyType.of(1));
        assertSame(NotifyType.UNEQUAL_PAYLOAD_LENGTHS, NotifyType.of(30));
        assertSame(NotifyType.AUTHENTICATION_FAILED, NotifyType.of(24));
        assertSame(NotifyType.INITIAL_CONTACT, NotifyType.of(24578));
        assertSame(NotifyType.RESPONDER_LIFETIME, NotifyType.of(24576));
        assertSame(NotifyType.R_U_THERE, NotifyType.of(36136));
        assertSame(NotifyType.R_U_THERE_ACK, NotifyType.of(36137));
        assertSame(NotifyType.UNITY_LOAD_BALANCE, NotifyType.of(40501));
        assertEquals("NO-PROPOSAL-CHOSEN", NotifyType.NO_PROPOSAL_CHOSEN.label());
        assertEquals("R_U_THERE", NotifyType.nameOf(36136));
        assertEquals("PRIVATE_USE_ERRORS", NotifyType.nameOf(9000));
        assertEquals("PRIVATE_USE", NotifyType.nameOf(36140));
        assertTrue(NotifyType.of(14).isError());
        assertFalse(NotifyType.INITIAL_CONTACT.isError());
        assertFalse(NotifyType.UNKNOWN.isError());
        assertTrue(NotifyType.isErrorCode(9000));

        assertSame(Ikev2NotifyType.NAT_DETECTION_SOURCE_IP, Ikev2NotifyType.of(16388));
        assertSame(Ikev2NotifyType.NAT_DETECTION_DESTINATION_IP, Ikev2NotifyType.of(16389));
        assertSame(Ikev2NotifyType.COOKIE, Ikev2NotifyType.of(16390));
        assertSame(Ikev2NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, Ikev2NotifyType.of(16430));
        assertSame(Ikev2NotifyType.SIGNATURE_HASH_ALGORITHMS, Ikev2NotifyType.of(16431));
        assertSame(Ikev2NotifyType.INVALID_KE_PAYLOAD, Ikev2NotifyType.of(17));
        assertTrue(Ikev2NotifyType.of(14).isError());
        assertFalse(Ikev2NotifyType.COOKIE.isError());
    }

    @Test
    void identitiesAndProtocols() {
        assertSame(IdType.ID_IPV4_ADDR, IdType.of(1));
        assertSame(IdType.ID_USER_FQDN, IdType.of(3));
        assertSame(IdType.ID_KEY_ID, IdType.of(11));
        assertSame(IdType.ID_LIST, IdType.of(12));
        assertSame(Ikev2IdType.ID_RFC822_ADDR, Ikev2IdType.of(3));
        assertSame(Ikev2IdType.ID_NULL, Ikev2IdType.of(13));
        assertSame(Ikev2IdType.UNKNOWN, Ikev2IdType.of(4));
        assertSame(ProtocolId.PROTO_IPSEC_ESP, ProtocolId.of(3));
        assertEquals("PROTO_ISAKMP", ProtocolId.nameOf(1));
        assertSame(Ikev2ProtocolId.ESP, Ikev2ProtocolId.of(3));
        assertSame(Doi.IPSEC, Doi.of(1));
        assertEquals("UNASSIGNED", Doi.nameOf(-5));
        assertSame(CertEncoding.X509_SIGNATURE, CertEncoding.of(4));
        assertSame(CertEncoding.HASH_URL_X509_CERT, CertEncoding.of(12));
    }

    @Test
    void transformsAndAttributes() {
        assertSame(IsakmpTransformId.KEY_IKE, IsakmpTransformId.of(1));
        assertSame(EspTransformId.ESP_3DES, EspTransformId.of(3));
        assertSame(EspTransformId.ESP_AES, EspTransformId.of(12));
        assertSame(EspTransformId.ESP_AES_GCM_16, EspTransformId.of(20));
        assertSame(EspTransformId.UNKNOWN, EspTransformId.of(17));
        assertSame(AhTransformId.AH_SHA, AhTransformId.of(3));
        assertSame(IpcompTransformId.IPCOMP_DEFLATE, IpcompTransformId.of(2));

        assertSame(IkeAttributeType.LIFE_DURATION, IkeAttributeType.of(12));
        assertSame(IkeAttributeType.KEY_LENGTH, IkeAttributeType.of(14));
        assertEquals("PRIVATE_USE", IkeAttributeType.nameOf(20000));
        assertEquals("3DES-CBC", IkeEncryptionAlgorithm.nameOf(5));
        assertEquals("AES-CBC", IkeEncryptionAlgorithm.nameOf(7));
        assertEquals(16, IkeEncryptionAlgorithm.AES_CBC.blockSize());
        assertEquals(192, IkeEncryptionAlgorithm.TRIPLE_DES_CBC.defaultKeyBits());
        assertEquals("SHA", IkeHashAlgorithm.nameOf(2));
        assertEquals(32, IkeHashAlgorithm.of(4).digestLength());
        assertEquals(20, IkeHashAlgorithm.of(2).digestLength());
        assertEquals("HmacSHA1", IkeHashAlgorithm.SHA.hmacAlgorithm());

        assertEquals("PSK", AuthMethod.nameOf(1));
        assertTrue(AuthMethod.of(65001).isXauth());
        assertTrue(AuthMethod.of(65001).isPreSharedKey());
        assertTrue(AuthMethod.of(1).isPreSharedKey());
        assertFalse(AuthMethod.of(3).isPreSharedKey());
        assertTrue(AuthMethod.of(64221).isHybrid());
        assertEquals("HYBRID_INIT_RSA", AuthMethod.nameOf(64221));
        assertEquals("XAUTH_INIT_PSK", AuthMethod.nameOf(65001));
        assertSame(AuthMethod.RSA_SIGNATURES, AuthMethod.XAUTH_RESP_RSA.baseMethod());
        assertSame(AuthMethod.XAUTH_RESP_RSA_REVISED_ENCRYPTION, AuthMethod.of(65010));

        assertEquals("MODP2048", DhGroup.of(14).shortName());
        assertEquals("MODP1024", DhGroup.of(2).shortName());
        assertEquals(1536, DhGroup.of(5).bits());
        assertEquals("ECP256", DhGroup.of(19).shortName());
        assertEquals("CURVE25519", DhGroup.of(31).shortName());
        assertEquals(256, DhGroup.MODP_2048.keyExchangeLength());
        assertEquals(64, DhGroup.ECP_256.keyExchangeLength());
        assertEquals(132, DhGroup.ECP_521.keyExchangeLength());
        assertSame(GroupType.MODP, DhGroup.MODP_1536.groupType());
        assertSame(LifeType.SECONDS, LifeType.of(1));
        assertEquals("Kilobytes", LifeType.nameOf(2));

        assertSame(IpsecAttributeType.ENCAPSULATION_MODE, IpsecAttributeType.of(4));
        assertSame(IpsecAttributeType.SA_DIRECTION, IpsecAttributeType.of(15));
        assertSame(EncapsulationMode.UDP_ENCAPSULATED_TUNNEL_DRAFT, EncapsulationMode.of(61443));
        assertTrue(EncapsulationMode.of(3).isUdpEncapsulated());
        assertSame(IpsecAuthAlgorithm.HMAC_SHA2_256, IpsecAuthAlgorithm.of(5));
        assertEquals("HMAC-SHA", IpsecAuthAlgorithm.nameOf(2));
    }

    @Test
    void modeConfig() {
        assertSame(ConfigMessageType.ISAKMP_CFG_REPLY, ConfigMessageType.of(2));
        assertSame(ConfigAttributeType.INTERNAL_IP4_SUBNET, ConfigAttributeType.of(13));
        assertSame(ConfigAttributeType.SUPPORTED_ATTRIBUTES, ConfigAttributeType.of(14));
        assertSame(ConfigAttributeType.XAUTH_TYPE, ConfigAttributeType.of(16520));
        assertSame(ConfigAttributeType.XAUTH_ANSWER, ConfigAttributeType.of(16529));
        assertSame(ConfigAttributeType.UNITY_BANNER, ConfigAttributeType.of(28672));
        assertSame(ConfigAttributeType.UNITY_DDNS_HOSTNAME, ConfigAttributeType.of(28682));
        assertTrue(ConfigAttributeType.XAUTH_STATUS.isXauth());
        assertTrue(ConfigAttributeType.UNITY_PFS.isUnity());
    }

    @Test
    void ikev2() {
        assertSame(Ikev2TransformType.DH, Ikev2TransformType.of(4));
        assertSame(Ikev2TransformType.ADDKE7, Ikev2TransformType.of(12));
        assertSame(Ikev2EncryptionAlgorithm.ENCR_AES_CBC, Ikev2EncryptionAlgorithm.of(12));
        assertSame(Ikev2EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, Ikev2EncryptionAlgorithm.of(28));
        assertTrue(Ikev2EncryptionAlgorithm.ENCR_AES_GCM_16.aead());
        assertFalse(Ikev2EncryptionAlgorithm.ENCR_AES_CBC.aead());
        assertSame(Ikev2PrfAlgorithm.PRF_HMAC_SHA2_256, Ikev2PrfAlgorithm.of(5));
        assertSame(Ikev2IntegrityAlgorithm.NONE, Ikev2IntegrityAlgorithm.of(0));
        assertSame(Ikev2IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, Ikev2IntegrityAlgorithm.of(14));
        assertSame(Ikev2TransformAttributeType.KEY_LENGTH, Ikev2TransformAttributeType.of(14));
        assertSame(Ikev2AuthMethod.SHARED_KEY_MESSAGE_INTEGRITY_CODE, Ikev2AuthMethod.of(2));
        assertSame(Ikev2AuthMethod.DIGITAL_SIGNATURE, Ikev2AuthMethod.of(14));
        assertSame(Ikev2TsType.TS_IPV4_ADDR_RANGE, Ikev2TsType.of(7));
    }
}
