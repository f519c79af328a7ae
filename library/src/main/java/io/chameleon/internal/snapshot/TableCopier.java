package io.chameleon.internal.snapshot;

import io.chameleon.internal.copy.CopyTextBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table: creates it in the load schema, streams the source rows from a snapshot
 * connection into {@code COPY}, then builds its primary key and indexes, sets its identity or
 * sequence past the highest value and analyses it, all in one PostgreSQL transaction (so a
 * failed table leaves nothing behind). No table is ever held in memory: rows go to the server
 * every {@value #FLUSH_BYTES} bytes.
 *
 * <p>Not thread-safe: one per worker.
 */
final class TableCopier {

  private static final Logger log = LoggerFactory.getLogger(TableCopier.class);
  /** Rows Connector/J fetches at a time from the streaming result. */
  private static final int FETCH_ROWS = 1000;
  /** Bytes gathered before they go to the server. */
  static final int FLUSH_BYTES = 256 * 1024;

  private final String sourceName;
  private final DataSource postgres;
  private final CopyProgress progress;
  private final BooleanSupplier cancelled;

  TableCopier(String sourceName, DataSource postgres, CopyProgress progress, BooleanSupplier cancelled) {
    this.sourceName = sourceName;
    this.postgres = postgres;
    this.progress = progress;
    this.cancelled = cancelled;
  }

  /**
   * Copies the table into {@code loadSchema} and commits it there.
   *
   * @param mysql a connection inside the consistent snapshot
   * @return the rows copied
   * @throws SQLException from either server
   * @throws CancellationException when another worker failed
   */
  long copy(TablePlan plan, Connection mysql, String loadSchema) throws SQLException {
    long started = System.nanoTime();
    try (Connection pg = postgres.getConnection()) {
      pg.setAutoCommit(false);
      try {
        try (Statement statement = pg.createStatement()) {
          // a crash loses only this table's load, which is redone anyway: no need to wait for fsync
          statement.execute("SET LOCAL synchronous_commit = off");
          statement.execute("SET LOCAL maintenance_work_mem = '128MB'");
          for (String ddl : plan.createStatements(loadSchema)) {
            statement.execute(ddl);
          }
        }
        long rows = stream(plan, mysql, pg, loadSchema);
        long streamed = System.nanoTime();
        try (Statement statement = pg.createStatement()) {
          for (String ddl : plan.afterDataStatements(loadSchema)) {
            statement.execute(ddl);
          }
          resetSequences(plan, pg, loadSchema);
          statement.execute("ANALYZE " + SqlText.pg(loadSchema, plan.pgTable()));
        }
        pg.commit();
        long ended = System.nanoTime();
        log.info("Source '{}': copied {} ({} rows) in {} ms: {} ms of rows ({} rows/s), {} ms of keys, indexes and ANALYZE",
            sourceName, plan.qualifiedName(), rows, (ended - started) / 1_000_000, (streamed - started) / 1_000_000,
            rows * 1_000_000_000L / Math.max(1, streamed - started), (ended - streamed) / 1_000_000);
        return rows;
      } catch (SQLException | RuntimeException e) {
        try {
          pg.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  private long stream(TablePlan plan, Connection mysql, Connection pg, String loadSchema) throws SQLException {
    List<CopyValue> values = plan.values();
    long[] nuls = new long[values.size()];
    CopyIn copy = pg.unwrap(PGConnection.class).getCopyAPI().copyIn(plan.copySql(loadSchema));
    long rows = 0;
    long reported = 0;
    try {
      try (Statement statement = mysql.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(FETCH_ROWS);
        try (ResultSet result = statement.executeQuery(plan.selectSql())) {
          try {
            CopyTextBuffer buffer = new CopyTextBuffer(FLUSH_BYTES + 64 * 1024);
            while (result.next()) {
              for (int i = 0; i < values.size(); i++) {
                nuls[i] += values.get(i).write(result, i + 1, buffer);
              }
              buffer.endRow();
              rows++;
              if (buffer.length() >= FLUSH_BYTES) {
                buffer.sendTo(copy);
                progress.rowsCopied(rows - reported);
                reported = rows;
                if (cancelled.getAsBoolean()) {
                  throw new CancellationException("another table of the copy failed");
                }
              }
            }
            buffer.sendTo(copy);
          } catch (SQLException | RuntimeException e) {
            // closing a half-read streaming result would read the rest of the table first
            ConsistentSnapshot.abort(mysql);
            throw e;
          }
        }
      }
      long copied = copy.endCopy();
      progress.rowsCopied(rows - reported);
      if (copied != rows) {
        throw new SQLException("COPY into " + plan.pgSchema() + "." + plan.pgTable() + " took " + copied
            + " rows, the source sent " + rows);
      }
    } finally {
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException ignored) {
          // the transaction is rolled back anyway
        }
      }
    }
    ConsistentSnapshot.releaseTable(mysql);
    reportNuls(plan, nuls);
    return rows;
  }

  private void reportNuls(TablePlan plan, long[] nuls) {
    long total = 0;
    for (int i = 0; i < nuls.length; i++) {
      if (nuls[i] > 0) {
        total += nuls[i];
        log.warn("Source '{}': {}.{} held {} NUL character(s), which PostgreSQL text cannot store; they were left out",
            sourceName, plan.qualifiedName(), plan.columns().get(i).name(), nuls[i]);
      }
    }
    progress.nulsStripped(total);
  }

  /** Identity and sequences continue after the highest value copied (when it is positive and fits). */
  private static void resetSequences(TablePlan plan, Connection pg, String loadSchema) throws SQLException {
    for (TablePlan.Column column : plan.autoIncrementColumns()) {
      String sql = "SELECT setval(pg_get_serial_sequence(?, ?), m::bigint) FROM (SELECT max("
          + SqlText.pg(column.name()) + ") AS m FROM " + SqlText.pg(loadSchema, plan.pgTable())
          + ") highest WHERE m BETWEEN 1 AND 9223372036854775807";
      try (PreparedStatement statement = pg.prepareStatement(sql)) {
        statement.setString(1, SqlText.pg(loadSchema, plan.pgTable()));
        statement.setString(2, column.name());
        statement.executeQuery().close();
      }
    }
  }
}
