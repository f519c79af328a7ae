package io.chameleon.internal.copy;

/**
 * A non-negative counter kept as its decimal digits, counted up in place: the log writer numbers
 * its rows one after the other, and adding one to text mostly changes its last digit, where
 * writing a number's digits anew takes a division per two of them.
 *
 * <p>Not thread-safe.
 */
public final class DecimalCounter {

  /** The digits, right-aligned: {@code digits[start, MAX)}. */
  private final byte[] digits = new byte[AsciiDigits.MAX];
  private int start;
  private long value;

  /** A counter at {@code value} (0 or more). */
  public DecimalCounter(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + value);
    }
    this.value = value;
    start = digits.length - AsciiDigits.count(value);
    AsciiDigits.write(value, digits, start);
  }

  public long value() {
    return value;
  }

  /** Adds one. */
  public void increment() {
    int i = digits.length - 1;
    while (i >= start && digits[i] == '9') {
      digits[i--] = '0';
    }
    if (i < start) {
      start = i;
      digits[i] = '1';
    } else {
      digits[i]++;
    }
    value++;
  }

  /**
   * Copies the digits to {@code out[at]}, which has room for them.
   *
   * @return the index after the last digit
   */
  int writeTo(byte[] out, int at) {
    int count = digits.length - start;
    System.arraycopy(digits, start, out, at, count);
    return at + count;
  }
}
