package org.ikescope.dissector.isakmp;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzz target of the DN printer: a DER Name (ID_DER_ASN1_DN) and an X.509 certificate's subject
 * and issuer. Malformed DER yields null, never an exception; a printed name holds no character a
 * terminal would act on (controls, bidirectional and other format characters, line separators).
 */
class DerNamesFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void dn(byte[] data) {
        check(DerNames.dn(data, 0, data.length));
        String[] names = DerNames.certificateNames(data, 0, data.length);
        if (names != null) {
            check(names[0]);
            check(names[1]);
        }
    }

    static void check(String s) {
        if (s == null) {
            return;
        }
        s.codePoints().forEach(cp -> assertFalse(unsafe(cp), () -> "raw U+" + Integer.toHexString(cp) + " in " + s));
    }

    static boolean unsafe(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR || t == Character.SURROGATE;
    }
}
