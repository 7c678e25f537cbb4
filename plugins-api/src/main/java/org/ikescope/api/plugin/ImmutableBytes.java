package org.ikescope.api.plugin;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable run of bytes: a payload body, an identity, a vendor ID. Reads are bounds-checked
 * against this view only, never against the array behind it; {@link #toArray()} returns a copy.
 * Multi-byte reads are big-endian (network order), as on the wire.
 */
public final class ImmutableBytes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The empty view. */
    public static final ImmutableBytes EMPTY = new ImmutableBytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private ImmutableBytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A view of a copy of {@code bytes}. */
    public static ImmutableBytes copyOf(byte[] bytes) {
        return new ImmutableBytes(bytes.clone(), 0, bytes.length);
    }

    /** A view of a copy of {@code bytes[from, to)}. */
    public static ImmutableBytes copyOfRange(byte[] bytes, int from, int to) {
        return new ImmutableBytes(Arrays.copyOfRange(bytes, from, to), 0, to - from);
    }

    /**
     * A view of {@code array[offset, offset + length)} without copying. For the host, which
     * shares one private copy of each message among the views of its payloads: the caller
     * promises that nobody modifies that range afterwards (slice, not copy, because a capture
     * may hold millions of payloads).
     */
    public static ImmutableBytes wrap(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return new ImmutableBytes(array, offset, length);
    }

    /** Parses hex digits (upper or lower case, even count). */
    public static ImmutableBytes fromHex(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex length: " + hex.length() + " (expected: even)");
        }
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("hex digit at " + 2 * i + ": " + hex.substring(2 * i, 2 * i + 2)
                        + " (expected: 0-9, a-f)");
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return new ImmutableBytes(b, 0, b.length);
    }

    /** Number of bytes. */
    public int length() {
        return length;
    }

    /** True when there are no bytes. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /** The byte at {@code index} as 0..255. */
    public int getUnsignedByte(int index) {
        return get(index) & 0xff;
    }

    /** The big-endian 16-bit value at {@code index}, as 0..65535. */
    public int getUnsignedShort(int index) {
        Objects.checkFromIndexSize(index, 2, length);
        int i = offset + index;
        return (array[i] & 0xff) << 8 | array[i + 1] & 0xff;
    }

    /** The big-endian 32-bit value at {@code index}, as 0..2^32-1. */
    public long getUnsignedInt(int index) {
        Objects.checkFromIndexSize(index, 4, length);
        int i = offset + index;
        return ((long) (array[i] & 0xff) << 24) | (array[i + 1] & 0xff) << 16 | (array[i + 2] & 0xff) << 8
                | array[i + 3] & 0xff;
    }

    /** The bytes {@code [from, to)} of this view, without copying. */
    public ImmutableBytes slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        return new ImmutableBytes(array, offset + from, to - from);
    }

    /** A fresh copy of the bytes. */
    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A read-only big-endian buffer over the bytes (position 0, limit {@link #length()}). */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** Lower-case hex of all bytes, no separators. */
    public String hex() {
        char[] c = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = array[offset + i] & 0xff;
            c[2 * i] = HEX[b >>> 4];
            c[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(c);
    }

    /** True when this view begins with {@code prefix}. */
    public boolean startsWith(ImmutableBytes prefix) {
        return prefix.length <= length
                && Arrays.equals(array, offset, offset + prefix.length, prefix.array, prefix.offset,
                prefix.offset + prefix.length);
    }

    /** Equal when the bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ImmutableBytes b
                && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    /** The hex of at most the first 32 bytes, then the total length when longer. */
    @Override
    public String toString() {
        return length <= 32 ? hex() : slice(0, 32).hex() + "... (" + length + " bytes)";
    }
}
