package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.Identifiers.quote;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** SQL pieces shared by the set-based and the event-by-event appliers. */
final class EventSql {

  private EventSql() {}

  /**
   * Selects a slice's row events from its log table, leaving out those before the table's
   * snapshot (they are already in the copy). Parameters: see {@link #bindSlice}.
   */
  static String selectEvents(LogSlice slice, String columns) {
    return "SELECT " + columns + " FROM " + slice.qualifiedLogTable() + " l"
        + " WHERE " + LogSlice.blocksFrom("l.") + " AND l.i_id_event BETWEEN ? AND ?"
        + " AND l.v_schema_name = ? AND l.v_table_name = ?"
        + " AND l.enm_binlog_event <> 'ddl'"
        + " AND (l.t_binlog_name, l.i_binlog_position) >= (?::text, ?::bigint)";
  }

  /** Binds {@link #selectEvents}' parameters from {@code index}; returns the next index. */
  static int bindSlice(PreparedStatement statement, int index, TargetTable table, LogSlice slice)
      throws SQLException {
    statement.setLong(index++, slice.firstBlock());
    statement.setLong(index++, slice.firstEvent());
    statement.setLong(index++, slice.lastEvent());
    statement.setString(index++, slice.schema());
    statement.setString(index++, slice.table());
    statement.setString(index++, table.snapshot().map(s -> s.file()).orElse(""));
    statement.setLong(index++, table.snapshot().map(s -> s.position()).orElse(0L));
    return index;
  }

  /**
   * Inserts the row images {@code imagesQuery} yields (one json column {@code img}), updating on
   * a key conflict; a keyless table just inserts. Each image becomes a row of the target's type
   * with one {@code json_populate_record} call in a lateral join: selected as {@code (x.r).col}
   * from a subquery instead, PostgreSQL would call it once per column.
   */
  static String upsert(TargetTable table, String imagesQuery) {
    String columns = table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    String values = table.columns().stream().map(c -> "r." + quote(c.name())).collect(Collectors.joining(", "));
    String insert = "INSERT INTO " + table.qualifiedName() + " (" + columns + ") SELECT " + values
        + " FROM (" + imagesQuery + ") x CROSS JOIN LATERAL json_populate_record(NULL::" + table.qualifiedName()
        + ", x.img) r";
    if (table.key().isEmpty()) {
      return insert;
    }
    String updates = table.columns().stream()
        .filter(c -> !table.key().contains(c.name()))
        .map(c -> quote(c.name()) + " = EXCLUDED." + quote(c.name()))
        .collect(Collectors.joining(", "));
    String conflict = table.key().stream().map(k -> quote(k)).collect(Collectors.joining(", "));
    return insert + " ON CONFLICT (" + conflict + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
  }
}
