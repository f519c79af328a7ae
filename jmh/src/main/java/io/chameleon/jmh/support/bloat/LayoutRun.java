package io.chameleon.jmh.support.bloat;

import io.chameleon.sandbox.PostgresDatabase;
import java.util.List;

/**
 * N sources streaming the same steady workload through capture (or its stand-in) and replay in
 * one log layout, for a fixed number of batches each.
 *
 * <p>Use: {@link #reset()} (untimed) before each run, then {@link #run()} (timed); {@link
 * #batchesWritten()} may be read from another thread meanwhile. Not thread-safe otherwise.
 */
public interface LayoutRun extends AutoCloseable {

  /** Puts the log tables, targets and positions back in their starting state. */
  void reset() throws Exception;

  /**
   * Streams every batch of every source through its log tables and replay; returns once every
   * batch is replayed.
   *
   * @return events replayed over all sources
   */
  long run() throws Exception;

  /** Batches logged so far in this run, per source (the mean over sources); thread-safe. */
  double batchesWritten();

  /** Batches each source writes in a run. */
  int batches();

  /** The database holding the log tables. */
  PostgresDatabase database();

  /** Every log table of the layout, schema-qualified. */
  List<String> logTables() throws Exception;

  @Override
  void close();
}
