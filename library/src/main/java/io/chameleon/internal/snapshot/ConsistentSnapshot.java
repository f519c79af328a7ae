package io.chameleon.internal.snapshot;

import io.chameleon.BinlogPosition;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.internal.capture.SourceConnections;
import io.chameleon.internal.capture.SourceProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several source connections that see the same consistent snapshot, and the binlog coordinates
 * of that snapshot. The global read lock is held only as long as it takes to read the
 * coordinates and open the snapshot transactions:
 *
 * <ol>
 *   <li>open the copy connections (UTC session, REPEATABLE READ, long network timeouts);
 *   <li>on a separate connection, {@code FLUSH TABLES WITH READ LOCK} (commits now wait);
 *   <li>{@code SHOW MASTER STATUS} (or {@code SHOW BINARY LOG STATUS}), and the GTID set when
 *       the source uses GTIDs ({@code @@gtid_binlog_pos} on MariaDB, {@code @@gtid_executed} on
 *       MySQL);
 *   <li>on every copy connection, {@code START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY}
 *       and a savepoint (rolling back to it after each table releases that table's metadata
 *       lock, so the copy does not hold off DDL on tables it has finished);
 *   <li>{@code UNLOCK TABLES}: writes resume while the copy runs;
 *   <li>on MariaDB, check that the snapshot's own binlog coordinates
 *       ({@code binlog_snapshot_file/position}) are the ones read.
 * </ol>
 *
 * <p>Not thread-safe as a whole; each connection is used by one worker at a time.
 */
final class ConsistentSnapshot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsistentSnapshot.class);
  static final String SAVEPOINT = "chameleon_copy";
  /** How long FLUSH TABLES WITH READ LOCK may wait for running statements before the copy gives up. */
  private static final int LOCK_WAIT_SECONDS = 30;
  private static final int NET_TIMEOUT_SECONDS = 3600;

  private final List<Connection> connections;
  private final BinlogPosition position;
  private final boolean mariadb;
  private final long lockMillis;

  private ConsistentSnapshot(List<Connection> connections, BinlogPosition position, boolean mariadb, long lockMillis) {
    this.connections = connections;
    this.position = position;
    this.mariadb = mariadb;
    this.lockMillis = lockMillis;
  }

  /**
   * Opens {@code count} connections on one consistent snapshot.
   *
   * @throws SourceException if the source refuses the lock (RELOAD privilege), has no binlog, or
   *     the snapshot does not match the coordinates
   */
  static ConsistentSnapshot open(SourceConfig config, int count) {
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Connection connection = SourceConnections.open(config);
        connections.add(connection);
        prepareSession(connection);
      }
      boolean mariadb;
      BinlogPosition position;
      long lockMillis;
      try (Connection lock = SourceConnections.open(config); Statement statement = lock.createStatement()) {
        mariadb = isMariaDb(statement);
        statement.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
        long started = System.nanoTime();
        try {
          statement.execute("FLUSH TABLES WITH READ LOCK");
        } catch (SQLException e) {
          throw new SourceException(config.name(), null, "cannot take the global read lock for a consistent snapshot ("
              + e.getMessage() + "): the user needs the RELOAD privilege, and no statement may run longer than "
              + LOCK_WAIT_SECONDS + " s while the lock is taken", e);
        }
        try {
          position = SourceProbe.currentPosition(statement, mariadb, config.useGtid());
          for (Connection connection : connections) {
            try (Statement start = connection.createStatement()) {
              start.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
              start.execute("SAVEPOINT " + SAVEPOINT);
            }
          }
        } finally {
          statement.execute("UNLOCK TABLES");
        }
        lockMillis = (System.nanoTime() - started) / 1_000_000;
      }
      if (mariadb && !connections.isEmpty()) {
        checkSnapshotCoordinates(config, connections.get(0), position);
      }
      log.info("Source '{}': consistent snapshot at {} on {} connection(s); global read lock held {} ms",
          config.name(), position, connections.size(), lockMillis);
      return new ConsistentSnapshot(connections, position, mariadb, lockMillis);
    } catch (SQLException | RuntimeException e) {
      connections.forEach(ConsistentSnapshot::abort);
      if (e instanceof SourceException se) {
        throw se;
      }
      throw new SourceException(config.name(), null, "cannot open a consistent snapshot on "
          + SourceConnections.url(config) + ": " + e.getMessage(), e);
    }
  }

  /** The binlog coordinates of the snapshot: everything committed before is in it, nothing after. */
  BinlogPosition position() {
    return position;
  }

  boolean mariadb() {
    return mariadb;
  }

  /** How long the global read lock was held, in milliseconds. */
  long lockMillis() {
    return lockMillis;
  }

  /** The snapshot connection for worker {@code index}. */
  Connection connection(int index) {
    return connections.get(index);
  }

  int size() {
    return connections.size();
  }

  /** Releases a table's metadata lock after it is copied; the snapshot stays. */
  static void releaseTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
    }
  }

  /**
   * Drops every connection at once, without reading what the server still sends: a streaming
   * result must not be drained when the copy is abandoned.
   */
  void abortAll() {
    connections.forEach(ConsistentSnapshot::abort);
  }

  /** Ends the snapshot transactions (they wrote nothing) and closes the connections. */
  @Override
  public void close() {
    for (Connection connection : connections) {
      try {
        if (!connection.isClosed()) {
          try (Statement statement = connection.createStatement()) {
            // not COMMIT: MariaDB would binlog the savepoint as an empty transaction of its own
            statement.execute("ROLLBACK");
          }
          connection.close();
        }
      } catch (SQLException e) {
        abort(connection);
      }
    }
  }

  private static void prepareSession(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // TIMESTAMP values are read as UTC text; the copy appends +00
      statement.execute("SET SESSION time_zone = '+00:00'");
      // PostgreSQL may be slower than the source: the server must not give up on a stalled stream
      statement.execute("SET SESSION net_write_timeout = " + NET_TIMEOUT_SECONDS + ", net_read_timeout = " + NET_TIMEOUT_SECONDS);
      statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      if (isMariaDb(statement)) {
        statement.execute("SET SESSION max_statement_time = 0");
      }
    }
  }

  private static boolean isMariaDb(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
      return rows.next() && rows.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
    }
  }

  private static void checkSnapshotCoordinates(SourceConfig config, Connection connection, BinlogPosition expected)
      throws SQLException {
    String file = null;
    long position = -1;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
      while (rows.next()) {
        String name = rows.getString(1).toLowerCase(Locale.ROOT);
        if (name.equals("binlog_snapshot_file")) {
          file = rows.getString(2);
        } else if (name.equals("binlog_snapshot_position")) {
          position = rows.getLong(2);
        }
      }
    }
    if (file != null && (!file.equals(expected.file()) || position != expected.position())) {
      throw new SourceException(config.name(), expected, "the consistent snapshot is at " + file + ":" + position
          + ", not at the coordinates read under the global read lock; something wrote while the lock was held"
          + " (a non-transactional engine?); run the copy again", null);
    }
  }

  /** Drops a connection without a goodbye; never throws. */
  static void abort(Connection connection) {
    try {
      Executor direct = Runnable::run;
      connection.abort(direct);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already gone
      }
    }
  }
}
