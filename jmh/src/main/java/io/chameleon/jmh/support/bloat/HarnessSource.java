package io.chameleon.jmh.support.bloat;

import io.chameleon.jmh.support.LogRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One source of the harness: a writer that logs every batch of {@link BatchRows} into the
 * source's log tables with {@code COPY}, and a replayer that applies each logged batch to the
 * source's target table with set SQL, each on its own thread and connection, the way the
 * library's reader and replayer work.
 *
 * <p>A batch is one writer transaction (its row in {@code batch}, its log rows) and one replay
 * transaction (the target changes, the deletion of its log rows where the layout deletes, the
 * batch marked replayed). The source is steady: the writer keeps at most {@value
 * HarnessRun#IN_FLIGHT_BATCHES} batches logged and not yet replayed, so the log holds the
 * replay lag of a source that replay keeps up with, and the rate is what writer and replayer
 * sustain together.
 *
 * <p>The writer hands each batch's event-id range to the replayer, which reads the batch through
 * the primary key (as the library does with {@code i_first_event}/{@code i_last_event}); on
 * shared tables the range may hold other sources' rows, which the batch id leaves out.
 */
final class HarnessSource {

  private record LoggedBatch(long id, String table, long afterEvent, long lastEvent) {}

  private final String targetTable;
  private final SourceLogTables tables;
  private final BatchRows rows;
  private final int index;
  private final AtomicLong writtenOverall;
  private final Semaphore inFlight = new Semaphore(HarnessRun.IN_FLIGHT_BATCHES);
  private final BlockingQueue<LoggedBatch> logged = new ArrayBlockingQueue<>(HarnessRun.IN_FLIGHT_BATCHES);
  private final AtomicLong replayed = new AtomicLong();

  /**
   * @param index the source's number, 1 to N
   * @param targetTable the qualified target table, with the columns of {@code orders}
   * @param writtenOverall counts batches written by every source
   */
  HarnessSource(int index, String targetTable, SourceLogTables tables, BatchRows rows, AtomicLong writtenOverall) {
    this.index = index;
    this.targetTable = targetTable;
    this.tables = tables;
    this.rows = rows;
    this.writtenOverall = writtenOverall;
  }

  /** Logs every batch; returns once the last one is committed. */
  void write(Connection connection) throws SQLException, InterruptedException {
    connection.setAutoCommit(false);
    try (PreparedStatement batchRow = connection.prepareStatement(
            "INSERT INTO " + HarnessRun.SCHEMA + ".batch (i_source, v_log_table) VALUES (?, ?)"
                + " RETURNING i_id_batch, nextval('" + HarnessRun.EVENT_ID_SEQUENCE + "')");
        PreparedStatement lastEvent = connection.prepareStatement(
            "SELECT currval('" + HarnessRun.EVENT_ID_SEQUENCE + "')")) {
      for (int batch = 0; batch < rows.batches(); batch++) {
        inFlight.acquire();
        String table = tables.tableFor(connection, batch, replayed.get());
        batchRow.setInt(1, index);
        batchRow.setString(2, table);
        long id;
        long after;
        try (ResultSet row = batchRow.executeQuery()) {
          row.next();
          id = row.getLong(1);
          after = row.getLong(2); // every row of the batch gets a later id
        }
        byte[] text = rows.withBatchId(batch, id);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY " + table + " (" + LogRows.COLUMNS + ") FROM STDIN");
        copy.writeToCopy(text, 0, text.length);
        copy.endCopy();
        long last;
        try (ResultSet row = lastEvent.executeQuery()) {
          row.next();
          last = row.getLong(1);
        }
        connection.commit();
        logged.put(new LoggedBatch(id, table, after, last));
        writtenOverall.incrementAndGet();
      }
    }
    LogTableStats.flushStatistics(connection);
  }

  /** Replays every batch as the writer logs it; returns once the last one is committed. */
  void replay(Connection connection) throws SQLException, InterruptedException {
    connection.setAutoCommit(false);
    try (PreparedStatement mark = connection.prepareStatement(
        "UPDATE " + HarnessRun.SCHEMA + ".batch SET b_replayed = true WHERE i_id_batch = ?")) {
      for (int batch = 0; batch < rows.batches(); batch++) {
        LoggedBatch next = logged.take();
        try (PreparedStatement apply = connection.prepareStatement(applySql(next.table(), targetTable))) {
          bindBatch(apply, next);
          apply.executeUpdate();
        }
        if (tables.deletesReplayed()) {
          try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + next.table()
              + " WHERE i_id_event > ? AND i_id_event <= ? AND i_id_batch = ?")) {
            bindBatch(delete, next);
            delete.executeUpdate();
          }
        }
        mark.setLong(1, next.id());
        mark.executeUpdate();
        connection.commit();
        replayed.incrementAndGet();
        inFlight.release();
      }
    }
    LogTableStats.flushStatistics(connection);
  }

  private static void bindBatch(PreparedStatement statement, LoggedBatch batch) throws SQLException {
    statement.setLong(1, batch.afterEvent());
    statement.setLong(2, batch.lastEvent());
    statement.setLong(3, batch.id());
  }

  /**
   * One statement applying a batch of {@code orders} events: each key's last image wins (an
   * update's before image counts as a deletion of the old key, so a changed key disappears),
   * keys that end deleted are deleted, the others inserted or updated.
   */
  private static String applySql(String logTable, String target) {
    return "WITH ev AS ("
        + " SELECT i_id_event AS id, enm_binlog_event AS kind, jsb_event_data AS data, jsb_event_update AS before"
        + " FROM " + logTable + " WHERE i_id_event > ? AND i_id_event <= ? AND i_id_batch = ?"
        + "), images AS ("
        + " SELECT id, true AS present, data AS img FROM ev WHERE kind IN ('insert', 'update')"
        + " UNION ALL SELECT id, false, data FROM ev WHERE kind = 'delete'"
        + " UNION ALL SELECT id, false, before FROM ev WHERE kind = 'update'"
        + "), last AS ("
        + " SELECT DISTINCT ON (key) key, present, img"
        + " FROM (SELECT (img ->> 'id')::bigint AS key, id, present, img FROM images) i"
        + " ORDER BY key, id DESC, present DESC"
        + "), gone AS ("
        + " DELETE FROM " + target + " t USING last WHERE NOT last.present AND t.id = last.key"
        + ") INSERT INTO " + target + " SELECT r.* FROM last, json_populate_record(NULL::" + target + ", last.img) r"
        + " WHERE last.present ON CONFLICT (id) DO UPDATE SET customer = EXCLUDED.customer,"
        + " amount = EXCLUDED.amount, note = EXCLUDED.note, created = EXCLUDED.created";
  }
}
