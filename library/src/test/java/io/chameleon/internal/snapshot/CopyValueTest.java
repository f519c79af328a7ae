package io.chameleon.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlCharsets;
import io.chameleon.internal.capture.MySqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyValueTest {

  @Test
  void datesKeepTheirTextMapYearZeroToBcAndZeroDatesToNull() {
    assertThat(CopyValue.pgDateTime("2024-02-29", false)).isEqualTo("2024-02-29");
    assertThat(CopyValue.pgDateTime("0000-01-01", false)).isEqualTo("0001-01-01 BC");
    assertThat(CopyValue.pgDateTime("0000-02-29 10:00:00.500000", false)).isEqualTo("0001-02-29 10:00:00.500000 BC");
    assertThat(CopyValue.pgDateTime("2038-01-19 03:14:07.999999", true)).isEqualTo("2038-01-19 03:14:07.999999+00");
    assertThat(CopyValue.pgDateTime("0000-00-00", false)).isNull();
    assertThat(CopyValue.pgDateTime("0000-00-00 00:00:00", true)).isNull();
    assertThat(CopyValue.pgDateTime("2021-00-10", false)).isNull();
    assertThat(CopyValue.pgDateTime("2021-01-00 10:00:00", false)).isNull();
    assertThat(CopyValue.pgDateTime("2021-02-29", false)).isNull();
    assertThat(CopyValue.pgDateTime("2021-04-31", false)).isNull();
    assertThatThrownBy(() -> CopyValue.pgDateTime("20210101", false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setsBecomeArrayLiteralsOfTheirLabels() {
    assertThat(CopyValue.setLiteral("")).isEqualTo("{}");
    assertThat(CopyValue.setLiteral("red,blue")).isEqualTo("{\"red\",\"blue\"}");
    assertThat(CopyValue.arrayLiteral(List.of("a \"b\"", "c\\d"))).isEqualTo("{\"a \\\"b\\\"\",\"c\\\\d\"}");
  }

  @Test
  void jsonLosesItsNulEscapesAndNothingElse() {
    assertThat(json("{\"k\\u0000\": \"a\\u0000b\\u0000\"}")).isEqualTo("{\"k\": \"ab\"}");
    assertThat(json("[\"\\\\u0000\", \"\\\\\\u0000\", \"\\u00001\"]"))
        .as("an escaped backslash before u0000 is text; the escape after it goes")
        .isEqualTo("[\"\\\\u0000\", \"\\\\\", \"1\"]");
    byte[] plain = "{\"a\": \"\\u0001\\n\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(CopyValue.withoutNulEscapes(plain)).isSameAs(plain);
    assertThat(json("\"\\u000")).isEqualTo("\"\\u000");
  }

  private static String json(String text) {
    return new String(CopyValue.withoutNulEscapes(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void selectsEachTypeInTheFormItIsCopiedIn() {
    assertThat(CopyValue.of(ColumnInfo.builder("f", MySqlType.FLOAT).build()).select())
        .isEqualTo("CAST(CAST(`f` AS DOUBLE) AS CHAR)");
    assertThat(CopyValue.of(ColumnInfo.builder("b`x", MySqlType.BIT).length(12).build()).select())
        .isEqualTo("LPAD(BIN(`b``x`), 12, '0')");
    assertThat(CopyValue.of(ColumnInfo.builder("t", MySqlType.VARCHAR).charset(StandardCharsets.UTF_8).length(5).build()).select())
        .isEqualTo("`t`");
    assertThat(CopyValue.of(ColumnInfo.builder("l", MySqlType.TEXT).charset(MySqlCharsets.LATIN1).build()).select())
        .isEqualTo("CAST(`l` AS BINARY)");
    assertThat(CopyValue.of(ColumnInfo.builder("d", MySqlType.DATETIME).build()).select()).isEqualTo("CAST(`d` AS CHAR)");
    assertThat(CopyValue.of(ColumnInfo.builder("g", MySqlType.GEOMETRY).build()).select()).isEqualTo("`g`");
    assertThat(CopyValue.of(ColumnInfo.builder("j", MySqlType.JSON).build()).select()).isEqualTo("CAST(`j` AS CHAR)");
    assertThat(CopyValue.of(ColumnInfo.builder("m", MySqlType.TEXT).charset(StandardCharsets.UTF_8).json(true).build())
        .select()).isEqualTo("`m`");
  }
}
