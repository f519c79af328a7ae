package io.chameleon.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyTextBufferTest {

  private static String written(CopyTextBuffer buffer) {
    return new String(Arrays.copyOf(buffer.array(), buffer.length()), StandardCharsets.UTF_8);
  }

  @Test
  void rowsAreTabSeparatedWithEscapesAndNulls() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.number(42).text("a\tb\nc\rd\\e").nullValue().text(new StringBuilder("{\"k\":\"v\"}"));
    buffer.endRow();
    assertThat(written(buffer)).isEqualTo("42\ta\\tb\\nc\\rd\\\\e\t\\N\t{\"k\":\"v\"}\n");
  }

  @Test
  void nulCharactersAreDroppedFromText() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.text("\u0000ALTER TABLE t COMMENT 'a\u0000b'\u0000").text("\u0000");
    assertThat(written(buffer)).isEqualTo("ALTER TABLE t COMMENT 'ab'\t");
  }

  @Test
  void numbersAreWrittenWithEveryDigit() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.number(0).number(9).number(10).number(999_999_999_999_999_999L).number(Long.MAX_VALUE).number(-12);
    assertThat(written(buffer)).isEqualTo("0\t9\t10\t999999999999999999\t9223372036854775807\t-12");
  }

  @Test
  void asciiTextIsCopiedWithQuestionMarksAndBackslashesIntact() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.text("{\"k\":\"why?\"}").text("{\"b\":\"\\\\x00\"}");
    assertThat(written(buffer)).isEqualTo("{\"k\":\"why?\"}\t{\"b\":\"\\\\\\\\x00\"}");
  }

  @Test
  void textIsUtf8WithSurrogatePairsJoinedAndLoneOnesReplacedAsTheJdkDoes() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.text("café ☕ 😀").text("lone \uD83D end").text("é\t\\😀");
    buffer.endRow();
    assertThat(written(buffer)).isEqualTo("café ☕ 😀\tlone ? end\té\\t\\\\😀\n");
  }

  @Test
  void aValueLargerThanTheBuffersGrowsThem() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    String large = "x".repeat(200_000) + "é";
    buffer.text(new StringBuilder(large)).text("after");
    assertThat(written(buffer)).isEqualTo(large + "\tafter");
  }
}
