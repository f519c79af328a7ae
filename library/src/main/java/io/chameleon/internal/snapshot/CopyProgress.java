package io.chameleon.internal.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far an initial copy (or a re-copy of some tables) has got: tables done of the total, rows
 * copied of the estimate ({@code information_schema.TABLES.TABLE_ROWS}, corrected table by table
 * as each one finishes), the rate, and the time left at that rate.
 *
 * <p>Thread-safe: the copy's workers update it, any thread reads it. A new copy started with the
 * same object starts the counts again. {@link #snapshot()} is what {@code status()} and JMX show.
 */
public final class CopyProgress {

  /**
   * The progress at one moment.
   *
   * @param tablesTotal tables the copy covers
   * @param tablesDone tables fully copied and indexed
   * @param rowsCopied rows sent to PostgreSQL so far
   * @param rowsEstimate rows the copy expects in all (estimates for unfinished tables, exact
   *     counts for finished ones)
   * @param nulCharactersStripped NUL characters removed from text values (PostgreSQL text cannot
   *     hold them)
   * @param startedAt when the copy started; empty before
   * @param finishedAt when it ended, successfully or not; empty while it runs
   * @param rowsPerSecond rows copied per second since the start (0 before the first rows)
   * @param estimatedTimeLeft time to copy the remaining estimated rows at that rate; empty when
   *     no rate is known yet, zero once finished
   */
  public record Snapshot(int tablesTotal, int tablesDone, long rowsCopied, long rowsEstimate,
      long nulCharactersStripped, Optional<Instant> startedAt, Optional<Instant> finishedAt,
      double rowsPerSecond, Optional<Duration> estimatedTimeLeft) {

    /** Whether a copy has started and not yet ended. */
    public boolean running() {
      return startedAt.isPresent() && finishedAt.isEmpty();
    }
  }

  private final Clock clock;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile int tablesTotal;
  private final AtomicInteger tablesDone = new AtomicInteger();
  private final LongAdder rowsCopied = new LongAdder();
  private final AtomicLong rowsEstimate = new AtomicLong();
  private final LongAdder nulsStripped = new LongAdder();

  /** Progress measured with the system clock. */
  public CopyProgress() {
    this(Clock.systemUTC());
  }

  /** Progress measured with the given clock (tests). */
  CopyProgress(Clock clock) {
    this.clock = clock;
  }

  /** Starts counting a new copy of {@code tables} tables and about {@code rows} rows. */
  void start(int tables, long rows) {
    tablesDone.set(0);
    rowsCopied.reset();
    nulsStripped.reset();
    rowsEstimate.set(rows);
    tablesTotal = tables;
    finishedAt = null;
    startedAt = clock.instant();
  }

  /** Rows sent by one worker since its last report. */
  void rowsCopied(long rows) {
    rowsCopied.add(rows);
  }

  void nulsStripped(long count) {
    nulsStripped.add(count);
  }

  /** A table is done: its estimate in the total is replaced by the rows it really had. */
  void tableDone(long estimatedRows, long copiedRows) {
    rowsEstimate.addAndGet(copiedRows - estimatedRows);
    tablesDone.incrementAndGet();
  }

  void finish() {
    finishedAt = clock.instant();
  }

  /** Tables the current (or last) copy covers. */
  public int tablesTotal() {
    return tablesTotal;
  }

  /** Tables fully copied and indexed so far. */
  public int tablesDone() {
    return tablesDone.get();
  }

  /** Rows sent to PostgreSQL so far. */
  public long rowsCopied() {
    return rowsCopied.sum();
  }

  /** Rows expected in all: estimates for unfinished tables, exact counts for finished ones. */
  public long rowsEstimate() {
    return rowsEstimate.get();
  }

  /** When the current (or last) copy started; empty before the first. */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /** Rows per second since the start, up to the end once finished; 0 before any row. */
  public double rowsPerSecond() {
    Instant start = startedAt;
    if (start == null) {
      return 0;
    }
    Instant end = finishedAt == null ? clock.instant() : finishedAt;
    long micros = Duration.between(start, end).toNanos() / 1000;
    return micros <= 0 ? 0 : rowsCopied.sum() * 1_000_000.0 / micros;
  }

  /** Time left at the current rate; empty while no rate is known, zero once finished. */
  public Optional<Duration> estimatedTimeLeft() {
    if (startedAt == null) {
      return Optional.empty();
    }
    if (finishedAt != null) {
      return Optional.of(Duration.ZERO);
    }
    double rate = rowsPerSecond();
    if (rate <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, rowsEstimate.get() - rowsCopied.sum());
    return Optional.of(Duration.ofMillis((long) (left * 1000 / rate)));
  }

  /** Everything at once (each figure read atomically, the whole not). */
  public Snapshot snapshot() {
    return new Snapshot(tablesTotal, tablesDone.get(), rowsCopied.sum(), rowsEstimate.get(), nulsStripped.sum(),
        Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), rowsPerSecond(), estimatedTimeLeft());
  }

  @Override
  public String toString() {
    Snapshot s = snapshot();
    return String.format("%d/%d tables, %d/%d rows, %.0f rows/s%s", s.tablesDone(), s.tablesTotal(), s.rowsCopied(),
        s.rowsEstimate(), s.rowsPerSecond(), s.estimatedTimeLeft().map(d -> ", " + d.toSeconds() + " s left").orElse(""));
  }
}
