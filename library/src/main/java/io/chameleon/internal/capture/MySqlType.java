package io.chameleon.internal.capture;

import java.util.Locale;

/**
 * The SQL-level type of a MySQL or MariaDB column, as a user declared it (not the binlog's wire
 * type: the binlog says {@code STRING} for CHAR, BINARY, ENUM and SET alike, and {@code BLOB}
 * for every TEXT and BLOB). The TINY/MEDIUM/LONG variants of TEXT and BLOB share one constant;
 * {@link ColumnInfo#length()} tells them apart. The geometry family (POINT, POLYGON, ...) is
 * {@link #GEOMETRY}.
 */
public enum MySqlType {
  TINYINT,
  SMALLINT,
  MEDIUMINT,
  INT,
  BIGINT,
  DECIMAL,
  FLOAT,
  DOUBLE,
  BIT,
  CHAR,
  VARCHAR,
  /** TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT (and MariaDB's JSON alias, which is a LONGTEXT). */
  TEXT,
  BINARY,
  VARBINARY,
  /** TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB. */
  BLOB,
  DATE,
  TIME,
  DATETIME,
  TIMESTAMP,
  YEAR,
  ENUM,
  SET,
  /** MySQL's native (binary) JSON type. MariaDB's JSON is {@link #TEXT} with a check. */
  JSON,
  /** GEOMETRY, POINT, LINESTRING, POLYGON and their MULTI and COLLECTION forms. */
  GEOMETRY;

  /** The type's name as MySQL writes it in {@code information_schema.COLUMNS.DATA_TYPE}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is one of the five integer types (signed or unsigned). */
  public boolean isInteger() {
    return this == TINYINT || this == SMALLINT || this == MEDIUMINT || this == INT || this == BIGINT;
  }

  /** Whether values are text in a character set (CHAR, VARCHAR, TEXT). */
  public boolean isCharacter() {
    return this == CHAR || this == VARCHAR || this == TEXT;
  }

  /** Whether values are raw bytes (BINARY, VARBINARY, BLOB). */
  public boolean isBinary() {
    return this == BINARY || this == VARBINARY || this == BLOB;
  }

  /** Whether the type takes a fractional-seconds precision (TIME, DATETIME, TIMESTAMP). */
  public boolean hasFractionalSeconds() {
    return this == TIME || this == DATETIME || this == TIMESTAMP;
  }
}
