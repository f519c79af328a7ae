package io.chameleon.internal.snapshot;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Chooses the PostgreSQL type of a MySQL column: exact by default (no value of the MySQL type is
 * lost or changed), with overrides per MySQL column type.
 *
 * <table>
 *   <caption>Default map</caption>
 *   <tr><th>MySQL</th><th>PostgreSQL</th></tr>
 *   <tr><td>tinyint, smallint, mediumint, int, bigint</td>
 *       <td>smallint, smallint, integer, integer, bigint</td></tr>
 *   <tr><td>the same, unsigned</td><td>smallint, integer, integer, bigint, numeric(20)</td></tr>
 *   <tr><td>tinyint(1)</td><td>smallint (it holds -128..127; boolean only by override)</td></tr>
 *   <tr><td>decimal(p,s)</td><td>numeric(p,s)</td></tr>
 *   <tr><td>float, double</td><td>real, double precision</td></tr>
 *   <tr><td>bit(n)</td><td>bit(n)</td></tr>
 *   <tr><td>char(n), varchar(n), tinytext..longtext</td><td>char(n), varchar(n), text</td></tr>
 *   <tr><td>binary, varbinary, tinyblob..longblob</td><td>bytea</td></tr>
 *   <tr><td>date, time(p), datetime(p), timestamp(p)</td>
 *       <td>date, time(p), timestamp(p), timestamptz(p)</td></tr>
 *   <tr><td>year</td><td>smallint</td></tr>
 *   <tr><td>enum</td><td>text (a CHECK on the labels is the caller's business)</td></tr>
 *   <tr><td>set</td><td>text[]</td></tr>
 *   <tr><td>json (MySQL, or MariaDB's LONGTEXT alias)</td><td>jsonb</td></tr>
 *   <tr><td>geometry family</td><td>bytea (WKB)</td></tr>
 * </table>
 *
 * <p>TIME maps to {@code time(p)}, which holds 00:00:00..24:00:00 only; MySQL TIME spans
 * -838:59:59..838:59:59, so a column used for durations needs the override
 * {@code "time" -> "interval"}.
 *
 * <p><b>Overrides</b> map a MySQL column type to a PostgreSQL type. Keys are matched without
 * regard to case or extra spaces, most specific first: the full column type as MySQL writes it
 * in {@code COLUMN_TYPE} ({@code tinyint(1)}, {@code int(10) unsigned}, {@code bit(1)},
 * {@code decimal(10,2)}, {@code varchar(20)}, {@code time(3)}; see {@link #mysqlType}), then the
 * type name with {@code unsigned} ({@code bigint unsigned}), then the bare type name
 * ({@code time}, {@code json}, {@code bigint}, which also matches unsigned columns). Example:
 * {@code Map.of("tinyint(1)", "boolean", "bit(1)", "boolean", "time", "interval")}. A display
 * width such as {@code tinyint(1)} is known only when the column was described from
 * information_schema; binlog metadata does not carry it. Values are PostgreSQL type names and
 * are not checked here.
 *
 * <p>Immutable and thread-safe.
 */
public final class PgTypeMap {

  private static final PgTypeMap EXACT = new PgTypeMap(Map.of());

  private final Map<String, String> overrides;

  private PgTypeMap(Map<String, String> overrides) {
    this.overrides = overrides;
  }

  /** The default, exact map. */
  public static PgTypeMap exact() {
    return EXACT;
  }

  /**
   * The default map with overrides.
   *
   * @param overrides MySQL column type (as described above) to PostgreSQL type
   * @throws IllegalArgumentException if two keys are the same once normalised, or a value is blank
   */
  public static PgTypeMap withOverrides(Map<String, String> overrides) {
    Map<String, String> normalised = new HashMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String value = Objects.requireNonNull(e.getValue(), "override of " + e.getKey()).strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException("override of " + e.getKey() + " is blank");
      }
      if (normalised.put(normalise(e.getKey()), value) != null) {
        throw new IllegalArgumentException("override " + e.getKey() + " is given twice");
      }
    }
    return new PgTypeMap(Map.copyOf(normalised));
  }

  /**
   * The PostgreSQL type for a column.
   *
   * @param column the MySQL column
   * @return e.g. {@code numeric(20)}, {@code varchar(40)}, {@code timestamptz(6)}
   */
  public String pgType(ColumnInfo column) {
    if (!overrides.isEmpty()) {
      String full = overrides.get(mysqlType(column));
      if (full != null) {
        return full;
      }
      String name = baseName(column);
      if (column.unsigned()) {
        String unsigned = overrides.get(name + " unsigned");
        if (unsigned != null) {
          return unsigned;
        }
      }
      String bare = overrides.get(name);
      if (bare != null) {
        return bare;
      }
    }
    return exactType(column);
  }

  private static String exactType(ColumnInfo column) {
    boolean unsigned = column.unsigned();
    switch (column.type()) {
      case TINYINT:
        return "smallint";
      case SMALLINT:
        return unsigned ? "integer" : "smallint";
      case MEDIUMINT:
        return "integer";
      case INT:
        return unsigned ? "bigint" : "integer";
      case BIGINT:
        return unsigned ? "numeric(20)" : "bigint";
      case DECIMAL:
        return "numeric(" + column.precision() + "," + column.scale() + ")";
      case FLOAT:
        return "real";
      case DOUBLE:
        return "double precision";
      case BIT:
        return "bit(" + column.length() + ")";
      case CHAR:
        return "char(" + Math.max(1, column.length()) + ")";
      case VARCHAR:
        return "varchar(" + Math.max(1, column.length()) + ")";
      case TEXT:
        return column.json() ? "jsonb" : "text";
      case BINARY:
      case VARBINARY:
      case BLOB:
      case GEOMETRY:
        return "bytea";
      case DATE:
        return "date";
      case TIME:
        return "time(" + column.fractionalSeconds() + ")";
      case DATETIME:
        return "timestamp(" + column.fractionalSeconds() + ")";
      case TIMESTAMP:
        return "timestamptz(" + column.fractionalSeconds() + ")";
      case YEAR:
        return "smallint";
      case ENUM:
        return "text";
      case SET:
        return "text[]";
      case JSON:
        return "jsonb";
      default:
        throw new IllegalArgumentException("no PostgreSQL type for " + column.type());
    }
  }

  /**
   * The column's type the way MySQL writes it in {@code information_schema.COLUMNS.COLUMN_TYPE},
   * lower case: {@code tinyint(1)}, {@code int unsigned}, {@code decimal(10,2)},
   * {@code varchar(20)}, {@code binary(16)}, {@code bit(1)}, {@code datetime(6)}, {@code text},
   * {@code longblob}, {@code enum('a','b')}, {@code json} (MariaDB's alias too),
   * {@code geometry}.
   */
  public static String mysqlType(ColumnInfo column) {
    String name = baseName(column);
    String type;
    switch (column.type()) {
      case TINYINT:
      case SMALLINT:
      case MEDIUMINT:
      case INT:
      case BIGINT:
        type = column.length() > 0 ? name + "(" + column.length() + ")" : name;
        break;
      case DECIMAL:
        type = name + "(" + column.precision() + "," + column.scale() + ")";
        break;
      case BIT:
      case CHAR:
      case VARCHAR:
      case BINARY:
      case VARBINARY:
        type = name + "(" + column.length() + ")";
        break;
      case TIME:
      case DATETIME:
      case TIMESTAMP:
        type = column.fractionalSeconds() > 0 ? name + "(" + column.fractionalSeconds() + ")" : name;
        break;
      case ENUM:
      case SET:
        type = name + column.labels().stream()
            .map(l -> "'" + l.replace("'", "''") + "'")
            .collect(Collectors.joining(",", "(", ")"));
        break;
      default:
        type = name;
        break;
    }
    return normalise(column.unsigned() ? type + " unsigned" : type);
  }

  private static String baseName(ColumnInfo column) {
    MySqlType type = column.type();
    if (column.json()) {
      return "json";
    }
    if (type == MySqlType.TEXT || type == MySqlType.BLOB) {
      String suffix = type == MySqlType.TEXT ? "text" : "blob";
      long length = column.length();
      if (length == 0 || length == ColumnInfo.REGULAR_LENGTH) {
        return suffix;
      }
      return (length <= ColumnInfo.TINY_LENGTH ? "tiny" : length <= ColumnInfo.MEDIUM_LENGTH ? "medium" : "long")
          + suffix;
    }
    return type.sqlName();
  }

  private static String normalise(String key) {
    String lower = key.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return lower.replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\)", ")");
  }

  /** The overrides in force, keys normalised. */
  public Map<String, String> overrides() {
    return overrides;
  }

  @Override
  public String toString() {
    return "PgTypeMap" + (overrides.isEmpty() ? "[exact]" : List.copyOf(overrides.entrySet()).toString());
  }
}
