package io.chameleon.jmh.support.bloat;

import io.chameleon.sandbox.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Sets PostgreSQL's {@code autovacuum_naptime} (how often autovacuum visits each database) for
 * the whole server, with {@code ALTER SYSTEM} and a configuration reload: the sandbox's servers
 * belong to the benchmark fork.
 */
public final class AutovacuumNaptime {

  /** The parameter value that leaves PostgreSQL's default (one minute). */
  public static final String DEFAULT = "default";

  private static final Pattern DURATION = Pattern.compile("[0-9]+(ms|s|min)?");

  private AutovacuumNaptime() {}

  /**
   * Sets the naptime, or resets it to PostgreSQL's default.
   *
   * @param naptime {@value #DEFAULT}, or a PostgreSQL duration such as {@code 5s} or {@code 1min}
   * @throws IllegalArgumentException when {@code naptime} is neither
   */
  public static void set(PostgresDatabase database, String naptime) throws SQLException {
    if (!naptime.equals(DEFAULT) && !DURATION.matcher(naptime).matches()) {
      throw new IllegalArgumentException("autovacuumNaptime: '" + naptime + "' is neither 'default' nor a duration"
          + " such as 5s or 1min");
    }
    try (Connection connection = database.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute(naptime.equals(DEFAULT)
          ? "ALTER SYSTEM RESET autovacuum_naptime"
          : "ALTER SYSTEM SET autovacuum_naptime = '" + naptime + "'");
      statement.execute("SELECT pg_reload_conf()");
    }
  }
}
