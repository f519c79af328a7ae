package io.chameleon.internal.ddl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DdlParser} made of one statement: a DDL form the translator knows, a statement
 * with no meaning for replicated data, or one it cannot read. Table names are resolved: each
 * table's schema is the statement's own qualifier, else the session's default database.
 * Immutable.
 */
public sealed interface ParsedDdl {

  /**
   * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t (...)}.
   *
   * @param table the new table
   * @param orReplace MariaDB's OR REPLACE: an existing table is dropped first
   * @param ifNotExists nothing happens if the table exists
   * @param columns the columns in order
   * @param indexes the keys and indexes declared apart from the columns, in order; names empty
   *     where the statement gave none (MySQL names those, see {@link DdlTranslator})
   * @param charset the table's default charset ({@code DEFAULT CHARSET=}), or the charset of
   *     its {@code COLLATE=}; empty when it takes the database's
   * @param ignored clauses read and ignored (engine, table options, partitioning, foreign keys,
   *     checks), for the record
   */
  record CreateTable(TableRef table, boolean orReplace, boolean ifNotExists, List<ColumnSpec> columns,
      List<IndexSpec> indexes, Optional<String> charset, List<String> ignored) implements ParsedDdl {
    /** Copies the lists. */
    public CreateTable {
      columns = List.copyOf(columns);
      indexes = List.copyOf(indexes);
      ignored = List.copyOf(ignored);
    }
  }

  /**
   * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t LIKE source}.
   *
   * @param table the new table
   * @param like the table whose definition it copies
   * @param orReplace an existing table is dropped first
   * @param ifNotExists nothing happens if the table exists
   */
  record CreateTableLike(TableRef table, TableRef like, boolean orReplace, boolean ifNotExists) implements ParsedDdl {}

  /**
   * {@code ALTER TABLE t clause, ...}; also what {@code CREATE INDEX} and {@code DROP INDEX}
   * become (MySQL itself runs them as ALTER TABLE).
   *
   * @param table the table
   * @param actions the clauses that matter for replicated data, in statement order
   * @param ignored the clauses read and ignored ({@code ALGORITHM=INPLACE}, {@code ENGINE=...},
   *     ...), as written
   */
  record AlterTable(TableRef table, List<AlterAction> actions, List<String> ignored) implements ParsedDdl {
    /** Copies the lists. */
    public AlterTable {
      actions = List.copyOf(actions);
      ignored = List.copyOf(ignored);
    }
  }

  /**
   * {@code DROP TABLE [IF EXISTS] a, b, ...}.
   *
   * @param tables the tables in statement order
   * @param ifExists missing tables are no error
   */
  record DropTables(List<TableRef> tables, boolean ifExists) implements ParsedDdl {
    /** Copies the list. */
    public DropTables {
      tables = List.copyOf(tables);
    }
  }

  /** {@code TRUNCATE [TABLE] t}. */
  record TruncateTable(TableRef table) implements ParsedDdl {}

  /**
   * {@code RENAME TABLE a TO b, c TO d}: applied one pair after the other, as MySQL does.
   *
   * @param renames the pairs in order
   */
  record RenameTables(List<Rename> renames) implements ParsedDdl {
    /** Copies the list. */
    public RenameTables {
      renames = List.copyOf(renames);
    }
  }

  /** One pair of a {@link RenameTables}. */
  record Rename(TableRef from, TableRef to) {}

  /**
   * A statement with no meaning for replicated data (views, triggers, routines, grants,
   * temporary tables, table maintenance, ...).
   *
   * @param reason why, for the record
   * @param tables the tables it names, where known
   */
  record NoReplicaMeaning(String reason, List<TableRef> tables) implements ParsedDdl {
    /** Copies the list. */
    public NoReplicaMeaning {
      Objects.requireNonNull(reason, "reason");
      tables = List.copyOf(tables);
    }
  }

