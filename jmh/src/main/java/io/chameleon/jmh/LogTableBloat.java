package io.chameleon.jmh;

import io.chameleon.jmh.support.Backlog;
import io.chameleon.jmh.support.CapturedLogRows;
import io.chameleon.jmh.support.CopyLayout;
import io.chameleon.jmh.support.CpuUse;
import io.chameleon.jmh.support.EventCounter;
import io.chameleon.jmh.support.RawCopy;
import io.chameleon.jmh.support.RawDecode;
import io.chameleon.jmh.support.SandboxBacklog;
import io.chameleon.jmh.support.bloat.AutovacuumNaptime;
import io.chameleon.jmh.support.bloat.BatchRows;
import io.chameleon.jmh.support.bloat.BloatSampler;
import io.chameleon.jmh.support.bloat.HarnessRun;
import io.chameleon.jmh.support.bloat.LayoutRun;
import io.chameleon.jmh.support.bloat.LibraryRun;
import io.chameleon.jmh.support.bloat.LogLayout;
import io.chameleon.jmh.support.bloat.LogTableFigures;
import io.chameleon.sandbox.PostgresDatabase;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7: what the log layouts do to the log tables when several sources replicate together
 * (DESIGN.md sections 1 and 8), beside the two physical limits measured in the same run.
 *
 * <ul>
 *   <li>{@link #replicate}: N sources, each streaming the backlog's events (60% inserts, 30%
 *       updates, 10% deletes, see {@link Backlog}) through its log tables and replay, one batch
 *       per 1,000-row source transaction, in one {@link LogLayout}: {@code shared} (1.2),
 *       {@code per-source-delete} (1.3), {@code rotation} (this library's), all three through the
 *       same harness ({@link HarnessRun}), and {@code library} (the library itself, {@link
 *       LibraryRun}). Every source is steady: at most {@value HarnessRun#IN_FLIGHT_BATCHES} batches logged and not
 *       yet replayed. One operation runs every batch of every source; N sources replay N times the
 *       backlog's events.
 *   <li>{@link #rawCopy} (limit): N writers COPY the same log rows into plain tables, one commit
 *       per batch.
 *   <li>{@link #rawDecode} (limit): N binlog clients decode the backlog.
 * </ul>
 *
 * <p>Secondary results: {@code events} (the rate, events per second over all sources), {@code
 * cpu...} ({@link CpuUse}), and the log tables' figures ({@link LogTableFigures}: bytes at the end
 * and at the peak, dead tuples, autovacuum runs, bytes every 5% of the batches). {@link Charts}
 * draws them; {@link Results} prints the rates with their ratios to the limits.
 *
 * <p>The batches per source are the backlog's events / 1,000: {@code -p backlogEvents=100000}
 * gives 100. Autovacuum runs with PostgreSQL's defaults unless {@code -p autovacuumNaptime=5s}
 * (or any duration) says otherwise.
 *
 * <p>Iterations: {@link #replicate} runs one measured operation and no warm-up (an operation is
 * long, and the log tables' figures are about one long run); the limits, a second or less each
 * with a small backlog, run two warm-up and three measured operations, so that they are not
 * measured on a cold JIT. {@code -wi} and {@code -i} on the command line override both.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 1, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Timeout(time = 4, timeUnit = TimeUnit.HOURS) // the library with 8 sources takes over an hour in the full profile
public class LogTableBloat {

  /** Events in a batch: one source transaction of the backlog. */
  static final int EVENTS_PER_BATCH = Backlog.ROWS_PER_TRANSACTION;

  private static final Duration DECODE_TIMEOUT = Duration.ofMinutes(20);

  /** How many sources (or raw writers, or raw binlog clients) run at once. */
  @State(Scope.Benchmark)
  public static class Sources {
    /** Sources, raw writers or raw binlog clients. */
    @Param({"1", "2", "4", "8"})
    public int sources;
  }

  /** The backlog's log rows, one batch per source transaction. */
  @State(Scope.Benchmark)
  public static class Batches {
    BatchRows rows;

    @Setup(Level.Trial)
    public void split(CapturedLogRows captured) {
      rows = BatchRows.split(captured.rows(), EVENTS_PER_BATCH);
    }
  }

  /** N sources in one layout, reset before each operation. */
  @State(Scope.Benchmark)
  public static class Layout {
    /** A {@link LogLayout} parameter value. */
    @Param({"shared", "per-source-delete", "rotation", "library"})
    public String layout;

    /** PostgreSQL's {@code autovacuum_naptime}: {@code default} (one minute), or a duration such as {@code 5s}. */
    @Param(AutovacuumNaptime.DEFAULT)
    public String autovacuumNaptime;

    LayoutRun run;
    Connection monitor;
    private PostgresDatabase settings;

    @Setup(Level.Trial)
    public void open(SandboxBacklog backlog, CapturedLogRows captured, Batches batches, Sources sources)
        throws Exception {
      settings = captured.database();
      AutovacuumNaptime.set(settings, autovacuumNaptime);
      LogLayout chosen = LogLayout.ofParam(layout);
      run = chosen == LogLayout.LIBRARY
          ? LibraryRun.create(backlog.sandbox(), sources.sources, batches.rows.batches())
          : HarnessRun.create(captured.database(), chosen, sources.sources, batches.rows);
      monitor = run.database().openConnection();
    }

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      run.reset();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      run.close();
      monitor.close();
      AutovacuumNaptime.set(settings, AutovacuumNaptime.DEFAULT);
    }
  }

  /** N raw writers into plain tables. */
  @State(Scope.Benchmark)
  public static class PlainCopy {
    RawCopy copy;

    @Setup(Level.Trial)
    public void open(CapturedLogRows captured, Sources sources) throws Exception {
      copy = RawCopy.create(captured.database(), sources.sources, CopyLayout.PLAIN);
    }

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      copy.reset();
    }

    @TearDown(Level.Trial)
    public void close() {
      copy.close();
    }
  }

  /** N binlog clients at the backlog's start, built before each operation. */
  @State(Scope.Benchmark)
  public static class Decode {
    SandboxBacklog backlog;
    int clients;
    RawDecode decode;

    @Setup(Level.Trial)
    public void open(SandboxBacklog backlog, Sources sources) {
      this.backlog = backlog;
      this.clients = sources.sources;
    }

    @Setup(Level.Iteration)
    public void prepare() {
      decode = RawDecode.prepare(backlog.sandbox().source(), backlog.backlog(), clients);
    }

    @TearDown(Level.Iteration)
    public void check() throws Exception {
      decode.finish();
    }
  }

  /** N sources stream every batch through the layout's log tables and replay. */
  @Benchmark
  public void replicate(Layout layout, EventCounter counter, CpuUse cpu, LogTableFigures figures) throws Exception {
    BloatSampler sampler = BloatSampler.start(layout.monitor, layout.run.logTables(), layout.run::batchesWritten,
        layout.run.batches());
    counter.begin();
    cpu.begin();
    counter.events += layout.run.run();
    cpu.end();
    figures.record(sampler.finish(), layout.run.batches());
  }

  /** Limit: N writers COPY the same log rows into plain tables, one commit per batch. */
  @Benchmark
  @Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.MILLISECONDS)
  @Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
  public void rawCopy(Batches batches, PlainCopy copy, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    counter.events += copy.copy.run(batches.rows.asLogRows());
    cpu.end();
  }

  /** Limit: N binlog clients decode the backlog. */
  @Benchmark
  @Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.MILLISECONDS)
  @Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
  public void rawDecode(Decode decode, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    decode.decode.run(DECODE_TIMEOUT);
    cpu.end();
    counter.events += (long) decode.clients * decode.backlog.backlog().events();
  }
}
