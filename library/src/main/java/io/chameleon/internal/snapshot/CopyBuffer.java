package io.chameleon.internal.snapshot;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format, UTF-8, built straight into a
 * byte array that is handed to {@link CopyIn} whenever it fills: fields separated by tabs, rows
 * ended by newlines, {@code \N} for NULL, and backslash, newline, carriage return and tab escaped
 * inside values.
 *
 * <p>Text values lose their NUL characters (PostgreSQL text cannot hold U+0000); the methods that
 * write text return how many they dropped so that the caller can count them.
 *
 * <p>Not thread-safe; one per table copy.
 */
final class CopyBuffer {

  /** Bytes gathered before they go to the server. */
  static final int FLUSH_BYTES = 256 * 1024;
  private static final int INITIAL_BYTES = FLUSH_BYTES + 64 * 1024;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes = new byte[INITIAL_BYTES];
  private int length;
  private boolean rowStarted;

  /** Bytes held now. */
  int length() {
    return length;
  }

  /** Whether enough bytes are held to send them. */
  boolean full() {
    return length >= FLUSH_BYTES;
  }

  /** Sends what is held (whole rows or not: COPY is a byte stream) and empties the buffer. */
  void sendTo(CopyIn copy) throws SQLException {
    if (length > 0) {
      copy.writeToCopy(bytes, 0, length);
    }
    length = 0;
    if (bytes.length > 4 * INITIAL_BYTES) {
      bytes = new byte[INITIAL_BYTES]; // one huge row grew it: do not keep the memory
    }
  }

  /** The bytes held, for tests. */
  String contents() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  CopyBuffer nullValue() {
    separator();
    ensure(2);
    bytes[length++] = '\\';
    bytes[length++] = 'N';
    return this;
  }

  /** A value known to need no escaping (digits, signs, dates, bit strings): copied as is. */
  CopyBuffer ascii(byte[] value) {
    separator();
    ensure(value.length);
    System.arraycopy(value, 0, bytes, length, value.length);
    length += value.length;
    return this;
  }

  /** A value known to be ASCII and to need no escaping. */
  CopyBuffer ascii(CharSequence value) {
    separator();
    ensure(value.length());
    for (int i = 0; i < value.length(); i++) {
      bytes[length++] = (byte) value.charAt(i);
    }
    return this;
  }

  /**
   * A text value, escaped and UTF-8 encoded; lone surrogates (which valid input never has)
   * become U+FFFD.
   *
   * @return the NUL characters left out
   */
  int text(CharSequence value) {
    separator();
    ensure(value.length() * 3);
    int nuls = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (c == 0) {
          nuls++;
        } else {
          escapedAscii((byte) c);
        }
      } else if (c < 0x800) {
        bytes[length++] = (byte) (0xC0 | (c >> 6));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        bytes[length++] = (byte) (0xF0 | (cp >> 18));
        bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
        bytes[length++] = (byte) (0xE0 | (bmp >> 12));
        bytes[length++] = (byte) (0x80 | ((bmp >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (bmp & 0x3F));
      }
    }
    return nuls;
  }

  /**
   * A text value given as UTF-8 bytes. Valid UTF-8 is copied byte for byte (escaped); anything
   * else is decoded the way Java decodes it (each malformed sequence becomes U+FFFD, as the
   * binlog reader does) and written as {@link #text}.
   *
   * @return the NUL characters left out
   */
  int utf8(byte[] value) {
    if (!Utf8.isValid(value)) {
      return text(new String(value, StandardCharsets.UTF_8));
    }
    separator();
    ensure(value.length * 2);
    int nuls = 0;
    for (byte b : value) {
      if (b == 0) {
        nuls++;
      } else if (b < 0) {
        bytes[length++] = b; // part of a multi-byte sequence: never a special character
      } else {
        escapedAscii(b);
      }
    }
    return nuls;
  }

  /**
   * A bytea value in hex form, {@code \\x0a1b} (the backslash doubled for COPY), padded with
   * zero bytes to {@code padTo} bytes when shorter.
   */
  CopyBuffer bytea(byte[] value, int offset, int count, int padTo) {
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

  void endRow() {
    ensure(1);
    bytes[length++] = '\n';
    rowStarted = false;
  }

  private void escapedAscii(byte b) {
    switch (b) {
      case '\\' -> put2('\\', '\\');
      case '\n' -> put2('\\', 'n');
      case '\r' -> put2('\\', 'r');
      case '\t' -> put2('\\', 't');
      default -> bytes[length++] = b;
    }
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
