package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.TableInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reader's view of the source tables: per MySQL schema, per table, the ordered columns, the
 * keys and indexes (with their PostgreSQL names) and the default charsets. Seeded from
 * {@link TableInfo}s (the init copy's or information_schema's view) and kept current by
 * applying each translated DDL ({@link #apply(DdlOutcome)}), so that row events after an
 * {@code ALTER} decode with the new column list even without binlog row metadata
 * ({@link SourceTable#toTableInfo()}).
 *
 * <p>Charsets: a text column defined without a charset takes its table's default, else its
 * database's ({@link #schemaCharset}), else the server's ({@link #serverCharset}, utf8mb4 unless
 * set: MariaDB 11.4's and MySQL 8's default).
 *
 * <p>Not thread-safe: owned by the source's reader thread. {@link DdlTranslator} only reads it.
 */
public final class SchemaModel {

  private final Map<String, Map<String, SourceTable>> schemas = new TreeMap<>();
  private final Map<String, String> schemaCharsets = new HashMap<>();
  private String serverCharset = "utf8mb4";

  /** An empty model. */
  public SchemaModel() {}

  /** A model seeded with these tables (see {@link SourceTable#of(TableInfo)}). */
  public static SchemaModel of(Collection<TableInfo> tables) {
    SchemaModel model = new SchemaModel();
    tables.forEach(model::seed);
    return model;
  }

  /** A deep copy (tables are immutable, so only the maps are copied). */
  public SchemaModel copy() {
    SchemaModel copy = new SchemaModel();
    schemas.forEach((schema, tables) -> copy.schemas.put(schema, new TreeMap<>(tables)));
    copy.schemaCharsets.putAll(schemaCharsets);
    copy.serverCharset = serverCharset;
    return copy;
  }

  /** Adds or replaces a table as information_schema describes it. */
  public void seed(TableInfo table) {
    put(SourceTable.of(table));
  }

  /** Adds or replaces a table. */
  public void put(SourceTable table) {
    schemas.computeIfAbsent(table.schema(), s -> new TreeMap<>()).put(table.table(), table);
  }

  /** Removes a table; nothing happens if it is not there. */
  public void remove(TableRef table) {
    Map<String, SourceTable> tables = schemas.get(table.schema());
    if (tables != null) {
      tables.remove(table.table());
      if (tables.isEmpty()) {
        schemas.remove(table.schema());
      }
    }
  }

  /** The table, if the model has it. */
  public Optional<SourceTable> table(TableRef table) {
    return table(table.schema(), table.table());
  }

  /** The table, if the model has it. */
  public Optional<SourceTable> table(String schema, String table) {
    return Optional.ofNullable(schemas.getOrDefault(schema, Map.of()).get(table));
  }

  /** Every table, by schema then table name. */
  public List<SourceTable> tables() {
    List<SourceTable> all = new ArrayList<>();
    schemas.values().forEach(t -> all.addAll(t.values()));
    return all;
  }

  /** Applies an outcome's model changes, in order; nothing for SKIP and FAIL. */
  public void apply(DdlOutcome outcome) {
    for (DdlOutcome.ModelChange change : outcome.changes()) {
      if (change instanceof DdlOutcome.Put put) {
        put(put.table());
      } else if (change instanceof DdlOutcome.Remove remove) {
        remove(remove.table());
      }
    }
  }

  /**
   * Sets a database's default charset ({@code information_schema.SCHEMATA.DEFAULT_CHARACTER_SET_NAME}).
   *
   * @param schema the MySQL database
   * @param mysqlCharset e.g. {@code latin1}
   */
  public void schemaCharset(String schema, String mysqlCharset) {
    schemaCharsets.put(schema, mysqlCharset.toLowerCase(Locale.ROOT));
  }

  /** Sets the server's default charset ({@code character_set_server}), for databases without one. */
  public void serverCharset(String mysqlCharset) {
    serverCharset = Objects.requireNonNull(mysqlCharset, "mysqlCharset").toLowerCase(Locale.ROOT);
  }

  /** The charset of text columns created in a database without one of their own or of their table. */
  public String charsetOf(String schema) {
    return schemaCharsets.getOrDefault(schema, serverCharset);
  }

  @Override
  public String toString() {
    return "SchemaModel" + schemas.keySet();
  }
}
