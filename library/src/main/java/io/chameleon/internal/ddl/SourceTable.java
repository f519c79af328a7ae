package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.TableInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A source table in the {@link SchemaModel}: its columns in binlog (ordinal) order, its keys
 * and indexes with their PostgreSQL names, and its default charset. Column and index names are
 * matched without regard to case, as MySQL does; table names exactly. Immutable.
 *
 * @param schema the MySQL database
 * @param table the table name
 * @param columns the columns in the order row images list them
 * @param indexes the primary key (named {@link SourceIndex#PRIMARY}), unique keys and indexes
 * @param defaultCharset the MySQL charset of text columns added without one; empty for the
 *     database's
 */
public record SourceTable(String schema, String table, List<SourceColumn> columns, List<SourceIndex> indexes,
    Optional<String> defaultCharset) {

  /** Checks the components, copies the lists, and checks that names are unique and index columns exist. */
  public SourceTable {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    Objects.requireNonNull(defaultCharset, "defaultCharset");
    Set<String> names = new HashSet<>();
    for (SourceColumn column : columns) {
      if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(schema + "." + table + ": column " + column.name() + " appears twice");
      }
    }
    Set<String> indexNames = new HashSet<>();
    for (SourceIndex index : indexes) {
      if (!indexNames.add(index.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(schema + "." + table + ": index " + index.name() + " appears twice");
      }
      for (String column : index.columns()) {
        if (!names.contains(column.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(schema + "." + table + ": index " + index.name() + " names column "
              + column + ", which the table does not have");
        }
      }
    }
  }

  /**
   * A table as information_schema described it: its primary key, if any, becomes an index
   * whose PostgreSQL name is what {@link PgIndexNames} gives ({@code <table>_pkey}).
   */
  public static SourceTable of(TableInfo info) {
    List<SourceIndex> indexes = new ArrayList<>();
    if (!info.primaryKey().isEmpty()) {
      indexes.add(new SourceIndex(SourceIndex.PRIMARY, SourceIndex.Kind.PRIMARY,
          info.primaryKey().stream().map(c -> new SourceIndex.Part(c, 0)).toList(),
          Optional.of(PgIndexNames.derive(info.table(), SourceIndex.PRIMARY, n -> false))));
    }
    return of(info, indexes);
  }

  /**
   * A table as information_schema described it, with the indexes the caller built in
   * PostgreSQL (the primary key included).
   */
  public static SourceTable of(TableInfo info, List<SourceIndex> indexes) {
    return new SourceTable(info.schema(), info.table(), info.columns().stream().map(SourceColumn::of).toList(),
        indexes, Optional.empty());
  }

  /** The table's name. */
  public TableRef ref() {
    return new TableRef(schema, table);
  }

  /** The column of that name, in any case. */
  public Optional<SourceColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The index of that name, in any case ({@code PRIMARY} for the primary key). */
  public Optional<SourceIndex> index(String name) {
    return indexes.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The primary key, if there is one. */
  public Optional<SourceIndex> primaryKey() {
    return indexes.stream().filter(i -> i.kind() == SourceIndex.Kind.PRIMARY).findFirst();
  }

  /**
   * The columns replay uses to identify a row: the primary key; without one, the first unique
   * key whose columns are all NOT NULL and whole (InnoDB's own choice of clustered key); else
   * empty (the whole row is its identity).
   */
  public List<String> replicaKey() {
    Optional<SourceIndex> primary = primaryKey();
    if (primary.isPresent()) {
      return primary.get().columns();
    }
    for (SourceIndex index : indexes) {
      if (index.kind() == SourceIndex.Kind.UNIQUE && !index.parts().isEmpty()
          && index.parts().stream().allMatch(p -> p.prefixLength() == 0
              && column(p.column()).map(c -> !c.info().nullable()).orElse(false))) {
        return index.columns();
      }
    }
    return List.of();
  }

  /** The table as the capture side describes it. */
  public TableInfo toTableInfo() {
    return new TableInfo(schema, table, columns.stream().map(SourceColumn::info).toList(),
        primaryKey().map(SourceIndex::columns).orElse(List.of()));
  }

  /** This table under another name. */
  public SourceTable renamed(TableRef to) {
    return new SourceTable(to.schema(), to.table(), columns, indexes, defaultCharset);
  }

  /** This table with other columns. */
  public SourceTable withColumns(List<SourceColumn> newColumns) {
    return new SourceTable(schema, table, newColumns, indexes, defaultCharset);
  }

  /** This table with one column replaced, by name. */
  public SourceTable withColumn(String name, UnaryOperator<SourceColumn> change) {
    return withColumns(columns.stream().map(c -> c.name().equalsIgnoreCase(name) ? change.apply(c) : c).toList());
  }

  /** This table with other indexes. */
  public SourceTable withIndexes(List<SourceIndex> newIndexes) {
    return new SourceTable(schema, table, columns, newIndexes, defaultCharset);
  }

  /** This table with another default charset. */
  public SourceTable withDefaultCharset(Optional<String> charset) {
    return new SourceTable(schema, table, columns, indexes, charset);
  }
}
