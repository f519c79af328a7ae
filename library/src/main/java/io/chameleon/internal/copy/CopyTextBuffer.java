package io.chameleon.internal.copy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format, UTF-8, built straight into a
 * growable byte array: fields separated by tabs, rows ended by newlines, {@code \N} for NULL,
 * and backslash, newline, carriage return and tab escaped inside values. The initial copy and
 * the log writer both fill one.
 *
 * <p>Text values lose their NUL characters (PostgreSQL text cannot hold U+0000); the methods that
 * write text return how many they dropped so that the caller can count them.
 *
 * <p>Not thread-safe; one per writer.
 */
public final class CopyTextBuffer {

  private static final int DEFAULT_CAPACITY = 64 * 1024;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final int initialCapacity;
  private byte[] bytes;
  private int length;
  private boolean rowStarted;

  /** A buffer of 64 KB to start with. */
  public CopyTextBuffer() {
    this(DEFAULT_CAPACITY);
  }

  public CopyTextBuffer(int capacity) {
    initialCapacity = capacity;
    bytes = new byte[capacity];
  }

  /** Bytes written since the last {@link #clear()}. */
  public int length() {
    return length;
  }

  /** The bytes: {@code array()[0, length())}. */
  public byte[] array() {
    return bytes;
  }

  public int capacity() {
    return bytes.length;
  }

  public void clear() {
    length = 0;
    rowStarted = false;
  }

  /** This buffer, emptied. */
  public CopyTextBuffer cleared() {
    clear();
    return this;
  }

  /**
   * Sends what is held (whole rows or not: COPY is a byte stream) and empties the buffer, which
   * gives back the memory one huge row made it take.
   */
  public void sendTo(CopyIn copy) throws SQLException {
    if (length > 0) {
      copy.writeToCopy(bytes, 0, length);
    }
    clear();
    if (bytes.length > 4 * initialCapacity) {
      bytes = new byte[initialCapacity];
    }
  }

  /** The bytes held, decoded. */
  public String contents() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** A value as {@link #text} writes it, to be written many times with {@link #encoded}. */
  public static byte[] encode(String value) {
    CopyTextBuffer buffer = new CopyTextBuffer(value.length() * 3 + 1);
    buffer.text(value);
    return Arrays.copyOf(buffer.bytes, buffer.length);
  }

  /** Writes a value already in COPY text form, e.g. one {@link #encode} made. */
  public CopyTextBuffer encoded(byte[] value) {
    return encoded(value, value.length);
  }

  /** Writes a value already in COPY text form: {@code value[0, count)}. */
  public CopyTextBuffer encoded(byte[] value, int count) {
    separator();
    ensure(count);
    System.arraycopy(value, 0, bytes, length, count);
    length += count;
    return this;
  }

  /** Writes a value known to be ASCII and to need no escaping (digits, signs, dates). */
  public CopyTextBuffer ascii(CharSequence value) {
    separator();
    int n = value.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) value.charAt(i);
    }
    return this;
  }

  public CopyTextBuffer number(long value) {
    separator();
    ensure(AsciiDigits.MAX_LENGTH);
    length = AsciiDigits.write(value, bytes, length);
    return this;
  }

  /** Writes the counter's value. */
  public CopyTextBuffer number(DecimalCounter value) {
    separator();
    ensure(AsciiDigits.MAX);
    length = value.writeTo(bytes, length);
    return this;
  }

  public CopyTextBuffer nullValue() {
    separator();
    ensure(2);
    put2('\\', 'N');
    return this;
  }

  /**
   * Writes a text value as UTF-8 (the JDK's encoder: a lone surrogate, which no string decoded
   * from bytes holds, becomes '?'), escaped, without its NUL characters.
   *
   * @return the NUL characters left out
   */
  public int text(CharSequence value) {
    separator();
    byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8); // in bulk, far faster than a char at a time
    return escaped(utf8);
  }

  /**
   * Writes a text value given as UTF-8 bytes. Valid UTF-8 is copied byte for byte (escaped);
   * anything else is decoded the way Java decodes it (each malformed sequence becomes U+FFFD, as
   * the binlog reader does) and written as {@link #text}.
   *
   * @return the NUL characters left out
   */
  public int utf8(byte[] value) {
    if (!Utf8.isValid(value)) {
      return text(new String(value, StandardCharsets.UTF_8));
    }
    separator();
    return escaped(value);
  }

  /**
   * Writes a bytea value in hex form, {@code \\x0a1b} (the backslash doubled for COPY), padded
   * with zero bytes to {@code padTo} bytes when shorter.
   */
  public CopyTextBuffer bytea(byte[] value, int offset, int count, int padTo) {
    separator();
    int total = Math.max(count, padTo);
    ensure(3 + 2 * total);
    bytes[length++] = '\\';
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    for (int i = offset; i < offset + count; i++) {
      bytes[length++] = HEX[(value[i] >> 4) & 0xF];
      bytes[length++] = HEX[value[i] & 0xF];
    }
    for (int i = count; i < total; i++) {
      bytes[length++] = '0';
      bytes[length++] = '0';
    }
    return this;
  }

  public void endRow() {
    ensure(1);
    bytes[length++] = '\n';
    rowStarted = false;
  }

  /** Copies UTF-8 bytes, escaped, without NUL; returns the NULs left out. */
  private int escaped(byte[] utf8) {
    int n = utf8.length;
    ensure(2 * n);
    int plain = plainPrefix(utf8);
    System.arraycopy(utf8, 0, bytes, length, plain);
    length += plain;
    int nuls = 0;
    // the bytes of a multi-byte UTF-8 sequence are all 0x80 and above: escapes work byte by byte
    for (int i = plain; i < n; i++) {
      byte b = utf8[i];
      switch (b) {
        case '\\' -> put2('\\', '\\');
        case '\n' -> put2('\\', 'n');
        case '\r' -> put2('\\', 'r');
        case '\t' -> put2('\\', 't');
        case 0 -> nuls++;
        default -> bytes[length++] = b;
      }
    }
    return nuls;
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

  /** Strict UTF-8 validation (no overlong forms, no surrogates, nothing past U+10FFFF). */
  static final class Utf8 {
    private Utf8() {}

    static boolean isValid(byte[] b) {
      int i = 0;
      int n = b.length;
      while (i < n) {
        int c = b[i];
        if (c >= 0) {
          i++;
          continue;
        }
        c &= 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
          if (i + 1 >= n || !cont(b[i + 1])) {
            return false;
          }
          i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
          if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) {
            return false;
          }
          int c1 = b[i + 1] & 0xFF;
          if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
            return false;
          }
          i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
          if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
            return false;
          }
          int c1 = b[i + 1] & 0xFF;
          if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
            return false;
          }
          i += 4;
        } else {
          return false;
        }
      }
      return true;
    }

    private static boolean cont(byte b) {
      return (b & 0xC0) == 0x80;
    }
  }
}
