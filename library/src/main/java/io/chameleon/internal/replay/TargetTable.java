package io.chameleon.internal.replay;

import io.chameleon.BinlogPosition;
import io.chameleon.internal.catalog.Identifiers;
import java.util.List;
import java.util.Optional;

/**
 * A replicated table as replay needs it: where its rows go, what identifies a row, and from
 * which binlog point its events apply (events before its snapshot are already in the copy).
 *
 * @param id the {@code t_replica_tables} row
 * @param mysqlSchema schema name in the source and the log
 * @param mysqlTable table name in the source and the log
 * @param pgSchema target schema
 * @param pgTable target table
 * @param key the columns identifying a row; empty when the whole row is its identity
 * @param columns every target column with its PostgreSQL type, in table order
 * @param snapshot the binlog point the table was copied at
 * @param enabled false while the table is excluded after an error
 */
record TargetTable(
    long id,
    String mysqlSchema,
    String mysqlTable,
    String pgSchema,
    String pgTable,
    List<String> key,
    List<Column> columns,
    Optional<BinlogPosition> snapshot,
    boolean enabled) {

  /** A target column and its type as {@code format_type} prints it. */
  record Column(String name, String type) {}

  String qualifiedName() {
    return Identifiers.qualified(pgSchema, pgTable);
  }

  String describe() {
    return mysqlSchema + "." + mysqlTable + " (into " + pgSchema + "." + pgTable + ")";
  }

  String typeOf(String column) {
    return columns.stream().filter(c -> c.name().equals(column)).findFirst()
        .map(Column::type)
        .orElseThrow(() -> new IllegalStateException("no column " + column + " in " + describe()));
  }
}
