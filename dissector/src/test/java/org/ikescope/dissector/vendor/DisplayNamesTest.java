package org.ikescope.dissector.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.RegistryValue;
import org.junit.jupiter.api.Test;

/**
 * The names both outputs print for catalogue and registry values are display names: no control
 * characters (C0, DEL, C1), no line or paragraph separators, no bidi format characters that could
 * reorder a terminal line, and no backslash escapes standing in for one.
 */
class DisplayNamesTest {

    /** The first character that has no place in a display name, or -1. */
    static int unprintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            boolean separator = c == '\u2028' || c == '\u2029';
            boolean bidi = c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069');
            boolean escape = c == '\\' && i + 1 < s.length() && "nrt0ux".indexOf(s.charAt(i + 1)) >= 0;
            if (control || separator || bidi || escape) {
                return i;
            }
        }
        return -1;
    }

    private static void check(List<String> bad, String where, String name) {
        if (name != null && unprintable(name) >= 0) {
            bad.add(where + ": " + name.replace("\n", "<LF>") + " (at " + unprintable(name) + ")");
        }
    }

    @Test
    void theCheckSeesWhatItLooksFor() {
        for (String s : List.of("a\nb", "a\tb", "a\u0085b", "a\u2028b", "a\u202eb", "a\u2066b", "a\u0000", "draft-02\\n")) {
            assertTrue(unprintable(s) >= 0, s);
        }
        assertEquals(-1, unprintable("RFC 3947 NAT-T (with trailing newline) 1024-bit MODP group, C:\\dir"));
    }

    @Test
    void catalogueLabelsArePrintable() {
        List<String> bad = new ArrayList<>();
        for (VendorIdCatalog.VendorId v : VendorIdCatalog.builtIn().entries()) {
            check(bad, v.hex() + " label", v.label());
            check(bad, v.hex() + " implementation", v.implementation().orElse(null));
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void registryLabelsAndNamesArePrintable() throws Throwable {
        Class<?>[] registries = RegistryValue.class.getPermittedSubclasses();
        assertTrue(registries.length >= 30, "every registry enum is a permitted subclass");
        List<String> bad = new ArrayList<>();
        for (Class<?> r : registries) {
            for (Object o : r.getEnumConstants()) {
                RegistryValue v = (RegistryValue) o;
                String where = r.getSimpleName() + "." + v.name();
                check(bad, where + " name", v.name());
                check(bad, where + " label", v.label());
                check(bad, where + " wireName", v.wireName());
            }
            MethodHandle nameOf = MethodHandles.publicLookup()
                    .findStatic(r, "nameOf", MethodType.methodType(String.class, int.class));
            List<Integer> codes = new ArrayList<>(List.of(Integer.MIN_VALUE, -1, 0x10000, Integer.MAX_VALUE));
            for (int c = 0; c <= 0xFFFF; c++) {
                codes.add(c);
            }
            for (int c : codes) {
                check(bad, r.getSimpleName() + ".nameOf(" + c + ")", (String) nameOf.invokeExact(c));
            }
        }
        assertEquals(List.of(), bad);
    }
}
