package io.chameleon.internal.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds rows in PostgreSQL's {@code COPY ... FROM STDIN} text format, UTF-8 encoded, straight
 * into a growable byte array: fields separated by tabs, rows ended by newlines, {@code \N} for
 * NULL, and backslash, newline, carriage return and tab escaped inside values.
 *
 * <p>Not thread-safe; one per writer.
 */
final class CopyTextBuffer {

  private byte[] bytes;
  private int length;
  private boolean rowStarted;

  CopyTextBuffer() {
    this(64 * 1024);
  }

  private CopyTextBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  /** Bytes written since the last {@link #clear()}. */
  int length() {
    return length;
  }

  byte[] array() {
    return bytes;
  }

  void clear() {
    length = 0;
    rowStarted = false;
  }

  /** This buffer, emptied. */
  CopyTextBuffer cleared() {
    clear();
    return this;
  }

  int capacity() {
    return bytes.length;
  }

  /**
   * Writes a value as UTF-8 (the JDK's encoder: a lone surrogate, which no string decoded from
   * bytes holds, becomes '?'), without its NUL characters, which PostgreSQL text cannot hold (a
   * statement read from the binlog may have one in a string literal).
   */
  CopyTextBuffer text(CharSequence value) {
    if (value == null) {
      return nullValue();
    }
    separator();
    String text = value.toString();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8); // in bulk, far faster than a char at a time
    int n = utf8.length;
    ensure(2 * n);
    int plain = plainPrefix(utf8);
    System.arraycopy(utf8, 0, bytes, length, plain);
    length += plain;
    // the bytes of a multi-byte UTF-8 sequence are all 0x80 and above: escapes work byte by byte
    for (int i = plain; i < n; i++) {
      byte b = utf8[i];
      switch (b) {
        case '\\' -> put2('\\', '\\');
        case '\n' -> put2('\\', 'n');
        case '\r' -> put2('\\', 'r');
        case '\t' -> put2('\\', 't');
        case 0 -> { } // dropped
        default -> bytes[length++] = b;
      }
    }
    return this;
  }

  /** How many bytes from the start need no escape and are not NUL (usually all of them). */
  private static int plainPrefix(byte[] utf8) {
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b < 14 ? b == '\n' || b == '\r' || b == '\t' || b == 0 : b == '\\') {
        return i;
      }
    }
    return utf8.length;
  }

  /** A value as {@link #text} would write it, to be written many times with {@link #encoded}. */
  static byte[] encode(String value) {
    CopyTextBuffer buffer = new CopyTextBuffer(value.length() * 3 + 1);
    buffer.text(value);
    return Arrays.copyOf(buffer.bytes, buffer.length);
  }

  /** Writes a value {@link #encode} made. */
  CopyTextBuffer encoded(byte[] value) {
    return encoded(value, value.length);
  }

  /** Writes a value already in COPY text form: {@code value[0, count)}. */
  CopyTextBuffer encoded(byte[] value, int count) {
    separator();
    ensure(count);
    System.arraycopy(value, 0, bytes, length, count);
    length += count;
    return this;
  }

  CopyTextBuffer number(long value) {
    separator();
    ensure(AsciiDigits.MAX + 1);
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        return encodedDigits(Long.toString(value));
      }
      bytes[length++] = '-';
      value = -value;
    }
    length = AsciiDigits.write(value, bytes, length);
    return this;
  }

  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for ASCII
  private CopyTextBuffer encodedDigits(String digits) {
    int n = digits.length();
    digits.getBytes(0, n, bytes, length);
    length += n;
    return this;
  }

  CopyTextBuffer nullValue() {
    separator();
    ensure(2);
    put2('\\', 'N');
    return this;
  }

  void endRow() {
    ensure(1);
    bytes[length++] = '\n';
    rowStarted = false;
  }

  private void separator() {
    if (rowStarted) {
      ensure(1);
      bytes[length++] = '\t';
    }
    rowStarted = true;
  }

  private void put2(char a, char b) {
    bytes[length++] = (byte) a;
    bytes[length++] = (byte) b;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
