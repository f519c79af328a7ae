package io.chameleon.internal.log;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.BinlogPosition;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.PreparedQuery;
import io.chameleon.internal.copy.CopyTextBuffer;
import io.chameleon.internal.log.PgCopyLogWriter.Committed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The thread that ships a source's log rows to PostgreSQL: it opens each batch, streams the COPY
 * text the {@link PgCopyLogWriter} encoded, and commits the batch with its end coordinates, in
 * the order the writer asked, on a connection only it uses. While it waits for PostgreSQL (the
 * end of a COPY, a commit) the reader goes on decoding the next batch.
 *
 * <p>After a failure it skips every command until the writer aborts; the writer sees the failure
 * at its next call.
 */
final class LogSender implements AutoCloseable {

  private sealed interface Command {}

  private record Open(long batchId, long firstEventId) implements Command {}

  private record Rows(CopyTextBuffer buffer) implements Command {}

  private record Commit(BinlogPosition end, Instant lastEventTime, long events, long lastEventId)
      implements Command {}

  /** Counted down once every command before it is done (or skipped after a failure). */
  private record Barrier(CountDownLatch done) implements Command {}

  /** Throws the open batch away and clears a failure. */
  private record Abort(CountDownLatch done) implements Command {}

  private record Stop() implements Command {}

  private static final Field<Long> NEXT_BATCH_ID = DSL.field(
      "nextval(pg_get_serial_sequence('" + Catalogue.SCHEMA + ".t_replica_batch', 'i_id_batch'))", Long.class);

  // The statements of every batch, rendered once (see PreparedQuery).

  /** Opens a batch; returns a batch id for a later one. */
  private static final Query OPEN_BATCH = DSL.insertInto(T_REPLICA_BATCH)
      .set(T_REPLICA_BATCH.I_ID_BATCH, DSL.param("batch", Long.class))
      .set(T_REPLICA_BATCH.I_ID_SOURCE, DSL.param("source", Long.class))
      .set(T_REPLICA_BATCH.B_STARTED, DSL.inline(true))
      .set(T_REPLICA_BATCH.V_LOG_TABLE, DSL.param("table", String.class))
      .set(T_REPLICA_BATCH.I_FIRST_EVENT, DSL.param("firstEvent", Long.class))
      .set(T_REPLICA_BATCH.I_FIRST_BLOCK, DSL.param("firstBlock", Long.class))
      .returningResult(NEXT_BATCH_ID);

  private static final Query COMMIT_BATCH = DSL.update(T_REPLICA_BATCH)
      .set(T_REPLICA_BATCH.T_BINLOG_NAME, DSL.param("file", String.class))
      .set(T_REPLICA_BATCH.I_BINLOG_POSITION, DSL.param("position", Long.class))
      .set(T_REPLICA_BATCH.T_GTID_SET, DSL.param("gtidSet", String.class))
      .set(T_REPLICA_BATCH.B_PROCESSED, DSL.inline(true))
      .set(T_REPLICA_BATCH.TS_PROCESSED, DSL.field("clock_timestamp()", LocalDateTime.class))
      .set(T_REPLICA_BATCH.I_EVENTS, DSL.param("events", Long.class))
      .set(T_REPLICA_BATCH.I_LAST_EVENT, DSL.param("lastEvent", Long.class))
      .where(T_REPLICA_BATCH.I_ID_BATCH.eq(DSL.param("batch", Long.class)));

  /** Moves the source's read position; a null last event time keeps the one recorded. */
  private static final Query MOVE_SOURCE = DSL.update(T_SOURCES)
      .set(T_SOURCES.T_BINLOG_NAME, DSL.param("file", String.class))
      .set(T_SOURCES.I_BINLOG_POSITION, DSL.param("position", Long.class))
      .set(T_SOURCES.T_GTID_SET, DSL.param("gtidSet", String.class))
      .set(T_SOURCES.TS_LAST_EVENT, DSL.coalesce(DSL.param("lastEventTime", LocalDateTime.class), T_SOURCES.TS_LAST_EVENT))
      .where(T_SOURCES.I_ID_SOURCE.eq(DSL.param("source", Long.class)));

