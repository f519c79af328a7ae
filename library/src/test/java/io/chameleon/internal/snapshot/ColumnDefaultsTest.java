package io.chameleon.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnDefaultsTest {

  private static final ColumnInfo TEXT = ColumnInfo.builder("t", MySqlType.VARCHAR).charset(StandardCharsets.UTF_8).length(20).build();

  @Test
  void mariadbLiteralsBecomeEscapedStringLiterals() {
    assertThat(maria(TEXT, "'it''s \\\\ a \"x\"\\n'")).contains("E'it''s \\\\ a \"x\"\n'");
    assertThat(maria(TEXT, "'; DROP TABLE x; --'")).contains("E'; DROP TABLE x; --'");
    assertThat(maria(TEXT, "NULL")).isEmpty();
    assertThat(maria(TEXT, null)).isEmpty();
    assertThat(maria(ColumnInfo.builder("n", MySqlType.DECIMAL).precision(10, 2).build(), "1.50")).contains("E'1.50'");
    assertThat(maria(ColumnInfo.builder("b", MySqlType.BIT).length(4).build(), "b'101'")).contains("E'0101'");
    assertThat(maria(ColumnInfo.builder("s", MySqlType.SET).labels(List.of("x", "y", "z")).build(), "'x,z'"))
        .contains("E'{\"x\",\"z\"}'");
    assertThat(maria(ColumnInfo.builder("bn", MySqlType.BINARY).length(4).build(), "'ab\\0\\0'")).contains("E'\\\\x61620000'");
    assertThat(maria(ColumnInfo.builder("ts", MySqlType.TIMESTAMP).build(), "'2020-01-01 10:00:00.000'"))
        .contains("E'2020-01-01 10:00:00.000+00'");
  }

  @Test
  void zeroDatesFollowTheZeroDatePolicy() {
    ColumnInfo nullable = ColumnInfo.builder("d", MySqlType.DATE).build();
    ColumnInfo notNull = ColumnInfo.builder("d", MySqlType.DATE).nullable(false).build();
    assertThat(maria(nullable, "'0000-00-00'")).isEmpty();
    assertThat(maria(notNull, "'0000-00-00'")).contains("E'-infinity'");
  }

  @Test
  void knownFunctionsTranslateAndOthersAreReported() {
    ColumnInfo timestamp = ColumnInfo.builder("ts", MySqlType.TIMESTAMP).fractionalSeconds(6).build();
    assertThat(maria(timestamp, "current_timestamp(6)")).contains("now()");
    assertThat(maria(ColumnInfo.builder("d", MySqlType.DATE).build(), "curdate()")).contains("CURRENT_DATE");
    assertThat(maria(TEXT, "uuid()")).contains("gen_random_uuid()::text");
    ColumnDefaults.Translation expression = ColumnDefaults.translate(ColumnInfo.builder("i", MySqlType.INT).build(), "(1 + 2)", "", true);
    assertThat(expression.sql()).isEmpty();
    assertThat(expression.untranslated()).contains("(1 + 2)");
  }

  @Test
  void mysqlLiteralsAreBareAndExpressionsMarked() {
    assertThat(ColumnDefaults.translate(TEXT, "it's", "", false).sql()).contains("E'it''s'");
    assertThat(ColumnDefaults.translate(ColumnInfo.builder("ts", MySqlType.TIMESTAMP).build(), "CURRENT_TIMESTAMP",
        "DEFAULT_GENERATED on update CURRENT_TIMESTAMP", false).sql()).contains("now()");
  }

  @Test
  void autoIncrementAndGeneratedColumnsHaveNoDefault() {
    ColumnInfo id = ColumnInfo.builder("id", MySqlType.INT).build();
    assertThat(ColumnDefaults.translate(id, "0", "auto_increment", true).sql()).isEmpty();
    assertThat(ColumnDefaults.translate(id, "NULL", "VIRTUAL GENERATED", true).sql()).isEmpty();
  }

  private static Optional<String> maria(ColumnInfo column, String columnDefault) {
    return ColumnDefaults.translate(column, columnDefault, "", true).sql();
  }
}
