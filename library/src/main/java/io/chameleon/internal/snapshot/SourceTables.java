package io.chameleon.internal.snapshot;

import io.chameleon.SourceConfig;
import io.chameleon.internal.capture.InformationSchemaTables;
import io.chameleon.internal.capture.TableInfo;
import io.chameleon.internal.snapshot.SourceTable.ColumnDetail;
import io.chameleon.internal.snapshot.SourceTable.SourceIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the tables to copy from MySQL's {@code information_schema}: which tables a configuration
 * replicates, and each one's columns, defaults and indexes. Every name is a bound parameter.
 * Stateless; thread-safe.
 */
final class SourceTables {

  /** A table found in a mapped schema, with the estimate the copy plans by. */
  record Name(String schema, String table, long rowsEstimate) {}

  private SourceTables() {}

  /** The base tables of every mapped schema that the configuration replicates, by schema and name. */
  static List<Name> replicated(Connection connection, SourceConfig config) throws SQLException {
    List<Name> names = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
      for (String schema : config.schemaMappings().keySet()) {
        statement.setString(1, schema);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            String table = rows.getString(1);
            if (config.replicates(schema, table)) {
              names.add(new Name(schema, table, Math.max(0, rows.getLong(2))));
            }
          }
        }
      }
    }
    return names;
  }

  /**
   * One table's description, or empty if it does not exist (or is not a base table).
   *
   * @throws io.chameleon.internal.capture.UnsupportedColumnException if a column's type or
   *     charset cannot be replicated
   */
  static Optional<SourceTable> describe(Connection connection, String schema, String table) throws SQLException {
    long rows;
    String engine;
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT TABLE_ROWS, ENGINE FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        rows = Math.max(0, result.getLong(1));
        engine = result.getString(2);
      }
    }
    Optional<TableInfo> info = InformationSchemaTables.read(connection, schema, table);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SourceTable(info.get(), details(connection, schema, table),
        indexes(connection, schema, table), rows, engine));
  }

  private static Map<String, ColumnDetail> details(Connection connection, String schema, String table)
      throws SQLException {
    Map<String, ColumnDetail> details = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COLUMN_NAME, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          details.put(rows.getString(1), new ColumnDetail(rows.getString(2), rows.getString(3)));
        }
      }
    }
    return details;
  }

  private static List<SourceIndex> indexes(Connection connection, String schema, String table) throws SQLException {
    Map<String, List<SourceIndex.Part>> parts = new LinkedHashMap<>();
    Map<String, SourceIndex> heads = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION"
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
            + " ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          heads.putIfAbsent(name, new SourceIndex(name, rows.getInt(2) == 0, rows.getString(5), List.of()));
          parts.computeIfAbsent(name, n -> new ArrayList<>()).add(new SourceIndex.Part(
              rows.getString(3), rows.getInt(4), "D".equalsIgnoreCase(rows.getString(6))));
        }
      }
    }
    List<SourceIndex> indexes = new ArrayList<>();
    heads.forEach((name, head) -> indexes.add(new SourceIndex(name, head.unique(), head.type(), parts.get(name))));
    return indexes;
  }
}
