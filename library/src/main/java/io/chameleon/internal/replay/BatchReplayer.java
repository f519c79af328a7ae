package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.generated.Tables.T_ERROR_LOG;
import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_TABLES;

import io.chameleon.BinlogPosition;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.Identifiers;
import io.chameleon.internal.catalog.generated.tables.records.TReplicaBatchRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay side of one source: a thread that takes the oldest unreplayed batch, applies it
 * to the target tables and marks it replayed, all in one PostgreSQL transaction, so the
 * targets never show half of a source transaction.
 *
 * <p>A batch is applied slice by slice (the events of one table between two DDL statements)
 * with {@link SetApplier}, and each DDL statement in its place with {@link DdlReplay}; tables without a key, and a slice whose set-based apply fails, go
 * event by event through {@link EventApplier}, which finds the failing event. What happens
 * then is the source's {@link SourceConfig.OnError} policy: stop the source, or record the
 * event in {@code t_error_log}, exclude its table until it is re-synced, and go on with the
 * others.
 *
 * <p>Thread-safety: control methods may be called from any thread.
 */
public final class BatchReplayer {

  private static final Logger log = LoggerFactory.getLogger(BatchReplayer.class);
  private static final long IDLE_MILLIS = 50;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Told when replay stops for good (exit policy, or an error nothing can retry). */
  public interface Listener {
    void replayFailed(SourceException error);

    void replayError(String message);
  }

  private final SourceConfig config;
  private final long sourceId;
  private final DataSource catalogue;
  private final String threadName;
  private final Listener listener;
  private final ReplayStats stats = new ReplayStats();
  private final ReentrantLock batchLock = new ReentrantLock();
  private final DdlReplay ddlReplay;

  private volatile Thread thread;
  private volatile boolean stopRequested;
  private volatile boolean paused;

  public BatchReplayer(SourceConfig config, long sourceId, DataSource catalogue, String threadName, Listener listener) {
    this.config = config;
    this.sourceId = sourceId;
    this.catalogue = catalogue;
    this.threadName = threadName;
    this.listener = listener;
    this.ddlReplay = new DdlReplay(config, sourceId, listener);
  }

  public ReplayStats stats() {
    return stats;
  }

  public boolean running() {
    return thread != null;
  }

  public boolean paused() {
    return paused;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    stopRequested = false;
    Thread replay = new Thread(this::run, threadName);
    replay.setDaemon(true);
    thread = replay;
    replay.start();
  }

