package io.chameleon.jmh.support.bloat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads what PostgreSQL says about a set of log tables, summed over them: their size on disk
 * with indexes and TOAST ({@code pg_total_relation_size}), and from {@code pg_stat_user_tables}
 * their dead tuples and how many times autovacuum has vacuumed them; and the deadlocks detected
 * in their database so far ({@code pg_stat_database}).
 *
 * <p>The statistics are those the server has received: a backend sends its counts at most once
 * a second, and on its own schedule when idle (see {@link #flushStatistics}). Sizes are exact.
 *
 * <p>Not thread-safe: one connection, used by one thread.
 */
final class LogTableStats {

  /** One reading. */
  record Reading(long bytes, long deadTuples, long autovacuumRuns, long deadlocks) {}

  private final PreparedStatement query;

  /**
   * @param connection an autocommit connection this object uses from now on (the caller closes it)
   * @param tables the log tables, schema-qualified
   */
  LogTableStats(Connection connection, List<String> tables) throws SQLException {
    query = connection.prepareStatement(
        "SELECT (SELECT coalesce(sum(pg_total_relation_size(t)), 0) FROM unnest(?::text[]::regclass[]) t),"
            + " coalesce(sum(n_dead_tup), 0), coalesce(sum(autovacuum_count), 0),"
            + " (SELECT deadlocks FROM pg_stat_database WHERE datname = current_database())"
            + " FROM pg_stat_user_tables WHERE relid = ANY (?::text[]::regclass[])");
    String[] names = tables.toArray(String[]::new);
    query.setArray(1, connection.createArrayOf("text", names));
    query.setArray(2, connection.createArrayOf("text", names));
  }

  Reading read() throws SQLException {
    try (ResultSet row = query.executeQuery()) {
      row.next();
      return new Reading(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
    }
  }

  /**
   * Makes the backend of {@code connection} send its pending statistics now (PostgreSQL 15 and
   * later): it does so when it goes idle, before it answers, so a reading taken afterwards counts
   * that backend's deletes. Commits when the connection is not in autocommit.
   */
  static void flushStatistics(Connection connection) throws SQLException {
    try (PreparedStatement flush = connection.prepareStatement("SELECT pg_stat_force_next_flush()")) {
      flush.execute();
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }
}
