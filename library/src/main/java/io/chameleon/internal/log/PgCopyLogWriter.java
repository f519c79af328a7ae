package io.chameleon.internal.log;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.BinlogPosition;
import io.chameleon.internal.catalog.Catalogue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one source's log rows into its active log table with {@code COPY}, a batch at a time.
 *
 * <p>A batch is one PostgreSQL transaction: its row in {@code t_replica_batch}, its log rows, its
 * end coordinates and the source's new read position all commit together or not at all, so a
 * crash anywhere leaves the catalogue at the end of the last committed batch. Rows stream into
 * {@code COPY} as they come: a batch is never held in memory.
 *
 * <p>Not thread-safe: the caller serialises access (the capture does, under its own lock).
 */
public final class PgCopyLogWriter implements AutoCloseable {

  /** The event kinds of {@code sch_chameleon.en_binlog_event}. */
  public enum EventKind {
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete"),
    DDL("ddl");

    private final byte[] label;

    EventKind(String label) {
      this.label = CopyTextBuffer.encode(label);
    }
  }

  /** Small enough that PostgreSQL starts on a batch soon after it opens. */
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final Connection connection;
  private final DSLContext dsl;
  private final long sourceId;
  private final CopyTextBuffer buffer = new CopyTextBuffer();
  private final LogRotation rotation;

  private final String[] logTables;
  /** Per log table, the block of the last row this writer put there: where its next batch starts. */
  private final Map<String, Long> nextFirstBlocks = new HashMap<>();

  private CopyIn copy;
  private long batchId;
  private long nextEventId;
  private long firstBlock;
  private String logTable;
  private long batchEvents;
  private long batchBytes;
  private long batchOpenedNanos;
  private final LastValue tables = new LastValue();
  private final LastValue schemas = new LastValue();
  private final LastValue files = new LastValue();
  private long lastEventMillis;
  private byte[] lastEventTime;

  /**
   * @param connection a connection this writer owns from now on (it is closed with the writer)
   * @param sourceId the source's {@code i_id_source}
   */
  public PgCopyLogWriter(Connection connection, long sourceId) throws SQLException {
    this.connection = connection;
    this.connection.setAutoCommit(false);
    this.dsl = Catalogue.on(connection);
    this.sourceId = sourceId;
    this.rotation = new LogRotation(sourceId);
    this.logTables = dsl.select(T_SOURCES.V_LOG_TABLE).from(T_SOURCES).where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .fetchSingle(T_SOURCES.V_LOG_TABLE);
    connection.commit();
  }

  public boolean batchOpen() {
    return copy != null;
  }

  /** Row and DDL events in the open batch. */
  public long batchEvents() {
    return batchEvents;
  }

  /** Bytes of COPY text in the open batch. */
  public long batchBytes() {
    return batchBytes + buffer.length();
  }

  /** Nanoseconds ({@link System#nanoTime()}) when the open batch was opened. */
  public long batchOpenedNanos() {
    return batchOpenedNanos;
  }

  /** The id of the open batch. */
  public long batchId() {
    return batchId;
  }

