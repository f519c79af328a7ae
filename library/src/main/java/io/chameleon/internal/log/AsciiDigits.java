package io.chameleon.internal.log;

/**
 * Writes the decimal digits of non-negative longs straight into byte arrays, two digits per
 * division, without the garbage of {@code Long.toString}: the encoders write several numbers per
 * row (ids, positions, column values).
 */
public final class AsciiDigits {

  /** The most digits a long has. */
  public static final int MAX = 19;

  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private AsciiDigits() {}

  /**
   * Writes {@code value}'s digits at {@code out[at]}; the caller has made room for {@link #MAX}.
   *
   * @param value zero or more
   * @return the index after the last digit
   */
  public static int write(long value, byte[] out, int at) {
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

  /** How many digits a non-negative value has. */
  public static int count(long value) {
    if (value < 10) {
      return 1;
    }
    int digits = 2;
    for (long limit = 100; digits < MAX && value >= limit; limit *= 10) {
      digits++;
    }
    return digits;
  }
}