  /** The last block of a table (0 when it is empty). */
  private static final Query LAST_BLOCK = DSL.select(DSL.field(
      "greatest(pg_relation_size({0}::regclass) / current_setting('block_size')::bigint - 1, 0)",
      Long.class, DSL.param("table", String.class)));
  /** The most blocks PostgreSQL adds to a table at once (MAX_BUFFERS_TO_EXTEND_BY). */
  private static final int EXTENSION_BLOCKS = 64;
  /** Batch ids the writer can take without waiting: it may open the next batch before this one is sent. */
  private static final int RESERVED_IDS = 2;

  private final Connection connection;
  private final DSLContext dsl;
  private final long sourceId;
  private final LogRotation rotation;
  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final BlockingQueue<Long> batchIds = new ArrayBlockingQueue<>(RESERVED_IDS);
  private final BlockingQueue<CopyTextBuffer> freeBuffers;
  private final int bufferCapacity;
  private final ConcurrentLinkedQueue<Committed> committed = new ConcurrentLinkedQueue<>();
  private final PreparedQuery openBatch;
  private final PreparedQuery commitBatch;
  private final PreparedQuery moveSource;
  private final PreparedQuery lastBlock;
  /** Per log table, the query of {@link #lastRowBlockFrom}. */
  private final Map<String, PreparedQuery> lastRowBlocks = new HashMap<>();
  private final Thread thread;
  /** Per log table, the block of the last row this sender put there: where its next batch starts. */
  private final Map<String, Long> nextFirstBlocks = new HashMap<>();
  private final long lastEventId;

  private volatile Exception failure;
  private CopyIn copy;
  private long batchId;
  private String logTable;
  private long firstBlock;