  /**
   * A statement that could not be read, or that changes replicated data in a way replay cannot
   * follow (a partition dropped or truncated).
   *
   * @param reason what went wrong
   * @param table the table it names, when that much could be read
   */
  record Unreadable(String reason, Optional<TableRef> table) implements ParsedDdl {
    /** Checks the reason. */
    public Unreadable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(table, "table");
    }
  }

  /**
   * A key or index as a statement declares it.
   *
   * @param name the MySQL name; empty where the statement gave none
   * @param kind what kind of index
   * @param parts the indexed columns; empty for a functional index ({@code ((expr))})
   */
  record IndexSpec(Optional<String> name, SourceIndex.Kind kind, List<SourceIndex.Part> parts) {
    /** Copies the parts. */
    public IndexSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      parts = List.copyOf(parts);
    }
  }

  /** One clause of an {@link AlterTable}. */
  sealed interface AlterAction {}

  /**
   * Where a column goes: {@code FIRST} or {@code AFTER c}. PostgreSQL cannot reorder columns
   * (replay works by name), but the binlog's row images follow the MySQL order, so the model
   * must.
   *
   * @param after the column it follows; empty for FIRST
   */
  record Position(Optional<String> after) {
    /** {@code FIRST}. */
    public static final Position FIRST = new Position(Optional.empty());

    /** {@code FIRST} or {@code AFTER c}, as written. */
    @Override
    public String toString() {
      return after.map(c -> "AFTER " + c).orElse("FIRST");
    }
  }

  /** {@code ADD [COLUMN] [IF NOT EXISTS] definition [FIRST | AFTER c]}; position empty means last. */
  record AddColumn(ColumnSpec column, boolean ifNotExists, Optional<Position> position) implements AlterAction {}

  /** {@code DROP [COLUMN] [IF EXISTS] c}. */
  record DropColumn(String column, boolean ifExists) implements AlterAction {}

  /**
   * {@code MODIFY [COLUMN] [IF EXISTS] definition} (then {@code oldName} is the definition's
   * name) or {@code CHANGE [COLUMN] [IF EXISTS] oldName definition}.
   */
  record ModifyColumn(String oldName, ColumnSpec column, boolean ifExists, Optional<Position> position)
      implements AlterAction {}

  /** {@code RENAME COLUMN [IF EXISTS] a TO b}. */
  record RenameColumn(String from, String to, boolean ifExists) implements AlterAction {}

  /**
   * {@code ALTER [COLUMN] c SET DEFAULT v} or {@code ... DROP DEFAULT}.
   *
   * @param value the new default; empty for DROP DEFAULT
   */
  record AlterDefault(String column, Optional<DefaultValue> value) implements AlterAction {}

  /** {@code ADD [CONSTRAINT [s]] {PRIMARY KEY | UNIQUE | INDEX | KEY | FULLTEXT | SPATIAL} ...}. */
  record AddIndex(IndexSpec index, boolean ifNotExists) implements AlterAction {}

  /** {@code DROP {INDEX | KEY} [IF EXISTS] name}; {@code DROP PRIMARY KEY} has the name {@code PRIMARY}. */
  record DropIndex(String name, boolean ifExists) implements AlterAction {}

  /**
   * {@code DROP CONSTRAINT name}: drops the unique key of that name if there is one (MariaDB and
   * MySQL 8 name unique keys as constraints); a CHECK or FOREIGN KEY constraint means nothing
   * here.
   */
  record DropConstraint(String name) implements AlterAction {}

  /** {@code RENAME {INDEX | KEY} a TO b}. */
  record RenameIndex(String from, String to) implements AlterAction {}

  /** {@code RENAME [TO | AS] [schema.]name}. */
  record RenameTable(TableRef to) implements AlterAction {}

  /** {@code [DEFAULT] CHARACTER SET x}: the charset of columns added later. */
  record DefaultCharset(String charset) implements AlterAction {}

  /** {@code CONVERT TO CHARACTER SET x}: every text column now holds that charset. */
  record ConvertCharset(String charset) implements AlterAction {}
}
