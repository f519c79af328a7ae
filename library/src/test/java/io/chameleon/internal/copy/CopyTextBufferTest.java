package io.chameleon.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextBufferTest {

  @Test
  void rowsAreTabSeparatedWithEscapesAndNulls() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.number(42);
    buffer.text("a\tb\nc\rd\\e");
    buffer.nullValue();
    buffer.text(new StringBuilder("{\"k\":\"v\"}"));
    buffer.text("");
    buffer.ascii("42");
    buffer.endRow();
    assertThat(buffer.contents()).isEqualTo("42\ta\\tb\\nc\\rd\\\\e\t\\N\t{\"k\":\"v\"}\t\t42\n");
  }

  @Test
  void dropsAndCountsNulCharactersAndKeepsFourByteCharacters() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    assertThat(buffer.text("a\0b\0😀")).isEqualTo(2);
    assertThat(buffer.utf8("x\0é🐘".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(buffer.text("\u0000ALTER TABLE t COMMENT 'a\u0000b'\u0000")).isEqualTo(3);
    assertThat(buffer.contents()).isEqualTo("ab😀\txé🐘\tALTER TABLE t COMMENT 'ab'");
  }

  @Test
  void numbersAreWrittenWithEveryDigit() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.number(0).number(9).number(10).number(999_999_999_999_999_999L).number(Long.MAX_VALUE).number(-12)
        .number(Long.MIN_VALUE);
    assertThat(buffer.contents())
        .isEqualTo("0\t9\t10\t999999999999999999\t9223372036854775807\t-12\t-9223372036854775808");
  }

  @Test
  void asciiTextIsCopiedWithQuestionMarksAndBackslashesIntact() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.text("{\"k\":\"why?\"}");
    buffer.text("{\"b\":\"\\\\x00\"}");
    assertThat(buffer.contents()).isEqualTo("{\"k\":\"why?\"}\t{\"b\":\"\\\\\\\\x00\"}");
  }

  @Test
  void textIsUtf8WithSurrogatePairsJoinedAndLoneOnesReplacedAsTheJdkDoes() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.text("café ☕ 😀");
    buffer.text("lone \uD83D end");
    buffer.text("é\t\\😀");
    buffer.endRow();
    assertThat(buffer.contents()).isEqualTo("café ☕ 😀\tlone ? end\té\\t\\\\😀\n");
  }

  @Test
  void decodesInvalidUtf8AsTheBinlogReaderDoes() {
    byte[] invalid = {'a', (byte) 0xC3, '(', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'z'};
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.utf8(invalid);
    assertThat(buffer.contents()).isEqualTo(new String(invalid, StandardCharsets.UTF_8));
    assertThat(CopyTextBuffer.Utf8.isValid("plain é 中 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(CopyTextBuffer.Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0x80})).isFalse(); // overlong NUL
    assertThat(CopyTextBuffer.Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
  }

  @Test
  void writesByteaAsEscapedHexPaddedToTheWidth() {
    CopyTextBuffer buffer = new CopyTextBuffer();
    buffer.bytea(new byte[] {0, 1, (byte) 0xAB, (byte) 0xFF}, 0, 4, 0);
    buffer.bytea(new byte[] {9, 9, 'a', 'b'}, 2, 2, 4);
    assertThat(buffer.contents()).isEqualTo("\\\\x0001abff\t\\\\x61620000");
  }

  @Test
  void aValueLargerThanTheBufferGrowsIt() {
    CopyTextBuffer buffer = new CopyTextBuffer(1024);
    String large = "x".repeat(200_000) + "é";
    buffer.text(new StringBuilder(large));
    buffer.text("after");
    assertThat(buffer.contents()).isEqualTo(large + "\tafter");
  }
}
