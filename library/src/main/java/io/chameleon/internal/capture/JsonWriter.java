package io.chameleon.internal.capture;

import io.chameleon.internal.copy.AsciiDigits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal streaming JSON writer into a growable array of UTF-8 bytes: it places commas and
 * colons and escapes strings, nothing else (no pretty printing, no validation of the call order
 * beyond what commas need). Numbers are written as the caller gives them. Faster than a general
 * generator for the encoder's flat rows.
 *
 * <p>A writer made by {@link #forCopyText()} writes the same JSON already escaped as a value of
 * PostgreSQL's {@code COPY} text format, ready to be copied as is into a COPY row: every
 * backslash doubled. Nothing else needs escaping there, because JSON text holds no tab, newline
 * or carriage return outside its escapes, and every backslash in JSON text belongs to an escape
 * this writer makes.
 *
 * <p>Not thread-safe; reusable with {@link #reset}.
 */
final class JsonWriter {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long EACH_BYTE = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  /** A buffer past this size after a huge value is not kept for the next one. */
  private static final int KEPT_CAPACITY = 1 << 20;
  /** For ASCII: 0 = as is, 'u' = \\u00XX, else the character after a backslash. */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\f'] = 'f';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
    ESCAPES['\t'] = 't';
  }

  private final boolean copyText;
  private byte[] out = new byte[256];
  private int length;
  /** Per open container: whether it is an object, and whether it has an entry yet. */
  private boolean[] isObject = new boolean[8];
  private boolean[] hasEntry = new boolean[8];
  private int depth;

  private JsonWriter(boolean copyText) {
    this.copyText = copyText;
  }

  /** A writer of plain JSON text. */
  static JsonWriter plain() {
    return new JsonWriter(false);
  }

  /** A writer of JSON text escaped for PostgreSQL's COPY text format (backslashes doubled). */
  static JsonWriter forCopyText() {
    return new JsonWriter(true);
  }

  boolean copyText() {
    return copyText;
  }

  /** Empties the writer for the next value. */
  JsonWriter reset() {
    if (out.length > KEPT_CAPACITY) {
      out = new byte[256];
    }
    length = 0;
    depth = 0;
    return this;
  }

  /** The bytes written since {@link #reset}: {@code bytes()[0..length())}. */
  byte[] bytes() {
    return out;
  }

  int length() {
    return length;
  }

  /** The bytes written, decoded (with their backslashes doubled for a COPY text writer). */
  @Override
  public String toString() {
    return new String(out, 0, length, StandardCharsets.UTF_8);
  }

  void beginObject() {
    beforeValue();
    push(true);
    ascii('{');
  }

  void endObject() {
    depth--;
    ascii('}');
  }

  void beginArray() {
    beforeValue();
    push(false);
    ascii('[');
  }

  void endArray() {
    depth--;
    ascii(']');
  }

  /** Writes an object member name; the next call writes its value. */
  void name(String name) {
    comma();
    quoted(name);
    ascii(':');
  }

  /**
   * Writes a member name that {@link #memberKey} made on a writer of the same kind; the next
   * call writes its value.
   */
  void rawName(byte[] memberKey) {
    comma();
    append(memberKey, 0, memberKey.length);
  }

  void string(String value) {
    beforeValue();
    quoted(value);
  }

  /** Writes a JSON literal given as ASCII text without backslashes: a number, true or false. */
  void literal(String json) {
    beforeValue();
    ascii(json);
  }

  void number(long value) {
    beforeValue();
    digits(value);
  }

  void nullValue() {
    beforeValue();
    append(NULL, 0, NULL.length);
  }

  /**
   * Opens a string whose content the caller writes with {@link #ascii} and {@link #digits}
   * (characters that need no escape), then closes with {@link #closeString}.
   */
  void openString() {
    beforeValue();
    ascii('"');
  }

  void closeString() {
    ascii('"');
  }

  /** Appends a character that needs no escape in a JSON string or a COPY value. */
  void ascii(char c) {
    if (length == out.length) {
      grow(1);
    }
    out[length++] = (byte) c;
  }

  /** Appends ASCII text that needs no escape in a JSON string or a COPY value. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for ASCII, and fast
  void ascii(String text) {
    int n = text.length();
    ensure(n);
    text.getBytes(0, n, out, length);
    length += n;
  }

  /** Appends a number's decimal digits (with a minus sign when negative). */
  void digits(long value) {
    ensure(AsciiDigits.MAX_LENGTH);
    length = AsciiDigits.write(value, out, length);
  }

  /** Appends the two digits of a number from 0 to 99. */
  void twoDigits(int value) {
    ensure(2);
    AsciiDigits.pair(value, out, length);
    length += 2;
  }

  /** Removes the {@code '0'} characters at the end of what is written. */
  void dropTrailingZeros() {
    while (length > 0 && out[length - 1] == '0') {
      length--;
    }
  }

  /** Writes a decimal number with every digit of its scale, as {@link BigDecimal#toPlainString} does. */
  void decimal(BigDecimal value) {
    int scale = value.scale();
    if (scale < 0 || scale >= AsciiDigits.MAX || value.precision() >= AsciiDigits.MAX) {
      literal(value.toPlainString()); // beyond a long's digits: rare enough for the general way
      return;
    }
    beforeValue();
    long unscaled = value.unscaledValue().longValue();
    ensure(AsciiDigits.MAX_LENGTH + 1);
    if (unscaled < 0) {
      out[length++] = '-';
      unscaled = -unscaled;
    }
    if (scale == 0) {
      length = AsciiDigits.write(unscaled, out, length);
      return;
    }
    long unit = AsciiDigits.powerOfTen(scale);
    long whole = unscaled / unit;
    length = AsciiDigits.write(whole, out, length);
    out[length++] = '.';
    paddedDigits(unscaled - whole * unit, scale);
  }

  /** Appends a non-negative number's digits, with leading zeros up to {@code width} digits. */
  void paddedDigits(long value, int width) {
    ensure(Math.max(width, AsciiDigits.MAX));
    for (int zeros = width - AsciiDigits.count(value); zeros > 0; zeros--) {
      out[length++] = '0';
    }
    length = AsciiDigits.write(value, out, length);
  }

  /**
   * Writes text bytes as a JSON string if every byte is printable ASCII other than a quote or a
   * backslash (which needs no escape in JSON nor in COPY text, and is the same character in every
   * ASCII-compatible charset); otherwise writes nothing.
   *
   * @return whether it wrote the string
   */
  boolean plainAsciiString(byte[] text) {
    if (!isPlainAscii(text)) {
      return false;
    }
    beforeValue();
    ensure(text.length + 2);
    out[length++] = '"';
    System.arraycopy(text, 0, out, length, text.length);
    length += text.length;
    out[length++] = '"';
    return true;
  }

  /** Whether no byte is below 0x20, 0x80 or above, a quote or a backslash; eight bytes at a time. */
  static boolean isPlainAscii(byte[] text) {
    int n = text.length;
    if (n < 8) {
      for (byte b : text) {
        if (b < 0x20 || b == '"' || b == '\\') { // bytes 0x80 and above are negative
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < n - 8; i += 8) {
      if (!plainAscii((long) LONGS.get(text, i))) {
        return false;
      }
    }
    return plainAscii((long) LONGS.get(text, n - 8)); // the last eight, which may overlap the word before
  }

  /**
   * Whether none of eight bytes is below 0x20, 0x80 or above, a quote or a backslash. Each term
   * sets a byte's high bit where the byte is one of those (SWAR, after "Bit Twiddling Hacks": x -
   * 0x01.. borrows into a byte's high bit only where the byte is below 0x01).
   */
  private static boolean plainAscii(long word) {
    long flagged = word
        | (word - EACH_BYTE * 0x20) & ~word
        | zeroBytes(word ^ EACH_BYTE * '"')
        | zeroBytes(word ^ EACH_BYTE * '\\');
    return (flagged & HIGH_BITS) == 0;
  }

  private static long zeroBytes(long word) {
    return (word - EACH_BYTE) & ~word;
  }

  /** Appends bytes as a JSON string holding PostgreSQL bytea hex input: {@code "\\x0a1b..."}. */
  void byteaHex(byte[] bytes, int offset, int count, int padTo) {
    beforeValue();
    int total = Math.max(count, padTo);
    ensure(8 + 2 * total);
    out[length++] = '"';
    backslash();
    backslash();
    out[length++] = 'x';
    for (int i = offset, end = offset + count; i < end; i++) {
      int b = bytes[i];
      out[length++] = HEX[(b >> 4) & 0xF];
      out[length++] = HEX[b & 0xF];
    }
    for (int i = count; i < total; i++) {
      out[length++] = '0';
      out[length++] = '0';
    }
    out[length++] = '"';
  }

  /** The bytes {@link #rawName} takes for a member name on this kind of writer: quoted, escaped, then a colon. */
  byte[] memberKey(String name) {
    JsonWriter key = new JsonWriter(copyText);
    key.quoted(name);
    key.ascii(':');
    return Arrays.copyOf(key.out, key.length);
  }

  /** Makes the writer ready for a value. */
  private void beforeValue() {
    if (depth > 0 && !isObject[depth - 1]) {
      comma();
    }
  }

  private void comma() {
    if (depth > 0) {
      if (hasEntry[depth - 1]) {
        ascii(',');
      } else {
        hasEntry[depth - 1] = true;
      }
    }
  }

  private void push(boolean object) {
    if (depth == isObject.length) {
      isObject = Arrays.copyOf(isObject, depth * 2);
      hasEntry = Arrays.copyOf(hasEntry, depth * 2);
    }
    isObject[depth] = object;
    hasEntry[depth] = false;
    depth++;
  }

  /**
   * Appends a JSON string literal in UTF-8. NUL and every other control character become
   * escapes; a lone surrogate (which no string decoded from bytes holds) becomes '?', as the
   * JDK's encoder makes it.
   */
  private void quoted(String value) {
    int n = value.length();
    ensure(3 * n + 2); // the most a char takes unescaped; escapes ensure more themselves
    byte[] b = out;
    int at = length;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (ESCAPES[c] == 0) {
          b[at++] = (byte) c;
          continue;
        }
        length = at;
        escape(c);
        ensure(3 * (n - i) + 1);
        b = out;
        at = length;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | c >> 6);
        b[at++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        int codePoint = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))
            ? Character.toCodePoint(c, value.charAt(++i)) : '?';
        if (codePoint == '?') {
          b[at++] = '?';
        } else {
          // the pair took 6 of the bytes ensured for two chars; it needs 4
          b[at++] = (byte) (0xF0 | codePoint >> 18);
          b[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
          b[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
          b[at++] = (byte) (0x80 | codePoint & 0x3F);
        }
      } else {
        b[at++] = (byte) (0xE0 | c >> 12);
        b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | c & 0x3F);
      }
    }
    b[at++] = '"';
    length = at;
  }

  private void escape(char c) {
    ensure(8);
    backslash();
    byte escape = ESCAPES[c];
    if (escape == 'u') {
      out[length++] = 'u';
      out[length++] = '0';
      out[length++] = '0';
      out[length++] = HEX[c >> 4];
      out[length++] = HEX[c & 0xF];
    } else if (escape == '\\') {
      backslash();
    } else {
      out[length++] = escape;
    }
  }

  /** Writes a backslash of JSON text (two in COPY text); room must be ensured. */
  private void backslash() {
    out[length++] = '\\';
    if (copyText) {
      out[length++] = '\\';
    }
  }

  private void append(byte[] bytes, int offset, int count) {
    ensure(count);
    System.arraycopy(bytes, offset, out, length, count);
    length += count;
  }

  private void ensure(int more) {
    if (length + more > out.length) {
      grow(more);
    }
  }

  private void grow(int more) {
    out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
  }
}
