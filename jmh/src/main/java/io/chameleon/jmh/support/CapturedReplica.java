package io.chameleon.jmh.support;

import io.chameleon.BinlogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A replica whose whole replay work is waiting in its log: the target copied by {@code
 * initReplica} before the backlog was written, the backlog captured into the log tables with
 * replay paused, and a copy of the target as it was before the backlog, to start every replay
 * from.
 *
 * <p>Use: {@link #reset()} (untimed) puts the target back as copied and marks every batch
 * unreplayed, so each run replays exactly the same events onto the same rows; {@link
 * #replay(Duration)} (timed) resumes replay and returns once every batch is replayed; {@link
 * #pause()} and {@link #verify(OrdersChecksum)} (untimed) pause replay again and check the
 * outcome.
 *
 * <p>The source keeps running between runs (its reader idle at the backlog's end), so replay
 * runs on the library's own replay thread; nothing writes to the source meanwhile, so no new
 * batch comes and the log never rotates. Not thread-safe: driven by one benchmark thread.
 */
public final class CapturedReplica implements AutoCloseable {

  private static final String INITIAL = "bench_replay.initial";
  private static final long POLL_MILLIS = 20;
  /** Unreplayed batches and the source's error, in one query: the poll costs PostgreSQL little. */
  private static final String REPLAY_PROGRESS = "SELECT (SELECT count(*) FROM sch_chameleon.t_replica_batch"
      + " WHERE NOT b_replayed), enm_status::text, t_last_error FROM sch_chameleon.t_sources";

  private final OneSourceReplica replica;
  private final Backlog backlog;
  private final Connection monitor;
  private final String target;

  private CapturedReplica(OneSourceReplica replica, Backlog backlog, Connection monitor) {
    this.replica = replica;
    this.backlog = backlog;
    this.monitor = monitor;
    this.target = replica.target(Orders.TABLE);
  }

  /**
   * Copies the base rows, writes the backlog ({@link ReplayBacklog#write()}) and captures it.
   *
   * @throws IllegalStateException when the capture fails, does not finish within the timeout,
   *     or logs another number of events than the backlog holds
   */
  public static CapturedReplica create(ReplayBacklog source, Duration timeout) throws Exception {
    OneSourceReplica replica = OneSourceReplica.create(source.sandbox(), source.database());
    replica.initReplica();
    Connection monitor = replica.database().openConnection();
    try (Statement statement = monitor.createStatement()) {
      statement.execute("CREATE SCHEMA bench_replay");
      statement.execute("CREATE TABLE " + INITIAL + " AS TABLE " + replica.target(Orders.TABLE));
    }
    CapturedReplica captured = new CapturedReplica(replica, source.write(), monitor);
    replica.manager().startReplica(OneSourceReplica.SOURCE);
    replica.manager().pauseReplay(OneSourceReplica.SOURCE);
    captured.awaitRead(timeout);
    long logged = captured.single("SELECT count(*) FROM sch_chameleon.t_log_replica");
    if (logged != captured.backlog.events()) {
      throw new IllegalStateException("logged " + logged + " events of " + captured.backlog);
    }
    return captured;
  }

  /** The captured backlog. */
  public Backlog backlog() {
    return backlog;
  }

  /**
   * Puts the target back as it was copied, marks every batch unreplayed, vacuums and analyses
   * what replay reads and writes, and checkpoints. Replay must be paused.
   */
  public void reset() throws SQLException {
    try (Statement statement = monitor.createStatement()) {
      statement.execute("TRUNCATE " + target);
      statement.execute("INSERT INTO " + target + " SELECT * FROM " + INITIAL);
      statement.execute("UPDATE sch_chameleon.t_replica_batch SET b_replayed = false, ts_replayed = NULL,"
          + " i_replayed = NULL, i_skipped = NULL, i_ddl = NULL");
      statement.execute("VACUUM ANALYZE " + target);
      statement.execute("VACUUM ANALYZE sch_chameleon.t_replica_batch");
      statement.execute("CHECKPOINT");
    }
  }

  /**
   * Resumes replay and waits until every batch is replayed.
   *
   * @throws IllegalStateException when the source reports an error or the timeout passes
   */
  public void replay(Duration timeout) throws SQLException, InterruptedException {
    replica.manager().resumeReplay(OneSourceReplica.SOURCE);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (PreparedStatement poll = monitor.prepareStatement(REPLAY_PROGRESS)) {
      while (true) {
        try (ResultSet row = poll.executeQuery()) {
          row.next();
          checkNoError(row.getString(2), row.getString(3));
          if (row.getLong(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the backlog was not replayed within " + timeout);
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  /** Stops replay after the batch in progress. */
  public void pause() {
    replica.manager().pauseReplay(OneSourceReplica.SOURCE);
  }

  /**
   * Checks that every batch was replayed with every event applied and none skipped, and that
   * the target holds the source's rows.
   *
   * @param expected the source table's checksum after the backlog
   * @throws IllegalStateException otherwise
   */
  public void verify(OrdersChecksum expected) throws SQLException {
    long unreplayed = single("SELECT count(*) FROM sch_chameleon.t_replica_batch WHERE NOT b_replayed");
    long applied = single("SELECT coalesce(sum(i_replayed), 0) FROM sch_chameleon.t_replica_batch");
    long skipped = single("SELECT coalesce(sum(i_skipped), 0) FROM sch_chameleon.t_replica_batch");
    if (unreplayed != 0 || applied != backlog.events() || skipped != 0) {
      throw new IllegalStateException(unreplayed + " batches unreplayed, " + applied + " events applied and "
          + skipped + " skipped, for " + backlog);
    }
    OrdersChecksum actual = OrdersChecksum.ofPostgres(monitor, target);
    if (!actual.matches(expected)) {
      throw new IllegalStateException("the target " + actual + " differs from the source " + expected);
    }
  }

  private void awaitRead(Duration timeout) throws SQLException, InterruptedException {
    BinlogPosition end = backlog.end();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (PreparedStatement poll = monitor.prepareStatement(
        "SELECT t_binlog_name, i_binlog_position, enm_status::text, t_last_error FROM sch_chameleon.t_sources")) {
      while (true) {
        try (ResultSet row = poll.executeQuery()) {
          row.next();
          checkNoError(row.getString(3), row.getString(4));
          String file = row.getString(1);
          long position = row.getLong(2);
          if (file != null && (file.compareTo(end.file()) > 0
              || (file.equals(end.file()) && position >= end.position()))) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the capture did not reach " + end + " within " + timeout
                + ": it is at " + file + ":" + position);
          }
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  private static void checkNoError(String status, String error) {
    if (error != null || "error".equals(status)) {
      throw new IllegalStateException("the source is " + status + " with error '" + error + "': the run is not valid");
    }
  }

  private long single(String sql) throws SQLException {
    try (Statement statement = monitor.createStatement(); ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Override
  public void close() {
    replica.close();
    try {
      monitor.close();
    } catch (SQLException e) {
      // the fork ends with the sandbox; nothing to release
    }
  }
}
