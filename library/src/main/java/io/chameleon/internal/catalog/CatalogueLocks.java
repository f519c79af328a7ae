package io.chameleon.internal.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL advisory locks that keep upgraders and replica processes apart. Both are
 * session locks: they last until released or until the session holding them ends, so a killed
 * process never leaves one behind.
 *
 * <ul>
 *   <li>the <em>upgrade</em> lock: one upgrader at a time;
 *   <li>the <em>use</em> lock: every live replica process holds it shared; an upgrader takes it
 *       exclusively, so it cannot start while a replica process runs, and no replica process
 *       can start while it upgrades;
 *   <li>one <em>source</em> lock per source, held by the process running it, so two processes
 *       never write the same source's log tables.
 * </ul>
 */
public final class CatalogueLocks {

  private static final long UPGRADE_KEY = 0x63686d2d75706772L; // "chm-upgr"
  private static final long USE_KEY = 0x63686d2d75736520L; // "chm-use "
  /** First half of the two-int key of a source's lock; the second half is the source id. */
  private static final int SOURCE_CLASS = 0x63686d73; // "chms"

  private CatalogueLocks() {}

  public static boolean tryUpgradeLock(Connection connection) throws SQLException {
    return call(connection, "SELECT pg_try_advisory_lock(?)", UPGRADE_KEY);
  }

  public static void releaseUpgradeLock(Connection connection) throws SQLException {
    call(connection, "SELECT pg_advisory_unlock(?)", UPGRADE_KEY);
  }

  /** Taken by an upgrader: fails while any replica process holds the catalogue. */
  public static boolean tryExclusiveUse(Connection connection) throws SQLException {
    return call(connection, "SELECT pg_try_advisory_lock(?)", USE_KEY);
  }

  public static void releaseExclusiveUse(Connection connection) throws SQLException {
    call(connection, "SELECT pg_advisory_unlock(?)", USE_KEY);
  }

  /** Taken by a replica process for as long as it runs: fails while an upgrade runs. */
  public static boolean trySharedUse(Connection connection) throws SQLException {
    return call(connection, "SELECT pg_try_advisory_lock_shared(?)", USE_KEY);
  }

  public static void releaseSharedUse(Connection connection) throws SQLException {
    call(connection, "SELECT pg_advisory_unlock_shared(?)", USE_KEY);
  }

  /** Releases every advisory lock the session holds (before a pooled connection goes back). */
  public static void releaseAll(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock_all()");
    }
  }

  /** Held by the process that runs a source, for as long as it runs it. */
  public static boolean trySourceLock(Connection connection, long sourceId) throws SQLException {
    return call(connection, "SELECT pg_try_advisory_lock(" + SOURCE_CLASS + ", ?::integer)", sourceId);
  }

  public static void releaseSourceLock(Connection connection, long sourceId) throws SQLException {
    call(connection, "SELECT pg_advisory_unlock(" + SOURCE_CLASS + ", ?::integer)", sourceId);
  }

  private static boolean call(Connection connection, String sql, long key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }
}
