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
 * JMH state of the initial copy benchmarks: the sandbox servers of the fork and a MariaDB
 * database whose {@link Orders} table holds {@code rows} rows, written at trial setup.
 */
@State(Scope.Benchmark)
public class InitSource {

  /** Rows in the table. */
  @Param("2000000")
  public long rows;

  private Sandbox sandbox;
  private SourceDatabase database;

  /** Starts the sandbox (once per JVM) and fills the table. */
  @Setup(Level.Trial)
  public void prepare() throws SQLException {
    sandbox = Sandbox.get();
    database = sandbox.source().createDatabase("init");
    database.execute(Orders.DDL);
    try (Connection connection = database.openConnection()) {
      Orders.fill(connection, rows);
    }
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
}