  /**
   * @param connection a connection this sender owns from now on (it is closed with the sender)
   * @param buffers how many COPY buffers may be on their way at once
   * @param bufferBytes how full the writer fills a buffer before it hands it over
   */
  LogSender(Connection connection, long sourceId, int buffers, int bufferBytes, String threadName)
      throws SQLException {
    this.connection = connection;
    this.connection.setAutoCommit(false);
    this.dsl = Catalogue.on(connection);
    this.sourceId = sourceId;
    this.rotation = new LogRotation(connection, sourceId);
    this.openBatch = PreparedQuery.prepare(connection, OPEN_BATCH).set("source", sourceId);
    this.commitBatch = PreparedQuery.prepare(connection, COMMIT_BATCH);
    this.moveSource = PreparedQuery.prepare(connection, MOVE_SOURCE).set("source", sourceId);
    this.lastBlock = PreparedQuery.prepare(connection, LAST_BLOCK);
    this.bufferCapacity = 2 * bufferBytes; // room for the row that crosses the mark
    this.freeBuffers = new ArrayBlockingQueue<>(buffers);
    for (int i = 0; i < buffers; i++) {
      freeBuffers.add(new CopyTextBuffer(bufferCapacity));
    }
    this.lastEventId = readLastEventId();
    reserveBatchIds();
    connection.commit();
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** The newest event id in the source's log tables when the sender started. */
  long lastEventId() {
    return lastEventId;
  }

  /** A batch id for the writer's next batch; waits for one when the sender lags a batch behind. */
  long takeBatchId() throws SQLException {
    return await(batchIds);
  }

  /** An empty COPY buffer; waits while every buffer is on its way (the reader is ahead of PostgreSQL). */
  CopyTextBuffer takeBuffer() throws SQLException {
    return await(freeBuffers);
  }

  void open(long batchId, long firstEventId) throws SQLException {
    send(new Open(batchId, firstEventId));
  }

  void rows(CopyTextBuffer buffer) throws SQLException {
    send(new Rows(buffer));
  }

  void commit(BinlogPosition end, Instant lastEventTime, long events, long lastEventId) throws SQLException {
    send(new Commit(end, lastEventTime, events, lastEventId));
  }

  /** The next commit done since the last call, or null. */
  Committed nextCommitted() {
    return committed.poll();
  }

  /** Waits until every command sent so far is done; throws if one failed. */
  void drain() throws SQLException {
    CountDownLatch done = new CountDownLatch(1);
    send(new Barrier(done));
    awaitUninterruptibly(done);
    throwIfFailed();
  }

  /** Throws away the open batch and any failure, once the commands sent before are done. */
  void abort() {
    CountDownLatch done = new CountDownLatch(1);
    commands.add(new Abort(done));
    awaitUninterruptibly(done);
  }

  void throwIfFailed() throws SQLException {
    Exception failed = failure;
    if (failed != null) {
      throw failed instanceof SQLException e ? e : new SQLException(failed.getMessage(), failed);
    }
  }

  @Override
  public void close() {
    commands.add(new Stop());
    boolean interrupted = Thread.interrupted(); // a stopping reader is interrupted: wait all the same
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
      if (thread.isAlive()) {
        connection.abort(Runnable::run); // stuck on a dead connection: the socket's closing wakes it
        thread.join();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (SQLException e) {
      // aborting a connection that is already gone: nothing left to release
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(Command command) throws SQLException {
    throwIfFailed();
    commands.add(command);
  }

  /**
   * Waits for the queue's next element. An interrupt does not end the wait (a stopping reader is
   * interrupted, and still commits what it has read); it is kept for the caller.
   */
  private <T> T await(BlockingQueue<T> queue) throws SQLException {
    boolean interrupted = false;
    try {
      while (true) {
        throwIfFailed();
        try {
          T next = queue.poll(50, TimeUnit.MILLISECONDS);
          if (next != null) {
            return next;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (!thread.isAlive()) {
          throw new SQLException("the log sender thread " + thread.getName() + " has stopped");
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for the sender to count the latch down (or to be gone); an interrupt is kept for later. */
  private void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        if (latch.await(50, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (true) {
        Command command = commands.take();
        if (command instanceof Stop) {
          break;
        }
        try {
          handle(command);
        } catch (RuntimeException e) {
          failure = e; // a bug; the writer sees it at its next call
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      discard();
      try {
        connection.close();
      } catch (SQLException e) {
        // closing a broken connection: nothing left to release
      }
    }
  }

  private void handle(Command command) {
    if (command instanceof Barrier barrier) {
      barrier.done().countDown();
    } else if (command instanceof Abort abort) {
      discard();
      failure = null;
      try {
        reserveBatchIds();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
      abort.done().countDown();
    } else if (command instanceof Rows rows) {
      try {
        if (failure == null) {
          copy.writeToCopy(rows.buffer().array(), 0, rows.buffer().length());
        }
      } catch (SQLException | RuntimeException e) {
        failure = e;
      } finally {
        recycle(rows.buffer());
      }
    } else if (failure == null) {
      try {
        if (command instanceof Open open) {
          openBatch(open);
        } else {
          commitBatch((Commit) command);
        }
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
    }
  }

  private void openBatch(Open open) throws SQLException {
    logTable = rotation.activeTable(dsl);
    firstBlock = Math.min(nextFirstBlocks.getOrDefault(logTable, 0L), lastBlock()); // 0 after a TRUNCATE
    batchId = open.batchId();
    batchIds.add(openBatch
        .set("batch", batchId)
        .set("table", logTable)
        .set("firstEvent", open.firstEventId())
        .set("firstBlock", firstBlock)
        .fetchValue(Long.class));
    copy =
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
            "COPY " + Catalogue.SCHEMA + "." + DSL.quotedName(logTable)
                + " (i_id_event, i_id_batch, v_table_name, v_schema_name, enm_binlog_event, t_binlog_name,"
                + " i_binlog_position, ts_event_datetime, jsb_event_data, jsb_event_update, t_query)"
                + " FROM STDIN");
  }

  private void commitBatch(Commit commit) throws SQLException {
    long started = System.nanoTime();
    long committedBatch = 0;
    BinlogPosition end = commit.end();
    if (copy != null) {
      copy.endCopy();
      copy = null;
      nextFirstBlocks.put(logTable, lastRowBlock());
      commitBatch
          .set("file", end.file())
          .set("position", end.position())
          .set("gtidSet", end.gtidSet().orElse(null))
          .set("events", commit.events())
          .set("lastEvent", commit.lastEventId())
          .set("batch", batchId)
          .execute();
      committedBatch = batchId;
    }
    Instant lastEventTime = commit.lastEventTime();
    moveSource
        .set("file", end.file())
        .set("position", end.position())
        .set("gtidSet", end.gtidSet().orElse(null))
        .set("lastEventTime", lastEventTime == null ? null : LocalDateTime.ofInstant(lastEventTime, ZoneOffset.UTC))
        .execute();
    connection.commit();
    committed.add(new Committed(end, committedBatch, System.nanoTime() - started));
  }

  /** Ends the open batch, if any, without committing it. */
  private void discard() {
    try {
      if (copy != null && copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // the connection is likely gone; the rollback below (or the server) discards the batch
    }
    copy = null;
    try {
      connection.rollback();
    } catch (SQLException e) {
      // same: an uncommitted transaction on a lost connection is rolled back by the server
    }
  }

  /**
   * The newest event id in the source's log tables. The writer numbers the events itself from
   * there, one after the other (no sequence: taking a value per row cost a fifth of the COPY
   * rate); only this source's writer writes to these tables.
   */
  private long readLastEventId() {
    String[] logTables = dsl.select(T_SOURCES.V_LOG_TABLE).from(T_SOURCES).where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .fetchSingle(T_SOURCES.V_LOG_TABLE);
    long last = 0;
    for (String table : logTables) {
      Long max = dsl.select(DSL.max(DSL.field(DSL.name("i_id_event"), Long.class)))
          .from(DSL.table(DSL.name(Catalogue.SCHEMA, table)))
          .fetchOne(0, Long.class);
      last = Math.max(last, max == null ? 0 : max);
    }
    return last;
  }

  /** Reserves {@link #RESERVED_IDS} fresh batch ids for the writer (dropping any left). */
  private void reserveBatchIds() {
    batchIds.clear();
    dsl.select(NEXT_BATCH_ID).from(DSL.generateSeries(1, RESERVED_IDS)).fetch(NEXT_BATCH_ID).forEach(batchIds::add);
  }

  private void recycle(CopyTextBuffer buffer) {
    // a buffer a huge row grew is not kept
    freeBuffers.add(buffer.capacity() > 2 * bufferCapacity ? new CopyTextBuffer(bufferCapacity) : buffer.cleared());
  }

  /** The last block of the active log table (0 when it is empty). */
  private long lastBlock() throws SQLException {
    return lastBlock.set("table", Catalogue.SCHEMA + "." + DSL.quotedName(logTable)).fetchValue(Long.class);
  }

  /**
   * The block of the open batch's last row, read from the batch's first block on. A log table
   * grows only at its end until it is truncated, so the next batch's rows lie from there on (the
   * table's last block can lie past them: PostgreSQL extends a table up to 64 blocks at a time
   * during COPY). The table's last {@value #EXTENSION_BLOCKS} blocks are looked at first, the
   * whole batch only when they hold no row.
   */
  private long lastRowBlock() throws SQLException {
    long tail = Math.max(firstBlock, lastBlock() - EXTENSION_BLOCKS + 1);
    Long block = lastRowBlockFrom(tail);
    if (block == null && tail > firstBlock) {
      block = lastRowBlockFrom(firstBlock);
    }
    return block == null ? firstBlock : block;
  }

  /** A TID range scan: the block is a bound value (a volatile expression there would scan the whole table). */
  private Long lastRowBlockFrom(long block) throws SQLException {
    PreparedQuery query = lastRowBlocks.get(logTable);
    if (query == null) {
      query = PreparedQuery.prepare(connection, DSL.select(DSL.field(
          "(SELECT ((max(ctid)::text::point)[0])::bigint FROM ONLY {0} WHERE ctid >= ('(' || {1} || ',0)')::tid)",
          Long.class, DSL.table(DSL.name(Catalogue.SCHEMA, logTable)), DSL.param("block", Long.class))));
      lastRowBlocks.put(logTable, query);
    }
    return query.set("block", block).fetchValue(Long.class);
  }
}
