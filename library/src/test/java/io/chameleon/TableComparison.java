package io.chameleon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chameleon.internal.capture.InformationSchemaTables;
import io.chameleon.sandbox.SourceDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Compares a MySQL table with its PostgreSQL copy: row counts, and an MD5 checksum computed on
 * both sides over the same <b>canonical text</b> of every row, so that equal values compare
 * equal whatever their types and text forms on each side.
 *
 * <p>Each column is read with a query that suits its type on each side (MySQL through the binary
 * protocol, so FLOAT and DOUBLE arrive exact), then put in canonical form:
 *
 * <table>
 *   <caption>Canonical forms</caption>
 *   <tr><th>MySQL type</th><th>canonical text</th></tr>
 *   <tr><td>integers, YEAR</td><td>decimal digits ({@code 0000} → {@code 0}); PostgreSQL
 *       booleans (a {@code tinyint(1)} override) as 0/1</td></tr>
 *   <tr><td>DECIMAL</td><td>plain digits without trailing zeros ({@code 1.50} → {@code 1.5})</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@code Float.toString}/{@code Double.toString} of the exact value</td></tr>
 *   <tr><td>BIT(n)</td><td>n binary digits (a boolean override: 0/1)</td></tr>
 *   <tr><td>CHAR, VARCHAR, TEXT, ENUM</td><td>the characters, NUL characters removed (PostgreSQL
 *       cannot hold them; the copy drops them), trailing blanks of CHAR removed (both sides do)</td></tr>
 *   <tr><td>SET</td><td>labels joined by commas ({@code text[]} through {@code array_to_string})</td></tr>
 *   <tr><td>JSON</td><td>parsed and re-serialised: object keys sorted, numbers without trailing zeros,
 *       NUL characters removed from strings and keys (jsonb cannot hold them; both paths drop them)</td></tr>
 *   <tr><td>BINARY, VARBINARY, BLOB</td><td>lower-case hex; GEOMETRY: hex of its WKB</td></tr>
 *   <tr><td>DATE, DATETIME, TIMESTAMP</td><td>{@code yyyy-MM-dd[ HH:mm:ss[.f]]} in UTC, astronomical
 *       year (1 BC is year 0000), fraction without trailing zeros; a MySQL zero date is NULL in a
 *       nullable column and {@code -infinity} in a NOT NULL one</td></tr>
 *   <tr><td>TIME</td><td>{@code [-]H:mm:ss[.f]} (a PostgreSQL time or interval)</td></tr>
 *   <tr><td>NULL</td><td>{@code \N}; values escape backslashes, tabs and newlines, so NULL and the
 *       empty string differ</td></tr>
 * </table>
 *
 * <p>Rows are sorted in Java by the canonical text of their primary key, then of the whole row
 * (the whole row alone when there is no key), so both sides sort alike whatever their collations.
 * The checksum is the MD5 of the sorted rows, each followed by a newline. Rows are held in memory:
 * meant for test tables (hundreds of thousands of rows, not billions).
 */
public final class TableComparison {

  /** Differences shown in a failure message. */
  private static final int SHOWN_DIFFERENCES = 10;
  private static final String NULL = "\\N";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final Pattern TEMPORAL = Pattern.compile(
      "(\\d{4,})-(\\d\\d)-(\\d\\d)(?: (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?)?(\\+00)?( BC)?");
  private static final Pattern DURATION = Pattern.compile("(-?)(\\d+):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?");

  private TableComparison() {}

  /**
   * The outcome of one comparison.
   *
   * @param source {@code schema.table} in MySQL
   * @param target {@code schema.table} in PostgreSQL
   * @param sourceRows rows in MySQL
   * @param targetRows rows in PostgreSQL
   * @param sourceChecksum MD5 of MySQL's canonical rows
   * @param targetChecksum MD5 of PostgreSQL's canonical rows
   * @param differences the first differing rows (or missing columns), empty when equal
   */
  public record Summary(String source, String target, long sourceRows, long targetRows, String sourceChecksum,
      String targetChecksum, List<String> differences) {

    /** Whether the tables hold the same data. */
    public boolean same() {
      return sourceRows == targetRows && sourceChecksum.equals(targetChecksum) && differences.isEmpty();
    }

    @Override
    public String toString() {
      return source + " -> " + target + ": " + sourceRows + " vs " + targetRows + " rows, md5 " + sourceChecksum
          + " vs " + targetChecksum + (differences.isEmpty() ? "" : "\n  " + String.join("\n  ", differences));
    }
  }

