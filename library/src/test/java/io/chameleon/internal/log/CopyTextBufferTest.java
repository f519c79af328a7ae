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
  void textIsUtf8WithSurrogatePairsJoinedAndLoneOnesReplaced() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.text("café ☕ 😀").text("lone \uD83D end");
    buffer.endRow();
    assertThat(written(buffer)).isEqualTo("café ☕ 😀\tlone \uFFFD end\n");
  }

  @Test
  void aValueLargerThanTheBuffersGrowsThem() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    String large = "x".repeat(200_000) + "é";
    buffer.text(new StringBuilder(large)).text("after");
    assertThat(written(buffer)).isEqualTo(large + "\tafter");
  }
}
