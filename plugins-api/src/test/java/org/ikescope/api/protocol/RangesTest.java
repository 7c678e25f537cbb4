package org.ikescope.api.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the shared range names, the {@link RegistryValue} contract and allocation-free lookups. */
class RangesTest {

    @Test
    void sharedAttributeValueRanges() {
        for (int v : new int[] {-1, 65536}) {
            assertEquals("INVALID", Ranges.ikeAttributeValue(v));
            assertEquals("INVALID", Ranges.ipsecAttributeValue(v));
        }
        assertEquals("RESERVED", Ranges.ikeAttributeValue(0));
        assertEquals("UNASSIGNED", Ranges.ikeAttributeValue(65000));
        assertEquals("PRIVATE_USE", Ranges.ikeAttributeValue(65001));
        assertEquals("PRIVATE_USE", Ranges.ikeAttributeValue(65535));
        assertEquals("RESERVED", Ranges.ipsecAttributeValue(0));
        assertEquals("UNASSIGNED", Ranges.ipsecAttributeValue(61439));
        assertEquals("PRIVATE_USE", Ranges.ipsecAttributeValue(61440));
        // registries of one kind name an unassigned code alike
        assertEquals("PRIVATE_USE", AuthMethod.nameOf(65100));
        assertEquals("PRIVATE_USE", GroupType.nameOf(65100));
        assertEquals("PRIVATE_USE", IkeEncryptionAlgorithm.nameOf(65100));
        assertEquals("PRIVATE_USE", IkeHashAlgorithm.nameOf(65100));
        assertEquals("UNASSIGNED", AuthMethod.nameOf(61500));
        assertEquals("PRIVATE_USE", LifeType.nameOf(61500));
        assertEquals("PRIVATE_USE", EncapsulationMode.nameOf(61500));
        assertEquals("PRIVATE_USE", IpsecAuthAlgorithm.nameOf(61500));
    }

    @Test
    void otherRanges() {
        assertEquals("RESERVED", Ranges.ikev2EncryptionId(10));
        assertEquals("RESERVED", Ranges.ikev2EncryptionId(22));
        assertEquals("UNASSIGNED", Ranges.ikev2TransformId(22));
        assertEquals("PRIVATE_USE", Ranges.ikev2TransformId(1024));
        assertEquals("RESERVED_ISAKMP", Ranges.exchangeType(7));
        assertEquals("INVALID", Ranges.exchangeType(256));
        assertEquals("PRIVATE_USE", Ranges.exchangeType(240));
        assertEquals("UNASSIGNED", Ranges.ipcompTransformId(64));
        assertEquals("PRIVATE_USE", Ranges.ipcompTransformId(63));
        assertEquals("RESERVED", Ranges.notifyType(40960));
        assertEquals("PRIVATE_USE", Ranges.notifyType(40959));
        assertEquals("DOI_SPECIFIC", Ranges.notifyType(24576));
        assertEquals("UNASSIGNED", Ranges.notifyType(16384));
        assertEquals("PRIVATE_USE_STATUS", Ranges.ikev2NotifyType(40960));
        assertEquals("UNASSIGNED_ERRORS", Ranges.ikev2NotifyType(48));
        assertEquals("INVALID", Ranges.ikeAttributeType(32768));
        assertEquals("UNASSIGNED", Ranges.doi(Integer.MIN_VALUE));
    }

    @Test
    void everyRegistryIsARegistryValue() {
        Set<Class<?>> permitted = new HashSet<>(List.of(RegistryValue.class.getPermittedSubclasses()));
        assertEquals(new HashSet<>(RegistriesTest.REGISTRIES), permitted);
        for (Class<? extends Enum<?>> c : RegistriesTest.REGISTRIES) {
            for (Enum<?> e : c.getEnumConstants()) {
                RegistryValue r = (RegistryValue) e;
                assertEquals(r.entry().code(), r.code());
                assertSame(r.entry().reference(), r.reference());
                assertSame(r.entry().label(), r.label());
                assertSame(r.entry(), r.entry(), "entry() is a field, not a new object");
            }
        }
        assertEquals("SA", ((RegistryValue) PayloadType.V2_SA).wireName());
        assertEquals("Seconds", ((RegistryValue) LifeType.SECONDS).wireName());
        assertEquals("ID_IPV4_ADDR", ((RegistryValue) IdType.ID_IPV4_ADDR).wireName());
    }

    @Test
    void lookupsDoNotAllocate() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        long sink = lookups();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        sink += lookups();
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(sink != 0);
        assertTrue(allocated < 4096, "lookups allocated " + allocated + " bytes");
    }

    private static long lookups() {
        long n = 0;
        for (int v = -2; v <= 66000; v++) {
            n += PayloadType.of(v).code() + NotifyType.nameOf(v).length() + LifeType.nameOf(v).length()
                    + DhGroup.of(v).label().length() + Ikev2EncryptionAlgorithm.nameOf(v).length()
                    + ExchangeType.nameOf(v).length() + Doi.nameOf(v).length() + IdType.of(v).wireName().length();
        }
        return n;
    }
}
