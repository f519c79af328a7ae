package io.chameleon.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyBufferTest {

  @Test
  void escapesTextSeparatesFieldsAndWritesNullAsBackslashN() {
    CopyBuffer buffer = new CopyBuffer();
    buffer.text("a\tb\nc\\d\re");
    buffer.nullValue();
    buffer.text("");
    buffer.ascii("42");
    buffer.endRow();
    assertThat(buffer.contents()).isEqualTo("a\\tb\\nc\\\\d\\re\t\\N\t\t42\n");
  }

  @Test
  void dropsAndCountsNulCharactersAndKeepsFourByteCharacters() {
    CopyBuffer buffer = new CopyBuffer();
    assertThat(buffer.text("a\0b\0😀")).isEqualTo(2);
    assertThat(buffer.utf8("x\0é🐘".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(buffer.contents()).isEqualTo("ab😀\txé🐘");
  }

  @Test
  void decodesInvalidUtf8AsTheBinlogReaderDoes() {
    byte[] invalid = {'a', (byte) 0xC3, '(', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'z'};
    CopyBuffer buffer = new CopyBuffer();
    buffer.utf8(invalid);
    assertThat(buffer.contents()).isEqualTo(new String(invalid, StandardCharsets.UTF_8));
    assertThat(CopyBuffer.Utf8.isValid("plain é 中 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(CopyBuffer.Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0x80})).isFalse(); // overlong NUL
    assertThat(CopyBuffer.Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
  }

  @Test
  void writesByteaAsEscapedHexPaddedToTheWidth() {
    CopyBuffer buffer = new CopyBuffer();
    buffer.bytea(new byte[] {0, 1, (byte) 0xAB, (byte) 0xFF}, 0, 4, 0);
    buffer.bytea(new byte[] {9, 9, 'a', 'b'}, 2, 2, 4);
    assertThat(buffer.contents()).isEqualTo("\\\\x0001abff\t\\\\x61620000");
  }
}
