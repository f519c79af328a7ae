package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.generated.Tables.T_DDL_LOG;
import static io.chameleon.internal.catalog.generated.Tables.T_ERROR_LOG;
import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_TABLES;

import io.chameleon.BinlogPosition;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.generated.tables.records.TReplicaBatchRecord;
import io.chameleon.internal.ddl.DdlEvent;
import io.chameleon.internal.ddl.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one DDL event of a batch, in the batch's transaction, between the row events before
 * and after it, and records it in {@code t_ddl_log} as applied, skipped or failed.
 *
 * <ul>
 *   <li>The reader translated the statement ({@link DdlEvent}); replay runs its PostgreSQL
 *       statements under a savepoint and then registers the tables it created, renamed or
 *       dropped in {@code t_replica_tables}, with their new keys.
 *   <li>A statement older than the snapshot of a table it touches is already in that table's
 *       copy, and a statement on an excluded table waits for the table's re-sync: both are
 *       skipped.
 *   <li>A statement the reader could not translate excludes the tables it names, whatever the
 *       error policy: the reader has gone on and the other tables keep replicating. A
 *       translation PostgreSQL refuses follows the policy, like a row event that fails.
 * </ul>
 */
final class DdlReplay {

  private static final Logger log = LoggerFactory.getLogger(DdlReplay.class);

  /** What happened to one DDL event. */
  enum Outcome { APPLIED, SKIPPED, FAILED }

  private final SourceConfig config;
  private final long sourceId;
  private final BatchReplayer.Listener listener;

  DdlReplay(SourceConfig config, long sourceId, BatchReplayer.Listener listener) {
    this.config = config;
    this.sourceId = sourceId;
    this.listener = listener;
  }

  /** The DDL event of a slice as the reader logged it. */
  private record Logged(String statement, String defaultSchema, BinlogPosition position, Optional<DdlEvent> event) {}

  Outcome replay(Connection connection, TReplicaBatchRecord batch, LogSlice slice, TargetTables tables)
      throws SQLException, ReplayFailure {
    DSLContext dsl = Catalogue.on(connection);
    Logged logged = read(connection, slice);
    if (logged.event().isEmpty()) {
      record(dsl, batch, logged, Outcome.FAILED, List.of(),
          "logged without a translation (by pg_chameleon or an older version of this library): not replayed", List.of());
      return Outcome.FAILED;
    }
    DdlEvent event = logged.event().get();
    List<TableRef> touched = touched(event);
    switch (event.kind()) {
      case SKIP -> {
        record(dsl, batch, logged, Outcome.SKIPPED, touched, event.reasonText().orElse("no meaning for replicated data"),
            List.of());
        return Outcome.SKIPPED;
      }
      case FAIL -> {
        String reason = event.reasonText().orElse("cannot be translated");
        List<TableRef> copiedBefore = touched.stream().filter(ref -> copiedAfter(tables, ref, logged)).toList();
        List<TableRef> affected = touched.stream().filter(ref -> !copiedBefore.contains(ref)).toList();
        exclude(dsl, tables, affected, "DDL at " + logged.position() + " cannot be replicated (" + reason + "): "
            + logged.statement());
        record(dsl, batch, logged, Outcome.FAILED, touched, reason, List.of());
        return Outcome.FAILED;
      }
      default -> {
        return apply(connection, dsl, batch, logged, event, touched, tables);
      }
    }
  }

