package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinlogBytesTest {

  @Test
  void bigEndianIntegersOfEveryLengthAtEveryPositionUpToTheEnd() throws Exception {
    Random random = new Random(7);
    for (int size = 1; size <= 24; size++) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      for (int start = 0; start < size; start++) {
        for (int length = 1; length <= Math.min(8, size - start); length++) {
          BinlogBytes in = new BinlogBytes(bytes);
          in.skip(start);
          long expected = 0;
          for (int i = 0; i < length; i++) {
            expected = (expected << 8) | (bytes[start + i] & 0xFF);
          }
          assertThat(in.bigEndian(length)).as("%d bytes at %d of %d", length, start, size).isEqualTo(expected);
          assertThat(in.position()).isEqualTo(start + length);
        }
      }
    }
  }

  @Test
  void readingPastTheEndFailsWithThePosition() throws Exception {
    BinlogBytes in = new BinlogBytes(new byte[10]);
    in.skip(7);
    assertThatThrownBy(() -> in.bigEndian(4)).isInstanceOf(EOFException.class).hasMessageContaining("at 7");
  }

  @Test
  void aCursorOverThePrefixOfAnArrayEndsAtItsLimit() throws Exception {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    BinlogBytes in = new BinlogBytes(bytes, 5);
    assertThat(in.available()).isEqualTo(5);
    assertThat(in.bigEndian(3)).isEqualTo(0x010203);
    assertThat(in.bigEndian(2)).isEqualTo(0x0405);
    assertThat(in.available()).isZero();
    assertThatThrownBy(() -> in.bigEndian(1)).isInstanceOf(EOFException.class).hasMessageContaining("has 5");
    assertThatThrownBy(() -> in.read(1)).isInstanceOf(EOFException.class);
  }
}
