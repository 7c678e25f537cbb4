package org.ikescope.dissector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** IPv4 text, also when addresses share a slot of the table of recent ones. */
class AddressesTest {
    @Test
    void ipv4AsDottedQuadWhateverWasFormattedBefore() throws UnknownHostException {
        Random r = new Random(7);
        // 4,000 addresses over a 256-slot table: most slots are reused by other addresses, many twice in a row.
        for (int i = 0; i < 4_000; i++) {
            byte[] a = new byte[4];
            r.nextBytes(a);
            if (i % 3 == 0) {
                a[3] ^= 1; // a neighbour of an address likely formatted just before
            }
            assertEquals(InetAddress.getByAddress(a).getHostAddress(), Addresses.format(a));
            assertEquals(InetAddress.getByAddress(a).getHostAddress(), Addresses.format(a), "asked again");
        }
        assertEquals("0.0.0.0", Addresses.format(new byte[4]));
        assertEquals("255.255.255.255", Addresses.format(new byte[] {-1, -1, -1, -1}));
        // Two addresses of the same slot (the slot is the xor of the four bytes).
        assertEquals("1.2.0.0", Addresses.format(new byte[] {1, 2, 0, 0}));
        assertEquals("2.1.0.0", Addresses.format(new byte[] {2, 1, 0, 0}));
        assertEquals("1.2.0.0", Addresses.format(new byte[] {1, 2, 0, 0}));
    }
}
