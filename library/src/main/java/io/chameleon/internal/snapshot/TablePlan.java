package io.chameleon.internal.snapshot;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.snapshot.SourceTable.ColumnDetail;
import io.chameleon.internal.snapshot.SourceTable.SourceIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one MySQL table becomes one PostgreSQL table: its columns with their PostgreSQL types,
 * defaults, nullability and identity, its primary key and indexes (built after the data), the
 * {@code SELECT} that reads it and the {@code COPY} that loads it. The statements take the schema
 * to load into, so the same plan serves a work schema that is later renamed or moved.
 *
 * <p>Immutable and thread-safe.
 */
final class TablePlan {

  /** How an {@code auto_increment} column keeps numbering in PostgreSQL. */
  enum AutoIncrement { NONE, IDENTITY, SEQUENCE }

  /**
   * One column of the target table.
   *
   * @param source the MySQL column
   * @param pgType its PostgreSQL type, e.g. {@code numeric(20)}
   * @param overridden whether the type came from a type override
   * @param defaultSql the {@code DEFAULT} expression, null for none
   * @param autoIncrement identity, sequence or neither
   * @param sequenceName the identity or sequence's name, null for {@link AutoIncrement#NONE}
   * @param check a {@code CHECK} condition (ENUM and SET labels), null for none
   */
  record Column(ColumnInfo source, String pgType, boolean overridden, String defaultSql,
      AutoIncrement autoIncrement, String sequenceName, String check) {

    String name() {
      return source.name();
    }

    Column withoutDefault() {
      return new Column(source, pgType, overridden, null, autoIncrement, sequenceName, check);
    }
  }

  /**
   * One index built after the data.
   *
   * @param name its PostgreSQL name
   * @param sourceName its MySQL name
   * @param unique whether it is unique
   * @param method {@code btree} or {@code gin}
   * @param elements the index elements, e.g. {@code "a", left("b"::text, 10) DESC}
   */
  record Index(String name, String sourceName, boolean unique, String method, String elements) {}

  private static final Set<String> IDENTITY_TYPES = Set.of("smallint", "integer", "bigint", "int", "int2", "int4", "int8");

  private final SourceTable source;
  private final String pgSchema;
  private final List<Column> columns;
  private final List<CopyValue> values;
  private final String primaryKeyName;
  private final List<Index> indexes;
  private final List<String> warnings;

