package io.chameleon.internal.capture;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * One column of a source table: what {@link RowEncoder} needs to turn its binlog values into
 * JSON and what {@link io.chameleon.internal.snapshot.PgTypeMap} needs to choose its PostgreSQL
 * type. Immutable.
 *
 * @param name the column name, as the server spells it
 * @param type the SQL-level type
 * @param unsigned whether a numeric column is UNSIGNED (false for every other type)
 * @param charset the Java charset that decodes the column's bytes for CHAR, VARCHAR, TEXT (and,
 *     informally, ENUM and SET); null for binary, numeric and temporal columns
 * @param length CHAR and VARCHAR: the declared length in characters; BINARY and VARBINARY: in
 *     bytes; TEXT and BLOB: the maximum length in bytes (255, 65535, 16777215 or 4294967295,
 *     which tells TINY/MEDIUM/LONG apart); BIT: the number of bits; integer types: the display
 *     width when known ({@code tinyint(1)}), else 0; 0 for every other type
 * @param precision DECIMAL: the total number of digits; 0 otherwise
 * @param scale DECIMAL: the digits after the point; 0 otherwise
 * @param fractionalSeconds TIME, DATETIME, TIMESTAMP: the fractional-seconds precision 0..6; 0
 *     otherwise
 * @param labels ENUM and SET: the labels in definition order (ENUM index 1 is the first); empty
 *     otherwise
 * @param nullable whether the column accepts NULL
 * @param json whether values are JSON documents: MySQL's {@link MySqlType#JSON}, or MariaDB's
 *     JSON alias (a {@link MySqlType#TEXT} LONGTEXT with a {@code json_valid()} check)
 */
public record ColumnInfo(
    String name,
    MySqlType type,
    boolean unsigned,
    Charset charset,
    long length,
    int precision,
    int scale,
    int fractionalSeconds,
    List<String> labels,
    boolean nullable,
    boolean json) {

  /** Longest TINYTEXT/TINYBLOB, in bytes. */
  public static final long TINY_LENGTH = 255L;
  /** Longest TEXT/BLOB, in bytes. */
  public static final long REGULAR_LENGTH = 65_535L;
  /** Longest MEDIUMTEXT/MEDIUMBLOB, in bytes. */
  public static final long MEDIUM_LENGTH = 16_777_215L;
  /** Longest LONGTEXT/LONGBLOB, in bytes. */
  public static final long LONG_LENGTH = 4_294_967_295L;

  /** Checks the components and copies the labels. */
  public ColumnInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    labels = List.copyOf(labels == null ? List.of() : labels);
    if (type.isCharacter() && charset == null) {
      throw new IllegalArgumentException("column " + name + " of type " + type + " needs a charset");
    }
    if (json && type != MySqlType.JSON && type != MySqlType.TEXT) {
      throw new IllegalArgumentException("column " + name + " of type " + type + " cannot hold JSON");
    }
    if (fractionalSeconds < 0 || fractionalSeconds > 6) {
      throw new IllegalArgumentException("column " + name + ": fractional seconds " + fractionalSeconds);
    }
  }

  /**
   * Starts a column description; every other component defaults to 0, false, null or empty,
   * except {@code nullable}, which defaults to true, and {@code json}, which is true for
   * {@link MySqlType#JSON}.
   */
  public static Builder builder(String name, MySqlType type) {
    return new Builder(name, type);
  }

  /** A builder initialised with this column's components. */
  public Builder toBuilder() {
    Builder b = new Builder(name, type);
    b.unsigned = unsigned;
    b.charset = charset;
    b.length = length;
    b.precision = precision;
    b.scale = scale;
    b.fractionalSeconds = fractionalSeconds;
    b.labels = labels;
    b.nullable = nullable;
    b.json = json;
    return b;
  }

  /** Builds {@link ColumnInfo}s; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final MySqlType type;
    private boolean unsigned;
    private Charset charset;
    private long length;
    private int precision;
    private int scale;
    private int fractionalSeconds;
    private List<String> labels = List.of();
    private boolean nullable = true;
    private boolean json;

    private Builder(String name, MySqlType type) {
      this.name = name;
      this.type = type;
      this.json = type == MySqlType.JSON;
    }

    public Builder unsigned(boolean value) {
      unsigned = value;
      return this;
    }

    public Builder charset(Charset value) {
      charset = value;
      return this;
    }

    public Builder length(long value) {
      length = value;
      return this;
    }

    /** DECIMAL precision and scale. */
    public Builder precision(int digits, int digitsAfterPoint) {
      precision = digits;
      scale = digitsAfterPoint;
      return this;
    }

    public Builder fractionalSeconds(int value) {
      fractionalSeconds = value;
      return this;
    }

    public Builder labels(List<String> value) {
      labels = value;
      return this;
    }

    public Builder nullable(boolean value) {
      nullable = value;
      return this;
    }

    public Builder json(boolean value) {
      json = value;
      return this;
    }

    public ColumnInfo build() {
      return new ColumnInfo(name, type, unsigned, charset, length, precision, scale,
          fractionalSeconds, labels, nullable, json);
    }
  }
}
