package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte writer's JSON, read back by Jackson, and its COPY text form. */
class JsonWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void plainAsciiIsEveryByteFromSpaceToDelOtherThanQuoteAndBackslash() {
    for (int length = 0; length <= 24; length++) {
      byte[] text = new byte[length];
      java.util.Arrays.fill(text, (byte) 'a');
      assertThat(JsonWriter.isPlainAscii(text)).as("length %d", length).isTrue();
      for (int at = 0; at < length; at++) {
        for (int b = 0; b < 256; b++) {
          text[at] = (byte) b;
          boolean plain = b >= 0x20 && b < 0x80 && b != '"' && b != '\\';
          assertThat(JsonWriter.isPlainAscii(text)).as("byte %02x at %d of %d", b, at, length).isEqualTo(plain);
        }
        text[at] = (byte) 'a';
      }
    }
    byte[] mixed = "~ !#[]}\u007f\u007f 0123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(JsonWriter.isPlainAscii(mixed)).isTrue();
  }

  @Test
  void decimalsKeepEveryDigitAsToPlainStringWritesThem() {
    List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("-0.05"),
        new BigDecimal("123"), new BigDecimal("-123.40"), new BigDecimal("0.000000000000000001"),
        new BigDecimal("999999999999999999"), new BigDecimal("-99999999.9999999999"),
        new BigDecimal("9999999999999999999"), new BigDecimal("12345678901234567890123.4567"),
        new BigDecimal("1E+3"), new BigDecimal("-0.1234567890123456789")));
    Random random = new Random(5);
    for (int i = 0; i < 10_000; i++) {
      long unscaled = random.nextLong() >> random.nextInt(64);
      values.add(BigDecimal.valueOf(unscaled, random.nextInt(22)));
    }
    JsonWriter json = JsonWriter.plain();
    for (BigDecimal value : values) {
      json.reset();
      json.decimal(value);
      assertThat(json.toString()).as("unscaled %s scale %d", value.unscaledValue(), value.scale())
          .isEqualTo(value.toPlainString());
    }
  }

  @Test
  void randomStringsReadBackExactlyAndTheCopyFormDoublesEveryBackslash() throws Exception {
    Random random = new Random(11);
    char[] specials = {'"', '\\', '\n', '\r', '\t', '\0', '\u001f', '\u007f', 'é', '€', '\uffff'};
    JsonWriter plain = JsonWriter.plain();
    JsonWriter copy = JsonWriter.forCopyText();
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(round % 100 == 0 ? 5_000 : 40);
      while (text.length() < length) {
        int kind = random.nextInt(4);
        if (kind == 0) {
          text.append(specials[random.nextInt(specials.length)]);
        } else if (kind == 1) {
          text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
        } else {
          text.append((char) (' ' + random.nextInt(95)));
        }
      }
      String value = text.toString();
      for (JsonWriter writer : new JsonWriter[] {plain, copy}) {
        writer.reset();
        writer.beginObject();
        writer.name(value);
        writer.string(value);
        writer.endObject();
      }
      JsonNode read = JSON.readTree(plain.toString());
      assertThat(read.get(value).textValue()).isEqualTo(value);
      assertThat(copy.toString()).isEqualTo(plain.toString().replace("\\", "\\\\"));
      assertThat(plain.toString()).doesNotContain("\n", "\r", "\t");
    }
  }

  @Test
  void hexFillsTheBufferToItsLastByteInBothForms() {
    for (int size = 120; size < 130; size++) {
      JsonWriter copy = JsonWriter.forCopyText(); // 256 bytes to start with
      copy.byteaHex(new byte[size], 0, size, 0);
      assertThat(copy.toString()).isEqualTo("\"\\\\\\\\x" + "00".repeat(size) + "\"");
      JsonWriter plain = JsonWriter.plain();
      plain.byteaHex(new byte[size], 0, size, 0);
      assertThat(plain.toString()).isEqualTo("\"\\\\x" + "00".repeat(size) + "\"");
    }
  }

  @Test
  void aLoneSurrogateBecomesAQuestionMarkAsTheJdkEncodesIt() {
    JsonWriter writer = JsonWriter.plain();
    writer.string("a\ud800b\udc00");
    assertThat(writer.toString()).isEqualTo("\"a?b?\"");
    assertThat(new String(writer.bytes(), 0, writer.length(), StandardCharsets.UTF_8))
        .isEqualTo("\"" + new String("a\ud800b\udc00".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + "\"");
  }

  @Test
  void numbersContainersAndHexWriteTheirCommas() {
    JsonWriter writer = JsonWriter.forCopyText();
    writer.beginArray();
    writer.number(Long.MIN_VALUE);
    writer.number(-7);
    writer.number(Long.MAX_VALUE);
    writer.literal("1.50");
    writer.nullValue();
    writer.byteaHex(new byte[] {1, (byte) 0xab}, 0, 2, 3);
    writer.beginObject();
    writer.rawName(writer.memberKey("k\"\\"));
    writer.openString();
    writer.digits(5);
    writer.closeString();
    writer.endObject();
    writer.endArray();
    assertThat(writer.toString()).isEqualTo(
        "[-9223372036854775808,-7,9223372036854775807,1.50,null,\"\\\\\\\\x01ab00\",{\"k\\\\\"\\\\\\\\\":\"5\"}]");
  }
}
