package io.chameleon.jmh;

import io.chameleon.jmh.support.CapturedReplica;
import io.chameleon.jmh.support.CpuUse;
import io.chameleon.jmh.support.EventCounter;
import io.chameleon.jmh.support.OneSourceReplica;
import io.chameleon.jmh.support.Orders;
import io.chameleon.jmh.support.OrdersChecksum;
import io.chameleon.jmh.support.PlainTable;
import io.chameleon.jmh.support.ReplayBacklog;
import io.chameleon.jmh.support.RowCounter;
import io.chameleon.jmh.support.TableRows;
import io.chameleon.jmh.support.Workload;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4: replay throughput (events applied to the target per second) for three {@link
 * Workload}s, beside the raw COPY of the rows the replay produces, measured in the same run
 * (DESIGN.md section 8). The backlog (200,000 row events by default) changes an {@link Orders}
 * table that holds as many rows before it.
 *
 * <ul>
 *   <li>{@link #replay}: one source through {@code ReplicaManager}; its target was copied by
 *       {@code initReplica} before the backlog was written, and the backlog captured into its log
 *       tables with replay paused. One operation resumes replay and lasts until every batch is
 *       replayed. Before it the target is put back as copied and every batch marked unreplayed, so
 *       each operation applies the same events to the same rows; after it every batch must show
 *       every event applied, and the target must match the source (row count and checksum).
 *   <li>{@link #rawCopy} (limit): the rows the replay writes (the inserted rows and the final
 *       images of the updated ones, as PostgreSQL text, read from a copy of the source taken after
 *       the backlog) COPYed by one writer into a plain table like the target (same columns and
 *       types; no primary key), one commit per 10,000 rows as replay commits per batch of 10,000
 *       events. Its rate counts the backlog's events, so the ratio reads "replay runs at X% of
 *       the speed of COPYing its result" (COPY time over replay time); its secondary result
 *       {@code rows} is the rows COPYed per second.
 * </ul>
 *
 * <p>One operation per iteration, CPU per process in the secondary results {@code cpu...}, each
 * trial in its own fork with its own servers: as in {@link BinlogToLogTable}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
public class Replay {

  /** Longest wait for one capture or replay; a healthy run takes well under a minute. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
  /** Rows per transaction of the raw copy: the capture's default batch, in events. */
  static final int ROWS_PER_COMMIT = 10_000;

  /** The captured backlog, replayed again by each operation. */
  @State(Scope.Benchmark)
  public static class Captured {
    ReplayBacklog backlog;
    CapturedReplica replica;

    @Setup(Level.Trial)
    public void open(ReplayBacklog backlog) throws Exception {
      this.backlog = backlog;
      replica = CapturedReplica.create(backlog, RUN_TIMEOUT);
    }

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      replica.reset();
    }

    @TearDown(Level.Iteration)
    public void check() throws Exception {
      replica.pause();
      replica.verify(backlog.result());
    }

    @TearDown(Level.Trial)
    public void close() {
      replica.close();
    }
  }

  /** The rows the replay writes, in memory, and the plain table they are COPYed into. */
  @State(Scope.Benchmark)
  public static class ResultCopy {
    long events;
    OneSourceReplica copied;
    TableRows rows;
    PlainTable table;

    @Setup(Level.Trial)
    public void open(ReplayBacklog backlog) throws Exception {
      events = backlog.write().events();
      copied = OneSourceReplica.create(backlog.sandbox(), backlog.database());
      copied.initReplica();
      String target = copied.target(Orders.TABLE);
      try (Connection connection = copied.database().openConnection()) {
        OrdersChecksum copy = OrdersChecksum.ofPostgres(connection, target);
        if (!copy.matches(backlog.result())) {
          throw new IllegalStateException("the copy " + copy + " differs from the source " + backlog.result());
        }
        rows = TableRows.read(connection, "SELECT * FROM " + target + " WHERE id > " + backlog.baseRows()
            + " OR version > 0 ORDER BY id", ROWS_PER_COMMIT);
      }
      table = PlainTable.create(copied.database(), "bench_raw.orders", target);
    }

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      table.reset();
    }

    @TearDown(Level.Iteration)
    public void check() throws Exception {
      if (table.count() != rows.rows()) {
        throw new IllegalStateException(table.count() + " rows COPYed of " + rows);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      table.close();
      copied.close();
    }
  }

  /** Replays the captured backlog; the rate counts its row events. */
  @Benchmark
  public void replay(Captured captured, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    captured.replica.replay(RUN_TIMEOUT);
    cpu.end();
    counter.events += captured.replica.backlog().events();
  }

  /** Limit: one writer COPYs the rows the replay writes; the rate counts the backlog's events, {@code rows} the rows. */
  @Benchmark
  public void rawCopy(ResultCopy copy, EventCounter counter, RowCounter rows, CpuUse cpu) throws Exception {
    counter.begin();
    rows.begin();
    cpu.begin();
    rows.rows += copy.table.copy(copy.rows);
    cpu.end();
    counter.events += copy.events;
  }
}
