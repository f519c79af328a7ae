package io.chameleon.jmh.support;

import io.chameleon.sandbox.Sandbox;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state shared by the benchmarks that read a prepared binlog: the sandbox servers (started
 * in the fork, so each trial has its own MariaDB and PostgreSQL) and a backlog written once per
 * trial, with its start and end coordinates.
 *
 * <p>{@code backlogEvents} is a JMH parameter so that a quick check can run a smaller backlog
 * ({@code -p backlogEvents=100000}); the published profiles use the default.
 */
@State(Scope.Benchmark)
public class SandboxBacklog {

  /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG =
      java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");

  /** Row events in the backlog (rounded up to whole rounds of 10,000). */
  @Param("1000000")
  public long backlogEvents;

  private Sandbox sandbox;
  private Backlog backlog;

  /** Starts the sandbox (once per JVM) and writes the trial's backlog. */
  @Setup(Level.Trial)
  public void prepare() throws Exception {
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING); // one INFO line per connection otherwise
    sandbox = Sandbox.get();
    backlog = Backlog.create(sandbox.source(), backlogEvents);
  }

  /**
   * Stops the source server once the trial's other states are closed: the embedded MariaDB is
   * watched by a non-daemon thread that would keep the forked JVM from exiting (JMH would wait
   * 30 s, then kill it). The JVM's shutdown hook then removes both servers' files.
   */
  @TearDown(Level.Trial)
  public void stopSource() {
    sandbox.source().stop();
  }

  /** The sandbox servers of this fork. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /** The trial's backlog. */
  public Backlog backlog() {
    return backlog;
  }
}
