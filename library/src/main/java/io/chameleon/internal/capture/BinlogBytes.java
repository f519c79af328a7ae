package io.chameleon.internal.capture;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * A cursor over the body of one binlog event, read from an array: the connector's {@code
 * ByteArrayInputStream} reads each byte through a synchronized {@code InputStream.read()}, which
 * was a tenth of the reader's CPU when row images were decoded from it.
 *
 * <p>Multi-byte integers are little-endian unless the method says big-endian. Not thread-safe.
 */
final class BinlogBytes {

  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] bytes;
  private final int limit;
  private int position;

  BinlogBytes(byte[] bytes) {
    this(bytes, bytes.length);
  }

  /** A cursor over {@code bytes[0, limit)}. */
  BinlogBytes(byte[] bytes, int limit) {
    this.bytes = bytes;
    this.limit = limit;
  }

  /** Bytes left. */
  int available() {
    return limit - position;
  }

  /** Where the cursor stands, from the start of the body. */
  int position() {
    return position;
  }

  /** One unsigned byte. */
  int read() throws IOException {
    require(1);
    return bytes[position++] & 0xFF;
  }

  /** The next byte, unsigned, without moving past it. */
  int peek() throws IOException {
    require(1);
    return bytes[position] & 0xFF;
  }

  /** An unsigned little-endian integer of 1 to 4 bytes (4 bytes: as Java's signed int). */
  int readInteger(int length) throws IOException {
    return (int) readLong(length);
  }

  /** An unsigned little-endian integer of 1 to 8 bytes (8 bytes: as Java's signed long). */
  long readLong(int length) throws IOException {
    require(length);
    long result = 0;
    for (int i = 0; i < length; i++) {
      result |= (bytes[position + i] & 0xFFL) << (i << 3);
    }
    position += length;
    return result;
  }

  /** An unsigned big-endian integer of 1 to 8 bytes. */
  long bigEndian(int length) throws IOException {
    require(length);
    long result;
    if (bytes.length - position >= 8) { // mostly: one read of eight bytes (any past the limit shifted out)
      result = (long) BIG_ENDIAN_LONGS.get(bytes, position) >>> (64 - 8 * length);
    } else {
      result = 0;
      for (int i = 0; i < length; i++) {
        result = (result << 8) | (bytes[position + i] & 0xFF);
      }
    }
    position += length;
    return result;
  }

  /** A copy of the next bytes. */
  byte[] read(int length) throws IOException {
    require(length);
    byte[] copy = new byte[length];
    System.arraycopy(bytes, position, copy, 0, length);
    position += length;
    return copy;
  }

  void skip(int length) throws IOException {
    require(length);
    position += length;
  }

  /** A length-encoded integer: one byte below 251, or 0xFC, 0xFD, 0xFE and 2, 3 or 8 bytes. */
  int readPackedInteger() throws IOException {
    int first = read();
    long value;
    switch (first) {
      case 0xFC -> value = readLong(2);
      case 0xFD -> value = readLong(3);
      case 0xFE -> value = readLong(8);
      default -> {
        if (first > 0xFA) {
          throw new IOException("unexpected length-encoded integer prefix " + first + " at " + (position - 1));
        }
        value = first;
      }
    }
    if (value > Integer.MAX_VALUE) {
      throw new IOException("length-encoded integer " + value + " too large at " + position);
    }
    return (int) value;
  }

  /** A bitmap of {@code bits} bits, bit i in byte i / 8 at 1 &lt;&lt; i % 8. */
  BitSet readBitmap(int bits) throws IOException {
    int length = (bits + 7) >>> 3;
    require(length);
    BitSet result = new BitSet(bits);
    for (int i = 0; i < bits; i++) {
      if (bit(position, i)) {
        result.set(i);
      }
    }
    position += length;
    return result;
  }

  /** Whether bit {@code index} is set in the bitmap that starts at {@code offset}. */
  boolean bit(int offset, int index) {
    return (bytes[offset + (index >>> 3)] & (1 << (index & 7))) != 0;
  }

  private void require(int length) throws EOFException {
    if (length < 0 || length > limit - position) {
      throw new EOFException("needs " + length + " bytes at " + position + ", the event body has " + limit);
    }
  }
}
