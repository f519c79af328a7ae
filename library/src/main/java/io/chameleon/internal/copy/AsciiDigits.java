package io.chameleon.internal.copy;

import java.nio.charset.StandardCharsets;

/**
 * Writes the decimal digits of longs straight into byte arrays, two digits per division, without
 * the garbage of {@code Long.toString}: the encoders write several numbers per row (ids,
 * positions, column values).
 */
public final class AsciiDigits {

  /** The most digits a long has. */
  public static final int MAX = 19;
  /** The most bytes {@link #write} writes: a sign and {@value #MAX} digits. */
  public static final int MAX_LENGTH = MAX + 1;

  private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
  private static final long[] POWERS = new long[MAX];
  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];

  static {
    POWERS[0] = 1;
    for (int i = 1; i < MAX; i++) {
      POWERS[i] = POWERS[i - 1] * 10;
    }
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private AsciiDigits() {}

  /**
   * Writes {@code value}'s digits at {@code out[at]}, after a minus sign when it is negative; the
   * caller has made room for {@link #MAX_LENGTH} bytes.
   *
   * @return the index after the last digit
   */
  public static int write(long value, byte[] out, int at) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) { // its magnitude is no long
        System.arraycopy(LONG_MIN, 0, out, at, LONG_MIN.length);
        return at + LONG_MIN.length;
      }
      out[at++] = '-';
      value = -value;
    }
    int end = at + count(value);
    int i = end;
    while (value > Integer.MAX_VALUE) {
      long quotient = value / 100;
      int pair = (int) (value - quotient * 100);
      out[--i] = ONES[pair];
      out[--i] = TENS[pair];
      value = quotient;
    }
    int small = (int) value;
    while (small >= 100) {
      int quotient = small / 100;
      int pair = small - quotient * 100;
      out[--i] = ONES[pair];
      out[--i] = TENS[pair];
      small = quotient;
    }
    if (small >= 10) {
      out[--i] = ONES[small];
      out[--i] = TENS[small];
    } else {
      out[--i] = (byte) ('0' + small);
    }
    return end;
  }

  /** Writes the two digits of {@code value} (0 to 99, with a leading zero) at {@code out[at]}. */
  public static void pair(int value, byte[] out, int at) {
    out[at] = TENS[value];
    out[at + 1] = ONES[value];
  }

  /** 10 to the power {@code exponent}, 0 to {@value #MAX} - 1. */
  public static long powerOfTen(int exponent) {
    return POWERS[exponent];
  }

  /** How many digits a non-negative value has. */
  public static int count(long value) {
    if (value < 10) {
      return 1;
    }
    int guess = (64 - Long.numberOfLeadingZeros(value)) * 1233 >>> 12; // log10(2) ~ 1233 / 4096
    return guess + (value >= POWERS[guess] ? 1 : 0);
  }
}
