package io.chameleon.internal.capture;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.chameleon.BinlogPosition;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.internal.ddl.DdlEvent;
import io.chameleon.internal.ddl.ReaderSchema;
import io.chameleon.internal.ddl.TableRef;
import io.chameleon.internal.log.PgCopyLogWriter;
import io.chameleon.internal.log.PgCopyLogWriter.Committed;
import io.chameleon.internal.log.PgCopyLogWriter.EventKind;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns binlog events into log rows, a whole source transaction at a time.
 *
 * <p>Row events of replicated tables go to the {@link PgCopyLogWriter} as they arrive. A
 * transaction ends at its XID (or the {@code COMMIT} of non-transactional tables, or a DDL
 * statement, which is a transaction of its own unless its group waits for a commit, as
 * {@code CREATE TABLE ... SELECT} does); only there may a batch close, so a batch always holds
 * whole transactions. A batch closes after the transaction that reaches the configured events
 * or bytes, and, from the flush timer, when it has waited {@code batchMaxWait}. When nothing
 * replicated happened, the position alone is saved at the same pace, so a restart does not
 * re-read a long stretch of other schemas' changes.
 *
 * <p>DDL statements go through the {@link ReaderSchema}, which translates them for replay and
 * keeps the reader's view of the tables current; the translation is logged with the
 * statement, in event order, so replay runs it between the row events before and after it.
 * Rows of a table whose DDL could not be translated are still logged when they can be named;
 * when they cannot, they are dropped with a warning (the table is excluded until re-synced),
 * and the reader goes on.
 *
 * <p>Thread-safety: {@link #onEvent} runs on the binlog client's thread, {@link #flushIfDue} on
 * the manager's timer; both hold this object's lock.
 */
public final class ChangeCapture {

  private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);

  private final SourceConfig config;
  private final PgCopyLogWriter writer;
  private final TableInfoResolver tables;
  private final ReaderSchema schema;
  private final RowEncoder encoder;
  private final CaptureStats stats;
  private final Supplier<Optional<String>> gtidSet;
  private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
  /** Row images as JSON, reused from row to row (the writer copies them into its COPY buffer). */
  private final JsonWriter image = JsonWriter.forCopyText();
  private final JsonWriter beforeImage = JsonWriter.forCopyText();

  private String file;
  private long cursor;
  private boolean inTransaction;
  /** Whether the open group ends with an XID or COMMIT (not at its DDL statement). */
  private boolean groupWaitsForCommit;
  private BinlogPosition pending;
  /** The last position whose commit is handed to the writer. */
  private BinlogPosition submitted;
  /** The last position whose commit is done. */
  private BinlogPosition committed;
  private long lastCommitNanos = System.nanoTime();
  private long lastEventMillis;

  /**
   * @param start the position reading starts from (the last committed one)
   * @param gtidSet the executed GTID set as the binlog client tracks it, when GTIDs are used
   */
  public ChangeCapture(SourceConfig config, PgCopyLogWriter writer, TableInfoResolver tables, ReaderSchema schema,
      RowEncoder encoder, CaptureStats stats, BinlogPosition start, Supplier<Optional<String>> gtidSet) {
    this.config = config;
    this.writer = writer;
    this.tables = tables;
    this.schema = schema;
    this.encoder = encoder;
    this.stats = stats;
    this.gtidSet = gtidSet;
    this.file = start.file();
    this.cursor = start.position();
    this.submitted = start;
    this.committed = start;
    stats.committed(start, false);
  }

  /** Handles one event from the binlog client. */
  public synchronized void onEvent(Event event) throws SQLException {
    EventHeaderV4 header = event.getHeader();
    if (header.getEventType() == EventType.HEARTBEAT) {
      stats.caughtUp();
      return;
    }
    // MariaDB 11.4+ leaves end_log_pos at 0 inside transactions (binlog_legacy_event_pos=OFF),
    // so positions are counted from the last event that carried one
    long start = header.getNextPosition() > 0 ? header.getNextPosition() - header.getEventLength() : cursor;
    cursor = start + header.getEventLength();
    handle(event, start, cursor);
  }

  private void handle(Event event, long position, long nextPosition) throws SQLException {
    EventHeaderV4 header = event.getHeader();
    EventType type = header.getEventType();
    long eventMillis = header.getTimestamp();
    switch (type) {
      case ROTATE -> {
        RotateEventData rotate = event.getData();
        file = rotate.getBinlogFilename();
        cursor = rotate.getBinlogPosition();
      }
      case TABLE_MAP -> {
        TableMapEventData map = event.getData();
        tableMaps.put(map.getTableId(), map);
      }
      case MARIADB_GTID -> {
        inTransaction = true;
        groupWaitsForCommit = (((MariadbGtidEventData) event.getData()).getFlags()
            & MariadbGtidEventData.FL_STANDALONE) == 0;
      }
      case GTID, ANONYMOUS_GTID -> inTransaction = true;
      case WRITE_ROWS, EXT_WRITE_ROWS -> {
        WriteRowsEventData rows = event.getData();
        rows(EventKind.INSERT, rows.getTableId(), rows.getIncludedColumns(), rows.getRows(), position, eventMillis);
      }
      case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
        UpdateRowsEventData rows = event.getData();
        updates(rows, position, eventMillis);
      }
      case DELETE_ROWS, EXT_DELETE_ROWS -> {
        DeleteRowsEventData rows = event.getData();
        rows(EventKind.DELETE, rows.getTableId(), rows.getIncludedColumns(), rows.getRows(), position, eventMillis);
      }
      case XID -> endTransaction(nextPosition);
      case QUERY -> query(event.getData(), position, nextPosition, eventMillis);
      case TRANSACTION_PAYLOAD -> {
        // MySQL 8 compressed transaction: its events carry no usable positions of their own
        for (Event inner : ((TransactionPayloadEventData) event.getData()).getUncompressedEvents()) {
          handle(inner, position, nextPosition);
        }
      }
      case PARTIAL_UPDATE_ROWS_EVENT, INCIDENT, PRE_GA_WRITE_ROWS, PRE_GA_UPDATE_ROWS, PRE_GA_DELETE_ROWS ->
          throw new SourceException(config.name(), new BinlogPosition(file, position),
              "the binlog holds a " + type + " event, which cannot be replicated without losing changes"
                  + (type == EventType.PARTIAL_UPDATE_ROWS_EVENT ? " (set binlog_row_value_options='')" : ""), null);
      default -> {
        // format description, GTID lists, annotations, padding: nothing to replicate
      }
    }
  }

  /**
   * Commits the open batch, or saves the position, once it has waited long enough; takes note of
   * the commits done meanwhile.
   */
  public synchronized void flushIfDue() throws SQLException {
    confirm();
    if (inTransaction || pending == null || pending.equals(submitted)) {
      return;
    }
    long waited = System.nanoTime() - (writer.batchOpen() ? writer.batchOpenedNanos() : lastCommitNanos);
    if (waited >= config.batchMaxWait().toNanos()) {
      commit();
    }
  }

  /**
   * Called when reading stops: commits what is complete when no transaction is half read,
   * else throws the open batch away (it is read again from the last commit).
   */
  public synchronized void finish() {
    try {
      if (!inTransaction) {
        if (pending != null && !pending.equals(submitted)) {
          commit();
        }
        writer.drain();
        confirm();
        return;
      }
    } catch (SQLException e) {
      // fall through: the batch is discarded and read again next time
    }
    writer.abort(); // after the commits handed over before the open batch
    try {
      confirm();
    } catch (SQLException e) {
      // nothing more was committed
    }
  }

  /** Some tables were copied again: the reader describes them afresh and replicates them fully. */
  public synchronized void resynced(Connection source, Collection<TableRef> copied) throws SQLException {
    schema.resynced(source, copied);
    copied.forEach(t -> tables.invalidate(t.schema(), t.table()));
  }

  /** The position up to which changes are committed to the log tables. */
  public synchronized BinlogPosition committedPosition() {
    return committed;
  }

  private void rows(EventKind kind, long tableId, BitSet columns, List<Serializable[]> rows,
      long position, long eventMillis) throws SQLException {
    TableInfo table = replicatedTable(tableId, position);
    if (table == null) {
      return;
    }
    inTransaction = true;
    writer.openBatch();
    for (Serializable[] row : rows) {
      JsonWriter data = encode(table, columns, row, position, image);
      if (data != null) {
        writer.row(kind, table.schema(), table.table(), file, position, eventMillis, data.bytes(), data.length(),
            null, 0);
      }
    }
    count(kind, rows.size());
    seen(eventMillis);
  }

  private void updates(UpdateRowsEventData event, long position, long eventMillis) throws SQLException {
    TableInfo table = replicatedTable(event.getTableId(), position);
    if (table == null) {
      return;
    }
    inTransaction = true;
    writer.openBatch();
    for (Map.Entry<Serializable[], Serializable[]> change : event.getRows()) {
      JsonWriter before = encode(table, event.getIncludedColumnsBeforeUpdate(), change.getKey(), position,
          beforeImage);
      JsonWriter after = before == null ? null
          : encode(table, event.getIncludedColumns(), change.getValue(), position, image);
      if (after != null) {
        writer.row(EventKind.UPDATE, table.schema(), table.table(), file, position, eventMillis,
            after.bytes(), after.length(), before.bytes(), before.length());
      }
    }
    count(EventKind.UPDATE, event.getRows().size());
    seen(eventMillis);
  }

  private void query(QueryEventData query, long position, long nextPosition, long eventMillis)
      throws SQLException {
    String sql = query.getSql().strip();
    String keyword = sql.length() >= 9 ? sql.substring(0, 9).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
    if (keyword.startsWith("BEGIN") || keyword.startsWith("XA START") || keyword.startsWith("SAVEPOINT")) {
      inTransaction = true;
      groupWaitsForCommit = true;
    } else if (keyword.startsWith("COMMIT") || keyword.startsWith("ROLLBACK") || keyword.startsWith("XA END")
        || keyword.startsWith("XA COMMIT") || keyword.startsWith("XA PREPAR")) {
      endTransaction(nextPosition);
    } else {
      ddl(query, sql, position, nextPosition, eventMillis);
    }
  }

  /**
   * A statement other than transaction control: logged with its translation when it concerns
   * the replica. It ends its group unless the group waits for a commit (MySQL 8 marks a
   * {@code CREATE TABLE ... SELECT} so by ending the statement with START TRANSACTION).
   */
  private void ddl(QueryEventData query, String sql, long position, long nextPosition, long eventMillis)
      throws SQLException {
    Optional<DdlEvent> ddl = schema.read(sql, query.getDatabase());
    if (ddl.isPresent()) {
      ddl.get().tables().forEach(t -> tables.invalidate(t.schema(), t.table()));
      ddl.get().changes().forEach(c -> tables.invalidate(c.schema(), c.table()));
      inTransaction = true;
      writer.openBatch();
      writer.ddl(query.getDatabase(), sql, ddl.get().toJson(), file, position, eventMillis);
      stats.ddl();
      seen(eventMillis);
    }
    if (!groupWaitsForCommit && !sql.toUpperCase(Locale.ROOT).endsWith("START TRANSACTION")) {
      endTransaction(nextPosition);
    }
  }

  private void endTransaction(long nextPosition) throws SQLException {
    inTransaction = false;
    groupWaitsForCommit = false;
    stats.transaction();
    pending = new BinlogPosition(file, nextPosition, gtidSet.get());
    if (writer.batchOpen()
        && (writer.batchEvents() >= config.batchMaxEvents() || writer.batchBytes() >= config.batchMaxBytes())) {
      commit();
    }
  }

  private void commit() throws SQLException {
    writer.commit(pending, lastEventMillis == 0 ? null : Instant.ofEpochMilli(lastEventMillis));
    submitted = pending;
    lastCommitNanos = System.nanoTime();
    if (schema.changedSinceCommit()) {
      // a reconnect goes back to the model of the committed position: wait until this one is
      writer.drain();
      schema.committed();
    }
    confirm();
  }

  /** Takes note of the commits the writer has done. */
  private void confirm() throws SQLException {
    for (Committed done = writer.nextCommitted(); done != null; done = writer.nextCommitted()) {
      committed = done.end();
      stats.committed(committed, done.batchId() != 0, done.nanos());
    }
  }

  private TableInfo replicatedTable(long tableId, long position) {
    TableMapEventData map = tableMaps.get(tableId);
    if (map == null) {
      throw new SourceException(config.name(), new BinlogPosition(file, position),
          "row event for table id " + tableId + " without its TABLE_MAP event", null);
    }
    if (!config.replicates(map.getDatabase(), map.getTable())) {
      return null;
    }
    if (!schema.failed(map.getDatabase(), map.getTable())) {
      return tables.resolve(map, () -> schema.table(map.getDatabase(), map.getTable()).orElse(null));
    }
    try {
      return tables.resolve(map);
    } catch (RuntimeException e) {
      dropped(map.getDatabase() + "." + map.getTable(), position, e);
      return null;
    }
  }

  /** The row as JSON in COPY text form; null when it cannot be encoded and its table is excluded after a failed DDL. */
  private JsonWriter encode(TableInfo table, BitSet columns, Serializable[] row, long position, JsonWriter into) {
    try {
      encoder.encode(table, row, columns, into);
      return into;
    } catch (RuntimeException e) {
      if (schema.failed(table.schema(), table.table())) {
        dropped(table.qualifiedName(), position, e);
        return null;
      }
      throw new SourceException(config.name(), new BinlogPosition(file, position),
          "cannot encode a row of " + table.schema() + "." + table.table() + ": " + e.getMessage(), e);
    }
  }

  private void dropped(String table, long position, RuntimeException e) {
    log.warn("Source '{}': a row of {} at {}:{} cannot be named or encoded and is dropped; the table is excluded"
        + " after a DDL statement that could not be replicated, until it is re-synced: {}",
        config.name(), table, file, position, e.getMessage());
  }

  private void count(EventKind kind, int rows) {
    switch (kind) {
      case INSERT -> stats.inserted(rows);
      case UPDATE -> stats.updated(rows);
      case DELETE -> stats.deleted(rows);
      case DDL -> stats.ddl();
    }
  }

  private void seen(long eventMillis) {
    if (eventMillis > 0) {
      lastEventMillis = eventMillis;
    }
    stats.eventSeen(eventMillis);
  }
}
