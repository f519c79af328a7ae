package io.chameleon.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlCharsets;
import io.chameleon.internal.capture.MySqlType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PgTypeMapTest {

  private static ColumnInfo.Builder col(MySqlType type) {
    return ColumnInfo.builder("c", type);
  }

  private static ColumnInfo text(MySqlType type, long length) {
    return col(type).charset(StandardCharsets.UTF_8).length(length).build();
  }

  /** Every row of the default map: the column, its MySQL type text, its PostgreSQL type. */
  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of(col(MySqlType.TINYINT).build(), "tinyint", "smallint"),
        Arguments.of(col(MySqlType.SMALLINT).build(), "smallint", "smallint"),
        Arguments.of(col(MySqlType.MEDIUMINT).build(), "mediumint", "integer"),
        Arguments.of(col(MySqlType.INT).build(), "int", "integer"),
        Arguments.of(col(MySqlType.BIGINT).build(), "bigint", "bigint"),
        Arguments.of(col(MySqlType.TINYINT).unsigned(true).build(), "tinyint unsigned", "smallint"),
        Arguments.of(col(MySqlType.SMALLINT).unsigned(true).build(), "smallint unsigned", "integer"),
        Arguments.of(col(MySqlType.MEDIUMINT).unsigned(true).build(), "mediumint unsigned", "integer"),
        Arguments.of(col(MySqlType.INT).unsigned(true).length(10).build(), "int(10) unsigned", "bigint"),
        Arguments.of(col(MySqlType.BIGINT).unsigned(true).build(), "bigint unsigned", "numeric(20)"),
        Arguments.of(col(MySqlType.TINYINT).length(1).build(), "tinyint(1)", "smallint"),
        Arguments.of(col(MySqlType.DECIMAL).precision(65, 30).build(), "decimal(65,30)", "numeric(65,30)"),
        Arguments.of(col(MySqlType.DECIMAL).precision(10, 0).unsigned(true).build(), "decimal(10,0) unsigned",
            "numeric(10,0)"),
        Arguments.of(col(MySqlType.FLOAT).build(), "float", "real"),
        Arguments.of(col(MySqlType.DOUBLE).build(), "double", "double precision"),
        Arguments.of(col(MySqlType.BIT).length(1).build(), "bit(1)", "bit(1)"),
        Arguments.of(col(MySqlType.BIT).length(64).build(), "bit(64)", "bit(64)"),
        Arguments.of(text(MySqlType.CHAR, 10), "char(10)", "char(10)"),
        Arguments.of(text(MySqlType.VARCHAR, 255), "varchar(255)", "varchar(255)"),
        Arguments.of(text(MySqlType.TEXT, ColumnInfo.TINY_LENGTH), "tinytext", "text"),
        Arguments.of(text(MySqlType.TEXT, ColumnInfo.REGULAR_LENGTH), "text", "text"),
        Arguments.of(text(MySqlType.TEXT, ColumnInfo.MEDIUM_LENGTH), "mediumtext", "text"),
        Arguments.of(text(MySqlType.TEXT, ColumnInfo.LONG_LENGTH), "longtext", "text"),
        Arguments.of(col(MySqlType.BINARY).length(16).build(), "binary(16)", "bytea"),
        Arguments.of(col(MySqlType.VARBINARY).length(300).build(), "varbinary(300)", "bytea"),
        Arguments.of(col(MySqlType.BLOB).length(ColumnInfo.TINY_LENGTH).build(), "tinyblob", "bytea"),
        Arguments.of(col(MySqlType.BLOB).length(ColumnInfo.REGULAR_LENGTH).build(), "blob", "bytea"),
        Arguments.of(col(MySqlType.BLOB).length(ColumnInfo.MEDIUM_LENGTH).build(), "mediumblob", "bytea"),
        Arguments.of(col(MySqlType.BLOB).length(ColumnInfo.LONG_LENGTH).build(), "longblob", "bytea"),
        Arguments.of(col(MySqlType.DATE).build(), "date", "date"),
        Arguments.of(col(MySqlType.TIME).build(), "time", "time(0)"),
        Arguments.of(col(MySqlType.TIME).fractionalSeconds(3).build(), "time(3)", "time(3)"),
        Arguments.of(col(MySqlType.DATETIME).build(), "datetime", "timestamp(0)"),
        Arguments.of(col(MySqlType.DATETIME).fractionalSeconds(6).build(), "datetime(6)", "timestamp(6)"),
        Arguments.of(col(MySqlType.TIMESTAMP).build(), "timestamp", "timestamptz(0)"),
        Arguments.of(col(MySqlType.TIMESTAMP).fractionalSeconds(6).build(), "timestamp(6)", "timestamptz(6)"),
        Arguments.of(col(MySqlType.YEAR).build(), "year", "smallint"),
        Arguments.of(col(MySqlType.ENUM).charset(StandardCharsets.UTF_8).labels(List.of("a", "it's")).build(),
            "enum('a','it''s')", "text"),
        Arguments.of(col(MySqlType.SET).charset(StandardCharsets.UTF_8).labels(List.of("x", "y")).build(),
            "set('x','y')", "text[]"),
        Arguments.of(col(MySqlType.JSON).build(), "json", "jsonb"),
        Arguments.of(col(MySqlType.TEXT).charset(StandardCharsets.UTF_8).length(ColumnInfo.LONG_LENGTH).json(true)
            .build(), "json", "jsonb"),
        Arguments.of(col(MySqlType.GEOMETRY).build(), "geometry", "bytea"));
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @MethodSource("defaults")
  void theDefaultMapIsExact(ColumnInfo column, String mysqlType, String pgType) {
    assertThat(PgTypeMap.mysqlType(column)).isEqualTo(mysqlType);
    assertThat(PgTypeMap.exact().pgType(column)).isEqualTo(pgType);
    assertThat(PgTypeMap.withOverrides(Map.of()).pgType(column)).isEqualTo(pgType);
  }

  @Test
  void everyMySqlTypeHasADefault() {
    for (MySqlType type : MySqlType.values()) {
      ColumnInfo.Builder column = col(type).length(1);
      if (type.isCharacter()) {
        column.charset(MySqlCharsets.LATIN1);
      }
      assertThat(PgTypeMap.exact().pgType(column.build())).as(type.name()).isNotBlank();
    }
  }

  @Test
  void overridesMatchTheFullTypeFirstThenUnsignedThenTheBareName() {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("tinyint(1)", "boolean");
    overrides.put("bit(1)", "boolean");
    overrides.put("time", "interval");
    overrides.put("int unsigned", "integer");
    overrides.put("int", "bigint");
    overrides.put("json", "json");
    PgTypeMap map = PgTypeMap.withOverrides(overrides);

    assertThat(map.pgType(col(MySqlType.TINYINT).length(1).build())).isEqualTo("boolean");
    assertThat(map.pgType(col(MySqlType.TINYINT).length(4).build())).isEqualTo("smallint");
    assertThat(map.pgType(col(MySqlType.TINYINT).length(1).unsigned(true).build()))
        .as("tinyint(1) unsigned is not tinyint(1)").isEqualTo("smallint");
    assertThat(map.pgType(col(MySqlType.TINYINT).build())).as("width unknown: no match").isEqualTo("smallint");
    assertThat(map.pgType(col(MySqlType.BIT).length(1).build())).isEqualTo("boolean");
    assertThat(map.pgType(col(MySqlType.BIT).length(2).build())).isEqualTo("bit(2)");
    assertThat(map.pgType(col(MySqlType.TIME).fractionalSeconds(6).build())).isEqualTo("interval");
    assertThat(map.pgType(col(MySqlType.INT).unsigned(true).build())).isEqualTo("integer");
    assertThat(map.pgType(col(MySqlType.INT).build())).isEqualTo("bigint");
    assertThat(map.pgType(col(MySqlType.JSON).build())).isEqualTo("json");
    assertThat(map.pgType(col(MySqlType.TEXT).charset(StandardCharsets.UTF_8).length(ColumnInfo.LONG_LENGTH)
        .json(true).build())).as("MariaDB's JSON alias").isEqualTo("json");
    assertThat(map.pgType(col(MySqlType.BIGINT).unsigned(true).build())).isEqualTo("numeric(20)");

    PgTypeMap bare = PgTypeMap.withOverrides(Map.of("int", "bigint"));
    assertThat(bare.pgType(col(MySqlType.INT).unsigned(true).build())).as("a bare name covers unsigned too")
        .isEqualTo("bigint");
  }

  @Test
  void overrideKeysIgnoreCaseAndSpaces() {
    PgTypeMap map = PgTypeMap.withOverrides(Map.of("  TINYINT( 1 ) ", "boolean", "Decimal(10, 2) Unsigned", "money"));
    assertThat(map.pgType(col(MySqlType.TINYINT).length(1).build())).isEqualTo("boolean");
    assertThat(map.pgType(col(MySqlType.DECIMAL).precision(10, 2).unsigned(true).build())).isEqualTo("money");
    assertThat(map.overrides()).containsOnlyKeys("tinyint(1)", "decimal(10,2) unsigned");
  }

  @Test
  void badOverridesAreRefused() {
    assertThatThrownBy(() -> PgTypeMap.withOverrides(Map.of("time", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("TIME", "interval");
    twice.put("time", "text");
    assertThatThrownBy(() -> PgTypeMap.withOverrides(twice))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }
}
