package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column definition as a DDL statement gives it: the type with everything
 * {@link ColumnInfo} needs except the Java charset (which may come from the table or the
 * database, see {@link SchemaModel}), plus the attributes only DDL carries. Immutable.
 *
 * @param name the column name
 * @param type the SQL-level type (aliases resolved: {@code bool} is TINYINT, {@code serial} is
 *     BIGINT, MariaDB's {@code json} is TEXT with {@code json})
 * @param unsigned UNSIGNED numeric
 * @param length as {@link ColumnInfo#length()}
 * @param precision DECIMAL digits
 * @param scale DECIMAL digits after the point
 * @param fractionalSeconds TIME, DATETIME, TIMESTAMP precision
 * @param labels ENUM and SET labels
 * @param charset the MySQL charset the definition names ({@code CHARACTER SET}, or the charset
 *     of its {@code COLLATE}); empty when it takes the table's
 * @param nullable whether NULL is allowed (false for NOT NULL and for inline PRIMARY KEY)
 * @param defaultValue the DEFAULT clause; empty when there is none
 * @param autoIncrement AUTO_INCREMENT
 * @param primaryKey an inline {@code PRIMARY KEY}
 * @param unique an inline {@code UNIQUE [KEY]}
 * @param json the values are JSON documents
 * @param generated a generated ({@code AS (...)}) column: its values come with the rows
 */
public record ColumnSpec(
    String name,
    MySqlType type,
    boolean unsigned,
    long length,
    int precision,
    int scale,
    int fractionalSeconds,
    List<String> labels,
    Optional<String> charset,
    boolean nullable,
    Optional<DefaultValue> defaultValue,
    boolean autoIncrement,
    boolean primaryKey,
    boolean unique,
    boolean json,
    boolean generated) {

  /** Checks the components and copies the labels. */
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    labels = List.copyOf(labels);
    Objects.requireNonNull(charset, "charset");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }

  /**
   * The column as the capture side describes it.
   *
   * @param javaCharset the charset that decodes its text; ignored for types without one
   */
  public ColumnInfo toColumnInfo(Charset javaCharset) {
    boolean textual = type.isCharacter() || type == MySqlType.ENUM || type == MySqlType.SET;
    return ColumnInfo.builder(name, type)
        .unsigned(unsigned)
        .charset(textual ? javaCharset : null)
        .length(length)
        .precision(precision, scale)
        .fractionalSeconds(fractionalSeconds)
        .labels(labels)
        .nullable(nullable && !primaryKey)
        .json(json)
        .build();
  }
}
