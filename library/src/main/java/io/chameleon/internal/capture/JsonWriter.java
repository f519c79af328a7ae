package io.chameleon.internal.capture;

import java.util.Arrays;

/**
 * A minimal streaming JSON writer into a {@link StringBuilder}: it places commas and colons and
 * escapes strings, nothing else (no pretty printing, no validation of the call order beyond
 * what commas need). Numbers are written as the caller gives their text. Faster than a general
 * generator for the encoder's flat rows. Not thread-safe; reusable with {@link #reset}.
 */
final class JsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** For ASCII: 0 = as is, 'u' = \\u00XX, else the character after a backslash. */
  private static final char[] ESCAPES = new char[128];

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

  private StringBuilder out;
  /** Per open container: whether it is an object, and whether it has an entry yet. */
  private boolean[] isObject = new boolean[8];
  private boolean[] hasEntry = new boolean[8];
  private int depth;

  JsonWriter reset(StringBuilder target) {
    out = target;
    depth = 0;
    return this;
  }

  StringBuilder out() {
    return out;
  }

  void beginObject() {
    beforeValue();
    push(true);
    out.append('{');
  }

  void endObject() {
    depth--;
    out.append('}');
  }

  void beginArray() {
    beforeValue();
    push(false);
    out.append('[');
  }

  void endArray() {
    depth--;
    out.append(']');
  }

  /** Writes an object member name; the next call writes its value. */
  void name(String name) {
    comma();
    quoted(name);
    out.append(':');
  }

  /**
   * Writes a member name given already quoted, escaped and followed by a colon (see
   * {@link #memberKey}); the next call writes its value.
   */
  void rawName(String quotedNameAndColon) {
    comma();
    out.append(quotedNameAndColon);
  }

  void string(String value) {
    beforeValue();
    quoted(value);
  }

  /** Writes text that is already a JSON value (a number, true, false, null, or quoted). */
  void raw(String json) {
    beforeValue();
    out.append(json);
  }

  void number(long value) {
    beforeValue();
    out.append(value);
  }

  void nullValue() {
    beforeValue();
    out.append("null");
  }

  /** Makes the writer ready for a value written straight into {@link #out()}. */
  void beforeValue() {
    if (depth > 0 && !isObject[depth - 1]) {
      comma();
    }
  }

  private void comma() {
    if (depth > 0) {
      if (hasEntry[depth - 1]) {
        out.append(',');
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

  /** Appends a JSON string literal. NUL and every other control character become escapes. */
  void quoted(String value) {
    StringBuilder sb = out;
    sb.append('"');
    int length = value.length();
    int start = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 128 && ESCAPES[c] != 0) {
        sb.append(value, start, i);
        sb.append('\\');
        char escape = ESCAPES[c];
        if (escape == 'u') {
          sb.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        } else {
          sb.append(escape);
        }
        start = i + 1;
      }
    }
    sb.append(value, start, length);
    sb.append('"');
  }

  /** Appends bytes as a JSON string holding PostgreSQL bytea hex input: {@code "\\x0a1b..."}. */
  void byteaHex(byte[] bytes, int offset, int length, int padTo) {
    beforeValue();
    StringBuilder sb = out;
    int total = Math.max(length, padTo);
    sb.ensureCapacity(sb.length() + 5 + 2 * total);
    sb.append("\"\\\\x");
    for (int i = offset, end = offset + length; i < end; i++) {
      int b = bytes[i];
      sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    for (int i = length; i < total; i++) {
      sb.append("00");
    }
    sb.append('"');
  }

  /** The text {@link #rawName} expects for a member name: quoted, escaped, then a colon. */
  static String memberKey(String name) {
    JsonWriter writer = new JsonWriter().reset(new StringBuilder(name.length() + 3));
    writer.quoted(name);
    return writer.out.append(':').toString();
  }
}
