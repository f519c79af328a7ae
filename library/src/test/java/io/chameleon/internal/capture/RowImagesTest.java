package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DECIMAL cells read back from MySQL's binary form, written here after its documented layout. */
class RowImagesTest {

  private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

  @Test
  void decimalsOfEveryPrecisionAndScaleReadBackExactly() throws Exception {
    Random random = new Random(3);
    for (int precision = 1; precision <= 65; precision++) {
      for (int scale = 0; scale <= Math.min(precision, 30); scale++) {
        for (int i = 0; i < 40; i++) {
          StringBuilder digits = new StringBuilder();
          for (int d = random.nextInt(precision) + 1; d > 0; d--) {
            digits.append((char) ('0' + random.nextInt(10)));
          }
          BigInteger unscaled = new BigInteger(digits.toString());
          BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, scale);
          byte[] bytes = decimalToBinary(value, precision, scale);
          BinlogBytes in = new BinlogBytes(bytes);
          assertThat(RowImages.decimal(in, precision, scale)).as("%s as DECIMAL(%d,%d)", value, precision, scale)
              .isEqualTo(value);
          assertThat(in.available()).as("bytes left after DECIMAL(%d,%d)", precision, scale).isZero();
        }
      }
    }
  }

  /** MySQL's decimal2bin: digit groups of nine in 4 bytes, leftovers in the fewest bytes, sign in the first bit. */
  private static byte[] decimalToBinary(BigDecimal value, int precision, int scale) {
    String digits = value.unscaledValue().abs().toString();
    digits = "0".repeat(Math.max(0, precision - digits.length())) + digits;
    String integer = digits.substring(0, precision - scale);
    String fraction = digits.substring(precision - scale);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int leading = integer.length() % 9;
    group(out, integer.substring(0, leading));
    for (int at = leading; at < integer.length(); at += 9) {
      group(out, integer.substring(at, at + 9));
    }
    int whole = fraction.length() / 9 * 9;
    for (int at = 0; at < whole; at += 9) {
      group(out, fraction.substring(at, at + 9));
    }
    group(out, fraction.substring(whole));
    byte[] bytes = out.toByteArray();
    if (value.signum() < 0) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
    }
    bytes[0] ^= (byte) 0x80;
    return bytes;
  }

  private static void group(ByteArrayOutputStream out, String digits) {
    int size = BYTES_FOR_DIGITS[digits.length()];
    long value = digits.isEmpty() ? 0 : Long.parseLong(digits);
    for (int i = size - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }
}
