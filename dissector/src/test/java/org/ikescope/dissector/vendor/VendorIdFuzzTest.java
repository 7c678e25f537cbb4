package org.ikescope.dissector.vendor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzz targets of the vendor-ID catalogue: lookup of arbitrary VID bytes (as a byte array and as a
 * buffer window, which must agree), and the loader of a catalogue text.
 */
class VendorIdFuzzTest {
    private static final VendorIdCatalog CATALOG = VendorIdCatalog.builtIn();

    @FuzzTest(maxDuration = "10m")
    void lookup(byte[] data) {
        var a = CATALOG.lookup(data);
        ByteBuffer b = ByteBuffer.allocate(data.length + 3);
        b.position(3);
        b.put(data);
        b.position(3);
        assertEquals(a, CATALOG.lookup(b.slice()));
        // the decoder's path: the same entry, found over the bytes where they lie
        int e = CATALOG.find(b.array(), 3, data.length);
        assertEquals(a.orElse(null), e < 0 ? null : CATALOG.entry(e));
    }

    @FuzzTest(maxDuration = "10m")
    void catalog(byte[] data) {
        try {
            VendorIdCatalog c = VendorIdCatalog.load(new StringReader(new String(data, StandardCharsets.UTF_8)));
            for (VendorIdCatalog.VendorId v : c.entries()) {
                c.lookup(v.bytes());
            }
        } catch (IOException e) {
            // a bad catalogue line is a load error with its line number
        }
    }
}
