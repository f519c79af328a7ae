package io.chameleon.jmh.support.bloat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Watches the log tables while a run goes on, on its own thread: reads their size, dead tuples,
 * autovacuum runs and deadlocks every {@value #POLL_MILLIS} ms, keeps the peaks, and keeps the
 * size at the start and at every {@value #PERCENT_PER_POINT}% of the run's batches (the first
 * reading at or after that point).
 *
 * <p>Use: {@link #start}, run the workload, {@link #finish()} once every batch is replayed.
 */
public final class BloatSampler {

  /** Points of the size series: one every {@value #PERCENT_PER_POINT}% of the batches. */
  public static final int POINTS = 20;
  /** Percent of the run's batches between two points. */
  public static final int PERCENT_PER_POINT = 100 / POINTS;

  private static final long POLL_MILLIS = 20;

  private final LogTableStats stats;
  private final DoubleSupplier batchesWritten;
  private final int batches;
  private final long[] bytesAtPoint = new long[POINTS];
  private final LogTableStats.Reading first;
  private final Thread thread;
  private int pointsTaken;
  private long peakBytes;
  private long peakDeadTuples;
  private volatile boolean stopped;
  private volatile SQLException failure;

  private BloatSampler(LogTableStats stats, DoubleSupplier batchesWritten, int batches) throws SQLException {
    this.stats = stats;
    this.batchesWritten = batchesWritten;
    this.batches = batches;
    this.first = stats.read();
    this.thread = new Thread(this::poll, "bench-bloat-sampler");
    thread.setDaemon(true);
  }

  /**
   * Takes a first reading and starts watching.
   *
   * @param connection an autocommit connection for this sampler alone until {@link #finish()}
   * @param tables the log tables, schema-qualified
   * @param batchesWritten batches written so far per source (the mean over sources); thread-safe
   * @param batches batches each source writes in the whole run
   */
  public static BloatSampler start(Connection connection, List<String> tables, DoubleSupplier batchesWritten,
      int batches) throws SQLException {
    BloatSampler sampler = new BloatSampler(new LogTableStats(connection, tables), batchesWritten, batches);
    sampler.thread.start();
    return sampler;
  }

  /**
   * Stops watching and takes the last reading, which also stands for every point not reached
   * yet (the last one always).
   *
   * @throws SQLException when a reading failed
   */
  public BloatFigures finish() throws SQLException, InterruptedException {
    stopped = true;
    thread.join();
    if (failure != null) {
      throw failure;
    }
    LogTableStats.Reading last = stats.read();
    take(last);
    Arrays.fill(bytesAtPoint, pointsTaken, POINTS, last.bytes());
    return new BloatFigures(first.bytes(), bytesAtPoint.clone(), last.bytes(), peakBytes, last.deadTuples(),
        peakDeadTuples, last.autovacuumRuns() - first.autovacuumRuns(), last.deadlocks() - first.deadlocks());
  }

  private void poll() {
    try {
      while (!stopped) {
        double progress = batchesWritten.getAsDouble();
        LogTableStats.Reading reading = stats.read();
        take(reading);
        while (pointsTaken < POINTS - 1 && progress >= (double) batches * (pointsTaken + 1) / POINTS) {
          bytesAtPoint[pointsTaken++] = reading.bytes();
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void take(LogTableStats.Reading reading) {
    peakBytes = Math.max(peakBytes, reading.bytes());
    peakDeadTuples = Math.max(peakDeadTuples, reading.deadTuples());
  }
}
