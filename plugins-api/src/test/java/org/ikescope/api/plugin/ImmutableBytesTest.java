package org.ikescope.api.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class ImmutableBytesTest {
    @Test
    void copyOfIsNotAffectedByTheSourceArray() {
        byte[] src = {1, 2, 3};
        ImmutableBytes b = ImmutableBytes.copyOf(src);
        src[0] = 9;
        assertEquals(1, b.get(0));
        byte[] out = b.toArray();
        out[1] = 9;
        assertEquals(2, b.get(1));
    }

    @Test
    void readsAreBigEndianAndBoundedByTheView() {
        byte[] msg = ImmutableBytes.fromHex("ff0102030405060708").toArray();
        ImmutableBytes v = ImmutableBytes.wrap(msg, 1, 4);
        assertEquals(4, v.length());
        assertEquals(0x0102, v.getUnsignedShort(0));
        assertEquals(0x01020304L, v.getUnsignedInt(0));
        assertEquals(0xff, ImmutableBytes.wrap(msg, 0, 1).getUnsignedByte(0));
        assertEquals(0xffffffffL, ImmutableBytes.fromHex("ffffffff").getUnsignedInt(0));
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(4));
        assertThrows(IndexOutOfBoundsException.class, () -> v.getUnsignedShort(3));
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> ImmutableBytes.wrap(msg, 8, 2));
    }

    @Test
    void sliceHexEqualsAndPrefix() {
        ImmutableBytes b = ImmutableBytes.fromHex("4a131c81070357a0");
        assertEquals("4a131c81070357a0", b.hex());
        ImmutableBytes s = b.slice(2, 4);
        assertEquals("1c81", s.hex());
        assertEquals(ImmutableBytes.fromHex("1C81"), s);
        assertEquals(ImmutableBytes.fromHex("1c81").hashCode(), s.hashCode());
        assertNotEquals(ImmutableBytes.fromHex("1c82"), s);
        assertTrue(b.startsWith(ImmutableBytes.fromHex("4a13")));
        assertFalse(s.startsWith(b));
        assertTrue(ImmutableBytes.EMPTY.isEmpty());
        assertArrayEquals(new byte[] {0x1c, (byte) 0x81}, s.toArray());
    }

    @Test
    void bufferIsReadOnly() {
        ImmutableBytes b = ImmutableBytes.fromHex("000102030405").slice(2, 6);
        var buf = b.asReadOnlyBuffer();
        assertEquals(4, buf.remaining());
        assertEquals(0x02030405, buf.getInt(0));
        assertThrows(ReadOnlyBufferException.class, () -> buf.put(0, (byte) 1));
    }

    @Test
    void badHexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImmutableBytes.fromHex("abc"));
        assertEquals("hex length: 3 (expected: even)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImmutableBytes.fromHex("zz"));
    }

    @Test
    void toStringIsShortForLongViews() {
        ImmutableBytes b = ImmutableBytes.copyOf(new byte[40]);
        assertEquals("00".repeat(32) + "... (40 bytes)", b.toString());
    }
}
