package io.chameleon.internal.capture;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A source table as the binlog sees it: its columns in binlog (ordinal) order and its primary
 * key. Immutable.
 *
 * @param schema the MySQL database (schema) name
 * @param table the table name
 * @param columns every column, in the order the binlog's row images list them
 * @param primaryKey the primary key column names in key order; empty when the table has none
 */
public record TableInfo(String schema, String table, List<ColumnInfo> columns, List<String> primaryKey) {

  /** Checks the components, copies the lists, and checks that key columns exist. */
  public TableInfo {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey == null ? List.of() : primaryKey);
    Set<String> names = new HashSet<>();
    for (ColumnInfo column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException(schema + "." + table + ": column " + column.name() + " appears twice");
      }
    }
    for (String key : primaryKey) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException(schema + "." + table + ": key column " + key + " is not a column");
      }
    }
  }

  /** The column at a binlog position, 0-based. */
  public ColumnInfo column(int index) {
    return columns.get(index);
  }

  /** How many columns the table has. */
  public int columnCount() {
    return columns.size();
  }

  /** {@code schema.table}, for messages. */
  public String qualifiedName() {
    return schema + "." + table;
  }
}
