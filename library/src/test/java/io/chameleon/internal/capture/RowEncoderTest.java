package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stated encoding on values shaped like the deserializer's, without a server. */
class RowEncoderTest {

  private final RowEncoder encoder = new RowEncoder();

  private static ColumnInfo.Builder col(String name, MySqlType type) {
    return ColumnInfo.builder(name, type);
  }

  private static TableInfo table(ColumnInfo... columns) {
    return new TableInfo("shop", "items", List.of(columns), List.of());
  }

  private static BitSet all(int count) {
    BitSet bits = new BitSet();
    bits.set(0, count);
    return bits;
  }

  private String encode(TableInfo table, Serializable... values) {
    return encoder.encode(table, values, all(values.length));
  }

  private String one(ColumnInfo column, Serializable value) {
    String json = encode(table(column), value);
    assertThat(json).startsWith("{\"" + column.name() + "\":").endsWith("}");
    return json.substring(column.name().length() + 4, json.length() - 1);
  }

  @Test
  void unsignedIntegersAreWidenedBackByWidth() {
    assertThat(one(col("a", MySqlType.TINYINT).unsigned(true).build(), -1)).isEqualTo("255");
    assertThat(one(col("a", MySqlType.SMALLINT).unsigned(true).build(), -1)).isEqualTo("65535");
    assertThat(one(col("a", MySqlType.MEDIUMINT).unsigned(true).build(), -1)).isEqualTo("16777215");
    assertThat(one(col("a", MySqlType.INT).unsigned(true).build(), -1)).isEqualTo("4294967295");
    assertThat(one(col("a", MySqlType.BIGINT).unsigned(true).build(), -1L)).isEqualTo("18446744073709551615");
    assertThat(one(col("a", MySqlType.BIGINT).unsigned(true).build(), Long.MIN_VALUE))
        .isEqualTo("9223372036854775808");
    assertThat(one(col("a", MySqlType.INT).unsigned(true).build(), Integer.MIN_VALUE)).isEqualTo("2147483648");
    assertThat(one(col("a", MySqlType.TINYINT).build(), -128)).isEqualTo("-128");
    assertThat(one(col("a", MySqlType.BIGINT).build(), Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
  }

  @Test
  void numbersKeepEveryDigit() {
    ColumnInfo decimal = col("d", MySqlType.DECIMAL).precision(65, 30).build();
    assertThat(one(decimal, new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(one(decimal, new BigDecimal("0.000"))).isEqualTo("0.000");
    assertThat(one(decimal, new BigDecimal("-12345678901234567890123456789012345.123456789012345678901234567890")))
        .isEqualTo("-12345678901234567890123456789012345.123456789012345678901234567890");
    ColumnInfo real = col("f", MySqlType.FLOAT).build();
    assertThat(one(real, Float.MAX_VALUE)).isEqualTo("3.4028235E38");
    assertThat(one(real, 0.1f)).isEqualTo("0.1");
    assertThat(Float.parseFloat(one(real, Float.MIN_VALUE))).isEqualTo(Float.MIN_VALUE);
    assertThat(one(real, Float.NaN)).isEqualTo("\"NaN\"");
    assertThat(one(col("d", MySqlType.DOUBLE).build(), Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    assertThat(one(col("d", MySqlType.DOUBLE).build(), 1e-7)).isEqualTo("1.0E-7");
  }

  @Test
  void bitsAreWrittenMostSignificantFirstAtTheColumnWidth() {
    BitSet value = new BitSet();
    value.set(0);
    value.set(2);
    assertThat(one(col("b", MySqlType.BIT).length(5).build(), value)).isEqualTo("\"00101\"");
    BitSet full = new BitSet();
    full.set(0, 64);
    assertThat(one(col("b", MySqlType.BIT).length(64).build(), full)).isEqualTo("\"" + "1".repeat(64) + "\"");
    assertThat(one(col("b", MySqlType.BIT).length(1).build(), new BitSet())).isEqualTo("\"0\"");
  }

  @Test
  void textIsEscapedForJsonOnlyWhereJsonNeedsIt() {
    ColumnInfo text = col("t", MySqlType.VARCHAR).charset(StandardCharsets.UTF_8).length(50).build();
    String value = "\"q\" \\ / \b\f\n\r\t \u0000 \u001f \u007f é 😀 \u2028";
    assertThat(one(text, value.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"\\\"q\\\" \\\\ / \\b\\f\\n\\r\\t  \\u001f \u007f é 😀 \u2028\""); // NUL dropped
    assertThat(encode(table(col("na\"me", MySqlType.INT).build()), 1)).isEqualTo("{\"na\\\"me\":1}");
  }

  @Test
  void bytesAreByteaHexAndBinaryIsPaddedBack() {
    assertThat(one(col("b", MySqlType.BINARY).length(4).build(), new byte[] {1})).isEqualTo("\"\\\\x01000000\"");
    assertThat(one(col("b", MySqlType.BINARY).length(2).build(), new byte[0])).isEqualTo("\"\\\\x0000\"");
    assertThat(one(col("b", MySqlType.VARBINARY).length(9).build(), new byte[] {(byte) 0xAB, 0, (byte) 0xFF}))
        .isEqualTo("\"\\\\xab00ff\"");
    assertThat(one(col("b", MySqlType.BLOB).length(ColumnInfo.LONG_LENGTH).build(), new byte[0]))
        .isEqualTo("\"\\\\x\"");
    byte[] geometry = {(byte) 0xE6, 0x10, 0, 0, 1, 1, 0, 0, 0};
    assertThat(one(col("g", MySqlType.GEOMETRY).build(), geometry)).as("SRID 4326 dropped")
        .isEqualTo("\"\\\\x0101000000\"");
  }

  @Test
  void temporalValuesArePostgresInput() {
    long day = LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000_000L;
    assertThat(one(col("d", MySqlType.DATE).build(), day)).isEqualTo("\"2024-02-29\"");
    long micros = LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 123;
    assertThat(one(col("t", MySqlType.DATETIME).fractionalSeconds(6).build(), micros))
        .isEqualTo("\"1969-07-20 20:17:40.000123\"");
    assertThat(one(col("t", MySqlType.TIMESTAMP).fractionalSeconds(6).build(), 1_000_001L))
        .isEqualTo("\"1970-01-01 00:00:01.000001+00\"");
    assertThat(one(col("t", MySqlType.TIME).build(), -3_020_399_000_000L)).isEqualTo("\"-838:59:59\"");
    assertThat(one(col("y", MySqlType.YEAR).build(), 0)).isEqualTo("0");
  }

  @Test
  void enumsAndSetsAreLabels() {
    ColumnInfo rating = col("r", MySqlType.ENUM).charset(StandardCharsets.UTF_8).labels(List.of("G", "PG")).build();
    assertThat(one(rating, 2)).isEqualTo("\"PG\"");
    assertThat(one(rating, 0)).as("MySQL's invalid-value index").isEqualTo("\"\"");
    ColumnInfo features = col("f", MySqlType.SET).charset(StandardCharsets.UTF_8)
        .labels(List.of("a", "b", "c")).build();
    assertThat(one(features, 0b101L)).isEqualTo("[\"a\",\"c\"]");
    assertThat(one(features, 0L)).isEqualTo("[]");
    ColumnInfo many = col("m", MySqlType.SET).charset(StandardCharsets.UTF_8)
        .labels(java.util.stream.IntStream.range(0, 64).mapToObj(i -> "l" + i).toList()).build();
    assertThat(one(many, Long.MIN_VALUE)).isEqualTo("[\"l63\"]");
  }

  @Test
  void mysqlBinaryJsonIsWrittenAsJson() {
    ColumnInfo json = col("j", MySqlType.JSON).build();
    assertThat(one(json, new byte[] {0x04, 0x01})).isEqualTo("true");
    assertThat(one(json, new byte[] {0x05, 0x2A, 0x00})).isEqualTo("42");
    assertThat(one(json, new byte[] {0x0C, 0x02, 'h', 'i'})).isEqualTo("\"hi\"");
    assertThat(one(json, new byte[0])).as("MySQL's empty JSON value").isEqualTo("null");
    // small object {"a":1}: count, size, key entry (offset, length), value entry (int16 inlined), key
    assertThat(one(json, new byte[] {0x00, 1, 0, 12, 0, 11, 0, 1, 0, 0x05, 1, 0, 'a'})).isEqualTo("{\"a\":1}");
    // small array [1,"x"]: count, size, two value entries, then the string at offset 10
    assertThat(one(json, new byte[] {0x02, 2, 0, 12, 0, 0x05, 1, 0, 0x0C, 10, 0, 1, 'x'}))
        .isEqualTo("[1,\"x\"]");
  }

  @Test
  void mariaDbJsonTextIsCopiedExactlyAndChecked() {
    ColumnInfo json = col("j", MySqlType.TEXT).charset(StandardCharsets.UTF_8).length(ColumnInfo.LONG_LENGTH)
        .json(true).build();
    String text = "{\"n\": 12345678901234567890.12345678901234567890, \"e\": 1E+400, \"s\": \"\\u00e9\","
        + " \"a\": [true, false, null, {}, []]}";
    assertThat(one(json, text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("{\"n\":12345678901234567890.12345678901234567890,\"e\":1E+400,\"s\":\"é\","
            + "\"a\":[true,false,null,{},[]]}");
    TableInfo table = table(col("id", MySqlType.INT).build(), json);
    assertThatThrownBy(() -> encode(table, 1, "{\"a\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RowEncodingException.class).hasMessageContaining("shop.items.j");
    assertThatThrownBy(() -> encode(table, 1, "1 2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RowEncodingException.class).hasMessageContaining("shop.items.j");
  }

  /** jsonb cannot hold NUL: it leaves strings and keys, as it leaves text; an escaped backslash stays. */
  @Test
  void nulLeavesJsonStringsAndKeys() {
    ColumnInfo text = col("j", MySqlType.TEXT).charset(StandardCharsets.UTF_8).length(ColumnInfo.LONG_LENGTH)
        .json(true).build();
    String value = "{\"k\\u0000\": \"a\\u0000b\", \"x\": [\"\\u0000\", \"\\\\u0000\"]}";
    assertThat(one(text, value.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("{\"k\":\"ab\",\"x\":[\"\",\"\\\\u0000\"]}");
    ColumnInfo binary = col("j", MySqlType.JSON).build();
    assertThat(one(binary, new byte[] {0x0C, 0x03, 'h', 0, 'i'})).isEqualTo("\"hi\"");
  }

  @Test
  void partialImagesCarryOnlyTheirColumns() {
    TableInfo table = table(col("a", MySqlType.INT).build(), col("b", MySqlType.INT).build(),
        col("c", MySqlType.INT).build());
    BitSet included = new BitSet();
    included.set(0);
    included.set(2);
    assertThat(encoder.encode(table, new Serializable[] {1, null}, included)).isEqualTo("{\"a\":1,\"c\":null}");
  }

  @Test
  void valuesThatDoNotFitTheirColumnAreErrorsNamingIt() {
    TableInfo table = table(col("id", MySqlType.INT).build(),
        col("r", MySqlType.ENUM).charset(StandardCharsets.UTF_8).labels(List.of("a")).build());
    assertThatThrownBy(() -> encode(table, 1, 2))
        .isInstanceOf(RowEncodingException.class).hasMessageContaining("shop.items.r").hasMessageContaining("stale");
    assertThatThrownBy(() -> encode(table, "1", 1))
        .isInstanceOf(RowEncodingException.class).hasMessageContaining("shop.items.id").hasMessageContaining("String");
    assertThatThrownBy(() -> encoder.encode(table, new Serializable[] {1, 1, 1}, all(3)))
        .isInstanceOf(RowEncodingException.class).hasMessageContaining("stale");
    assertThatThrownBy(() -> one(col("g", MySqlType.GEOMETRY).build(), new byte[] {1}))
        .isInstanceOf(RowEncodingException.class).hasMessageContaining("SRID");
    assertThatThrownBy(() -> one(col("s", MySqlType.SET).charset(StandardCharsets.UTF_8).labels(List.of("a")).build(),
        2L)).isInstanceOf(RowEncodingException.class).hasMessageContaining("stale");
  }

  @Test
  void encodesARowOfCommonTypesAsPlainJsonAndInCopyTextForm() {
    TableInfo table = table(
        col("id", MySqlType.BIGINT).unsigned(true).build(),
        col("customer_id", MySqlType.INT).build(),
        col("status", MySqlType.TINYINT).unsigned(true).build(),
        col("amount", MySqlType.DECIMAL).precision(10, 2).build(),
        col("ratio", MySqlType.DOUBLE).build(),
        col("name", MySqlType.VARCHAR).charset(StandardCharsets.UTF_8).length(60).build(),
        col("city", MySqlType.VARCHAR).charset(MySqlCharsets.LATIN1).length(40).build(),
        col("created", MySqlType.DATETIME).fractionalSeconds(6).build(),
        col("updated", MySqlType.TIMESTAMP).build(),
        col("due", MySqlType.DATE).build(),
        col("path", MySqlType.VARCHAR).charset(StandardCharsets.UTF_8).length(60).build(),
        col("blob", MySqlType.BLOB).build());
    Serializable[] row = {
        123_456_789L, 42, 3, new BigDecimal("1234.56"), 0.25,
        "Jöhn \"Smith\"-Ödegaard 😀".getBytes(StandardCharsets.UTF_8), "Montréal".getBytes(MySqlCharsets.LATIN1),
        1_700_000_000_123_456L, 1_700_000_000_000_000L, 1_700_000_000L / 86_400 * 86_400_000_000L,
        "C:\\temp\tab\nline".getBytes(StandardCharsets.UTF_8), new byte[] {0x0a, (byte) 0xff}};
    String json = "{\"id\":123456789,\"customer_id\":42,\"status\":3,"
        + "\"amount\":1234.56,\"ratio\":0.25,\"name\":\"Jöhn \\\"Smith\\\"-Ödegaard 😀\",\"city\":\"Montréal\","
        + "\"created\":\"2023-11-14 22:13:20.123456\",\"updated\":\"2023-11-14 22:13:20+00\",\"due\":\"2023-11-14\","
        + "\"path\":\"C:\\\\temp\\tab\\nline\",\"blob\":\"\\\\x0aff\"}";
    assertThat(encoder.encode(table, row, all(row.length))).isEqualTo(json);

    JsonWriter copyText = JsonWriter.forCopyText();
    encoder.encode(table, row, all(row.length), copyText);
    assertThat(copyText.toString()).as("COPY text: the same JSON with every backslash doubled")
        .isEqualTo(json.replace("\\", "\\\\"));
    assertThat(encoder.encode(table, row, all(row.length))).as("plain again after a COPY text row").isEqualTo(json);
  }
}