  /**
   * Fails, showing the first differing rows of both sides, unless the PostgreSQL table holds
   * exactly the MySQL table's data.
   */
  public static void assertSameData(SourceDatabase mysql, String mysqlTable, DataSource pg, String pgSchema, String pgTable) {
    Summary summary = compare(mysql, mysqlTable, pg, pgSchema, pgTable);
    if (!summary.same()) {
      throw new AssertionError("tables differ: " + summary);
    }
  }

  /** Compares the MySQL table {@code mysqlTable} of {@code mysql} with {@code pgSchema.pgTable}. */
  public static Summary compare(SourceDatabase mysql, String mysqlTable, DataSource pg, String pgSchema, String pgTable) {
    try {
      List<SourceColumn> columns = sourceColumns(mysql, mysqlTable);
      Map<String, String> pgTypes = targetColumns(pg, pgSchema, pgTable);
      List<String> differences = new ArrayList<>();
      for (SourceColumn column : columns) {
        if (!pgTypes.containsKey(column.name)) {
          differences.add("column " + column.name + " is missing in PostgreSQL");
        }
      }
      for (String name : pgTypes.keySet()) {
        if (columns.stream().noneMatch(c -> c.name.equals(name))) {
          differences.add("column " + name + " exists only in PostgreSQL");
        }
      }
      String source = mysql.name() + "." + mysqlTable;
      String target = pgSchema + "." + pgTable;
      if (!differences.isEmpty()) {
        return new Summary(source, target, -1, -1, "", "", differences);
      }
      List<Row> sourceRows = readSource(mysql, mysqlTable, columns);
      List<Row> targetRows = readTarget(pg, pgSchema, pgTable, columns, pgTypes);
      differences.addAll(differences(sourceRows, targetRows));
      return new Summary(source, target, sourceRows.size(), targetRows.size(), md5(sourceRows), md5(targetRows), differences);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot compare " + mysqlTable + " with " + pgSchema + "." + pgTable + ": " + e.getMessage(), e);
    }
  }

  // ----------------------------------------------------------------------------------- columns

  private enum Kind { INTEGER, DECIMAL, FLOAT, DOUBLE, BIT, TEXT, SET, JSON, BINARY, GEOMETRY, DATE, TIME }

  private static final class SourceColumn {
    final String name;
    final Kind kind;
    final boolean nullable;
    final int bits;
    final boolean key;

    SourceColumn(String name, Kind kind, boolean nullable, int bits, boolean key) {
      this.name = name;
      this.kind = kind;
      this.nullable = nullable;
      this.bits = bits;
      this.key = key;
    }
  }

  private record Row(String key, String text) {}