  /** Opens a batch in the source's active log table; no-op when one is open. */
  public void openBatch() throws SQLException {
    if (copy != null) {
      return;
    }
    logTable = rotation.activeTable(dsl);
    if (nextEventId == 0) {
      nextEventId = lastEventId() + 1;
    }
    long previousLast = nextEventId - 1;
    firstBlock = Math.min(nextFirstBlocks.getOrDefault(logTable, 0L), lastBlock()); // 0 after a TRUNCATE
    batchId =
        dsl.insertInto(T_REPLICA_BATCH)
            .set(T_REPLICA_BATCH.I_ID_SOURCE, sourceId)
            .set(T_REPLICA_BATCH.B_STARTED, true)
            .set(T_REPLICA_BATCH.V_LOG_TABLE, logTable)
            .set(T_REPLICA_BATCH.I_FIRST_EVENT, previousLast + 1)
            .set(T_REPLICA_BATCH.I_FIRST_BLOCK, firstBlock)
            .returning(T_REPLICA_BATCH.I_ID_BATCH)
            .fetchOne(T_REPLICA_BATCH.I_ID_BATCH);
    copy =
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
            "COPY " + Catalogue.SCHEMA + "." + DSL.quotedName(logTable)
                + " (i_id_event, i_id_batch, v_table_name, v_schema_name, enm_binlog_event, t_binlog_name,"
                + " i_binlog_position, ts_event_datetime, jsb_event_data, jsb_event_update, t_query)"
                + " FROM STDIN");
    batchEvents = 0;
    batchBytes = 0;
    batchOpenedNanos = System.nanoTime();
  }

  /**
   * Adds a row event to the open batch.
   *
   * @param data the after image (insert, update) or the deleted row, as JSON
   * @param before the before image of an update, else null
   */
  public void row(EventKind kind, String schema, String table, String file, long position,
      long eventMillis, CharSequence data, CharSequence before) throws SQLException {
    buffer.number(nextEventId++).number(batchId).encoded(tables.of(table)).encoded(schemas.of(schema))
        .encoded(kind.label).encoded(files.of(file)).number(position).encoded(eventTime(eventMillis))
        .text(data).text(before).nullValue();
    endRow();
  }

  /**
   * Adds a DDL statement to the open batch.
   *
   * @param schema the session's default database
   * @param statement the statement as read
   * @param translation what replay does about it, as JSON ({@code DdlEvent})
   */
  public void ddl(String schema, String statement, String translation, String file, long position, long eventMillis)
      throws SQLException {
    buffer.number(nextEventId++).number(batchId).text("").text(schema == null ? "" : schema).encoded(EventKind.DDL.label)
        .encoded(files.of(file)).number(position).encoded(eventTime(eventMillis)).text(translation).nullValue().text(statement);
    endRow();
  }

  /**
   * Commits the open batch ending at {@code end}, or, with no batch open, just records that the
   * reader has safely reached {@code end}.
   *
   * @return the committed batch's id, or 0 when only the position moved
   */
  public long commit(BinlogPosition end, Instant lastEventTime) throws SQLException {
    long committed = 0;
    if (copy != null) {
      flush();
      copy.endCopy();
      copy = null;
      nextFirstBlocks.put(logTable, lastRowBlock());
      dsl.update(T_REPLICA_BATCH)
          .set(T_REPLICA_BATCH.T_BINLOG_NAME, end.file())
          .set(T_REPLICA_BATCH.I_BINLOG_POSITION, end.position())
          .set(T_REPLICA_BATCH.T_GTID_SET, end.gtidSet().orElse(null))
          .set(T_REPLICA_BATCH.B_PROCESSED, true)
          .set(T_REPLICA_BATCH.TS_PROCESSED, DSL.field("clock_timestamp()", LocalDateTime.class))
          .set(T_REPLICA_BATCH.I_EVENTS, batchEvents)
          .set(T_REPLICA_BATCH.I_LAST_EVENT, nextEventId - 1)
          .where(T_REPLICA_BATCH.I_ID_BATCH.eq(batchId))
          .execute();
      committed = batchId;
    }
    dsl.update(T_SOURCES)
        .set(T_SOURCES.T_BINLOG_NAME, end.file())
        .set(T_SOURCES.I_BINLOG_POSITION, end.position())
        .set(T_SOURCES.T_GTID_SET, end.gtidSet().orElse(null))
        .set(T_SOURCES.TS_LAST_EVENT,
            lastEventTime == null ? T_SOURCES.TS_LAST_EVENT : DSL.val(LocalDateTime.ofInstant(lastEventTime, ZoneOffset.UTC)))
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .execute();
    connection.commit();
    buffer.clear();
    return committed;
  }

  /** Throws away the open batch (the source will be read again from the last commit). */
  public void abort() {
    try {
      if (copy != null && copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // the connection is likely gone; the rollback below (or the server) discards the batch
    }
    copy = null;
    buffer.clear();
    try {
      connection.rollback();
    } catch (SQLException e) {
      // same: an uncommitted transaction on a lost connection is rolled back by the server
    }
  }

  @Override
  public void close() {
    abort();
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a broken connection: nothing left to release
    }
  }

  /**
   * The newest event id in the source's log tables, read when the writer opens its first batch.
   * The writer numbers the events itself from there, one after the other (no sequence: taking a
   * value per row cost a fifth of the COPY rate); only this writer writes to these tables.
   */
  private long lastEventId() {
    long last = 0;
    for (String table : logTables) {
      Long max = dsl.select(DSL.max(DSL.field(DSL.name("i_id_event"), Long.class)))
          .from(DSL.table(DSL.name(Catalogue.SCHEMA, table)))
          .fetchOne(0, Long.class);
      last = Math.max(last, max == null ? 0 : max);
    }
    return last;
  }

  /** The last block of the active log table (0 when it is empty). */
  private long lastBlock() {
    return dsl.fetchValue(DSL.field("greatest(pg_relation_size({0}::regclass) / current_setting('block_size')::bigint - 1, 0)",
        Long.class, DSL.val(Catalogue.SCHEMA + "." + DSL.quotedName(logTable))));
  }

  /**
   * The block of the open batch's last row, read from the batch's first block on. A log table
   * grows only at its end until it is truncated, so the next batch's rows lie from there on (the
   * table's last block can lie past them: PostgreSQL extends a table several blocks at a time
   * during COPY).
   */
  private long lastRowBlock() {
    Long block = dsl.fetchValue(DSL.field("(SELECT ((max(ctid)::text::point)[0])::bigint FROM ONLY {0}"
        + " WHERE ctid >= ('(' || {1} || ',0)')::tid)", Long.class,
        DSL.table(DSL.name(Catalogue.SCHEMA, logTable)), DSL.val(firstBlock)));
    return block == null ? firstBlock : block;
  }

  private void endRow() throws SQLException {
    buffer.endRow();
    batchEvents++;
    if (buffer.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (buffer.length() > 0) {
      copy.writeToCopy(buffer.array(), 0, buffer.length());
      batchBytes += buffer.length();
      buffer.clear();
    }
  }

  /** Binlog event times have whole seconds: the text of the last one is nearly always the next one's. */
  private byte[] eventTime(long eventMillis) {
    if (eventMillis != lastEventMillis || lastEventTime == null) {
      lastEventMillis = eventMillis;
      lastEventTime = CopyTextBuffer.encode(
          EVENT_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(eventMillis), ZoneOffset.UTC)));
    }
    return lastEventTime;
  }

  /** The COPY text of the last value of a column whose values repeat row after row (names, files). */
  private static final class LastValue {
    private String value;
    private byte[] encoded;

    byte[] of(String next) {
      if (!next.equals(value)) {
        value = next;
        encoded = CopyTextBuffer.encode(next);
      }
      return encoded;
    }
  }
}
