package io.chameleon.jmh.support.bloat;

import io.chameleon.BinlogPosition;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.jmh.support.Backlog;
import io.chameleon.jmh.support.ServerIds;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link LogLayout#LIBRARY}: the library itself, end to end. N sources in a {@link
 * ReplicaManager} capture one MariaDB database and replay it into a target table each (source
 * {@code i} maps it to {@code <database>_pg_<i>}), with rotation as the library does it.
 *
 * <p>The workload is the backlog's ({@link Backlog#round}), written live during the run by one
 * client, one 1,000-row transaction at a time; each source closes a batch per transaction. Like
 * the harness's sources it is steady: the client writes the next transaction only while every
 * source has fewer than {@value HarnessRun#IN_FLIGHT_BATCHES} transactions written and not yet
 * replayed (not read yet, or logged and not replayed: from {@code t_sources} and {@code
 * t_replica_batch}). Every source reads every transaction, so N sources log N times the events.
 *
 * <p>The rate includes MariaDB writing the workload on the same machine, which the harness does
 * not have: compare the library's log table figures with {@link LogLayout#ROTATION}, not its rate.
 */
public final class LibraryRun implements LayoutRun {

  private static final long POLL_MILLIS = 10;
  /** Longest wait for one more transaction to be replayed: a run of any length may take hours. */
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(10);

  private final SourceDatabase source;
  private final PostgresDatabase database;
  private final ReplicaManager manager;
  private final Connection monitor;
  private final List<String> names = new ArrayList<>();
  private final int batches;
  private final AtomicLong written = new AtomicLong();

  private LibraryRun(SourceDatabase source, PostgresDatabase database, ReplicaManager manager, Connection monitor,
      int batches) {
    this.source = source;
    this.database = database;
    this.manager = manager;
    this.monitor = monitor;
    this.batches = batches;
  }

  /**
   * A fresh MariaDB database with an empty {@code orders}, a fresh catalogue database with
   * {@code sources} sources on it, and their target tables (registered as copied, empty).
   *
   * @param batches transactions (so batches per source) a run writes
   */
  public static LibraryRun create(Sandbox sandbox, int sources, int batches) throws SQLException {
    SourceServer server = sandbox.source();
    SourceDatabase mysql = server.createDatabase("bloat_src");
    mysql.execute(Backlog.TABLE_DDL);
    PostgresDatabase database = sandbox.postgres().createDatabase("bloat_lib");
    ReplicaManager manager = ReplicaManager.builder()
        .postgres(database.jdbcUrl(), database.user(), database.password())
        .instanceName("bloat")
        .maxPoolSize(Math.max(16, 3 * sources + 4))
        .build();
    LibraryRun run = new LibraryRun(mysql, database, manager, database.openConnection(), batches);
    manager.createReplicaSchema();
    for (int i = 1; i <= sources; i++) {
      String name = "src_" + i;
      String target = mysql.name() + "_pg_" + i;
      manager.addSource(SourceConfig.builder(name)
          .mysql(server.host(), server.port())
          .credentials(server.user(), server.password())
          .serverId(ServerIds.next())
          .mapSchema(mysql.name(), target)
          .batchSize(Backlog.ROWS_PER_TRANSACTION, 16L * 1024 * 1024)
          .build());
      run.names.add(name);
      run.addTarget(name, target);
    }
    return run;
  }

  /**
   * Stops the sources, empties {@code orders}, the log, the batches and the targets, and sets
   * every source's read position to the binlog's end, so the next run starts from the same state.
   */
  @Override
  public void reset() throws SQLException {
    for (String name : names) {
      manager.stopReplica(name);
    }
    BinlogPosition start;
    try (Connection connection = source.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE TABLE orders");
      start = Backlog.binlogEnd(statement);
    }
    try (Statement statement = monitor.createStatement()) {
      statement.execute("TRUNCATE sch_chameleon.t_replica_batch, sch_chameleon.t_log_replica CASCADE");
      for (int i = 1; i <= names.size(); i++) {
        statement.execute("TRUNCATE \"" + source.name() + "_pg_" + i + "\".orders");
      }
    }
    try (PreparedStatement update = monitor.prepareStatement(
        "UPDATE sch_chameleon.t_sources SET t_binlog_name = ?, i_binlog_position = ?, t_gtid_set = NULL,"
            + " ts_last_event = NULL, t_last_error = NULL, ts_last_error = NULL, i_active_log = 1")) {
      update.setString(1, start.file());
      update.setLong(2, start.position());
      update.executeUpdate();
    }
    try (Statement statement = monitor.createStatement()) {
      statement.execute("CHECKPOINT");
    }
    written.set(0);
  }

  @Override
  public long run() throws Exception {
    for (String name : names) {
      manager.startReplica(name);
    }
    List<BinlogPosition> ends = new ArrayList<>();
    try (Connection connection = source.openConnection(); Statement statement = connection.createStatement()) {
      List<String> round = List.of();
      long rounds = 0;
      int next = 0;
      for (int transaction = 0; transaction < batches; transaction++) {
        awaitLagBelow(HarnessRun.IN_FLIGHT_BATCHES, ends);
        if (next == round.size()) {
          round = Backlog.round(rounds++);
          next = 0;
        }
        statement.executeUpdate(round.get(next++));
        ends.add(Backlog.binlogEnd(statement));
        written.incrementAndGet();
      }
    }
    awaitLagBelow(1, ends);
    return (long) names.size() * batches * Backlog.ROWS_PER_TRANSACTION;
  }

  @Override
  public double batchesWritten() {
    return written.get();
  }

  @Override
  public PostgresDatabase database() {
    return database;
  }

  @Override
  public int batches() {
    return batches;
  }

  @Override
  public List<String> logTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = monitor.createStatement();
        ResultSet rows = statement.executeQuery("SELECT unnest(v_log_table) FROM sch_chameleon.t_sources")) {
      while (rows.next()) {
        tables.add("sch_chameleon.\"" + rows.getString(1) + "\"");
      }
    }
    return tables;
  }

  @Override
  public void close() {
    manager.close();
    try {
      monitor.close();
    } catch (SQLException e) {
      // the fork ends with the sandbox; nothing to release
    }
  }

  /**
   * Waits until every source has fewer than {@code limit} of the written transactions not yet
   * replayed: not read into its log yet, or logged in a batch not replayed yet. An error the
   * library retries (its reader reconnects after a failed batch, as after the deadlocks between
   * rotating sources before catalogue 1.6) does not end the wait; the run's {@code deadlocks}
   * counts those.
   *
   * @throws IllegalStateException when the library gives a source up (status {@code error}), or
   *     the lag stays at the limit for {@link #STALL_TIMEOUT}
   */
  private void awaitLagBelow(int limit, List<BinlogPosition> ends) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + STALL_TIMEOUT.toNanos();
    try (PreparedStatement poll = monitor.prepareStatement(
        "SELECT s.t_source, s.t_binlog_name, s.i_binlog_position, s.enm_status::text, s.t_last_error,"
            + " (SELECT count(*) FROM sch_chameleon.t_replica_batch b"
            + "   WHERE b.i_id_source = s.i_id_source AND b.b_processed AND NOT b.b_replayed)"
            + " FROM sch_chameleon.t_sources s")) {
      while (true) {
        int worstLag = 0;
        try (ResultSet rows = poll.executeQuery()) {
          while (rows.next()) {
            if ("error".equals(rows.getString(4))) {
              throw new IllegalStateException("source " + rows.getString(1) + " is " + rows.getString(4)
                  + " with error '" + rows.getString(5) + "': the run is not valid");
            }
            BinlogPosition read = new BinlogPosition(rows.getString(2), rows.getLong(3));
            worstLag = Math.max(worstLag, unread(ends, read) + rows.getInt(6));
          }
        }
        if (worstLag < limit) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("a source stayed " + worstLag + " transactions behind for "
              + STALL_TIMEOUT);
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  /** Transactions whose end lies after {@code read}: the newest ones. */
  private static int unread(List<BinlogPosition> ends, BinlogPosition read) {
    int unread = 0;
    for (int i = ends.size() - 1; i >= 0 && after(ends.get(i), read); i--) {
      unread++;
    }
    return unread;
  }

  private static boolean after(BinlogPosition end, BinlogPosition read) {
    int files = end.file().compareTo(read.file());
    return files > 0 || (files == 0 && end.position() > read.position());
  }

  private void addTarget(String name, String schema) throws SQLException {
    try (Statement statement = monitor.createStatement()) {
      statement.execute("CREATE SCHEMA \"" + schema + "\"");
      statement.execute("CREATE TABLE \"" + schema + "\".orders (id bigint PRIMARY KEY, customer integer NOT NULL,"
          + " amount numeric(12,2) NOT NULL, note varchar(64), created timestamp(6) NOT NULL)");
    }
    try (PreparedStatement insert = monitor.prepareStatement(
        "INSERT INTO sch_chameleon.t_replica_tables (i_id_source, v_schema_name, v_table_name, v_schema_name_pg,"
            + " v_table_name_pg, v_table_pkey) SELECT i_id_source, ?, 'orders', ?, 'orders', ARRAY['id']"
            + " FROM sch_chameleon.t_sources WHERE t_source = ?")) {
      insert.setString(1, source.name());
      insert.setString(2, schema);
      insert.setString(3, name);
      insert.executeUpdate();
    }
  }
}
