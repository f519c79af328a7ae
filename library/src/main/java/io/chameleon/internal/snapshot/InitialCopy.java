package io.chameleon.internal.snapshot;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_TABLES;
import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.BinlogPosition;
import io.chameleon.ChameleonException;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.SourceConnections;
import io.chameleon.internal.catalog.Catalogue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.impl.DSL;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial copy of a source (pg_chameleon's {@code init_replica}) and the re-copy of some of
 * its tables while it replicates ({@code sync_tables}).
 *
 * <p>Every table the configuration replicates is created in PostgreSQL from MySQL's metadata
 * (types through {@link PgTypeMap} with the source's overrides, defaults, nullability,
 * {@code auto_increment} as an identity or a sequence) and copied under one consistent snapshot
 * (see {@link ConsistentSnapshot} for the lock steps: the global read lock is held only while the
 * coordinates are read and the snapshot transactions opened), several tables at a time, each
 * streamed into {@code COPY} and then given its primary key and indexes. Tables load into work
 * schemas; only when every table is in do they replace the targets, in one transaction with the
 * catalogue's bookkeeping. A failure at any point leaves the previous targets and the catalogue as
 * they were.
 *
 * <p>Values are written exactly as replay writes the same MySQL values from the binlog
 * ({@link CopyValue}). Two decisions follow from PostgreSQL's limits: NUL characters in text are
 * left out (counted in {@link CopyProgress} and logged per column), and a zero date in a NOT NULL
 * column becomes {@value #ZERO_DATE_IN_NOT_NULL_COLUMN} (NULL in a nullable one).
 *
 * <p>One copy per source at a time (a PostgreSQL advisory lock enforces it). The calls block
 * until done; progress is visible meanwhile through the {@link CopyProgress} given at
 * construction. Not thread-safe otherwise: one call at a time per instance.
 */
public final class InitialCopy {

  /**
   * What a MySQL zero date (or zero DATETIME/TIMESTAMP) becomes in a NOT NULL column; in a
   * nullable column it becomes NULL. Replay must write the same.
   */
  public static final String ZERO_DATE_IN_NOT_NULL_COLUMN = "-infinity";

  private static final Logger log = LoggerFactory.getLogger(InitialCopy.class);
  private static final int MAX_WORKERS = 4;
  /** First half of the advisory lock key of a source's copy; the second half is the source id. */
  private static final int COPY_LOCK_CLASS = 0x63686d63; // "chmc"
  private static final String LOAD_SCHEMA_PREFIX = "_chameleon_load_";
  private static final Set<String> RESERVED_SCHEMAS = Set.of(Catalogue.SCHEMA, "pg_catalog", "information_schema", "pg_toast");
  private static final int ER_TABLE_DEF_CHANGED = 1412;

  private final SourceConfig config;
  private final long sourceId;
  private final DataSource postgres;
  private final CopyProgress progress;
  private final PgTypeMap types;

  /** The snapshot's coordinates and the rows copied per table. */
  private record CopyRun(BinlogPosition position, Map<TablePlan, Long> rows) {}

  /**
   * @param config the source: connection, schema mappings, table filters, type overrides, GTID use
   * @param sourceId the source's {@code t_sources.i_id_source}
   * @param postgres the database of the catalogue and the targets; the copy uses up to five
   *     connections at once
   * @param progress updated while a copy runs
   * @throws SourceException if the type overrides are inconsistent
   */
  public InitialCopy(SourceConfig config, long sourceId, DataSource postgres, CopyProgress progress) {
    this.config = Objects.requireNonNull(config, "config");
    this.sourceId = sourceId;
    this.postgres = Objects.requireNonNull(postgres, "postgres");
    this.progress = Objects.requireNonNull(progress, "progress");
    try {
      this.types = PgTypeMap.withOverrides(config.typeOverrides());
    } catch (IllegalArgumentException e) {
      throw new SourceException(config.name(), null, "type overrides: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the mapped schemas and tables and copies every replicated table under one
   * consistent snapshot; records per-table coordinates in {@code t_replica_tables}, sets the
   * source's read position ({@code t_sources.t_binlog_name/i_binlog_position/t_gtid_set}) to the
   * snapshot's coordinates, and empties the source's log tables and unreplayed batches (they
   * predate the snapshot). Each mapped PostgreSQL schema is replaced as a whole: what it held
   * before (and objects depending on it) is dropped. The previous target schemas stay untouched
   * if anything fails. The source's reader and replayer must not run meanwhile.
   *
   * @return the snapshot's binlog coordinates
   * @throws SourceException naming the table and column, and what to do, when a table cannot be
   *     created or copied; or when the source or PostgreSQL cannot be reached
   */
  public BinlogPosition copyAll() {
    Map<String, String> loadSchemas = new LinkedHashMap<>();
    int index = 0;
    for (String target : config.schemaMappings().values()) {
      checkTargetSchema(target);
      loadSchemas.put(target, LOAD_SCHEMA_PREFIX + sourceId + "_" + (++index));
    }
    return withCopyLock(pg -> {
      String[] logTables = logTables(pg);
      try (Connection mysql = openMetadataConnection()) {
        boolean mariadb = isMariaDb(mysql);
        Map<String, Set<String>> usedNames = new HashMap<>();
        List<SourceTable> tables = new ArrayList<>();
        for (SourceTables.Name name : SourceTables.replicated(mysql, config)) {
          describe(mysql, name.schema(), name.table()).ifPresent(table -> {
            tables.add(table);
            usedNames.computeIfAbsent(targetSchema(table), s -> new HashSet<>()).add(table.info().table());
          });
        }
        List<TablePlan> plans = new ArrayList<>();
        for (SourceTable table : tables) {
          plans.add(plan(table, mariadb, usedNames.get(targetSchema(table))));
        }
        plans = validate(pg, plans);
        try {
          dropSchemas(pg, loadSchemas.values());
          try (Statement statement = pg.createStatement()) {
            for (String load : loadSchemas.values()) {
              statement.execute("CREATE SCHEMA " + SqlText.pg(load));
            }
          }
          CopyRun run = copy(mysql, plans, plan -> loadSchemas.get(plan.pgSchema()));
          swapAll(pg, loadSchemas, plans, run, logTables);
          log.info("Source '{}': initial copy of {} table(s) done at {}: {}", config.name(), plans.size(), run.position(), progress);
          return run.position();
        } finally {
          dropSchemasQuietly(pg, loadSchemas.values());
        }
      }
    });
  }

  /**
   * Re-copies just these tables while the replica runs: one snapshot for them, each table
   * swapped in atomically (replacing the previous table of that name), {@code t_replica_tables}
   * updated with the new coordinates and the table re-enabled ({@code b_replica_enabled = true},
   * {@code t_exclusion = null}). The source's read position in {@code t_sources} is not touched.
   *
   * @param qualifiedTables MySQL {@code schema.table} names (a table name may itself hold dots)
   * @return the snapshot's binlog coordinates
   * @throws SourceException if a table does not exist, is not replicated under the
   *     configuration, or cannot be copied; tables swapped in before a failure stay swapped
   * @throws IllegalArgumentException if the list is empty
   */
  public BinlogPosition copyTables(List<String> qualifiedTables) {
    if (qualifiedTables.isEmpty()) {
      throw new IllegalArgumentException("no tables to copy");
    }
    String load = LOAD_SCHEMA_PREFIX + sourceId + "_sync";
    return withCopyLock(pg -> {
      try (Connection mysql = openMetadataConnection()) {
        boolean mariadb = isMariaDb(mysql);
        Map<String, SourceTable> tables = new LinkedHashMap<>();
        for (String qualified : qualifiedTables) {
          SourceTable table = resolve(mysql, qualified);
          tables.putIfAbsent(table.qualifiedName(), table);
        }
        // names taken in each target schema: everything there but the replaced tables and what is theirs
        Map<String, Set<String>> usedNames = new HashMap<>();
        for (SourceTable table : tables.values()) {
          Set<String> others = existingNames(pg, targetSchema(table), table.info().table());
          usedNames.merge(targetSchema(table), others, (a, b) -> {
            a.retainAll(b);
            return a;
          });
        }
        tables.values().forEach(table -> usedNames.get(targetSchema(table)).add(table.info().table()));
        List<TablePlan> plans = new ArrayList<>();
        for (SourceTable table : tables.values()) {
          plans.add(plan(table, mariadb, usedNames.get(targetSchema(table))));
        }
        plans = validate(pg, plans);
        try {
          dropSchemas(pg, List.of(load));
          try (Statement statement = pg.createStatement()) {
            statement.execute("CREATE SCHEMA " + SqlText.pg(load));
          }
          CopyRun run = copy(mysql, plans, plan -> load);
          for (TablePlan plan : plans) {
            swapTable(pg, load, plan, run);
          }
          log.info("Source '{}': re-copied {} at {}: {}", config.name(), tables.keySet(), run.position(), progress);
          return run.position();
        } finally {
          dropSchemasQuietly(pg, List.of(load));
        }
      }
    });
  }

  // ------------------------------------------------------------------------------------ planning

  private Connection openMetadataConnection() throws SQLException {
    Connection connection = SourceConnections.open(config);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION time_zone = '+00:00'"); // TIMESTAMP defaults come as UTC text
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private Optional<SourceTable> describe(Connection mysql, String schema, String table) throws SQLException {
    try {
      return SourceTables.describe(mysql, schema, table);
    } catch (ChameleonException unsupported) {
      throw new SourceException(config.name(), null, unsupported.getMessage(), unsupported);
    }
  }

  private SourceTable resolve(Connection mysql, String qualified) throws SQLException {
    for (String schema : config.schemaMappings().keySet()) {
      if (qualified.startsWith(schema + ".")) {
        String table = qualified.substring(schema.length() + 1);
        Optional<SourceTable> found = describe(mysql, schema, table);
        if (found.isPresent()) {
          if (!config.replicates(schema, table)) {
            throw new SourceException(config.name(), "table " + qualified
                + " is not replicated under this configuration (limitTables/skipTables); change the configuration first");
          }
          return found.get();
        }
      }
    }
    throw new SourceException(config.name(), "table " + qualified + " does not exist in any mapped schema "
        + config.schemaMappings().keySet() + "; give it as schema.table");
  }

  private String targetSchema(SourceTable table) {
    return config.schemaMappings().get(table.info().schema());
  }

  private TablePlan plan(SourceTable table, boolean mariadb, Set<String> usedNames) {
    checkIdentifier(table.qualifiedName(), "table", table.info().table());
    for (ColumnInfo column : table.info().columns()) {
      checkIdentifier(table.qualifiedName() + "." + column.name(), "column", column.name());
    }
    TablePlan plan = TablePlan.plan(table, targetSchema(table), types, mariadb, usedNames);
    for (String warning : plan.warnings()) {
      log.warn("Source '{}': table {}: {}", config.name(), table.qualifiedName(), warning);
    }
    if (!table.transactional()) {
      log.warn("Source '{}': table {} uses the {} engine, which a consistent snapshot does not cover: writes to it"
          + " while the copy runs may be missing from the copy or replayed twice", config.name(), table.qualifiedName(), table.engine());
    }
    return plan;
  }

  private void checkIdentifier(String where, String what, String name) {
    if (SqlText.utf8Length(name) > SqlText.MAX_PG_IDENTIFIER_BYTES) {
      throw new SourceException(config.name(), what + " " + where + ": the name is longer than "
          + SqlText.MAX_PG_IDENTIFIER_BYTES + " bytes, which PostgreSQL cannot hold; rename it or exclude the table (skipTables)");
    }
  }

  private void checkTargetSchema(String schema) {
    String lower = schema.toLowerCase(Locale.ROOT);
    if (RESERVED_SCHEMAS.contains(lower) || lower.startsWith("pg_") || lower.startsWith(LOAD_SCHEMA_PREFIX)) {
      throw new SourceException(config.name(), "cannot copy into PostgreSQL schema '" + schema
          + "': it is reserved; map the MySQL schema to another PostgreSQL schema");
    }
  }

  /**
   * Checks every PostgreSQL type before anything is created (a bad override fails here, naming
   * the column), and every default against its column's type (a default PostgreSQL refuses is
   * dropped with a warning: defaults do not affect replicated data).
   */
  private List<TablePlan> validate(Connection pg, List<TablePlan> plans) throws SQLException {
    Map<String, Boolean> knownTypes = new HashMap<>();
    List<TablePlan> checked = new ArrayList<>();
    for (TablePlan plan : plans) {
      List<TablePlan.Column> columns = new ArrayList<>();
      boolean changed = false;
      for (TablePlan.Column column : plan.columns()) {
        Boolean known = knownTypes.get(column.pgType());
        if (known == null) {
          known = typeExists(pg, column.pgType());
          knownTypes.put(column.pgType(), known);
        }
        if (!known) {
          throw new SourceException(config.name(), "column " + plan.qualifiedName() + "." + column.name() + " ("
              + PgTypeMap.mysqlType(column.source()) + "): PostgreSQL has no type '" + column.pgType() + "'"
              + (column.overridden() ? ", which a type override asks for; fix the override in typeOverrides" : "")
              + ", or exclude the table (skipTables)");
        }
        if (column.defaultSql() != null && !defaultFits(pg, column)) {
          log.warn("Source '{}': column {}.{}: PostgreSQL refuses the default {} for type {}; the column gets no default",
              config.name(), plan.qualifiedName(), column.name(), column.defaultSql(), column.pgType());
          column = column.withoutDefault();
          changed = true;
        }
        columns.add(column);
      }
      checked.add(changed ? plan.withColumns(columns) : plan);
    }
    return checked;
  }

  private static boolean typeExists(Connection pg, String type) {
    try (PreparedStatement statement = pg.prepareStatement("SELECT pg_catalog.to_regtype(?) IS NOT NULL")) {
      statement.setString(1, type);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    } catch (SQLException syntaxError) {
      return false;
    }
  }

  /** The type has passed {@link #typeExists}, and the default is our own literal or function. */
  private static boolean defaultFits(Connection pg, TablePlan.Column column) {
    try (Statement statement = pg.createStatement()) {
      statement.executeQuery("SELECT CAST(" + column.defaultSql() + " AS " + column.pgType() + ")").close();
      return true;
    } catch (SQLException refused) {
      return false;
    }
  }

  /** Relation names in the schema, except the table's own and its indexes' and sequences'. */
  private static Set<String> existingNames(Connection pg, String schema, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement statement = pg.prepareStatement(
        "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND NOT EXISTS ("
            + "   SELECT 1 FROM pg_catalog.pg_class t JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
            + "    WHERE tn.nspname = n.nspname AND t.relname = ? AND (c.oid = t.oid"
            + "      OR c.oid IN (SELECT indexrelid FROM pg_catalog.pg_index WHERE indrelid = t.oid)"
            + "      OR c.oid IN (SELECT objid FROM pg_catalog.pg_depend WHERE refobjid = t.oid"
            + "                    AND classid = 'pg_catalog.pg_class'::regclass AND deptype IN ('a', 'i'))))")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          names.add(result.getString(1));
        }
      }
    }
    return names;
  }

  // --------------------------------------------------------------------------------------- copy

  private CopyRun copy(Connection mysql, List<TablePlan> plans, Function<TablePlan, String> loadSchemaOf)
      throws SQLException {
    int workers = Math.max(1, Math.min(MAX_WORKERS, plans.size()));
    progress.start(plans.size(), plans.stream().mapToLong(p -> p.source().rowsEstimate()).sum());
    try (ConsistentSnapshot snapshot = ConsistentSnapshot.open(config, workers)) {
      checkUnchanged(mysql, plans, snapshot.position());
      Map<TablePlan, Long> rows = new ConcurrentHashMap<>();
      if (!plans.isEmpty()) {
        runWorkers(snapshot, plans, loadSchemaOf, rows);
      }
      return new CopyRun(snapshot.position(), rows);
    }
  }

  /**
   * The tables were described before the snapshot; a DDL statement in between would make the
   * copy disagree with its own table definitions, and would not be replayed (it is before the
   * coordinates). Described again now, they must not have changed.
   */
  private void checkUnchanged(Connection mysql, List<TablePlan> plans, BinlogPosition position) throws SQLException {
    for (TablePlan plan : plans) {
      Optional<SourceTable> now = describe(mysql, plan.mysqlSchema(), plan.mysqlTable());
      if (now.isEmpty() || !now.get().info().equals(plan.source().info())) {
        throw new SourceException(config.name(), position, "table " + plan.qualifiedName()
            + " was altered or dropped while the copy started; run the copy again", null);
      }
    }
  }

  private void runWorkers(ConsistentSnapshot snapshot, List<TablePlan> plans, Function<TablePlan, String> loadSchemaOf,
      Map<TablePlan, Long> rows) {
    List<TablePlan> largestFirst = new ArrayList<>(plans);
    largestFirst.sort(Comparator.comparingLong((TablePlan p) -> p.source().rowsEstimate()).reversed());
    ConcurrentLinkedQueue<TablePlan> queue = new ConcurrentLinkedQueue<>(largestFirst);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(snapshot.size(), task -> {
      Thread thread = new Thread(task, "chameleon-" + config.name() + "-copy-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < snapshot.size(); w++) {
        Connection connection = snapshot.connection(w);
        futures.add(pool.submit(() -> {
          TableCopier copier = new TableCopier(config.name(), postgres, progress, () -> failure.get() != null);
          TablePlan plan;
          while (failure.get() == null && (plan = queue.poll()) != null) {
            try {
              long copied = copier.copy(plan, connection, loadSchemaOf.apply(plan));
              rows.put(plan, copied);
              progress.tableDone(plan.source().rowsEstimate(), copied);
            } catch (CancellationException cancelled) {
              return;
            } catch (SQLException | RuntimeException e) {
              failure.compareAndSet(null, tableFailure(plan, snapshot.position(), e));
              return;
            }
          }
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          failure.compareAndSet(null, new SourceException(config.name(), snapshot.position(),
              "a copy worker failed: " + e.getCause(), e.getCause()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, new SourceException(config.name(), snapshot.position(), "the copy was interrupted", e));
      snapshot.abortAll();
      pool.shutdownNow();
    } finally {
      pool.shutdown();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private SourceException tableFailure(TablePlan plan, BinlogPosition position, Exception e) {
    String what = "table " + plan.qualifiedName() + " (into " + plan.pgSchema() + "." + plan.pgTable() + "): ";
    if (e instanceof PSQLException pg) {
      String state = Objects.toString(pg.getSQLState(), "");
      String advice;
      if (state.equals("22008") || state.equals("22007")) {
        advice = "a date or time value does not fit its PostgreSQL type (a TIME outside 00:00..24:00 needs the type"
            + " override \"time\" -> \"interval\")";
      } else if (state.startsWith("22")) {
        advice = "a value does not fit its PostgreSQL type: check the type overrides of that column";
      } else if (state.equals("23505")) {
        advice = "a unique index of the MySQL table does not hold in PostgreSQL (values MySQL's collation treats as"
            + " equal, or text that differed only by NUL characters)";
      } else {
        advice = "PostgreSQL refused the table";
      }
      return new SourceException(config.name(), position, what + advice + ": " + pg.getMessage(), e);
    }
    if (e instanceof SQLException mysql && mysql.getErrorCode() == ER_TABLE_DEF_CHANGED) {
      return new SourceException(config.name(), position, what + "it was altered after the snapshot started; run the copy again", e);
    }
    if (e instanceof SourceException source) {
      return source;
    }
    return new SourceException(config.name(), position, what + e.getMessage(), e);
  }

  // --------------------------------------------------------------------------------------- swap

  /** The load schemas become the targets, and the catalogue follows, in one transaction. */
  private void swapAll(Connection pg, Map<String, String> loadSchemas, List<TablePlan> plans, CopyRun run,
      String[] logTables) throws SQLException {
    inTransaction(pg, dsl -> {
      try (Statement statement = pg.createStatement()) {
        for (Map.Entry<String, String> schemas : loadSchemas.entrySet()) {
          statement.execute("DROP SCHEMA IF EXISTS " + SqlText.pg(schemas.getKey()) + " CASCADE");
          statement.execute("ALTER SCHEMA " + SqlText.pg(schemas.getValue()) + " RENAME TO " + SqlText.pg(schemas.getKey()));
        }
      }
      List<Row2<String, String>> copied = new ArrayList<>();
      for (TablePlan plan : plans) {
        recordTable(dsl, plan, run);
        copied.add(DSL.row(plan.mysqlSchema(), plan.mysqlTable()));
      }
      dsl.deleteFrom(T_REPLICA_TABLES)
          .where(T_REPLICA_TABLES.I_ID_SOURCE.eq(sourceId))
          .and(copied.isEmpty() ? DSL.trueCondition()
              : DSL.row(T_REPLICA_TABLES.V_SCHEMA_NAME, T_REPLICA_TABLES.V_TABLE_NAME).notIn(copied))
          .execute();
      BinlogPosition position = run.position();
      dsl.update(T_SOURCES)
          .set(T_SOURCES.T_BINLOG_NAME, position.file())
          .set(T_SOURCES.I_BINLOG_POSITION, position.position())
          .set(T_SOURCES.T_GTID_SET, position.gtidSet().orElse(null))
          .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
          .execute();
      for (String logTable : logTables) {
        dsl.truncate(DSL.table(DSL.name(Catalogue.SCHEMA, logTable))).execute();
      }
      dsl.deleteFrom(T_REPLICA_BATCH)
          .where(T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId))
          .and(T_REPLICA_BATCH.B_REPLAYED.isFalse())
          .execute();
    });
  }

  /** One re-copied table replaces the previous one, with its catalogue row, in one transaction. */
  private void swapTable(Connection pg, String load, TablePlan plan, CopyRun run) throws SQLException {
    inTransaction(pg, dsl -> {
      try (Statement statement = pg.createStatement()) {
        String target = SqlText.pg(plan.pgSchema());
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + target);
        statement.execute("DROP TABLE IF EXISTS " + SqlText.pg(plan.pgSchema(), plan.pgTable()));
        statement.execute("ALTER TABLE " + SqlText.pg(load, plan.pgTable()) + " SET SCHEMA " + target);
      } catch (PSQLException e) {
        throw new SourceException(config.name(), run.position(), "table " + plan.qualifiedName() + ": cannot replace "
            + plan.pgSchema() + "." + plan.pgTable() + " (" + e.getMessage() + "); objects that depend on it"
            + " (views, foreign keys) must be dropped first", e);
      }
      recordTable(dsl, plan, run);
    });
  }

  private void recordTable(DSLContext dsl, TablePlan plan, CopyRun run) {
    BinlogPosition position = run.position();
    String[] key = plan.primaryKey().toArray(new String[0]);
    long rows = run.rows().getOrDefault(plan, 0L);
    String gtid = position.gtidSet().orElse(null);
    dsl.insertInto(T_REPLICA_TABLES)
        .set(T_REPLICA_TABLES.I_ID_SOURCE, sourceId)
        .set(T_REPLICA_TABLES.V_SCHEMA_NAME, plan.mysqlSchema())
        .set(T_REPLICA_TABLES.V_TABLE_NAME, plan.mysqlTable())
        .set(T_REPLICA_TABLES.V_SCHEMA_NAME_PG, plan.pgSchema())
        .set(T_REPLICA_TABLES.V_TABLE_NAME_PG, plan.pgTable())
        .set(T_REPLICA_TABLES.V_TABLE_PKEY, key)
        .set(T_REPLICA_TABLES.T_BINLOG_NAME, position.file())
        .set(T_REPLICA_TABLES.I_BINLOG_POSITION, position.position())
        .set(T_REPLICA_TABLES.T_GTID_SET, gtid)
        .set(T_REPLICA_TABLES.B_REPLICA_ENABLED, true)
        .setNull(T_REPLICA_TABLES.T_EXCLUSION)
        .setNull(T_REPLICA_TABLES.TS_EXCLUDED)
        .set(T_REPLICA_TABLES.TS_COPIED, DSL.currentOffsetDateTime())
        .set(T_REPLICA_TABLES.I_ROWS_COPIED, rows)
        .onConflict(T_REPLICA_TABLES.I_ID_SOURCE, T_REPLICA_TABLES.V_TABLE_NAME, T_REPLICA_TABLES.V_SCHEMA_NAME)
        .doUpdate()
        .set(T_REPLICA_TABLES.V_SCHEMA_NAME_PG, plan.pgSchema())
        .set(T_REPLICA_TABLES.V_TABLE_NAME_PG, plan.pgTable())
        .set(T_REPLICA_TABLES.V_TABLE_PKEY, key)
        .set(T_REPLICA_TABLES.T_BINLOG_NAME, position.file())
        .set(T_REPLICA_TABLES.I_BINLOG_POSITION, position.position())
        .set(T_REPLICA_TABLES.T_GTID_SET, gtid)
        .set(T_REPLICA_TABLES.B_REPLICA_ENABLED, true)
        .setNull(T_REPLICA_TABLES.T_EXCLUSION)
        .setNull(T_REPLICA_TABLES.TS_EXCLUDED)
        .set(T_REPLICA_TABLES.TS_COPIED, DSL.currentOffsetDateTime())
        .set(T_REPLICA_TABLES.I_ROWS_COPIED, rows)
        .execute();
  }

  // ------------------------------------------------------------------------------------ helpers

  @FunctionalInterface
  private interface PgWork<T> {
    T run(Connection pg) throws SQLException;
  }

  @FunctionalInterface
  private interface CatalogueWork {
    void run(DSLContext dsl) throws SQLException;
  }

  /** Runs the work on an autocommit connection holding the source's copy lock. */
  private BinlogPosition withCopyLock(PgWork<BinlogPosition> work) {
    try (Connection pg = postgres.getConnection()) {
      pg.setAutoCommit(true);
      if (!advisoryLock(pg, "pg_try_advisory_lock")) {
        throw new SourceException(config.name(), "another copy of this source is running");
      }
      try {
        return work.run(pg);
      } finally {
        progress.finish();
        try {
          advisoryLock(pg, "pg_advisory_unlock");
        } catch (SQLException e) {
          log.debug("Releasing the copy lock of source {} failed; it ends with the session", sourceId, e);
        }
      }
    } catch (SQLException e) {
      throw new SourceException(config.name(), null, "copy failed: " + e.getMessage(), e);
    } catch (org.jooq.exception.DataAccessException e) {
      throw new SourceException(config.name(), null, "catalogue database error: " + e.getMessage(), e);
    }
  }

  private boolean advisoryLock(Connection pg, String function) throws SQLException {
    try (PreparedStatement statement = pg.prepareStatement(
        "SELECT pg_catalog." + function + "(" + COPY_LOCK_CLASS + ", ?::integer)")) {
      statement.setLong(1, sourceId);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private static void inTransaction(Connection pg, CatalogueWork work) throws SQLException {
    pg.setAutoCommit(false);
    try {
      work.run(Catalogue.on(pg));
      pg.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        pg.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      pg.setAutoCommit(true);
    }
  }

  /** The source's two log tables; fails when the source is not in the catalogue. */
  private String[] logTables(Connection pg) {
    String[] tables = Catalogue.on(pg)
        .select(T_SOURCES.V_LOG_TABLE)
        .from(T_SOURCES)
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .fetchOptional(T_SOURCES.V_LOG_TABLE)
        .orElseThrow(() -> new SourceException(config.name(), "source id " + sourceId + " is not in the catalogue; addSource first"));
    return tables == null ? new String[0] : tables;
  }

  private static void dropSchemas(Connection pg, Iterable<String> schemas) throws SQLException {
    try (Statement statement = pg.createStatement()) {
      for (String schema : schemas) {
        statement.execute("DROP SCHEMA IF EXISTS " + SqlText.pg(schema) + " CASCADE");
      }
    }
  }

  private static void dropSchemasQuietly(Connection pg, Iterable<String> schemas) {
    try {
      if (!pg.getAutoCommit()) {
        pg.rollback();
        pg.setAutoCommit(true);
      }
      dropSchemas(pg, schemas);
    } catch (SQLException e) {
      log.warn("Could not drop the copy's work schemas {}: {}", schemas, e.getMessage());
    }
  }

  private static boolean isMariaDb(Connection mysql) throws SQLException {
    try (Statement statement = mysql.createStatement(); ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
      return rows.next() && rows.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
    }
  }
}
