package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_TABLES;

import io.chameleon.BinlogPosition;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.generated.tables.records.TReplicaTablesRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source's replicated tables, read from {@code t_replica_tables} and PostgreSQL's own
 * catalogue at the start of each batch's replay (a DDL or a re-sync changes them).
 */
final class TargetTables {

  private final Map<String, TargetTable> byMysqlName = new HashMap<>();

  static TargetTables load(Connection connection, long sourceId) throws SQLException {
    TargetTables tables = new TargetTables();
    for (TReplicaTablesRecord row : Catalogue.on(connection)
        .selectFrom(T_REPLICA_TABLES)
        .where(T_REPLICA_TABLES.I_ID_SOURCE.eq(sourceId))
        .fetch()) {
      String pgSchema = row.getVSchemaNamePg();
      String pgTable = row.getVTableNamePg();
      Optional<BinlogPosition> snapshot = Optional.ofNullable(row.getTBinlogName())
          .map(file -> new BinlogPosition(file, row.getIBinlogPosition(), Optional.ofNullable(row.getTGtidSet())));
      tables.byMysqlName.put(key(row.getVSchemaName(), row.getVTableName()), new TargetTable(
          row.getIIdTable(), row.getVSchemaName(), row.getVTableName(), pgSchema, pgTable,
          List.of(row.getVTablePkey()), columns(connection, pgSchema, pgTable), snapshot,
          Boolean.TRUE.equals(row.getBReplicaEnabled())));
    }
    return tables;
  }

  Optional<TargetTable> find(String mysqlSchema, String mysqlTable) {
    return Optional.ofNullable(byMysqlName.get(key(mysqlSchema, mysqlTable)));
  }

  private static String key(String schema, String table) {
    return schema + "\u0000" + table;
  }

  private static List<TargetTable.Column> columns(Connection connection, String schema, String table)
      throws SQLException {
    List<TargetTable.Column> columns = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
            + " FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(new TargetTable.Column(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return columns;
  }
}
