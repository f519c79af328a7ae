package io.chameleon.internal.snapshot;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.TableInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A source table as the initial copy needs it: what the binlog reader knows ({@link TableInfo})
 * plus what only the DDL carries: defaults, {@code auto_increment}, indexes, the row estimate and
 * the storage engine. Immutable.
 *
 * @param info columns in binlog order and the primary key
 * @param details per column name: {@code COLUMN_DEFAULT} and {@code EXTRA}
 * @param indexes every index, the primary key included, in name order
 * @param rowsEstimate {@code information_schema.TABLES.TABLE_ROWS} (an estimate for InnoDB)
 * @param engine the storage engine, e.g. {@code InnoDB}
 */
record SourceTable(TableInfo info, Map<String, ColumnDetail> details, List<SourceIndex> indexes,
    long rowsEstimate, String engine) {

  SourceTable {
    Objects.requireNonNull(info, "info");
    details = Map.copyOf(details);
    indexes = List.copyOf(indexes);
  }

  /** {@code schema.table}, for messages. */
  String qualifiedName() {
    return info.qualifiedName();
  }

  ColumnDetail detail(ColumnInfo column) {
    return details.getOrDefault(column.name(), new ColumnDetail(null, ""));
  }

  /** Whether a consistent snapshot covers the table's data (it does not for MyISAM, MEMORY, ...). */
  boolean transactional() {
    return engine == null || engine.equalsIgnoreCase("InnoDB") || engine.equalsIgnoreCase("XtraDB")
        || engine.equalsIgnoreCase("RocksDB") || engine.equalsIgnoreCase("TokuDB");
  }

  /**
   * What the DDL says of a column beyond its type.
   *
   * @param columnDefault {@code COLUMN_DEFAULT} as the server writes it; null when none
   * @param extra {@code EXTRA}, e.g. {@code auto_increment}; never null
   */
  record ColumnDetail(String columnDefault, String extra) {
    ColumnDetail {
      extra = extra == null ? "" : extra;
    }

    boolean autoIncrement() {
      return extra.toLowerCase(Locale.ROOT).contains("auto_increment");
    }
  }

  /**
   * One index.
   *
   * @param name its MySQL name ({@code PRIMARY} for the primary key)
   * @param unique whether it is unique
   * @param type {@code BTREE}, {@code HASH}, {@code FULLTEXT} or {@code SPATIAL}
   * @param parts its columns in index order
   */
  record SourceIndex(String name, boolean unique, String type, List<Part> parts) {
    SourceIndex {
      parts = List.copyOf(parts);
    }

    boolean primary() {
      return name.equals("PRIMARY");
    }

    /**
     * One column of an index.
     *
     * @param column the column, or null for an expression (MySQL 8 functional index)
     * @param prefixLength the prefix indexed (characters, or bytes for binary columns); 0 for the whole value
     * @param descending whether the part is in descending order
     */
    record Part(String column, int prefixLength, boolean descending) {}
  }
}
