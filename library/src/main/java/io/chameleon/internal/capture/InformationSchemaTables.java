package io.chameleon.internal.capture;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a table's description from MySQL/MariaDB {@code information_schema}: columns in
 * {@code ORDINAL_POSITION} order (the binlog's order), the primary key from {@code STATISTICS},
 * and MariaDB's JSON alias from {@code CHECK_CONSTRAINTS} (a LONGTEXT with
 * {@code CHECK (json_valid(`col`))}). Every name is passed as a parameter, never concatenated.
 * Stateless; thread-safe.
 */
public final class InformationSchemaTables {

  private static final Pattern JSON_VALID =
      Pattern.compile("\\s*json_valid\\s*\\(\\s*`((?:[^`]|``)+)`\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern DISPLAY_WIDTH = Pattern.compile("^[a-z]+\\((\\d+)\\)");
  /** MySQL 5.7 has no CHECK_CONSTRAINTS table. */
  private static final int ER_UNKNOWN_TABLE = 1109;

  private InformationSchemaTables() {}

  /**
   * The table as information_schema describes it now.
   *
   * @param connection a connection to the source server; not closed
   * @param schema the database name
   * @param table the table name
   * @return the table, or empty if it does not exist
   * @throws SQLException if information_schema cannot be read
   * @throws UnsupportedColumnException if a column's type or charset cannot be captured
   */
  public static Optional<TableInfo> read(Connection connection, String schema, String table) throws SQLException {
    Set<String> jsonColumns = null;
    List<ColumnInfo> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH,"
            + " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
            + " ORDER BY ORDINAL_POSITION")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
          String columnType = rs.getString(3).toLowerCase(Locale.ROOT);
          String where = schema + "." + table + "." + name;
          MySqlType type = typeOf(dataType, where);
          ColumnInfo.Builder column = ColumnInfo.builder(name, type)
              .nullable("YES".equalsIgnoreCase(rs.getString(4)))
              .unsigned(columnType.contains(" unsigned"));
          String charsetName = rs.getString(9);
          Charset charset = charsetName == null ? null : MySqlCharsets.javaCharset(charsetName, where);
          switch (type) {
            case CHAR:
            case VARCHAR:
            case BINARY:
            case VARBINARY:
              column.length(rs.getLong(5)).charset(charset);
              break;
            case TEXT:
              column.length(textLength(dataType)).charset(charset);
              if (dataType.equals("longtext")) {
                if (jsonColumns == null) {
                  jsonColumns = jsonCheckedColumns(connection, schema, table);
                }
                column.json(jsonColumns.contains(name));
              }
              break;
            case BLOB:
              column.length(textLength(dataType));
              break;
            case BIT:
              column.length(rs.getLong(6));
              break;
            case DECIMAL:
              column.precision(rs.getInt(6), rs.getInt(7));
              break;
            case TIME:
            case DATETIME:
            case TIMESTAMP:
              column.fractionalSeconds(rs.getInt(8));
              break;
            case ENUM:
            case SET:
              column.charset(charset).labels(labels(rs.getString(3)));
              break;
            default:
              if (type.isInteger()) {
                Matcher width = DISPLAY_WIDTH.matcher(columnType);
                column.length(width.find() ? Long.parseLong(width.group(1)) : 0);
              }
              break;
          }
          columns.add(column.build());
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TableInfo(schema, table, columns, primaryKey(connection, schema, table)));
  }

  /**
   * The columns a {@code json_valid(`column`)} check constrains: MariaDB's JSON alias.
   *
   * @return column names; empty on servers without {@code CHECK_CONSTRAINTS}
   */
  public static Set<String> jsonCheckedColumns(Connection connection, String schema, String table)
      throws SQLException {
    Set<String> columns = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
            + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Matcher matcher = JSON_VALID.matcher(rs.getString(1));
          if (matcher.matches()) {
            columns.add(matcher.group(1).replace("``", "`"));
          }
        }
      }
    } catch (SQLException e) {
      if (e.getErrorCode() != ER_UNKNOWN_TABLE && !"42S02".equals(e.getSQLState())) {
        throw e;
      }
    }
    return columns;
  }

  private static List<String> primaryKey(Connection connection, String schema, String table) throws SQLException {
    List<String> key = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COLUMN_NAME FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          key.add(rs.getString(1));
        }
      }
    }
    return key;
  }

  /** The SQL-level type of an information_schema DATA_TYPE. */
  static MySqlType typeOf(String dataType, String where) {
    switch (dataType) {
      case "tinyint":
        return MySqlType.TINYINT;
      case "smallint":
        return MySqlType.SMALLINT;
      case "mediumint":
        return MySqlType.MEDIUMINT;
      case "int":
      case "integer":
        return MySqlType.INT;
      case "bigint":
        return MySqlType.BIGINT;
      case "decimal":
      case "numeric":
        return MySqlType.DECIMAL;
      case "float":
        return MySqlType.FLOAT;
      case "double":
      case "real":
        return MySqlType.DOUBLE;
      case "bit":
        return MySqlType.BIT;
      case "char":
        return MySqlType.CHAR;
      case "varchar":
        return MySqlType.VARCHAR;
      case "tinytext":
      case "text":
      case "mediumtext":
      case "longtext":
        return MySqlType.TEXT;
      case "binary":
        return MySqlType.BINARY;
      case "varbinary":
        return MySqlType.VARBINARY;
      case "tinyblob":
      case "blob":
      case "mediumblob":
      case "longblob":
        return MySqlType.BLOB;
      case "date":
        return MySqlType.DATE;
      case "time":
        return MySqlType.TIME;
      case "datetime":
        return MySqlType.DATETIME;
      case "timestamp":
        return MySqlType.TIMESTAMP;
      case "year":
        return MySqlType.YEAR;
      case "enum":
        return MySqlType.ENUM;
      case "set":
        return MySqlType.SET;
      case "json":
        return MySqlType.JSON;
      case "geometry":
      case "point":
      case "linestring":
      case "polygon":
      case "multipoint":
      case "multilinestring":
      case "multipolygon":
      case "geometrycollection":
      case "geomcollection":
        return MySqlType.GEOMETRY;
      default:
        throw new UnsupportedColumnException("column " + where + " has type " + dataType
            + ", which the replicator cannot capture; exclude the table or change the column");
    }
  }

  private static long textLength(String dataType) {
    if (dataType.startsWith("tiny")) {
      return ColumnInfo.TINY_LENGTH;
    } else if (dataType.startsWith("medium")) {
      return ColumnInfo.MEDIUM_LENGTH;
    } else if (dataType.startsWith("long")) {
      return ColumnInfo.LONG_LENGTH;
    }
    return ColumnInfo.REGULAR_LENGTH;
  }

  /**
   * The labels of an {@code enum('a','b')} or {@code set(...)} COLUMN_TYPE, with quotes
   * doubled ({@code ''}) or backslash-escaped, as servers write them.
   */
  static List<String> labels(String columnType) {
    List<String> labels = new ArrayList<>();
    int i = columnType.indexOf('(') + 1;
    int end = columnType.lastIndexOf(')');
    while (i > 0 && i < end) {
      if (columnType.charAt(i) != '\'') {
        i++;
        continue;
      }
      StringBuilder label = new StringBuilder();
      i++;
      while (i < end) {
        char c = columnType.charAt(i);
        if (c == '\'' && i + 1 < end && columnType.charAt(i + 1) == '\'') {
          label.append('\'');
          i += 2;
        } else if (c == '\'') {
          i++;
          break;
        } else if (c == '\\' && i + 1 < end) {
          char next = columnType.charAt(i + 1);
          label.append(next == '0' ? '\0' : next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t'
              : next == 'Z' ? (char) 26 : next);
          i += 2;
        } else {
          label.append(c);
          i++;
        }
      }
      labels.add(label.toString());
    }
    return labels;
  }
}
