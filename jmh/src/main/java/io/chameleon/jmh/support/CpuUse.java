package io.chameleon.jmh.support;

import io.chameleon.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results: where the machine's CPU went during the operation, in milli-cores
 * (CPU milliseconds per second of the operation; 1000 = one core busy all the time): this
 * benchmark JVM ({@code cpuJvm}, JIT and GC included), the sandbox's PostgreSQL (postmaster,
 * backends, autovacuum, checkpointer: {@code cpuPostgres}), its MariaDB ({@code cpuMariadb}),
 * and everything else running on the machine ({@code cpuOther}: other programs, which make the
 * run noisy when not near zero). From Linux {@code /proc}, 10 ms resolution; servers that are not
 * local processes count under {@code cpuOther}.
 *
 * <p>The benchmark calls {@link #begin()} and {@link #end()} around its operation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuUse {

  /** CPU milliseconds of this JVM during the operation. */
  public long cpuJvm;
  /** CPU milliseconds of the PostgreSQL server's processes. */
  public long cpuPostgres;
  /** CPU milliseconds of the MariaDB server. */
  public long cpuMariadb;
  /** CPU milliseconds of every other program on the machine. */
  public long cpuOther;

  private long postmasterPid = -1;
  private long mariadbPid = -1;
  private long[] start;

  /** Finds the PostgreSQL postmaster and the MariaDB server processes (left unknown when not local). */
  @Setup(Level.Trial)
  public void findServers() {
    Sandbox sandbox = Sandbox.get();
    Properties pg = new Properties();
    pg.setProperty("user", sandbox.postgres().user());
    pg.setProperty("password", sandbox.postgres().password());
    try (Connection connection = DriverManager.getConnection(sandbox.postgres().jdbcUrl("postgres"), pg);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      postmasterPid = ProcessCpu.parent(rows.getLong(1)).orElse(-1);
    } catch (Exception e) {
      postmasterPid = -1;
    }
    try (Connection connection = sandbox.source().openConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT @@pid_file")) {
      rows.next();
      mariadbPid = Long.parseLong(Files.readString(Path.of(rows.getString(1))).trim());
    } catch (Exception e) {
      mariadbPid = -1;
    }
  }

  /** Zeroes the counters before each iteration. */
  @Setup(Level.Iteration)
  public void clear() {
    cpuJvm = 0;
    cpuPostgres = 0;
    cpuMariadb = 0;
    cpuOther = 0;
    start = null;
  }

  /** Takes the starting snapshot. */
  public void begin() {
    start = snapshot();
  }

  /** Takes the final snapshot and sets the counters to the CPU milliseconds used since {@link #begin()}. */
  public void end() {
    long[] end = snapshot();
    long toMillis = 1000 / ProcessCpu.TICKS_PER_SECOND;
    cpuJvm = (end[0] - start[0]) * toMillis;
    cpuPostgres = (end[1] - start[1]) * toMillis;
    cpuMariadb = (end[2] - start[2]) * toMillis;
    cpuOther = Math.max(0, (end[3] - start[3]) * toMillis - cpuJvm - cpuPostgres - cpuMariadb);
  }

  private long[] snapshot() {
    return new long[] {
        ProcessCpu.processTicks(ProcessHandle.current().pid()),
        postmasterPid > 0 ? ProcessCpu.treeTicks(postmasterPid) : 0,
        mariadbPid > 0 ? ProcessCpu.processTicks(mariadbPid) : 0,
        ProcessCpu.machineBusyTicks()};
  }
}
