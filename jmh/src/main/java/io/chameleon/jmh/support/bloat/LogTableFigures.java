package io.chameleon.jmh.support.bloat;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results of {@link io.chameleon.jmh.LogTableBloat}: what one run did to the log
 * tables ({@link BloatFigures}), as plain numbers (JMH's {@code EVENTS} counters: not divided
 * by time; the mean over measured iterations in the results).
 *
 * <p>{@code bytesAtNNpct} is the size of all log tables, in bytes, when NN% of each source's
 * {@link #batches} had been written ({@value BloatSampler#PERCENT_PER_POINT}% apart; 00 is the
 * start, 100 the end, every batch replayed): the series {@link io.chameleon.jmh.Charts} draws. Counters only
 * hold scalars, so the series is one counter per point.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class LogTableFigures {

  /** Batches each source wrote. */
  public long batches;
  /** Bytes of all log tables (with indexes and TOAST) at the end, every batch replayed. */
  public long logBytesEnd;
  /** The largest size of all log tables seen during the run, in bytes. */
  public long logBytesPeak;
  /** Dead tuples in the log tables at the end ({@code n_dead_tup}). */
  public long deadTuplesEnd;
  /** The most dead tuples seen in the log tables during the run. */
  public long deadTuplesPeak;
  /** Times autovacuum vacuumed a log table during the run ({@code autovacuum_count}). */
  public long autovacuumRuns;
  /** Deadlocks PostgreSQL detected in the log tables' database during the run. */
  public long deadlocks;
  /** Log table bytes when the run started. */
  public long bytesAt00pct;
  /** Log table bytes at 5% of the run's batches. */
  public long bytesAt05pct;
  /** Log table bytes at 10% of the run's batches. */
  public long bytesAt10pct;
  /** Log table bytes at 15% of the run's batches. */
  public long bytesAt15pct;
  /** Log table bytes at 20% of the run's batches. */
  public long bytesAt20pct;
  /** Log table bytes at 25% of the run's batches. */
  public long bytesAt25pct;
  /** Log table bytes at 30% of the run's batches. */
  public long bytesAt30pct;
  /** Log table bytes at 35% of the run's batches. */
  public long bytesAt35pct;
  /** Log table bytes at 40% of the run's batches. */
  public long bytesAt40pct;
  /** Log table bytes at 45% of the run's batches. */
  public long bytesAt45pct;
  /** Log table bytes at 50% of the run's batches. */
  public long bytesAt50pct;
  /** Log table bytes at 55% of the run's batches. */
  public long bytesAt55pct;
  /** Log table bytes at 60% of the run's batches. */
  public long bytesAt60pct;
  /** Log table bytes at 65% of the run's batches. */
  public long bytesAt65pct;
  /** Log table bytes at 70% of the run's batches. */
  public long bytesAt70pct;
  /** Log table bytes at 75% of the run's batches. */
  public long bytesAt75pct;
  /** Log table bytes at 80% of the run's batches. */
  public long bytesAt80pct;
  /** Log table bytes at 85% of the run's batches. */
  public long bytesAt85pct;
  /** Log table bytes at 90% of the run's batches. */
  public long bytesAt90pct;
  /** Log table bytes at 95% of the run's batches. */
  public long bytesAt95pct;
  /** Log table bytes at 100% of the run's batches. */
  public long bytesAt100pct;

  /** Sets every counter from one run. */
  public void record(BloatFigures figures, int batchesPerSource) {
    batches = batchesPerSource;
    logBytesEnd = figures.endBytes();
    logBytesPeak = figures.peakBytes();
    deadTuplesEnd = figures.endDeadTuples();
    deadTuplesPeak = figures.peakDeadTuples();
    autovacuumRuns = figures.autovacuumRuns();
    deadlocks = figures.deadlocks();
    bytesAt00pct = figures.startBytes();
    long[] bytes = figures.bytesAtPoint();
    bytesAt05pct = bytes[0];
    bytesAt10pct = bytes[1];
    bytesAt15pct = bytes[2];
    bytesAt20pct = bytes[3];
    bytesAt25pct = bytes[4];
    bytesAt30pct = bytes[5];
    bytesAt35pct = bytes[6];
    bytesAt40pct = bytes[7];
    bytesAt45pct = bytes[8];
    bytesAt50pct = bytes[9];
    bytesAt55pct = bytes[10];
    bytesAt60pct = bytes[11];
    bytesAt65pct = bytes[12];
    bytesAt70pct = bytes[13];
    bytesAt75pct = bytes[14];
    bytesAt80pct = bytes[15];
    bytesAt85pct = bytes[16];
    bytesAt90pct = bytes[17];
    bytesAt95pct = bytes[18];
    bytesAt100pct = bytes[19];
  }
}