  private Outcome apply(Connection connection, DSLContext dsl, TReplicaBatchRecord batch, Logged logged,
      DdlEvent event, List<TableRef> touched, TargetTables tables) throws SQLException, ReplayFailure {
    for (TableRef ref : touched) {
      Optional<TargetTable> table = tables.find(ref.schema(), ref.table());
      if (table.isEmpty()) {
        continue;
      }
      if (copiedAfter(tables, ref, logged)) {
        record(dsl, batch, logged, Outcome.SKIPPED, touched, "already in the copy of " + ref + " taken at "
            + table.get().snapshot().orElseThrow(), List.of());
        return Outcome.SKIPPED;
      }
      if (!table.get().enabled() && !event.changes().stream().allMatch(DdlEvent.Change::removed)) {
        record(dsl, batch, logged, Outcome.SKIPPED, touched, ref + " is excluded until it is re-synced", List.of());
        return Outcome.SKIPPED;
      }
    }
    Savepoint before = connection.setSavepoint();
    String running = null;
    try (Statement statement = connection.createStatement()) {
      for (String sql : event.statements()) {
        running = sql;
        statement.execute(sql);
      }
      register(dsl, tables, event);
      connection.releaseSavepoint(before);
    } catch (SQLException e) {
      connection.rollback(before);
      String message = "DDL at " + logged.position() + " (" + logged.statement() + ") failed on PostgreSQL at "
          + running + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]";
      if (config.onError() == SourceConfig.OnError.EXIT) {
        connection.rollback();
        recordError(dsl, batch, logged, touched, e);
        connection.commit();
        throw new ReplayFailure(new SourceException(config.name(), logged.position(), message
            + "; the source is stopped. Fix the target, then enableReplica and startReplica", e));
      }
      recordError(dsl, batch, logged, touched, e);
      exclude(dsl, tables, touched, message);
      record(dsl, batch, logged, Outcome.FAILED, touched, e.getMessage(), event.statements());
      return Outcome.FAILED;
    }
    record(dsl, batch, logged, Outcome.APPLIED, touched, null, event.statements());
    return Outcome.APPLIED;
  }

  /** Registers created and renamed tables, forgets dropped ones, updates changed keys. */
  private void register(DSLContext dsl, TargetTables tables, DdlEvent event) {
    for (DdlEvent.Change change : event.changes()) {
      var row = T_REPLICA_TABLES.I_ID_SOURCE.eq(sourceId)
          .and(T_REPLICA_TABLES.V_SCHEMA_NAME.eq(change.schema()))
          .and(T_REPLICA_TABLES.V_TABLE_NAME.eq(change.table()));
      if (change.removed()) {
        dsl.deleteFrom(T_REPLICA_TABLES).where(row).execute();
        continue;
      }
      String[] key = change.key().toArray(String[]::new);
      if (dsl.update(T_REPLICA_TABLES).set(T_REPLICA_TABLES.V_TABLE_PKEY, key).where(row).execute() == 0
          && config.replicates(change.schema(), change.table())) {
        dsl.insertInto(T_REPLICA_TABLES)
            .set(T_REPLICA_TABLES.I_ID_SOURCE, sourceId)
            .set(T_REPLICA_TABLES.V_SCHEMA_NAME, change.schema())
            .set(T_REPLICA_TABLES.V_TABLE_NAME, change.table())
            .set(T_REPLICA_TABLES.V_SCHEMA_NAME_PG, config.schemaMappings().get(change.schema()))
            .set(T_REPLICA_TABLES.V_TABLE_NAME_PG, change.table())
            .set(T_REPLICA_TABLES.V_TABLE_PKEY, key)
            .execute();
      }
    }
  }

  /** Marks the registered tables among {@code refs} excluded until re-synced. */
  private void exclude(DSLContext dsl, TargetTables tables, List<TableRef> refs, String why) {
    for (TableRef ref : refs) {
      Optional<TargetTable> table = tables.find(ref.schema(), ref.table());
      if (table.isPresent() && table.get().enabled()) {
        dsl.update(T_REPLICA_TABLES)
            .set(T_REPLICA_TABLES.B_REPLICA_ENABLED, false)
            .set(T_REPLICA_TABLES.T_EXCLUSION, why)
            .set(T_REPLICA_TABLES.TS_EXCLUDED, OffsetDateTime.now())
            .where(T_REPLICA_TABLES.I_ID_TABLE.eq(table.get().id()))
            .execute();
        log.error("Source '{}': {}; table {} is excluded until it is re-synced", config.name(), why, ref);
        listener.replayError(why + "; " + ref + " is excluded until re-synced");
      }
    }
  }

  private void record(DSLContext dsl, TReplicaBatchRecord batch, Logged logged, Outcome outcome, List<TableRef> tables,
      String reason, List<String> statements) {
    dsl.insertInto(T_DDL_LOG)
        .set(T_DDL_LOG.I_ID_SOURCE, sourceId)
        .set(T_DDL_LOG.I_ID_BATCH, batch.getIIdBatch())
        .set(T_DDL_LOG.T_BINLOG_NAME, logged.position().file())
        .set(T_DDL_LOG.I_BINLOG_POSITION, logged.position().position())
        .set(T_DDL_LOG.V_SCHEMA_NAME, logged.defaultSchema())
        .set(T_DDL_LOG.T_STATEMENT, logged.statement())
        .set(T_DDL_LOG.V_OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
        .set(T_DDL_LOG.T_REASON, reason)
        .set(T_DDL_LOG.T_TABLES, tables.isEmpty() ? null
            : tables.stream().map(TableRef::toString).collect(Collectors.joining(", ")))
        .set(T_DDL_LOG.T_PG_STATEMENTS, statements.isEmpty() ? null : String.join(";\n", statements))
        .execute();
    if (outcome != Outcome.APPLIED) {
      log.info("Source '{}': DDL at {} {}: {} ({})", config.name(), logged.position(), outcome.name().toLowerCase(
          Locale.ROOT), logged.statement(), reason);
    }
  }

  private void recordError(DSLContext dsl, TReplicaBatchRecord batch, Logged logged, List<TableRef> tables,
      SQLException e) {
    dsl.insertInto(T_ERROR_LOG)
        .set(T_ERROR_LOG.I_ID_SOURCE, sourceId)
        .set(T_ERROR_LOG.I_ID_BATCH, batch.getIIdBatch())
        .set(T_ERROR_LOG.V_SCHEMA_NAME, tables.isEmpty() ? logged.defaultSchema() : tables.get(0).schema())
        .set(T_ERROR_LOG.V_TABLE_NAME, tables.isEmpty() ? null : tables.get(0).table())
        .set(T_ERROR_LOG.T_BINLOG_NAME, logged.position().file())
        .set(T_ERROR_LOG.I_BINLOG_POSITION, logged.position().position())
        .set(T_ERROR_LOG.T_SQL_STATE, e.getSQLState())
        .set(T_ERROR_LOG.T_MESSAGE, e.getMessage())
        .set(T_ERROR_LOG.T_EVENT_DATA, logged.statement())
        .execute();
  }

  /** The tables the event names or changes, each once. */
  private static List<TableRef> touched(DdlEvent event) {
    Set<TableRef> refs = new LinkedHashSet<>(event.tables());
    event.changes().forEach(c -> refs.add(c.ref()));
    return new ArrayList<>(refs);
  }

  /** Whether the table was copied at a point after the statement (so its copy has the change). */
  private static boolean copiedAfter(TargetTables tables, TableRef ref, Logged logged) {
    Optional<BinlogPosition> snapshot = tables.find(ref.schema(), ref.table()).flatMap(TargetTable::snapshot);
    if (snapshot.isEmpty()) {
      return false;
    }
    int files = logged.position().file().compareTo(snapshot.get().file());
    return files < 0 || (files == 0 && logged.position().position() < snapshot.get().position());
  }

  private static Logged read(Connection connection, LogSlice slice) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT t_query, v_schema_name, t_binlog_name, i_binlog_position, jsb_event_data::text FROM "
            + slice.qualifiedLogTable() + " WHERE " + LogSlice.blocksFrom("") + " AND i_id_event = ?")) {
      query.setLong(1, slice.firstBlock());
      query.setLong(2, slice.firstEvent());
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("DDL event " + slice.firstEvent() + " is missing from " + slice.qualifiedLogTable());
        }
        String payload = rs.getString(5);
        return new Logged(rs.getString(1), rs.getString(2), new BinlogPosition(rs.getString(3), rs.getLong(4)),
            payload == null ? Optional.empty() : Optional.of(DdlEvent.fromJson(payload)));
      }
    }
  }
}
