package io.chameleon.internal.capture;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * MySQL's {@code latin1}: not ISO-8859-1 but Windows-1252, with the five bytes cp1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mapped to the C1 controls U+0081, U+008D, U+008F,
 * U+0090, U+009D, as MySQL's own conversion tables do. Every one of the 256 bytes decodes to a
 * distinct character and encodes back to itself, so no latin1 value is ever lost (Java's
 * windows-1252 decoder turns those five bytes into U+FFFD). Thread-safe; a singleton.
 */
final class MySqlLatin1Charset extends Charset {

  static final MySqlLatin1Charset INSTANCE = new MySqlLatin1Charset();

  private static final char[] DECODE = new char[256];

  static {
    CharsetDecoder cp1252 = Charset.forName("windows-1252").newDecoder();
    for (int b = 0; b < 256; b++) {
      try {
        DECODE[b] = cp1252.decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
      } catch (java.nio.charset.CharacterCodingException undefinedInCp1252) {
        DECODE[b] = (char) b;
      }
    }
  }

  private MySqlLatin1Charset() {
    super("x-MySQL-latin1", new String[0]);
  }

  /** The character byte {@code b} (0..255) decodes to. */
  static char decode(int b) {
    return DECODE[b & 0xFF];
  }

  /** The byte that encodes {@code c}, or -1 if latin1 cannot represent it. */
  static int byteOf(char c) {
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
      return c;
    }
    for (int b = 0x80; b < 0xA0; b++) {
      if (DECODE[b] == c) {
        return b;
      }
    }
    return -1;
  }

  @Override
  public boolean contains(Charset cs) {
    return cs == this || cs == StandardCharsets.US_ASCII;
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new CharsetDecoder(this, 1f, 1f) {
      @Override
      protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
        while (in.hasRemaining()) {
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          out.put(DECODE[in.get() & 0xFF]);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }

  @Override
  public CharsetEncoder newEncoder() {
    return new CharsetEncoder(this, 1f, 1f) {
      @Override
      protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
        while (in.hasRemaining()) {
          char c = in.get(in.position());
          int b = byteOf(c);
          if (b < 0) {
            return CoderResult.unmappableForLength(1);
          }
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          in.get();
          out.put((byte) b);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }
}
