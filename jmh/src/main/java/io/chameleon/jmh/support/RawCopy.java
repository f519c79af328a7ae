package io.chameleon.jmh.support;

import io.chameleon.sandbox.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The physical limit of the log writer: N concurrent writers, each COPYing the same log rows
 * into its own plain table in a catalogue database, one transaction per chunk.
 *
 * <p>The plain tables, {@code bench_raw.raw_log_<i>}, are {@code CREATE TABLE ... (LIKE
 * sch_chameleon.t_log_replica)}: the log table's columns, types and NOT NULL constraints, and
 * nothing else: no primary key, no foreign key to the batch table, no sequence default for the
 * event id (the rows bring theirs, as the library's writer does), no inheritance. The payload
 * columns keep the log table's type ({@code json}) unless the payload type is given as {@code
 * jsonb}. Layouts with a sequence get the rows without their event ids.
 *
 * <p>Not thread-safe: driven by one benchmark thread, which {@link #run} fans out to the
 * writers' own threads.
 */
public final class RawCopy implements AutoCloseable {

  private final List<Connection> writers = new ArrayList<>();
  private final List<String> tables = new ArrayList<>();
  private final ExecutorService threads;
  private final Connection admin;
  private final CopyLayout layout;
  /** The rows last given to {@link #run}, and what the writers COPY of them. */
  private LogRows given;
  private LogRows copied;

  private RawCopy(int writers, Connection admin, CopyLayout layout) {
    this.threads = Executors.newFixedThreadPool(writers, task -> {
      Thread thread = new Thread(task, "bench-raw-copy");
      thread.setDaemon(true);
      return thread;
    });
    this.admin = admin;
    this.layout = layout;
  }

  /**
   * Creates {@code writers} tables, {@code bench_raw.<layout>_<i>}, and opens one connection per
   * writer.
   *
   * @param database a database holding the catalogue (for the log table's definition, and the
   *     batches the rows name when the layout has the foreign key)
   */
  public static RawCopy create(PostgresDatabase database, int writers, CopyLayout layout) throws SQLException {
    RawCopy copy = new RawCopy(writers, database.openConnection(), layout);
    try (Statement statement = copy.admin.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS bench_raw");
      for (int i = 1; i <= writers; i++) {
        String table = "bench_raw." + layout.name().toLowerCase(java.util.Locale.ROOT) + "_" + i;
        for (String sql : layout.create(table)) {
          statement.execute(sql);
        }
        copy.tables.add(table);
        Connection connection = database.openConnection();
        connection.setAutoCommit(false);
        copy.writers.add(connection);
      }
    }
    return copy;
  }

  /** Empties the tables and checkpoints, so each run starts from the same state. */
  public void reset() throws SQLException {
    try (Statement statement = admin.createStatement()) {
      statement.execute("TRUNCATE " + String.join(", ", tables));
      statement.execute("CHECKPOINT");
    }
  }

  /**
   * Every writer COPYs every chunk into its table, committing after each chunk; returns once all
   * are done.
   *
   * @return rows written over all writers
   */
  public long run(LogRows rows) throws Exception {
    if (rows != given) {
      copied = layout.takesEventIds() ? rows : rows.withoutEventIds();
      given = rows;
    }
    String sql = "COPY %s (" + (layout.takesEventIds() ? LogRows.COLUMNS : LogRows.COLUMNS_AFTER_EVENT_ID) + ") FROM STDIN";
    List<Future<Long>> done = new ArrayList<>();
    for (int i = 0; i < writers.size(); i++) {
      Connection connection = writers.get(i);
      String table = tables.get(i);
      String copy = String.format(sql, table);
      done.add(threads.submit(() -> write(connection, copy, copied)));
    }
    long total = 0;
    for (Future<Long> writer : done) {
      try {
        total += writer.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a raw COPY writer failed: " + e.getCause(), e.getCause());
      }
    }
    return total;
  }

  private static long write(Connection connection, String sql, LogRows rows) throws SQLException {
    CopyManager copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
    long written = 0;
    for (byte[] chunk : rows.chunks()) {
      CopyIn copy = copyApi.copyIn(sql);
      copy.writeToCopy(chunk, 0, chunk.length);
      written += copy.endCopy();
      connection.commit();
    }
    return written;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    for (Connection connection : writers) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the fork ends with the sandbox; nothing to release
      }
    }
    try {
      admin.close();
    } catch (SQLException e) {
      // same
    }
  }
}