  /** Finishes the batch in progress and stops. */
  public void stop(Duration timeout) {
    stopRequested = true;
    Thread replay = thread;
    if (replay == null) {
      return;
    }
    replay.interrupt();
    try {
      replay.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops taking new batches; returns once the batch in progress (if any) is committed. */
  public void pause() {
    paused = true;
    batchLock.lock();
    batchLock.unlock();
  }

  public void resume() {
    paused = false;
  }

  private void run() {
    Duration backoff = Duration.ofMillis(500);
    Connection connection = null;
    try {
      while (!stopRequested) {
        try {
          if (connection == null) {
            connection = catalogue.getConnection();
            connection.setAutoCommit(false);
          }
          if (!replayNext(connection)) {
            sleep(IDLE_MILLIS);
          }
          backoff = Duration.ofMillis(500);
        } catch (ReplayFailure failure) {
          log.error("Source '{}': {}", config.name(), failure.getMessage());
          listener.replayFailed(failure.error());
          return;
        } catch (SQLException | RuntimeException e) {
          String message = "replay failed, retrying in " + backoff.toMillis() + " ms: " + e.getMessage();
          log.warn("Source '{}': {}", config.name(), message, e);
          listener.replayError(message);
          connection = discard(connection);
          sleep(backoff.toMillis());
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
      }
    } finally {
      discard(connection);
      thread = null;
    }
  }

  /** Replays the oldest waiting batch; returns false when none waits (or replay is paused). */
  private boolean replayNext(Connection connection) throws SQLException, ReplayFailure {
    batchLock.lock();
    try {
      if (paused) {
        return false;
      }
      DSLContext dsl = Catalogue.on(connection);
      TReplicaBatchRecord batch = dsl.selectFrom(T_REPLICA_BATCH)
          .where(T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId))
          .and(T_REPLICA_BATCH.B_PROCESSED.isTrue())
          .and(T_REPLICA_BATCH.B_REPLAYED.isFalse())
          .orderBy(T_REPLICA_BATCH.I_ID_BATCH)
          .limit(1)
          .fetchOne();
      if (batch == null) {
        connection.commit();
        stats.pending(0);
        return false;
      }
      // ts_created is a timestamp without time zone: measure its age on the server's clock
      long waitedMillis = dsl.fetchValue(DSL.field(
          "(extract(epoch FROM localtimestamp - {0}) * 1000)::bigint", Long.class, DSL.val(batch.getTsCreated())));
      stats.pending(System.currentTimeMillis() - Math.max(0, waitedMillis));
      replay(connection, dsl, batch);
      return true;
    } catch (SQLException | RuntimeException | ReplayFailure e) {
      rollbackQuietly(connection);
      throw e;
    } finally {
      batchLock.unlock();
    }
  }

  private void replay(Connection connection, DSLContext dsl, TReplicaBatchRecord batch) throws SQLException, ReplayFailure {
    long started = System.nanoTime();
    TargetTables tables = TargetTables.load(connection, sourceId);
    ReplayStats.EventCounts appliedKinds = ReplayStats.EventCounts.NONE;
    ReplayStats.DdlCounts ddl = ReplayStats.DdlCounts.NONE;
    long applied = 0;
    long skipped = 0;
    List<String> excluded = new ArrayList<>();
    for (LogSlice slice : slices(connection, batch)) {
      if (slice.ddl()) {
        ddl = ddl.plus(ddlReplay.replay(connection, batch, slice, tables));
        tables = TargetTables.load(connection, sourceId);
        continue;
      }
      Optional<TargetTable> target = tables.find(slice.schema(), slice.table());
      if (target.isEmpty() || !target.get().enabled() || excluded.contains(slice.schema() + "." + slice.table())) {
        skipped += slice.events();
        continue;
      }
      if (applySlice(connection, dsl, batch, target.get(), slice)) {
        applied += slice.events();
        appliedKinds = appliedKinds.plus(slice.kinds());
      } else {
        skipped += slice.events();
        excluded.add(slice.schema() + "." + slice.table());
      }
    }
    dsl.update(T_REPLICA_BATCH)
        .set(T_REPLICA_BATCH.B_REPLAYED, true)
        .set(T_REPLICA_BATCH.TS_REPLAYED, DSL.field("clock_timestamp()", LocalDateTime.class))
        .set(T_REPLICA_BATCH.I_REPLAYED, applied)
        .set(T_REPLICA_BATCH.I_SKIPPED, skipped)
        .set(T_REPLICA_BATCH.I_DDL, ddl.total())
        .where(T_REPLICA_BATCH.I_ID_BATCH.eq(batch.getIIdBatch()))
        .execute();
    connection.commit();
    stats.batchReplayed(appliedKinds, skipped, ddl, end(batch), System.nanoTime() - started);
  }

  /**
   * Applies one slice under a savepoint. Returns true when applied; false when its table was
   * excluded under the skip-table policy.
   */
  private boolean applySlice(Connection connection, DSLContext dsl, TReplicaBatchRecord batch, TargetTable table,
      LogSlice slice) throws SQLException, ReplayFailure {
    Savepoint before = connection.setSavepoint();
    try {
      if (table.key().isEmpty()) {
        Optional<EventApplier.Failure> failure = EventApplier.apply(connection, table, slice);
        if (failure.isPresent()) {
          return handleFailure(connection, dsl, batch, table, before, failure.get());
        }
      } else {
        SetApplier.apply(connection, table, slice, config.replayMaxRows());
      }
      connection.releaseSavepoint(before);
      return true;
    } catch (SQLException e) {
      if (!isDataError(e)) {
        throw e;
      }
      connection.rollback(before);
      before = connection.setSavepoint();
      Optional<EventApplier.Failure> failure = EventApplier.apply(connection, table, slice);
      if (failure.isEmpty()) {
        // the set-based order of operations conflicted (say, swapped unique values); event order works
        connection.releaseSavepoint(before);
        return true;
      }
      return handleFailure(connection, dsl, batch, table, before, failure.get());
    }
  }

  private boolean handleFailure(Connection connection, DSLContext dsl, TReplicaBatchRecord batch, TargetTable table,
      Savepoint before, EventApplier.Failure failure) throws SQLException, ReplayFailure {
    connection.rollback(before);
    String message = "cannot apply event " + failure.eventId() + " of batch " + batch.getIIdBatch() + " to "
        + table.describe() + " (key " + failure.key() + "): " + failure.cause().getMessage()
        + " [SQLState " + failure.cause().getSQLState() + "]";
    if (config.onError() == SourceConfig.OnError.EXIT) {
      connection.rollback();
      recordError(dsl, batch, table, failure);
      connection.commit();
      throw new ReplayFailure(new SourceException(config.name(), failure.position(), message
          + "; the source is stopped. Fix the target or the data, then enableReplica and startReplica"
          + " (or re-sync the table with syncTables)", failure.cause()));
    }
    recordError(dsl, batch, table, failure);
    dsl.update(T_REPLICA_TABLES)
        .set(T_REPLICA_TABLES.B_REPLICA_ENABLED, false)
        .set(T_REPLICA_TABLES.T_EXCLUSION, message)
        .set(T_REPLICA_TABLES.TS_EXCLUDED, OffsetDateTime.now())
        .where(T_REPLICA_TABLES.I_ID_TABLE.eq(table.id()))
        .execute();
    log.error("Source '{}': {}; table {} is excluded until it is re-synced", config.name(), message, table.describe());
    listener.replayError(message + "; the table is excluded until re-synced");
    return false;
  }

  private void recordError(DSLContext dsl, TReplicaBatchRecord batch, TargetTable table, EventApplier.Failure failure) {
    dsl.insertInto(T_ERROR_LOG)
        .set(T_ERROR_LOG.I_ID_SOURCE, sourceId)
        .set(T_ERROR_LOG.I_ID_BATCH, batch.getIIdBatch())
        .set(T_ERROR_LOG.V_SCHEMA_NAME, table.mysqlSchema())
        .set(T_ERROR_LOG.V_TABLE_NAME, table.mysqlTable())
        .set(T_ERROR_LOG.T_KEY, failure.key())
        .set(T_ERROR_LOG.T_BINLOG_NAME, failure.position().file())
        .set(T_ERROR_LOG.I_BINLOG_POSITION, failure.position().position())
        .set(T_ERROR_LOG.T_SQL_STATE, failure.cause().getSQLState())
        .set(T_ERROR_LOG.T_MESSAGE, failure.cause().getMessage())
        .set(T_ERROR_LOG.T_EVENT_DATA, failure.data())
        .execute();
  }

  /**
   * The batch's events grouped into slices, in log order. They are read from the batch's first
   * block on; if what is there does not add up to the batch's events (the table was rewritten,
   * say by VACUUM FULL), from the whole table.
   */
  private List<LogSlice> slices(Connection connection, TReplicaBatchRecord batch) throws SQLException {
    long firstBlock = batch.getIFirstBlock() == null ? 0 : batch.getIFirstBlock();
    List<LogSlice> slices = slices(connection, batch, firstBlock);
    long found = slices.stream().mapToLong(LogSlice::events).sum();
    if (firstBlock > 0 && found != batch.getIEvents()) {
      log.warn("Source '{}': batch {} has {} events from block {} of {}, not {}; reading the whole table",
          config.name(), batch.getIIdBatch(), found, firstBlock, batch.getVLogTable(), batch.getIEvents());
      slices = slices(connection, batch, 0);
    }
    return slices;
  }

  private static List<LogSlice> slices(Connection connection, TReplicaBatchRecord batch, long firstBlock)
      throws SQLException {
    String logTable = batch.getVLogTable();
    long first = batch.getIFirstEvent() == null ? 0 : batch.getIFirstEvent();
    long last = batch.getILastEvent() == null ? Long.MAX_VALUE : batch.getILastEvent();
    List<LogSlice> slices = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT min(i_id_event), max(i_id_event), count(*), v_schema_name, v_table_name, is_ddl,"
            + " count(*) FILTER (WHERE kind = 'insert'), count(*) FILTER (WHERE kind = 'update'),"
            + " count(*) FILTER (WHERE kind = 'delete') FROM ("
            + " SELECT i_id_event, v_schema_name, v_table_name, enm_binlog_event = 'ddl' AS is_ddl, enm_binlog_event AS kind,"
            + "   count(*) FILTER (WHERE enm_binlog_event = 'ddl') OVER (ORDER BY i_id_event) AS segment"
            + " FROM ONLY " + Identifiers.qualified(Catalogue.SCHEMA, logTable)
            + " WHERE " + LogSlice.blocksFrom("") + " AND i_id_event BETWEEN ? AND ? AND i_id_batch = ?) events"
            + " GROUP BY segment, is_ddl, v_schema_name, v_table_name ORDER BY min(i_id_event)")) {
      query.setLong(1, firstBlock);
      query.setLong(2, first);
      query.setLong(3, last);
      query.setLong(4, batch.getIIdBatch());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          slices.add(new LogSlice(logTable, firstBlock, rows.getLong(1), rows.getLong(2), rows.getString(4),
              rows.getString(5), rows.getLong(3), rows.getBoolean(6),
              new ReplayStats.EventCounts(rows.getLong(7), rows.getLong(8), rows.getLong(9))));
        }
      }
    }
    return slices;
  }

  private static BinlogPosition end(TReplicaBatchRecord batch) {
    return new BinlogPosition(batch.getTBinlogName(), batch.getIBinlogPosition(), Optional.ofNullable(batch.getTGtidSet()));
  }

  /** Integrity violations (class 23) and data exceptions (class 22): the event, not the connection. */
  private static boolean isDataError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("23") || state.startsWith("22"));
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is gone; the server has rolled back already
    }
  }

  private static Connection discard(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken
      }
    }
    return null;
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // stop() interrupts to cut a wait short; the loop checks stopRequested
    }
  }
}
