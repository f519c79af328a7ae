package io.chameleon.jmh.support;

import io.chameleon.BinlogPosition;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * N sources capturing the same backlog through the public API, each into its own log tables in
 * one fresh catalogue database: a {@link ReplicaManager} with its own pool, sources named
 * {@code src_1..src_N}, each mapping the backlog's MySQL schema to its own PostgreSQL schema
 * ({@code <schema>_pg_<i>}) with its own binlog client and server id.
 *
 * <p>Use: {@link #reset()} (untimed) puts every source back at the backlog's start with empty
 * log tables; {@link #run(Duration)} (timed) starts them and returns once every source's
 * committed read position has reached the backlog's end; {@link #stop()} and {@link #verify()}
 * (untimed) stop them and check that each logged every event exactly once.
 *
 * <p>Only the read side runs: {@code startReplica} also starts the source's replayer, which
 * {@link #run} pauses at once ({@code pauseReplay}), before the first batch can commit; the
 * backlog's tables have no targets anyway (no {@code initReplica}). {@link #verify()} fails the
 * run if any batch was replayed. The log rotation still runs as the writer drives it (after
 * eight batches a source moves to its empty second table), so a source's rows may be in both
 * of its log tables.
 *
 * <p>Not thread-safe: driven by one benchmark thread.
 */
public final class CaptureSources implements AutoCloseable {

  /**
   * The longest and the shortest wait between two looks for the end. A look is a catalogue query
   * (with the JDBC work around it, about 0.25 ms of CPU): every 10 ms it cost 1.4% of the run's CPU.
   * The wait is half the time the slowest source needs to reach the end at its pace since the
   * start, within these bounds: few looks, and the end seen within about 2 ms.
   */
  private static final long MAX_WAIT_NANOS = 100_000_000;
  private static final long MIN_WAIT_NANOS = 2_000_000;

  private final Backlog backlog;
  private final PostgresDatabase database;
  private final ReplicaManager manager;
  private final List<String> names = new ArrayList<>();
  private final Connection monitor;

  private CaptureSources(Backlog backlog, PostgresDatabase database, ReplicaManager manager, Connection monitor) {
    this.backlog = backlog;
    this.database = database;
    this.manager = manager;
    this.monitor = monitor;
  }

  /**
   * A fresh catalogue database with {@code sources} sources registered on the backlog.
   *
   * @param configure changes each source's configuration (batch size, ...) before it is built;
   *     the library's defaults otherwise
   */
  public static CaptureSources create(Sandbox sandbox, Backlog backlog, int sources,
      UnaryOperator<SourceConfig.Builder> configure) throws SQLException {
    PostgresDatabase database = sandbox.postgres().createDatabase("capture");
    ReplicaManager manager = ReplicaManager.builder()
        .postgres(database.jdbcUrl(), database.user(), database.password())
        .instanceName("bench")
        .maxPoolSize(Math.max(16, 2 * sources + 4))
        .build();
    CaptureSources capture = new CaptureSources(backlog, database, manager, database.openConnection());
    manager.createReplicaSchema();
    SourceServer server = sandbox.source();
    for (int i = 1; i <= sources; i++) {
      String name = "src_" + i;
      SourceConfig.Builder config = SourceConfig.builder(name)
          .mysql(server.host(), server.port())
          .credentials(server.user(), server.password())
          .serverId(ServerIds.next())
          .mapSchema(backlog.database(), backlog.database() + "_pg_" + i);
      manager.addSource(configure.apply(config).build());
      capture.names.add(name);
    }
    return capture;
  }

  /** The catalogue database. */
  public PostgresDatabase database() {
    return database;
  }

  /** How many sources run. */
  public int sources() {
    return names.size();
  }

  /** Log rows a complete run writes: every source logs every event of the backlog. */
  public long expectedRows() {
    return names.size() * backlog.events();
  }

  /**
   * Stops the sources, empties their batches and log tables, sets every read position to the
   * backlog's start and checkpoints, so the next run starts from the same clean state.
   */
  public void reset() throws SQLException {
    stop();
    try (Statement statement = monitor.createStatement()) {
      statement.execute("TRUNCATE sch_chameleon.t_replica_batch, sch_chameleon.t_log_replica CASCADE");
    }
    try (PreparedStatement update = monitor.prepareStatement(
        "UPDATE sch_chameleon.t_sources SET t_binlog_name = ?, i_binlog_position = ?, t_gtid_set = NULL,"
            + " ts_last_event = NULL, t_last_error = NULL, ts_last_error = NULL, i_active_log = 1")) {
      update.setString(1, backlog.start().file());
      update.setLong(2, backlog.start().position());
      update.executeUpdate();
    }
    try (Statement statement = monitor.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  /**
   * Starts every source and waits until each has committed the backlog's end as its read
   * position.
   *
   * @throws IllegalStateException when a source fails or reconnects (the run is not valid), or
   *     the timeout passes
   */
  public void run(Duration timeout) throws SQLException, InterruptedException {
    for (String name : names) {
      manager.startReplica(name);
      manager.pauseReplay(name);
    }
    awaitEnd(timeout);
  }

  /** Stops every source (commits nothing new: they are all at the end). */
  public void stop() {
    for (String name : names) {
      manager.stopReplica(name);
    }
  }

  /**
   * Checks that each source logged each backlog event exactly once and replayed nothing.
   *
   * @return the log rows over all sources
   * @throws IllegalStateException when a source's log holds another number of rows, or a batch
   *     was replayed
   */
  public long verify() throws SQLException {
    Map<String, Long> perSource = new HashMap<>();
    try (Statement statement = monitor.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT s.t_source, count(*) FROM sch_chameleon.t_log_replica l"
                + " JOIN sch_chameleon.t_replica_batch b ON b.i_id_batch = l.i_id_batch"
                + " JOIN sch_chameleon.t_sources s ON s.i_id_source = b.i_id_source GROUP BY 1")) {
      while (rows.next()) {
        perSource.put(rows.getString(1), rows.getLong(2));
      }
    }
    long total = perSource.values().stream().mapToLong(Long::longValue).sum();
    if (perSource.size() != names.size() || perSource.values().stream().anyMatch(n -> n != backlog.events())) {
      throw new IllegalStateException("expected " + backlog.events() + " log rows for each of " + names.size()
          + " sources, found " + perSource);
    }
    try (Statement statement = monitor.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM sch_chameleon.t_replica_batch WHERE b_replayed")) {
      rows.next();
      if (rows.getLong(1) != 0) {
        throw new IllegalStateException(rows.getLong(1) + " batches were replayed during a capture-only run");
      }
    }
    return total;
  }

  private void awaitEnd(Duration timeout) throws SQLException, InterruptedException {
    BinlogPosition end = backlog.end();
    BinlogPosition start = backlog.start();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    try (PreparedStatement poll = monitor.prepareStatement(
        "SELECT t_source, t_binlog_name, i_binlog_position, enm_status::text, t_last_error FROM sch_chameleon.t_sources")) {
      while (true) {
        int done = 0;
        String lagging = null;
        long lowest = Long.MAX_VALUE; // the lowest position of a source short of the end in the end's file, else -1
        try (ResultSet rows = poll.executeQuery()) {
          while (rows.next()) {
            String file = rows.getString(2);
            long position = rows.getLong(3);
            String error = rows.getString(5);
            if (error != null || "error".equals(rows.getString(4))) {
              throw new IllegalStateException("source " + rows.getString(1) + " is " + rows.getString(4)
                  + " with error '" + error + "': the run is not valid");
            }
            if (file != null && (file.compareTo(end.file()) > 0
                || (file.equals(end.file()) && position >= end.position()))) {
              done++;
            } else {
              lagging = rows.getString(1) + " at " + file + ":" + position;
              lowest = end.file().equals(file) ? Math.min(lowest, position) : -1;
            }
          }
        }
        if (done == names.size()) {
          return;
        }
        long now = System.nanoTime();
        if (now > deadline) {
          throw new IllegalStateException("the sources did not reach " + end + " within " + timeout + ": " + lagging);
        }
        long wait = MAX_WAIT_NANOS;
        if (lowest >= 0 && start.file().equals(end.file()) && lowest > start.position()) {
          double remaining = (double) (end.position() - lowest) / (lowest - start.position());
          wait = Math.max(MIN_WAIT_NANOS, Math.min(MAX_WAIT_NANOS, (long) (remaining * (now - started) / 2)));
        }
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
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
}
