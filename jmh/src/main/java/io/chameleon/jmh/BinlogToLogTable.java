package io.chameleon.jmh;

import io.chameleon.jmh.support.CaptureSources;
import io.chameleon.jmh.support.CapturedLogRows;
import io.chameleon.jmh.support.CopyLayout;
import io.chameleon.jmh.support.CpuUse;
import io.chameleon.jmh.support.EventCounter;
import io.chameleon.jmh.support.RawCopy;
import io.chameleon.jmh.support.RawDecode;
import io.chameleon.jmh.support.SandboxBacklog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
 * Issue 3: binlog to log table throughput, beside its two physical limits measured in the same
 * run (DESIGN.md section 8). The backlog is described in {@link io.chameleon.jmh.support.Backlog}
 * (one million row events by default: 60% inserts, 30% updates, 10% deletes, 1,000 rows per
 * transaction).
 *
 * <ul>
 *   <li>{@link #captureToLogTable}: N sources through the public API ({@code ReplicaManager}),
 *       each mapping the backlog's MySQL schema to its own PostgreSQL schema, each with its own
 *       binlog client and log tables, all started at the backlog's start; one operation lasts
 *       until every source's committed read position reaches the backlog's end. N sources log N
 *       times the backlog's events. Replay is paused: only the read side runs.
 *   <li>{@link #rawCopy} (limit): the log rows one capture wrote, byte for byte, COPYed by N
 *       concurrent writers into plain tables with the log table's columns and types but no
 *       primary key, foreign key, sequence default or inheritance ({@link CopyLayout#PLAIN}),
 *       one commit per 10,000 rows (the capture's default batch).
 *   <li>{@link #rawDecode} (limit): N concurrent binlog clients with the capture's deserializer
 *       and a listener that only counts, reading the backlog from its start to its end.
 *   <li>{@link #copyIntoLayout}: {@link #rawCopy} with one writer into another {@link
 *       CopyLayout}: {@code jsonb-payload} gives the ingest cost of jsonb against json (the
 *       issue asks for both), {@code log-table} the cost of the real log table (sequence
 *       default, primary key, foreign key); {@code -p layout=serial,serial-pk,serial-fk,...}
 *       separates those costs.
 * </ul>
 *
 * <p>Methods named {@code raw...} are the limits: {@link Results} divides every other rate by
 * the limit measured with the same parameters.
 *
 * <p>One operation processes the whole backlog from empty tables, after a checkpoint; each
 * iteration runs exactly one (see {@link EventCounter}). Five warm-up operations come first: the
 * capture's rate climbs over its first three runs of a million events as the JIT compiles its hot
 * paths (in one fork, measured: 216k, 280k, 301k, then 309k to 327k events/s), and the JIT's
 * compiler threads keep busy through the fifth with code that runs once per start or per batch
 * (two sources, CPU of the compiler threads per event: 0.13 to 0.23 µs in runs 4 and 5, 0.04 to
 * 0.07 µs from the sixth on, beside 0.5 µs for a reader thread). The
 * secondary result {@code events} is the rate: events per second, summed over sources. (The
 * primary score, operations per second, only says how long one took.) The secondary results
 * {@code cpu...} say where the machine's CPU went meanwhile ({@link CpuUse}). Each trial runs in
 * its own fork with its own sandbox servers and backlog.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
public class BinlogToLogTable {

  /** Longest wait for one operation; a healthy run takes well under a minute. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

  /** How many sources (or raw writers, or raw binlog clients) run at once. */
  @State(Scope.Benchmark)
  public static class Sources {
    /** Sources, raw writers or raw binlog clients. */
    @Param({"1", "2", "4"})
    public int sources;
  }

  /** N sources registered in a fresh catalogue, reset to the backlog's start before each operation. */
  @State(Scope.Benchmark)
  public static class Capture {
    CaptureSources capture;

    @Setup(Level.Trial)
    public void open(SandboxBacklog backlog, Sources sources) throws Exception {
      capture = CaptureSources.create(backlog.sandbox(), backlog.backlog(), sources.sources, UnaryOperator.identity());
    }

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      capture.reset();
    }

    @TearDown(Level.Iteration)
    public void check() throws Exception {
      capture.stop();
      capture.verify();
    }

    @TearDown(Level.Trial)
    public void close() {
      capture.close();
    }
  }

  /** N raw writers into plain tables. */
  @State(Scope.Benchmark)
  public static class PlainCopy {
    RawCopy copy;

    @Setup(Level.Trial)
    public void open(CapturedLogRows rows, Sources sources) throws Exception {
      copy = RawCopy.create(rows.database(), sources.sources, CopyLayout.PLAIN);
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

  /** Raw writers into another layout; one writer by default, as for one source. */
  @State(Scope.Benchmark)
  public static class LayoutCopy {
    /** Writers, one by default; named like {@link Sources#sources} so that results pair with the limits. */
    @Param({"1"})
    public int sources;

    /** A {@link CopyLayout} parameter value. */
    @Param({"jsonb-payload", "log-table"})
    public String layout;

    RawCopy copy;

    @Setup(Level.Trial)
    public void open(CapturedLogRows rows) throws Exception {
      copy = RawCopy.create(rows.database(), sources, CopyLayout.ofParam(layout));
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

  /** N sources capture the backlog into their log tables; the rate counts log rows over all sources. */
  @Benchmark
  public void captureToLogTable(Capture capture, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    capture.capture.run(RUN_TIMEOUT);
    cpu.end();
    counter.events += capture.capture.expectedRows();
  }

  /** Limit: N writers COPY the captured rows into plain tables. */
  @Benchmark
  public void rawCopy(CapturedLogRows rows, PlainCopy copy, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    counter.events += copy.copy.run(rows.rows());
    cpu.end();
  }

  /** Limit: N binlog clients decode the backlog. */
  @Benchmark
  public void rawDecode(Decode decode, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    decode.decode.run(RUN_TIMEOUT);
    cpu.end();
    counter.events += (long) decode.clients * decode.backlog.backlog().events();
  }

  /** The captured rows COPYed into another table layout ({@code jsonb-payload}, {@code log-table}, ...). */
  @Benchmark
  public void copyIntoLayout(CapturedLogRows rows, LayoutCopy copy, EventCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    counter.events += copy.copy.run(rows.rows());
    cpu.end();
  }
}
