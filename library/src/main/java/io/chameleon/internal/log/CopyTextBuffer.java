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

  private byte[] bytes = new byte[64 * 1024];
  /** The value being written, copied out in one call: cheaper than a charAt per character. */
  private char[] chars = new char[4 * 1024];
  private int length;
  private boolean rowStarted;

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

  CopyTextBuffer text(CharSequence value) {
    if (value == null) {
      return nullValue();
    }
    separator();
    int n = value.length();
    ensure(n * 3); // worst case: 3 bytes per char (escapes take 2, pairs 4 for 2)
    char[] text = charsOf(value, n);
    for (int i = 0; i < n; i++) {
      char c = text[i];
      if (c < 0x80) {
        switch (c) {
          case '\\' -> put2('\\', '\\');
          case '\n' -> put2('\\', 'n');
          case '\r' -> put2('\\', 'r');
          case '\t' -> put2('\\', 't');
          default -> bytes[length++] = (byte) c;
        }
      } else {
        i = utf8(text, n, i);
      }
    }
    return this;
  }

  private char[] charsOf(CharSequence value, int n) {
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    } else if (chars.length > 1 << 20 && n < 1 << 16) {
      chars = new char[4 * 1024]; // a huge value passed by: do not keep its buffer
    }
    if (value instanceof String s) {
      s.getChars(0, n, chars, 0);
    } else if (value instanceof StringBuilder b) {
      b.getChars(0, n, chars, 0);
    } else {
      for (int i = 0; i < n; i++) {
        chars[i] = value.charAt(i);
      }
    }
    return chars;
  }

  CopyTextBuffer number(long value) {
    separator();
    byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    ensure(digits.length);
    System.arraycopy(digits, 0, bytes, length, digits.length);
    length += digits.length;
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

  /** Encodes the character at i (a surrogate pair counts as one); returns the last index used. */
  private int utf8(char[] value, int n, int i) {
    char c = value[i];
    if (c < 0x800) {
      bytes[length++] = (byte) (0xC0 | (c >> 6));
      bytes[length++] = (byte) (0x80 | (c & 0x3F));
      return i;
    }
    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value[i + 1])) {
      int cp = Character.toCodePoint(c, value[i + 1]);
      bytes[length++] = (byte) (0xF0 | (cp >> 18));
      bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      bytes[length++] = (byte) (0x80 | (cp & 0x3F));
      return i + 1;
    }
    if (Character.isSurrogate(c)) {
      c = '\uFFFD'; // a lone surrogate cannot be encoded; Java strings from valid UTF-8 have none
    }
    bytes[length++] = (byte) (0xE0 | (c >> 12));
    bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
    bytes[length++] = (byte) (0x80 | (c & 0x3F));
    return i;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
