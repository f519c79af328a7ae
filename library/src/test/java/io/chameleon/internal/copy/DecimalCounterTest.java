package io.chameleon.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecimalCounterTest {

  @Test
  void countsUpThroughEveryCarry() {
    for (long first : new long[] {0, 1, 8, 95, 998, 99_990, 1_234_567_890L, 999_999_999_999_999_990L}) {
      DecimalCounter counter = new DecimalCounter(first);
      for (long expected = first; expected < first + 30; expected++) {
        assertThat(text(counter)).isEqualTo(Long.toString(expected));
        assertThat(counter.value()).isEqualTo(expected);
        counter.increment();
      }
    }
  }

  @Test
  void writesItsDigitsAsACopyValue() {
    DecimalCounter counter = new DecimalCounter(41);
    counter.increment();
    CopyTextBuffer buffer = new CopyTextBuffer(16);
    buffer.number(counter).number(counter);
    assertThat(buffer.contents()).isEqualTo("42\t42");
  }

  @Test
  void refusesANegativeStart() {
    assertThatThrownBy(() -> new DecimalCounter(-1)).hasMessageContaining("-1");
  }

  private static String text(DecimalCounter counter) {
    byte[] out = new byte[AsciiDigits.MAX];
    return new String(out, 0, counter.writeTo(out, 0), StandardCharsets.US_ASCII);
  }
}