  private TablePlan(SourceTable source, String pgSchema, List<Column> columns, String primaryKeyName,
      List<Index> indexes, List<String> warnings) {
    this.source = source;
    this.pgSchema = pgSchema;
    this.columns = List.copyOf(columns);
    this.values = this.columns.stream().map(c -> CopyValue.of(c.source())).toList();
    this.primaryKeyName = primaryKeyName;
    this.indexes = List.copyOf(indexes);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Plans a table.
   *
   * @param table the MySQL table
   * @param pgSchema the PostgreSQL schema it lands in
   * @param types the type map with the source's overrides
   * @param mariadb whether the source is MariaDB (how defaults are written)
   * @param usedNames relation names already taken in {@code pgSchema} (tables included); the
   *     names of this table's indexes and sequences are added
   */
  static TablePlan plan(SourceTable table, String pgSchema, PgTypeMap types, boolean mariadb, Set<String> usedNames) {
    String tableName = table.info().table();
    List<String> warnings = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (ColumnInfo column : table.info().columns()) {
      String pgType = types.pgType(column);
      boolean overridden = !pgType.equals(PgTypeMap.exact().pgType(column));
      ColumnDetail detail = table.detail(column);
      AutoIncrement auto = AutoIncrement.NONE;
      String sequence = null;
      String defaultSql = null;
      if (detail.autoIncrement()) {
        auto = IDENTITY_TYPES.contains(pgType.strip().toLowerCase(Locale.ROOT)) ? AutoIncrement.IDENTITY : AutoIncrement.SEQUENCE;
        sequence = SqlText.uniqueRelationName(tableName + "_" + column.name() + "_seq", usedNames);
      } else {
        ColumnDefaults.Translation translation = ColumnDefaults.translate(column, detail.columnDefault(), detail.extra(), mariadb);
        defaultSql = translation.sql().orElse(null);
        translation.untranslated().ifPresent(expression -> warnings.add("column " + column.name()
            + ": default " + expression + " has no PostgreSQL translation; the column gets no default"));
      }
      columns.add(new Column(column, pgType, overridden, defaultSql, auto, sequence, overridden ? null : check(column)));
    }
    String primaryKeyName = null;
    List<Index> indexes = new ArrayList<>();
    for (SourceIndex index : table.indexes()) {
      if (index.primary()) {
        primaryKeyName = SqlText.uniqueRelationName(tableName + "_pkey", usedNames);
        continue;
      }
      if (index.type() != null && index.type().equalsIgnoreCase("SPATIAL")) {
        warnings.add("index " + index.name() + " is SPATIAL: PostgreSQL has no spatial index on bytea (WKB); not built");
        continue;
      }
      if (index.parts().stream().anyMatch(p -> p.column() == null)) {
        warnings.add("index " + index.name() + " indexes an expression: not built");
        continue;
      }
      boolean fulltext = index.type() != null && index.type().equalsIgnoreCase("FULLTEXT");
      String name = SqlText.uniqueRelationName(tableName + "_" + index.name(), usedNames);
      indexes.add(fulltext
          ? new Index(name, index.name(), false, "gin", fulltextElement(index))
          : new Index(name, index.name(), index.unique(), "btree", btreeElements(table, index)));
    }
    return new TablePlan(table, pgSchema, columns, primaryKeyName, indexes, warnings);
  }

  /** The same plan with some columns replaced (e.g. a default PostgreSQL refused taken away). */
  TablePlan withColumns(List<Column> replaced) {
    return new TablePlan(source, pgSchema, replaced, primaryKeyName, indexes, warnings);
  }

  SourceTable source() {
    return source;
  }

  String mysqlSchema() {
    return source.info().schema();
  }

  String mysqlTable() {
    return source.info().table();
  }

  String pgSchema() {
    return pgSchema;
  }

  String pgTable() {
    return source.info().table();
  }

  List<Column> columns() {
    return columns;
  }

  List<CopyValue> values() {
    return values;
  }

  List<Index> indexes() {
    return indexes;
  }

  List<String> primaryKey() {
    return source.info().primaryKey();
  }

  /** What the plan could not carry over (untranslated defaults, skipped indexes), for the log. */
  List<String> warnings() {
    return warnings;
  }

  /** {@code schema.table} on the MySQL side, for messages. */
  String qualifiedName() {
    return source.qualifiedName();
  }

  /** The statements that create the empty table in {@code schema}, sequences first. */
  List<String> createStatements(String schema) {
    List<String> statements = new ArrayList<>();
    for (Column column : columns) {
      if (column.autoIncrement() == AutoIncrement.SEQUENCE) {
        statements.add("CREATE SEQUENCE " + SqlText.pg(schema, column.sequenceName()) + " AS bigint");
      }
    }
    String table = SqlText.pg(schema, pgTable());
    statements.add(columns.stream()
        .map(c -> columnDefinition(schema, c))
        .collect(Collectors.joining(",\n  ", "CREATE TABLE " + table + " (\n  ", "\n)")));
    for (Column column : columns) {
      if (column.autoIncrement() == AutoIncrement.SEQUENCE) {
        statements.add("ALTER SEQUENCE " + SqlText.pg(schema, column.sequenceName()) + " OWNED BY "
            + table + "." + SqlText.pg(column.name()));
      }
    }
    return statements;
  }

  private static String columnDefinition(String schema, Column column) {
    StringBuilder sql = new StringBuilder(SqlText.pg(column.name())).append(' ').append(column.pgType());
    switch (column.autoIncrement()) {
      case IDENTITY -> sql.append(" GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME ")
          .append(SqlText.pg(schema, column.sequenceName())).append(')');
      case SEQUENCE -> sql.append(" DEFAULT nextval(")
          .append(SqlText.pgLiteral(SqlText.pg(schema, column.sequenceName()))).append("::regclass)");
      default -> {
        if (column.defaultSql() != null) {
          sql.append(" DEFAULT ").append(column.defaultSql());
        }
      }
    }
    if (!column.source().nullable()) {
      sql.append(" NOT NULL");
    }
    if (column.check() != null) {
      sql.append(" CHECK (").append(column.check()).append(')');
    }
    return sql.toString();
  }

  /** {@code SELECT} of every column, in the copy's formats, from the MySQL table. */
  String selectSql() {
    return values.stream().map(CopyValue::select)
        .collect(Collectors.joining(", ", "SELECT ", " FROM " + SqlText.mysql(mysqlSchema(), mysqlTable())));
  }

  /** {@code COPY} into the table in {@code schema}, text format, frozen (the table is new in the transaction). */
  String copySql(String schema) {
    return columns.stream().map(c -> SqlText.pg(c.name()))
        .collect(Collectors.joining(", ", "COPY " + SqlText.pg(schema, pgTable()) + " (", ") FROM STDIN (FORMAT text, FREEZE true)"));
  }

  /** Primary key, then indexes, for once the data is in. */
  List<String> afterDataStatements(String schema) {
    String table = SqlText.pg(schema, pgTable());
    List<String> statements = new ArrayList<>();
    if (primaryKeyName != null) {
      statements.add("ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.pg(primaryKeyName) + " PRIMARY KEY ("
          + primaryKey().stream().map(SqlText::pg).collect(Collectors.joining(", ")) + ")");
    }
    for (Index index : indexes) {
      statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + SqlText.pg(index.name()) + " ON "
          + table + " USING " + index.method() + " (" + index.elements() + ")");
    }
    return statements;
  }

  /** The columns numbered by an identity or a sequence. */
  List<Column> autoIncrementColumns() {
    return columns.stream().filter(c -> c.autoIncrement() != AutoIncrement.NONE).toList();
  }

  private static String check(ColumnInfo column) {
    String name = SqlText.pg(column.name());
    if (column.type() == MySqlType.ENUM) {
      // '' is MySQL's value for an invalid ENUM input (index 0); the binlog reader writes it too
      List<String> labels = new ArrayList<>(column.labels());
      if (!labels.contains("")) {
        labels.add("");
      }
      return name + " = ANY (ARRAY[" + labels.stream().map(SqlText::pgLiteral).collect(Collectors.joining(", ")) + "]::text[])";
    }
    if (column.type() == MySqlType.SET) {
      return name + " <@ ARRAY[" + column.labels().stream().map(SqlText::pgLiteral).collect(Collectors.joining(", ")) + "]::text[]";
    }
    return null;
  }

  private static String btreeElements(SourceTable table, SourceIndex index) {
    List<String> elements = new ArrayList<>();
    for (SourceIndex.Part part : index.parts()) {
      String column = SqlText.pg(part.column());
      String element = column;
      if (part.prefixLength() > 0) {
        MySqlType type = table.info().columns().stream().filter(c -> c.name().equals(part.column()))
            .map(ColumnInfo::type).findFirst().orElse(MySqlType.TEXT);
        element = type.isBinary() || type == MySqlType.GEOMETRY
            ? "substring(" + column + " FROM 1 FOR " + part.prefixLength() + ")"
            : "left(" + column + "::text, " + part.prefixLength() + ")";
      }
      elements.add(part.descending() ? element + " DESC" : element);
    }
    return String.join(", ", elements);
  }

  private static String fulltextElement(SourceIndex index) {
    return index.parts().stream()
        .map(p -> "coalesce(" + SqlText.pg(p.column()) + "::text, '')")
        .collect(Collectors.joining(" || ' ' || ", "to_tsvector('simple'::regconfig, ", ")"));
  }
}
