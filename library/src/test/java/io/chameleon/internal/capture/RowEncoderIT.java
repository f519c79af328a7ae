package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.chameleon.internal.capture.BinlogCapture.CapturedRow;
import io.chameleon.internal.snapshot.PgTypeMap;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real round trips, one per MySQL type: a MariaDB table with the type, edge values inserted,
 * the rows read back from the binlog with {@code BinaryLogClient}, encoded by {@link RowEncoder},
 * restored in PostgreSQL with {@code json_populate_record} into a table typed by
 * {@link PgTypeMap}, and PostgreSQL's text of each value compared with the expected text and,
 * where both have a text form, with MariaDB's own SELECT.
 */
class RowEncoderIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Compares JSON documents with exact numbers (123.4500 is not 123.45). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private static SourceDatabase source;
  private static PostgresDatabase target;
  private static BinlogCapture capture;
  private static TableInfoResolver resolver;

  @BeforeAll
  static void start() throws Exception {
    Sandbox sandbox = Sandbox.get();
    source = sandbox.source().createDatabase("encoder");
    target = sandbox.postgres().createDatabase("encoder");
    capture = BinlogCapture.start(sandbox.source());
    resolver = new TableInfoResolver(sandbox.source()::openConnection);
  }

  @AfterAll
  static void stop() throws Exception {
    if (capture != null) {
      capture.close();
    }
  }

  // ------------------------------------------------------------------------------------ cases

  /** One MySQL column type, the values to insert, and what PostgreSQL must show for each. */
  static final class Case {
    final String name;
    final String mysqlType;
    final List<String> literals = new ArrayList<>();
    final List<String> expected = new ArrayList<>();
    final List<String> jsonFragments = new ArrayList<>();
    List<String> mariaExpected;
    String sqlMode;
    Map<String, String> overrides = Map.of();
    String expectedPgType;
    String mariaExpr = "CAST(v AS CHAR)";
    UnaryOperator<String> pgNorm = s -> s;
    UnaryOperator<String> mariaNorm = s -> s;

    Case(String name, String mysqlType) {
      this.name = name;
      this.mysqlType = mysqlType;
    }

    /** A row: the SQL literal to insert and PostgreSQL's text of the restored value (null: NULL). */
    Case row(String literal, String pgText) {
      literals.add(literal);
      expected.add(pgText);
      return this;
    }

    Case pgType(String type) {
      expectedPgType = type;
      return this;
    }

    Case sqlMode(String mode) {
      sqlMode = mode;
      return this;
    }

    Case overrides(Map<String, String> map) {
      overrides = map;
      return this;
    }

    /** How to read MariaDB's text of the column (%s is the column), or null for no comparison. */
    Case maria(String expr, UnaryOperator<String> norm) {
      mariaExpr = expr;
      mariaNorm = norm;
      return this;
    }

    /** MariaDB's normalised text per row where it differs from PostgreSQL's (null: do not compare). */
    Case mariaExpected(String... values) {
      mariaExpected = Arrays.asList(values);
      return this;
    }

    Case pgNorm(UnaryOperator<String> norm) {
      pgNorm = norm;
      return this;
    }

    /** Text the JSON payload of some row must contain. */
    Case json(String fragment) {
      jsonFragments.add(fragment);
      return this;
    }

    @Override
    public String toString() {
      return name + " " + mysqlType;
    }
  }

  private static String hexOfAllBytes() {
    StringBuilder hex = new StringBuilder();
    for (int b = 0; b < 256; b++) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  /**
   * Little-endian WKB: byte order 1, the geometry type, then {@code parts}: for a point its two
   * coordinates; for a line string the point count then coordinates; for a polygon the ring
   * count, the point count, then coordinates. Counts are written as 32-bit integers.
   */
  private static String wkb(int type, double... parts) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buffer.put((byte) 1).putInt(type);
    int counts = type == 1 ? 0 : type == 2 ? 1 : 2;
    for (int i = 0; i < parts.length; i++) {
      if (i < counts) {
        buffer.putInt((int) parts[i]);
      } else {
        buffer.putDouble(parts[i]);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < buffer.position(); i++) {
      hex.append(String.format("%02x", buffer.get(i)));
    }
    return hex.toString();
  }

  private static String floatText(String text) {
    return Float.toString(Float.parseFloat(text));
  }

  private static String doubleText(String text) {
    return Double.toString(Double.parseDouble(text));
  }

  private static String trimFraction(String text) {
    if (!text.contains(".")) {
      return text;
    }
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String json(String text) {
    try {
      return JSON.writeValueAsString(JSON.readTree(text));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static Stream<Case> cases() {
    String allBytes = hexOfAllBytes();
    String latin1High = allBytes.substring(2); // 0x01..0xFF: every byte but NUL
    UnaryOperator<String> hex = s -> "\\x" + s.toLowerCase();
    String time = "time";
    return Stream.of(
        new Case("tinyint", "TINYINT").pgType("smallint")
            .row("NULL", null).row("-128", "-128").row("127", "127").row("0", "0"),
        new Case("tinyint_unsigned", "TINYINT UNSIGNED").pgType("smallint")
            .row("0", "0").row("255", "255").json("\"v\":255"),
        new Case("tinyint_1", "TINYINT(1)").pgType("smallint")
            .row("0", "0").row("1", "1").row("-128", "-128").row("127", "127"),
        new Case("smallint", "SMALLINT").pgType("smallint")
            .row("-32768", "-32768").row("32767", "32767"),
        new Case("smallint_unsigned", "SMALLINT UNSIGNED").pgType("integer")
            .row("65535", "65535").row("0", "0"),
        new Case("mediumint", "MEDIUMINT").pgType("integer")
            .row("-8388608", "-8388608").row("8388607", "8388607"),
        new Case("mediumint_unsigned", "MEDIUMINT UNSIGNED").pgType("integer")
            .row("16777215", "16777215").row("8388608", "8388608"),
        new Case("int", "INT").pgType("integer")
            .row("-2147483648", "-2147483648").row("2147483647", "2147483647"),
        new Case("int_unsigned", "INT UNSIGNED").pgType("bigint")
            .row("4294967295", "4294967295").row("2147483648", "2147483648"),
        new Case("bigint", "BIGINT").pgType("bigint")
            .row("-9223372036854775808", "-9223372036854775808").row("9223372036854775807", "9223372036854775807"),
        new Case("bigint_unsigned", "BIGINT UNSIGNED").pgType("numeric(20)")
            .row("18446744073709551615", "18446744073709551615").row("9223372036854775808", "9223372036854775808")
            .row("0", "0").json("\"v\":18446744073709551615"),
        new Case("decimal_65_30", "DECIMAL(65,30)").pgType("numeric(65,30)")
            .row("-12345678901234567890123456789012345.123456789012345678901234567890",
                "-12345678901234567890123456789012345.123456789012345678901234567890")
            .row("0.000000000000000000000000000001", "0.000000000000000000000000000001")
            .row("0", "0.000000000000000000000000000000")
            .json("\"v\":-12345678901234567890123456789012345.123456789012345678901234567890"),
        new Case("decimal_10_2", "DECIMAL(10,2) UNSIGNED").pgType("numeric(10,2)")
            .row("12345678.90", "12345678.90").row("0.01", "0.01"),
        new Case("decimal_18_4", "DECIMAL(18,4)").pgType("numeric(18,4)")
            .row("-12345678901234.5678", "-12345678901234.5678").row("99999999999999.9999", "99999999999999.9999")
            .row("-0.0001", "-0.0001").row("0", "0.0000").row("-1", "-1.0000"),
        new Case("decimal_9_9", "DECIMAL(9,9)").pgType("numeric(9,9)")
            .row("-0.123456789", "-0.123456789").row("0.000000001", "0.000000001"),
        new Case("decimal_20_0", "DECIMAL(20,0)").pgType("numeric(20,0)")
            .row("-12345678901234567890", "-12345678901234567890").row("7", "7"),
        new Case("float", "FLOAT").pgType("real")
            .row("0.1", "0.1").row("3.4028234663852886E38", "3.4028235E38").row("-1.17549435E-38", "-1.1754944E-38")
            .row("1.0E-45", "1.4E-45").row("0", "0.0").row("-2.5", "-2.5")
            .pgNorm(RowEncoderIT::floatText)
            .maria("CAST(v AS DOUBLE)", RowEncoderIT::floatText)
            .json("\"v\":3.4028235E38").json("\"v\":0.1}"),
        new Case("double", "DOUBLE").pgType("double precision")
            .row("0.1", "0.1").row("1.7976931348623157E308", "1.7976931348623157E308")
            .row("2.2250738585072014E-308", "2.2250738585072014E-308").row("-1.5", "-1.5").row("1e-7", "1.0E-7")
            .pgNorm(RowEncoderIT::doubleText)
            .maria("v", RowEncoderIT::doubleText),
        new Case("bit_1", "BIT(1)").pgType("bit(1)")
            .row("b'0'", "0").row("b'1'", "1")
            .maria("LPAD(BIN(v), 1, '0')", s -> s),
        new Case("bit_10", "BIT(10)").pgType("bit(10)")
            .row("b'1010101011'", "1010101011").row("b'1'", "0000000001")
            .maria("LPAD(BIN(v), 10, '0')", s -> s),
        new Case("bit_64", "BIT(64)").pgType("bit(64)")
            .row("b'1" + "0".repeat(62) + "1'", "1" + "0".repeat(62) + "1")
            .row("b'" + "1".repeat(64) + "'", "1".repeat(64))
            .row("b'0'", "0".repeat(64))
            .maria("LPAD(BIN(v), 64, '0')", s -> s),
        new Case("char", "CHAR(10) CHARACTER SET utf8mb4").pgType("char(10)")
            .row("'ab'", "ab").row("'😀 smile'", "😀 smile").row("''", "").row("'  lead'", "  lead")
            .pgNorm(String::stripTrailing),
        new Case("char_over_255_bytes", "CHAR(100) CHARACTER SET utf8mb4").pgType("char(100)")
            .row("REPEAT('é', 100)", "é".repeat(100)).row("'x'", "x")
            .pgNorm(String::stripTrailing),
        new Case("varchar", "VARCHAR(20) CHARACTER SET utf8mb4").pgType("varchar(20)")
            .row("'café'", "café").row("'😀 emoji'", "😀 emoji").row("''", "")
            .row("'quote\" back\\\\slash'", "quote\" back\\slash").row("'tab\\tline\\n'", "tab\tline\n")
            .row("'\u2028\u00a0\u0001'", "\u2028\u00a0\u0001")
            .json("\"v\":\"tab\\tline\\n\""),
        new Case("varchar_latin1", "VARCHAR(10) CHARACTER SET latin1").pgType("varchar(10)")
            .row("X'636166E9'", "café").row("X'81'", "\u0081").row("X'80'", "€").row("X'8D8F909D'", "\u008d\u008f\u0090\u009d"),
        new Case("text_latin1_every_byte", "TEXT CHARACTER SET latin1").pgType("text")
            .row("X'" + latin1High + "'", new String(HexFormatUtil.bytes(latin1High), MySqlCharsets.LATIN1)),
        new Case("tinytext", "TINYTEXT CHARACTER SET utf8mb4").pgType("text").row("'😀'", "😀"),
        new Case("text", "TEXT CHARACTER SET utf8mb4").pgType("text")
            .row("'a 😀 b'", "a 😀 b").row("REPEAT('xyz', 20000)", "xyz".repeat(20000)),
        new Case("mediumtext", "MEDIUMTEXT CHARACTER SET utf8mb4").pgType("text").row("'m'", "m"),
        new Case("longtext", "LONGTEXT CHARACTER SET utf8mb4").pgType("text")
            .row("REPEAT('é', 100000)", "é".repeat(100000)),
        new Case("binary_8", "BINARY(8)").pgType("bytea")
            .row("X'0102000000000000'", "\\x0102000000000000").row("X'00'", "\\x0000000000000000")
            .row("X''", "\\x0000000000000000").row("X'FFFFFFFFFFFFFFFF'", "\\xffffffffffffffff")
            .maria("HEX(v)", hex),
        new Case("varbinary", "VARBINARY(300)").pgType("bytea")
            .row("X''", "\\x").row("X'" + allBytes + "'", "\\x" + allBytes).row("X'00'", "\\x00")
            .maria("HEX(v)", hex),
        new Case("tinyblob", "TINYBLOB").pgType("bytea")
            .row("X'00FF00'", "\\x00ff00").maria("HEX(v)", hex),
        new Case("blob", "BLOB").pgType("bytea")
            .row("X'" + allBytes + "'", "\\x" + allBytes).maria("HEX(v)", hex),
        new Case("mediumblob", "MEDIUMBLOB").pgType("bytea")
            .row("X'" + allBytes.repeat(64) + "'", "\\x" + allBytes.repeat(64)).maria("HEX(v)", hex),
        new Case("longblob", "LONGBLOB").pgType("bytea")
            .row("X'" + allBytes.repeat(1024) + "'", "\\x" + allBytes.repeat(1024)).maria("HEX(v)", hex),
        new Case("date", "DATE").pgType("date")
            .row("'2024-02-29'", "2024-02-29").row("'1000-01-01'", "1000-01-01").row("'9999-12-31'", "9999-12-31")
            .row("'1582-10-04'", "1582-10-04").row("'0001-01-01'", "0001-01-01").row("'0000-01-01'", "0001-01-01 BC")
            .row("NULL", null)
            .mariaExpected("2024-02-29", "1000-01-01", "9999-12-31", "1582-10-04", "0001-01-01", "0000-01-01", null)
            .json("\"v\":\"0001-01-01 BC\""),
        new Case("date_zero", "DATE").pgType("date").sqlMode("ALLOW_INVALID_DATES")
            .row("'0000-00-00'", null).row("'2020-00-15'", null).row("'2020-05-00'", null).row("'2021-02-30'", null)
            .row("'2021-02-28'", "2021-02-28")
            .mariaExpected("0000-00-00", "2020-00-15", "2020-05-00", "2021-02-30", "2021-02-28"),
        new Case("time_0", "TIME").pgType("time(0)")
            .row("'00:00:00'", "00:00:00").row("'23:59:59'", "23:59:59").row("'24:00:00'", "24:00:00"),
        new Case("time_6", "TIME(6)").pgType("time(6)")
            .row("'12:34:56.5'", "12:34:56.5").row("'23:59:59.999999'", "23:59:59.999999")
            .row("'00:00:00.000001'", "00:00:00.000001")
            .maria("CAST(v AS CHAR)", RowEncoderIT::trimFraction),
        new Case("time_interval_0", "TIME").overrides(Map.of(time, "interval")).pgType("interval")
            .row("'838:59:59'", "838:59:59").row("'-838:59:59'", "-838:59:59").row("'-00:00:01'", "-00:00:01")
            .row("'00:00:00'", "00:00:00").row("'-01:02:03'", "-01:02:03")
            .json("\"v\":\"-838:59:59\""),
        new Case("time_interval_2", "TIME(2)").overrides(Map.of(time, "interval")).pgType("interval")
            .row("'-00:00:00.01'", "-00:00:00.01").row("'-01:00:00.99'", "-01:00:00.99")
            .row("'-838:59:58.5'", "-838:59:58.5").row("'00:00:00.5'", "00:00:00.5").row("'-00:00:01.00'", "-00:00:01")
            .maria("CAST(v AS CHAR)", RowEncoderIT::trimFraction),
        new Case("time_interval_4", "TIME(4)").overrides(Map.of(time, "interval")).pgType("interval")
            .row("'-00:00:00.0001'", "-00:00:00.0001").row("'-12:34:56.789'", "-12:34:56.789")
            .row("'838:59:58.9999'", "838:59:58.9999")
            .maria("CAST(v AS CHAR)", RowEncoderIT::trimFraction),
        new Case("time_interval_6", "TIME(6)").overrides(Map.of(time, "interval")).pgType("interval")
            .row("'-838:59:58.999999'", "-838:59:58.999999").row("'-00:00:00.000001'", "-00:00:00.000001")
            .row("'838:59:59.000000'", "838:59:59").row("'-12:34:56.123456'", "-12:34:56.123456")
            .maria("CAST(v AS CHAR)", RowEncoderIT::trimFraction),
        new Case("datetime_0", "DATETIME").pgType("timestamp(0)")
            .row("'1000-01-01 00:00:00'", "1000-01-01 00:00:00").row("'9999-12-31 23:59:59'", "9999-12-31 23:59:59")
            .row("'1582-10-04 01:02:03'", "1582-10-04 01:02:03"),
        new Case("datetime_6", "DATETIME(6)").pgType("timestamp(6)")
            .row("'2024-02-29 12:34:56.123456'", "2024-02-29 12:34:56.123456")
            .row("'9999-12-31 23:59:59.999999'", "9999-12-31 23:59:59.999999")
            .row("'1000-01-01 00:00:00.000001'", "1000-01-01 00:00:00.000001")
            .row("'2000-01-01 00:00:00.5'", "2000-01-01 00:00:00.5")
            .maria("CAST(v AS CHAR)", RowEncoderIT::trimFraction),
        new Case("datetime_zero", "DATETIME(3)").pgType("timestamp(3)").sqlMode("ALLOW_INVALID_DATES")
            .row("'0000-00-00 00:00:00'", null).row("'2020-00-01 10:00:00'", null).row("'2020-01-01 10:00:00.25'", "2020-01-01 10:00:00.25")
            .mariaExpected("0000-00-00 00:00:00.000", "2020-00-01 10:00:00.000", "2020-01-01 10:00:00.250"),
        new Case("timestamp_6", "TIMESTAMP(6) NULL").pgType("timestamptz(6)")
            .row("'1970-01-01 00:00:01'", "1970-01-01 00:00:01+00")
            .row("'2038-01-19 03:14:07.999999'", "2038-01-19 03:14:07.999999+00")
            .row("'2024-02-29 12:34:56.000001'", "2024-02-29 12:34:56.000001+00")
            .row("NULL", null)
            .maria("CAST(v AS CHAR)", s -> trimFraction(s) + "+00"),
        new Case("timestamp_zero", "TIMESTAMP NULL").pgType("timestamptz(0)").sqlMode("")
            .row("'0000-00-00 00:00:00'", null).row("'2001-02-03 04:05:06'", "2001-02-03 04:05:06+00")
            .mariaExpected("0000-00-00 00:00:00", "2001-02-03 04:05:06+00")
            .maria("CAST(v AS CHAR)", s -> s.startsWith("0000") ? s : s + "+00"),
        new Case("year", "YEAR").pgType("smallint")
            .row("1901", "1901").row("2155", "2155").row("0", "0").row("NULL", null)
            .maria("CAST(v AS UNSIGNED)", s -> s),
        new Case("enum", "ENUM('a','b b','café','') CHARACTER SET utf8mb4").pgType("text")
            .row("'a'", "a").row("'b b'", "b b").row("'café'", "café").row("''", "").row("NULL", null),
        new Case("enum_latin1", "ENUM('x','café') CHARACTER SET latin1").pgType("text")
            .row("'café'", "café").row("'x'", "x"),
        new Case("enum_invalid", "ENUM('a','b')").pgType("text").sqlMode("")
            .row("'no such label'", "").row("'b'", "b").json("\"v\":\"\""),
        new Case("set", "SET('a','b','c','d')").pgType("text[]")
            .row("'a,c'", "{a,c}").row("''", "{}").row("'d,c,b,a'", "{a,b,c,d}").row("'d'", "{d}")
            .maria("CAST(v AS CHAR)", s -> "{" + s + "}")
            .json("\"v\":[\"a\",\"c\"]"),
        new Case("json", "JSON").pgType("jsonb")
            .row("'{\"a\": 1, \"b\": [1, 2, {\"c\": null}]}'", json("{\"a\": 1, \"b\": [1, 2, {\"c\": null}]}"))
            .row("'[1, \"x\", true, false, null]'", json("[1, \"x\", true, false, null]"))
            .row("'\"just a string\"'", json("\"just a string\""))
            .row("'123.4500'", "123.4500")
            .row("'12345678901234567890.123456789012345678901'", "12345678901234567890.123456789012345678901")
            .row("'{\"uni\": \"é😀\\\\u0001\", \"deep\": {\"x\": {\"y\": [[[]]]}}}'",
                json("{\"uni\": \"é😀\\u0001\", \"deep\": {\"x\": {\"y\": [[[]]]}}}"))
            .row("'null'", null)
            .mariaExpected(json("{\"a\": 1, \"b\": [1, 2, {\"c\": null}]}"), json("[1, \"x\", true, false, null]"),
                json("\"just a string\""), "123.4500", "12345678901234567890.123456789012345678901",
                json("{\"uni\": \"é😀\\u0001\", \"deep\": {\"x\": {\"y\": [[[]]]}}}"), "null")
            .pgNorm(RowEncoderIT::json)
            .maria("v", RowEncoderIT::json)
            .json("\"v\":{\"a\":1,\"b\":[1,2,{\"c\":null}]}"),
        new Case("geometry", "GEOMETRY").pgType("bytea")
            .row("ST_GeomFromText('POINT(1 2)')", "\\x" + wkb(1, 1, 2))
            .row("ST_GeomFromText('LINESTRING(0 0, 1 1)', 4326)", "\\x" + wkb(2, 2, 0, 0, 1, 1))
            .row("ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))')", "\\x" + wkb(3, 1, 4, 0, 0, 1, 0, 1, 1, 0, 0))
            .maria("HEX(ST_AsBinary(v))", hex),
        new Case("point", "POINT").pgType("bytea")
            .row("POINT(-1.5, 1e300)", "\\x0101000000000000000000f8bf9c7500883ce4377e")
            .maria("HEX(ST_AsBinary(v))", hex));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void roundTrip(Case c) throws Exception {
    String table = "t_" + c.name;
    List<String> payloads = captureAndEncode(c, table);
    for (String fragment : c.jsonFragments) {
      assertThat(payloads).as("JSON payloads").anySatisfy(p -> assertThat(p).contains(fragment));
    }

    TableInfo info = lastTableInfo;
    PgTypeMap map = PgTypeMap.withOverrides(c.overrides);
    String pgType = map.pgType(info.column(1));
    if (c.expectedPgType != null) {
      assertThat(pgType).as("PostgreSQL type").isEqualTo(c.expectedPgType);
    }
    List<String> restored = restoreInPostgres(table, pgType, payloads);
    List<String> normalised = new ArrayList<>();
    for (String text : restored) {
      normalised.add(text == null ? null : c.pgNorm.apply(text));
    }
    List<String> expected = new ArrayList<>();
    for (String text : c.expected) {
      expected.add(text == null ? null : c.pgNorm.apply(text));
    }
    assertThat(normalised).as("PostgreSQL text of %s restored from %s", table, payloads).isEqualTo(expected);

    if (c.mariaExpr != null) {
      List<String> maria = selectFromMariaDb(table, c.mariaExpr);
      List<String> want = c.mariaExpected != null ? c.mariaExpected : expected;
      for (int i = 0; i < maria.size(); i++) {
        if (want.get(i) != null) {
          assertThat(c.mariaNorm.apply(maria.get(i))).as("MariaDB's text of row %d of %s", i, table)
              .isEqualTo(want.get(i));
        }
      }
    }
  }

  private static TableInfo lastTableInfo;

  private static List<String> captureAndEncode(Case c, String table) throws Exception {
    source.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v " + c.mysqlType + ")");
    try (Connection connection = source.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION time_zone = '+00:00'");
      if (c.sqlMode != null) {
        statement.execute("SET SESSION sql_mode = '" + c.sqlMode + "'");
      }
      StringBuilder insert = new StringBuilder("INSERT INTO " + table + " (id, v) VALUES ");
      for (int i = 0; i < c.literals.size(); i++) {
        insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(c.literals.get(i)).append(')');
      }
      statement.execute(insert.toString());
    }
    List<CapturedRow> rows = capture.awaitRows(source.name(), table, c.literals.size(), WAIT);
    RowEncoder encoder = new RowEncoder();
    List<String> payloads = new ArrayList<>();
    TableInfo info = null;
    for (CapturedRow row : rows) {
      info = resolver.resolve(row.tableMap());
      payloads.add(encoder.encode(info, row.values(), row.includedColumns()));
    }
    lastTableInfo = info;
    return payloads;
  }

  private static List<String> restoreInPostgres(String table, String pgType, List<String> payloads)
      throws SQLException {
    target.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, v " + pgType + ")");
    try (Connection connection = target.openConnection()) {
      pgSession(connection);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + table + " SELECT * FROM json_populate_record(NULL::" + table + ", ?::json)")) {
        for (String payload : payloads) {
          insert.setString(1, payload);
          insert.executeUpdate();
        }
      }
      return texts(connection, "SELECT v::text FROM " + table + " ORDER BY id");
    }
  }

  private static void pgSession(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET DateStyle = 'ISO, YMD'");
      statement.execute("SET IntervalStyle = 'postgres'");
      statement.execute("SET extra_float_digits = 1");
    }
  }

  private static List<String> selectFromMariaDb(String table, String expr) throws SQLException {
    try (Connection connection = source.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION time_zone = '+00:00'");
      return texts(connection, "SELECT " + expr.replace("%s", "v") + " FROM " + table + " ORDER BY id");
    }
  }

  private static List<String> texts(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  // ------------------------------------------------------------------ documented outcomes

  /**
   * NUL in text: PostgreSQL text cannot hold it, so it is dropped (as the initial copy drops it),
   * and the rest of the value replicates.
   */
  @Test
  void nulInTextIsDroppedAsTheInitialCopyDropsIt() throws Exception {
    Case c = new Case("text_nul", "VARCHAR(20) CHARACTER SET utf8mb4").row("CONCAT('a', CHAR(0), 'b')", null);
    List<String> payloads = captureAndEncode(c, "t_text_nul");
    assertThat(payloads).containsExactly("{\"id\":0,\"v\":\"ab\"}");
    String pgType = PgTypeMap.exact().pgType(lastTableInfo.column(1));
    assertThat(restoreInPostgres("t_text_nul", pgType, payloads)).containsExactly("ab");
  }

  /** A zero date in a NOT NULL column cannot be NULL: it becomes -infinity, as in the initial copy. */
  @Test
  void aZeroDateInANotNullColumnBecomesMinusInfinity() throws Exception {
    Case c = new Case("date_zero_not_null", "DATE NOT NULL").sqlMode("ALLOW_INVALID_DATES")
        .row("'0000-00-00'", null).row("'2021-02-28'", null);
    List<String> payloads = captureAndEncode(c, "t_date_zero_not_null");
    assertThat(payloads).containsExactly("{\"id\":0,\"v\":\"-infinity\"}", "{\"id\":1,\"v\":\"2021-02-28\"}");
    String pgType = PgTypeMap.exact().pgType(lastTableInfo.column(1));
    assertThat(restoreInPostgres("t_date_zero_not_null", pgType, payloads)).containsExactly("-infinity", "2021-02-28");
  }

  /** TIME beyond 24:00:00 fails against the default {@code time(p)} (22008); interval keeps it. */
  @Test
  void timeBeyondADayIsRefusedByPostgresTime() throws Exception {
    Case c = new Case("time_range", "TIME").row("'838:59:59'", null).row("'-00:00:01'", null);
    List<String> payloads = captureAndEncode(c, "t_time_range");
    assertThat(payloads).containsExactly("{\"id\":0,\"v\":\"838:59:59\"}", "{\"id\":1,\"v\":\"-00:00:01\"}");
    String pgType = PgTypeMap.exact().pgType(lastTableInfo.column(1));
    assertThat(pgType).isEqualTo("time(0)");
    assertThatThrownBy(() -> restoreInPostgres("t_time_range", pgType, payloads.subList(0, 1)))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22008"));
  }

  // ---------------------------------------------------------------- table info from the binlog

  /**
   * A wide table with mixed charsets (MariaDB then writes DEFAULT_CHARSET with exceptions, and
   * lists GEOMETRY among the character columns): the FULL-metadata path and the
   * information_schema path must describe it the same way, and encode its row the same way.
   */
  @Test
  void metadataAndInformationSchemaAgree() throws Exception {
    String table = "t_wide";
    source.execute("CREATE TABLE " + table + " (id BIGINT UNSIGNED NOT NULL, k2 VARCHAR(5) NOT NULL,"
        + " a VARCHAR(30) CHARACTER SET utf8mb4, b CHAR(4) CHARACTER SET utf8mb4, g POINT,"
        + " c VARCHAR(7) CHARACTER SET latin1, d TEXT CHARACTER SET utf8mb4, e ENUM('x','y') CHARACTER SET utf8mb4,"
        + " f SET('p','q') CHARACTER SET latin1, h BINARY(3), i TINYINT(1), j JSON, k DECIMAL(12,4) UNSIGNED,"
        + " l TIME(3), m DATETIME(2), n TIMESTAMP(1) NULL, o BIT(5), p LONGBLOB, q YEAR, r DOUBLE, s FLOAT UNSIGNED,"
        + " t VARCHAR(3) CHARACTER SET utf8mb3, PRIMARY KEY (k2, id))");
    source.execute("INSERT INTO " + table + " VALUES (18446744073709551615, 'key', 'α', 'ab', POINT(3,4),"
        + " X'E9', 'text', 'y', 'p,q', X'01', 1, '[1]', 12345678.1234, '-01:02:03.456', '2020-02-02 02:02:02.02',"
        + " '2020-02-02 02:02:02.2', b'10101', X'00', 2000, 1.5, 2.5, 'ü')");
    CapturedRow row = capture.awaitRows(source.name(), table, 1, WAIT).get(0);

    TableInfo fromMetadata = resolver.resolve(row.tableMap());
    assertThat(fromMetadata.column(0).name()).isEqualTo("id");
    assertThat(fromMetadata.column(10).length()).as("display width: unknown on the metadata path").isZero();

    TableMapEventData bare = copyWithoutMetadata(row.tableMap());
    TableInfo fromSchema = new TableInfoResolver(Sandbox.get().source()::openConnection).resolve(bare);
    assertThat(fromSchema.column(10).length()).as("display width from information_schema").isEqualTo(1);
    assertThat(PgTypeMap.mysqlType(fromSchema.column(10))).isEqualTo("tinyint(1)");

    assertThat(fromSchema.primaryKey()).isEqualTo(fromMetadata.primaryKey()).containsExactly("k2", "id");
    for (int i = 0; i < fromMetadata.columnCount(); i++) {
      ColumnInfo expected = fromMetadata.column(i);
      ColumnInfo actual = fromSchema.column(i);
      if (expected.type().isInteger()) {
        actual = actual.toBuilder().length(0).build();
      }
      assertThat(actual).as("column %s", expected.name()).isEqualTo(expected);
    }
    assertThat(fromMetadata.column(5).charset()).isEqualTo(MySqlCharsets.LATIN1);
    assertThat(fromMetadata.column(8).charset()).isEqualTo(MySqlCharsets.LATIN1);
    assertThat(fromMetadata.column(11).json()).as("MariaDB JSON alias").isTrue();
    assertThat(fromMetadata.column(11).type()).isEqualTo(MySqlType.TEXT);

    RowEncoder encoder = new RowEncoder();
    String json = encoder.encode(fromMetadata, row.values(), row.includedColumns());
    assertThat(encoder.encode(fromSchema, row.values(), row.includedColumns())).isEqualTo(json);
    assertThat(json).isEqualTo("{\"id\":18446744073709551615,\"k2\":\"key\",\"a\":\"α\",\"b\":\"ab\","
        + "\"g\":\"\\\\x010100000000000000000008400000000000001040\",\"c\":\"é\",\"d\":\"text\",\"e\":\"y\","
        + "\"f\":[\"p\",\"q\"],\"h\":\"\\\\x010000\",\"i\":1,\"j\":[1],\"k\":12345678.1234,\"l\":\"-01:02:03.456\","
        + "\"m\":\"2020-02-02 02:02:02.02\",\"n\":\"2020-02-02 02:02:02.2+00\",\"o\":\"10101\",\"p\":\"\\\\x00\","
        + "\"q\":2000,\"r\":1.5,\"s\":2.5,\"t\":\"ü\"}"
        .replace("2020-02-02 02:02:02.2+00", timestampText(table)));
  }

  /** The TIMESTAMP column's value as the server's session time zone put it: UTC text. */
  private static String timestampText(String table) throws SQLException {
    try (Connection connection = source.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION time_zone = '+00:00'");
      String text = texts(connection, "SELECT CAST(n AS CHAR) FROM " + table).get(0);
      return trimFraction(text) + "+00";
    }
  }

  private static TableMapEventData copyWithoutMetadata(TableMapEventData event) {
    TableMapEventData copy = new TableMapEventData();
    copy.setTableId(event.getTableId());
    copy.setDatabase(event.getDatabase());
    copy.setTable(event.getTable());
    copy.setColumnTypes(event.getColumnTypes());
    copy.setColumnMetadata(event.getColumnMetadata());
    copy.setColumnNullability(event.getColumnNullability());
    copy.setEventMetadata(null);
    return copy;
  }

  /** Hex helpers for the expectations. */
  static final class HexFormatUtil {
    static byte[] bytes(String hex) {
      byte[] bytes = new byte[hex.length() / 2];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
      }
      return bytes;
    }

    static String utf8(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
