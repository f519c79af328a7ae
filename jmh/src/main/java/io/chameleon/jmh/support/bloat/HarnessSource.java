package io.chameleon.jmh.support.bloat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
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
 * <p>Replay finds a batch's rows the way the library does since catalogue 1.6, a TID range scan
 * from the batch's first block, or the whole table when the rows found there do not add up to the
 * batch (rows that went into space a vacuum freed earlier in the table). The first block is the
 * block of the last row of the table's previous batch, which the writer looks up after each
 * {@code COPY}: the table's last block, which the library records, often lies past the next
 * batch's rows (PostgreSQL extends a table by several blocks at a time during {@code COPY} and
 * fills those first). On shared tables the range also holds other sources' rows, which the batch
 * id leaves out, and another writer's batch may start before the block recorded, which the
 * whole-table read catches.
 */
final class HarnessSource {

  /** A batch's rows, read from its first block on. */
  private static final String FROM_FIRST_BLOCK = "ctid >= ?::tid AND i_id_batch = ?";
  /** A batch's rows, looked for in the whole table. */
  private static final String WHOLE_TABLE = "i_id_batch = ?";

  private record LoggedBatch(long id, String table, long firstBlock, int rows) {}

  private final String targetTable;
  private final SourceLogTables tables;
  private final BatchRows rows;
  private final int index;
  private final AtomicLong writtenOverall;
  private final AtomicLong lastEventId;
  private final Map<String, AtomicLong> nextFirstBlocks;
  private final Semaphore inFlight = new Semaphore(HarnessRun.IN_FLIGHT_BATCHES);
  private final BlockingQueue<LoggedBatch> logged = new ArrayBlockingQueue<>(HarnessRun.IN_FLIGHT_BATCHES);
  private final AtomicLong replayed = new AtomicLong();

  /**
   * @param index the source's number, 1 to N
   * @param targetTable the qualified target table, with the columns of {@code orders}
   * @param writtenOverall counts batches written by every source
   * @param lastEventId the last event id taken by any source (event ids are unique over all tables)
   * @param nextFirstBlocks per log table, where its next batch's rows start: the block of its
   *     previous batch's last row, shared by the writers of the table
   */
  HarnessSource(int index, String targetTable, SourceLogTables tables, BatchRows rows, AtomicLong writtenOverall,
      AtomicLong lastEventId, Map<String, AtomicLong> nextFirstBlocks) {
    this.index = index;
    this.targetTable = targetTable;
    this.tables = tables;
    this.rows = rows;
    this.writtenOverall = writtenOverall;
    this.lastEventId = lastEventId;
    this.nextFirstBlocks = nextFirstBlocks;
  }

  /** Logs every batch; returns once the last one is committed. */
  void write(Connection connection) throws SQLException, InterruptedException {
    connection.setAutoCommit(false);
    try (PreparedStatement lastBlock = connection.prepareStatement(
            "SELECT greatest(pg_relation_size(?::regclass) / current_setting('block_size')::bigint - 1, 0)");
        PreparedStatement batchRow = connection.prepareStatement(
            "INSERT INTO " + HarnessRun.SCHEMA + ".batch (i_source, v_log_table, i_first_block) VALUES (?, ?, ?)"
                + " RETURNING i_id_batch")) {
      for (int batch = 0; batch < rows.batches(); batch++) {
        inFlight.acquire();
        String table = tables.tableFor(connection, batch, replayed.get());
        lastBlock.setString(1, table);
        AtomicLong nextFirstBlock = nextFirstBlocks.get(table);
        long firstBlock = Math.min(nextFirstBlock.get(), single(lastBlock)); // less when truncated
        batchRow.setInt(1, index);
        batchRow.setString(2, table);
        batchRow.setLong(3, firstBlock);
        long id = single(batchRow);
        int count = rows.rows(batch);
        byte[] text = rows.withIds(batch, lastEventId.getAndAdd(count) + 1, id);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY " + table + " (" + BatchRows.COLUMNS + ") FROM STDIN");
        copy.writeToCopy(text, 0, text.length);
        copy.endCopy();
        try (PreparedStatement lastRow = connection.prepareStatement("SELECT coalesce("
            + "((max(ctid)::text::point)[0])::bigint, ?) FROM " + table + " WHERE " + FROM_FIRST_BLOCK)) {
          lastRow.setLong(1, firstBlock);
          lastRow.setString(2, "(" + firstBlock + ",0)");
          lastRow.setLong(3, id);
          nextFirstBlock.set(single(lastRow));
        }
        connection.commit();
        logged.put(new LoggedBatch(id, table, firstBlock, count));
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
        String where = batchRows(connection, next);
        try (PreparedStatement apply = connection.prepareStatement(applySql(next.table(), where, targetTable))) {
          bindBatch(apply, next, where);
          apply.executeUpdate();
        }
        if (tables.deletesReplayed()) {
          try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + next.table() + " WHERE " + where)) {
            bindBatch(delete, next, where);
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

  /** The condition that selects the batch's rows: from its first block on when they are all there. */
  private String batchRows(Connection connection, LoggedBatch batch) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement(
        "SELECT count(*) FROM " + batch.table() + " WHERE " + FROM_FIRST_BLOCK)) {
      bindBatch(count, batch, FROM_FIRST_BLOCK);
      return single(count) == batch.rows() ? FROM_FIRST_BLOCK : WHOLE_TABLE;
    }
  }

  private static void bindBatch(PreparedStatement statement, LoggedBatch batch, String where) throws SQLException {
    int p = 1;
    if (where.equals(FROM_FIRST_BLOCK)) {
      statement.setString(p++, "(" + batch.firstBlock() + ",0)");
    }
    statement.setLong(p, batch.id());
  }

  /** The number a one-row, one-column query returns. */
  private static long single(PreparedStatement query) throws SQLException {
    try (ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * One statement applying a batch of {@code orders} events: each key's last image wins (an
   * update's before image counts as a deletion of the old key, so a changed key disappears),
   * keys that end deleted are deleted, the others inserted or updated.
   */
  private static String applySql(String logTable, String where, String target) {
    return "WITH ev AS ("
        + " SELECT i_id_event AS id, enm_binlog_event AS kind, jsb_event_data AS data, jsb_event_update AS before"
        + " FROM " + logTable + " WHERE " + where
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
