package io.chameleon.jmh.support.bloat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which of its two log tables a source's next batch goes into, and whether replay deletes the
 * rows it applied. One instance per source, used by that source's writer thread only.
 */
abstract sealed class SourceLogTables {

  final String first;
  final String second;

  private SourceLogTables(String first, String second) {
    this.first = first;
    this.second = second;
  }

  /**
   * The table for batch number {@code batch} (0, 1, ...) of the source, called in the batch's
   * transaction before anything is written.
   *
   * @param replayed how many of the source's batches replay has committed (always the oldest)
   */
  abstract String tableFor(Connection writer, long batch, long replayed) throws SQLException;

  /** Whether replay deletes a batch's rows in the transaction that applies them. */
  abstract boolean deletesReplayed();

  /**
   * pg_chameleon's flip-flop (1.2 on shared tables, 1.3 on the source's own): each batch goes
   * into the table the source's previous batch did not use; replay deletes the rows.
   */
  static final class FlipFlop extends SourceLogTables {
    FlipFlop(String first, String second) {
      super(first, second);
    }

    @Override
    String tableFor(Connection writer, long batch, long replayed) {
      return batch % 2 == 0 ? first : second;
    }

    @Override
    boolean deletesReplayed() {
      return true;
    }
  }

  /**
   * The library's rotation ({@code io.chameleon.internal.log.LogRotation}): the active table
   * takes {@value HarnessRun#BATCHES_PER_TABLE} batches; after that, as soon as every batch of
   * the other table is replayed, the other table is emptied with {@code TRUNCATE} in the batch's
   * transaction and becomes the active one. Replay deletes nothing.
   */
  static final class Rotating extends SourceLogTables {
    private String active;
    private long batchesInActive;
    private long firstBatchInActive;

    Rotating(String first, String second) {
      super(first, second);
      this.active = first;
    }

    @Override
    String tableFor(Connection writer, long batch, long replayed) throws SQLException {
      // replay takes batches in order: the standby's batches are all replayed once the first
      // batch of the active table is reached
      boolean standbyDrained = replayed >= firstBatchInActive;
      if (batchesInActive >= HarnessRun.BATCHES_PER_TABLE && standbyDrained) {
        String standby = active.equals(first) ? second : first;
        try (Statement statement = writer.createStatement()) {
          statement.execute("TRUNCATE " + standby);
        }
        active = standby;
        batchesInActive = 0;
        firstBatchInActive = batch;
      }
      batchesInActive++;
      return active;
    }

    @Override
    boolean deletesReplayed() {
      return false;
    }
  }
}
