package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.InformationSchemaTables;
import io.chameleon.internal.capture.TableInfo;
import io.chameleon.internal.capture.UnsupportedColumnException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a {@link SchemaModel} from the source's {@code information_schema}: every base table
 * of the given databases with its columns ({@link InformationSchemaTables}), keys and indexes
 * ({@code STATISTICS}, with the PostgreSQL names the initial copy gives them), and the
 * databases' and the server's default charsets. The model describes the tables as they are
 * now; the reader then keeps it current from the DDL it reads. Stateless.
 */
public final class SchemaModelLoader {

  private static final Logger log = LoggerFactory.getLogger(SchemaModelLoader.class);

  private SchemaModelLoader() {}

  /**
   * The model of some databases.
   *
   * @param connection a connection to the source server; not closed
   * @param schemas the MySQL databases to describe
   */
  public static SchemaModel load(Connection connection, Collection<String> schemas) throws SQLException {
    SchemaModel model = new SchemaModel();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@character_set_server")) {
      rs.next();
      model.serverCharset(rs.getString(1));
    }
    for (String schema : schemas) {
      charset(connection, schema).ifPresent(charset -> model.schemaCharset(schema, charset));
      Set<String> pgNames = new HashSet<>();
      for (String table : tables(connection, schema)) {
        reload(connection, model, new TableRef(schema, table), pgNames);
      }
    }
    return model;
  }

  /**
   * Describes one table again (after it was re-copied), or removes it from the model when it
   * no longer exists or cannot be captured.
   */
  public static void reload(Connection connection, SchemaModel model, TableRef ref) throws SQLException {
    Set<String> pgNames = new HashSet<>();
    model.tables().stream().filter(t -> t.schema().equals(ref.schema()) && !t.table().equals(ref.table()))
        .forEach(t -> {
          pgNames.add(t.table());
          t.indexes().forEach(i -> i.pgName().ifPresent(pgNames::add));
        });
    reload(connection, model, ref, pgNames);
  }

  private static void reload(Connection connection, SchemaModel model, TableRef ref, Set<String> pgNames)
      throws SQLException {
    Optional<TableInfo> info;
    try {
      info = InformationSchemaTables.read(connection, ref.schema(), ref.table());
    } catch (UnsupportedColumnException e) {
      log.warn("Table {} is left out of the reader's schema model: {}", ref, e.getMessage());
      model.remove(ref);
      return;
    }
    if (info.isEmpty()) {
      model.remove(ref);
      return;
    }
    pgNames.add(ref.table());
    model.put(SourceTable.of(info.get(), indexes(connection, ref, pgNames)));
  }

  private static List<String> tables(Connection connection, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
      statement.setString(1, schema);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  private static Optional<String> charset(Connection connection, String schema) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      statement.setString(1, schema);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** The table's keys and indexes, named in PostgreSQL the way the initial copy names them. */
  private static List<SourceIndex> indexes(Connection connection, TableRef ref, Set<String> pgNames)
      throws SQLException {
    Map<String, SourceIndex.Kind> kinds = new LinkedHashMap<>();
    Map<String, List<SourceIndex.Part>> parts = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, ref.schema());
      statement.setString(2, ref.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String type = rs.getString(3);
          kinds.putIfAbsent(name, name.equals(SourceIndex.PRIMARY) ? SourceIndex.Kind.PRIMARY
              : "FULLTEXT".equalsIgnoreCase(type) ? SourceIndex.Kind.FULLTEXT
              : "SPATIAL".equalsIgnoreCase(type) ? SourceIndex.Kind.SPATIAL
              : rs.getInt(2) == 0 ? SourceIndex.Kind.UNIQUE : SourceIndex.Kind.INDEX);
          String column = rs.getString(4);
          int prefix = rs.getInt(5);
          if (column != null) {
            parts.computeIfAbsent(name, n -> new ArrayList<>()).add(new SourceIndex.Part(column, prefix));
          }
        }
      }
    }
    List<SourceIndex> indexes = new ArrayList<>();
    kinds.forEach((name, kind) -> {
      Optional<String> pgName = Optional.empty();
      if (kind.replicated() && parts.containsKey(name)) {
        String derived = PgIndexNames.derive(ref.table(), name, pgNames::contains);
        pgNames.add(derived);
        pgName = Optional.of(derived);
      }
      indexes.add(new SourceIndex(name, kind, parts.getOrDefault(name, List.of()), pgName));
    });
    return indexes;
  }
}
