package io.chameleon.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiDigitsTest {

  @Test
  void writesWhatLongToStringWritesAtEveryLengthAndBoundary() {
    List<Long> values = new ArrayList<>(List.of(0L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE));
    long power = 1;
    for (int digits = 1; digits < AsciiDigits.MAX; digits++) {
      power *= 10;
      values.addAll(List.of(power - 1, power, power + 1));
    }
    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      values.add((random.nextLong() >>> 1) >>> random.nextInt(63));
    }
    byte[] out = new byte[3 + AsciiDigits.MAX_LENGTH];
    for (long value : values) {
      int end = AsciiDigits.write(value, out, 3);
      assertThat(new String(out, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
      assertThat(AsciiDigits.count(value)).isEqualTo(Long.toString(value).length());
      end = AsciiDigits.write(-value, out, 3);
      assertThat(new String(out, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(-value));
    }
    int end = AsciiDigits.write(Long.MIN_VALUE, out, 3);
    assertThat(new String(out, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(Long.MIN_VALUE));
  }
}
