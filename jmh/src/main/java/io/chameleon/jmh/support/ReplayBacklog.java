package io.chameleon.jmh.support;

import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state of the replay benchmarks: the sandbox servers of the fork and a MariaDB database
 * whose {@link Orders} table holds as many rows as the backlog has events (the base rows, which
 * the initial copy takes), and, once {@link #write()} is called, the trial's {@link Workload}
 * backlog on top of them.
 *
 * <p>The base rows are written at trial setup; the backlog only when the benchmark's own state
 * asks, because the replay needs the target copied before the backlog and the raw copy needs
 * the rows after it.
 */
@State(Scope.Benchmark)
public class ReplayBacklog {

  /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG =
      java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");

  /** Row events in the backlog (rounded up to whole rounds of 10,000); also the number of base rows. */
  @Param("200000")
  public long backlogEvents;

  /** A {@link Workload} parameter value. */
  @Param({"insert-heavy", "update-heavy", "mixed"})
  public String workload;

  private Sandbox sandbox;
  private SourceDatabase database;
  private long baseRows;
  private Backlog backlog;
  private OrdersChecksum result;

  /** Starts the sandbox (once per JVM) and writes the base rows. */
  @Setup(Level.Trial)
  public void prepare() throws SQLException {
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING); // one INFO line per connection otherwise
    sandbox = Sandbox.get();
    database = sandbox.source().createDatabase("replay");
    database.execute(Orders.DDL);
    baseRows = Workload.rounds(backlogEvents) * Workload.EVENTS_PER_ROUND;
    try (Connection connection = database.openConnection()) {
      Orders.fill(connection, baseRows);
    }
  }

  /**
   * Writes the workload's backlog after the base rows and records the table's final checksum.
   *
   * @throws IllegalStateException when called twice
   */
  public Backlog write() throws SQLException {
    if (backlog != null) {
      throw new IllegalStateException("the backlog is written once per trial");
    }
    backlog = Workload.ofParam(workload).write(database, baseRows, Workload.rounds(backlogEvents));
    try (Connection connection = database.openConnection()) {
      result = OrdersChecksum.ofMysql(connection, database.name());
    }
    return backlog;
  }

  /** Stops the source server once the trial's other states are closed (see {@link SandboxBacklog#stopSource()}). */
  @TearDown(Level.Trial)
  public void stopSource() {
    sandbox.source().stop();
  }

  /** The sandbox servers of this fork. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /** The MariaDB database holding {@code orders}. */
  public SourceDatabase database() {
    return database;
  }

  /** Rows in {@code orders} before the backlog: ids {@code 1..baseRows}. */
  public long baseRows() {
    return baseRows;
  }

  /** The table's checksum after the backlog: what a replay must produce. */
  public OrdersChecksum result() {
    return result;
  }
}
