package io.chameleon.jmh.support;

import io.chameleon.sandbox.PostgresDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state: the log rows of one capture of the trial's backlog, as COPY text in memory, taken
 * from a one-source capture run during the trial's setup, in chunks of {@value #ROWS_PER_CHUNK}
 * rows (the capture's default batch size, so raw writers commit as often as the capture).
 *
 * <p>The catalogue database the capture ran in stays, its log tables emptied but its batch rows
 * kept (layouts with the foreign key need them), for the raw writers' tables.
 */
@State(Scope.Benchmark)
public class CapturedLogRows {

  /** Rows per chunk: one transaction of a raw writer. */
  public static final int ROWS_PER_CHUNK = 10_000;

  private CaptureSources capture;
  private LogRows rows;

  /** Captures the backlog with one source and reads its log rows back. */
  @Setup(Level.Trial)
  public void capture(SandboxBacklog backlog) throws Exception {
    capture = CaptureSources.create(backlog.sandbox(), backlog.backlog(), 1, UnaryOperator.identity());
    capture.reset();
    capture.run(Duration.ofMinutes(20));
    capture.stop();
    capture.verify();
    try (Connection connection = capture.database().openConnection()) {
      rows = LogRows.read(connection, "sch_chameleon.t_log_replica", ROWS_PER_CHUNK);
      try (Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE sch_chameleon.t_log_replica");
        statement.execute("VACUUM ANALYZE");
      }
    }
    if (rows.rows() != backlog.backlog().events()) {
      throw new IllegalStateException("read " + rows + " from a capture of " + backlog.backlog());
    }
  }

  /** Closes the capture's manager and connections. */
  @TearDown(Level.Trial)
  public void close() {
    capture.close();
  }

  /** The rows. */
  public LogRows rows() {
    return rows;
  }

  /** The catalogue database the rows were captured in. */
  public PostgresDatabase database() {
    return capture.database();
  }
}