  private static List<SourceColumn> sourceColumns(SourceDatabase mysql, String table) throws SQLException {
    List<SourceColumn> columns = new ArrayList<>();
    try (Connection connection = mysql.openConnection()) {
      Set<String> json = InformationSchemaTables.jsonCheckedColumns(connection, mysql.name(), table);
      List<String> key = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
              + " AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
        statement.setString(1, mysql.name());
        statement.setString(2, table);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            key.add(rows.getString(1));
          }
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, NUMERIC_PRECISION FROM information_schema.COLUMNS"
              + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
        statement.setString(1, mysql.name());
        statement.setString(2, table);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            String name = rows.getString(1);
            String type = rows.getString(2).toLowerCase(Locale.ROOT);
            Kind kind = json.contains(name) ? Kind.JSON : kindOf(type);
            columns.add(new SourceColumn(name, kind, "YES".equals(rows.getString(3)), rows.getInt(4), key.contains(name)));
          }
        }
      }
      if (columns.isEmpty()) {
        throw new SQLException("MySQL table " + mysql.name() + "." + table + " does not exist");
      }
      // key columns first, in key order
      List<SourceColumn> ordered = new ArrayList<>(columns);
      ordered.sort(Comparator.comparingInt((SourceColumn c) -> c.key ? key.indexOf(c.name) : Integer.MAX_VALUE));
      return ordered;
    }
  }

  private static Kind kindOf(String type) {
    switch (type) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year":
        return Kind.INTEGER;
      case "decimal", "numeric":
        return Kind.DECIMAL;
      case "float":
        return Kind.FLOAT;
      case "double", "real":
        return Kind.DOUBLE;
      case "bit":
        return Kind.BIT;
      case "set":
        return Kind.SET;
      case "json":
        return Kind.JSON;
      case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
        return Kind.BINARY;
      case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
          "geometrycollection", "geomcollection":
        return Kind.GEOMETRY;
      case "date", "datetime", "timestamp":
        return Kind.DATE;
      case "time":
        return Kind.TIME;
      default:
        return Kind.TEXT;
    }
  }

  private static Map<String, String> targetColumns(DataSource pg, String schema, String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection connection = pg.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      statement.setString(1, quotePg(schema) + "." + quotePg(table));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    if (types.isEmpty()) {
      throw new SQLException("PostgreSQL table " + schema + "." + table + " does not exist");
    }
    return types;
  }

  // ------------------------------------------------------------------------------------- reading

  private static List<Row> readSource(SourceDatabase mysql, String table, List<SourceColumn> columns) throws SQLException {
    List<String> select = new ArrayList<>();
    for (SourceColumn column : columns) {
      String c = "`" + column.name.replace("`", "``") + "`";
      select.add(switch (column.kind) {
        case INTEGER, DECIMAL, DATE, TIME -> "CAST(" + c + " AS CHAR)";
        case BIT -> "CAST(" + c + " AS UNSIGNED)";
        case BINARY -> "LOWER(HEX(" + c + "))";
        case GEOMETRY -> "LOWER(HEX(ST_AsBinary(" + c + ")))";
        default -> c;
      });
    }
    String sql = "SELECT " + String.join(", ", select) + " FROM `" + mysql.name().replace("`", "``") + "`.`"
        + table.replace("`", "``") + "`";
    Properties properties = new Properties();
    properties.setProperty("user", mysql.server().user());
    properties.setProperty("password", mysql.server().password());
    properties.setProperty("useServerPrepStmts", "true"); // binary protocol: FLOAT and DOUBLE arrive exact
    try (Connection connection = DriverManager.getConnection(mysql.jdbcUrl(), properties)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION time_zone = '+00:00'");
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        return read(statement, columns, null);
      }
    }
  }

  private static List<Row> readTarget(DataSource pg, String schema, String table, List<SourceColumn> columns,
      Map<String, String> pgTypes) throws SQLException {
    List<String> select = new ArrayList<>();
    for (SourceColumn column : columns) {
      String c = quotePg(column.name);
      String type = pgTypes.get(column.name);
      if (type.endsWith("[]")) {
        select.add("array_to_string(" + c + ", ',')");
      } else if (type.equals("bytea")) {
        select.add("encode(" + c + ", 'hex')");
      } else if (column.kind == Kind.FLOAT || column.kind == Kind.DOUBLE) {
        select.add(c);
      } else {
        select.add(c + "::text");
      }
    }
    String sql = "SELECT " + String.join(", ", select) + " FROM " + quotePg(schema) + "." + quotePg(table);
    try (Connection connection = pg.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TimeZone = 'UTC'");
        statement.execute("SET DateStyle = 'ISO, YMD'");
        statement.execute("SET IntervalStyle = 'postgres'");
      }
      connection.setAutoCommit(false); // lets pgjdbc fetch in chunks
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(5000);
        return read(statement, columns, pgTypes);
      } finally {
        connection.rollback();
      }
    }
  }

  /** Reads canonical rows; {@code pgTypes} is null on the MySQL side. */
  private static List<Row> read(PreparedStatement statement, List<SourceColumn> columns, Map<String, String> pgTypes)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery()) {
      StringBuilder key = new StringBuilder();
      StringBuilder text = new StringBuilder();
      while (result.next()) {
        key.setLength(0);
        text.setLength(0);
        for (int i = 0; i < columns.size(); i++) {
          SourceColumn column = columns.get(i);
          String value = canonical(column, result, i + 1, pgTypes == null ? null : pgTypes.get(column.name));
          String field = value == null ? NULL : escape(value);
          if (i > 0) {
            text.append('\t');
          }
          text.append(field);
          if (column.key) {
            key.append(field).append('\t');
          }
        }
        rows.add(new Row(key.toString(), text.toString()));
      }
    }
    rows.sort(Comparator.comparing(Row::key).thenComparing(Row::text));
    return rows;
  }

  /** The canonical text of one value, or null for NULL. {@code pgType} is null for MySQL. */
  private static String canonical(SourceColumn column, ResultSet result, int index, String pgType) throws SQLException {
    boolean mysql = pgType == null;
    if (column.kind == Kind.FLOAT) {
      float value = result.getFloat(index);
      return result.wasNull() ? null : Float.toString(value);
    }
    if (column.kind == Kind.DOUBLE) {
      double value = result.getDouble(index);
      return result.wasNull() ? null : Double.toString(value);
    }
    String text = result.getString(index);
    if (text == null) {
      return null;
    }
    boolean pgBoolean = !mysql && pgType.equals("boolean");
    switch (column.kind) {
      case INTEGER:
        return pgBoolean ? (text.equals("true") ? "1" : "0") : new BigInteger(text.strip()).toString();
      case DECIMAL:
        BigDecimal decimal = new BigDecimal(text.strip());
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
      case BIT:
        if (pgBoolean) {
          return text.equals("true") ? "1" : "0";
        }
        if (!mysql) {
          return text;
        }
        String bits = new BigInteger(text).toString(2);
        return "0".repeat(Math.max(0, column.bits - bits.length())) + bits;
      case TEXT:
        return text.replace("\0", "");
      case SET, BINARY, GEOMETRY:
        return text;
      case JSON:
        return canonicalJson(text);
      case DATE:
        return canonicalTemporal(text, mysql, column.nullable);
      case TIME:
        return canonicalDuration(text);
      default:
        throw new IllegalStateException("kind " + column.kind);
    }
  }

  private static String canonicalJson(String text) {
    try {
      return JSON.writeValueAsString(normaliseNumbers(JSON.readValue(text, Object.class)));
    } catch (Exception e) {
      return "invalid JSON: " + text;
    }
  }

  @SuppressWarnings("unchecked")
  private static Object normaliseNumbers(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> sorted.put(k.replace("\0", ""), normaliseNumbers(v)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normaliseNumbers(v)));
      return out;
    }
    if (value instanceof String text) {
      return text.replace("\0", "");
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? BigDecimal.ZERO : new BigDecimal(decimal.stripTrailingZeros().toPlainString());
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value;
  }

  /** MySQL text (zero dates as NULL/-infinity) or PostgreSQL text (BC, +00) in one form. */
  private static String canonicalTemporal(String text, boolean mysql, boolean nullable) {
    if (text.equals("-infinity") || text.equals("infinity")) {
      return text;
    }
    Matcher m = TEMPORAL.matcher(text);
    if (!m.matches()) {
      return "unparsed temporal: " + text;
    }
    long year = Long.parseLong(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (mysql && (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))) {
      return nullable ? null : "-infinity";
    }
    if (m.group(9) != null) {
      year = 1 - year;
    }
    StringBuilder out = new StringBuilder(String.format("%04d-%02d-%02d", year, month, day));
    if (m.group(4) != null) {
      out.append(' ').append(m.group(4)).append(':').append(m.group(5)).append(':').append(m.group(6));
      appendFraction(out, m.group(7));
    }
    return out.toString();
  }

  private static String canonicalDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return "unparsed time: " + text;
    }
    StringBuilder out = new StringBuilder();
    boolean zero = Integer.parseInt(m.group(2)) == 0 && m.group(3).equals("00") && m.group(4).equals("00")
        && (m.group(5) == null || m.group(5).replace("0", "").isEmpty());
    if (!m.group(1).isEmpty() && !zero) {
      out.append('-');
    }
    out.append(Integer.parseInt(m.group(2))).append(':').append(m.group(3)).append(':').append(m.group(4));
    appendFraction(out, m.group(5));
    return out.toString();
  }

  private static void appendFraction(StringBuilder out, String fraction) {
    if (fraction != null) {
      String trimmed = fraction.replaceFirst("0+$", "");
      if (!trimmed.isEmpty()) {
        out.append('.').append(trimmed);
      }
    }
  }

  private static int daysInMonth(long year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11:
        return 30;
      default:
        return 31;
    }
  }

  // --------------------------------------------------------------------------------- comparing

  private static List<String> differences(List<Row> source, List<Row> target) {
    List<String> differences = new ArrayList<>();
    int i = 0;
    int j = 0;
    Comparator<Row> order = Comparator.comparing(Row::key).thenComparing(Row::text);
    while ((i < source.size() || j < target.size()) && differences.size() < SHOWN_DIFFERENCES) {
      Row s = i < source.size() ? source.get(i) : null;
      Row t = j < target.size() ? target.get(j) : null;
      if (s != null && t != null && s.text().equals(t.text())) {
        i++;
        j++;
      } else if (s != null && t != null && !s.key().isEmpty() && s.key().equals(t.key())) {
        differences.add("row with key [" + s.key().strip() + "]:\n      MySQL:      " + s.text()
            + "\n      PostgreSQL: " + t.text());
        i++;
        j++;
      } else if (t == null || (s != null && order.compare(s, t) < 0)) {
        differences.add("only in MySQL:      " + s.text());
        i++;
      } else {
        differences.add("only in PostgreSQL: " + t.text());
        j++;
      }
    }
    return differences;
  }

  private static String md5(List<Row> rows) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      for (Row row : rows) {
        digest.update(row.text().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String value) {
    if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String quotePg(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
