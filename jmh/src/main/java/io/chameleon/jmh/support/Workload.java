package io.chameleon.jmh.support;

import io.chameleon.BinlogPosition;
import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes a replay benchmark applies, written to an {@link Orders} table that already holds
 * {@code baseRows} rows: rounds of ten source transactions of {@value Backlog#ROWS_PER_TRANSACTION}
 * rows each, inserts first, then updates, then deletes. Inserts add new rows after the base
 * rows; updates and deletes take the next unused slots of the base rows ({@link Orders}), so
 * no row is changed twice and every event has work to do on the target (no two events fold
 * into one when replay nets out a batch).
 *
 * <p>JMH parameter values are the lower-case names with dashes, e.g. {@code update-heavy}.
 */
public enum Workload {
  /** Nine insert transactions and one update transaction per round: 90% inserts, 10% updates. */
  INSERT_HEAVY(9, 1, 0),
  /** One insert and nine update transactions per round: 10% inserts, 90% updates. */
  UPDATE_HEAVY(1, 9, 0),
  /** The mix of {@link Backlog}: 60% inserts, 30% updates, 10% deletes. */
  MIXED(6, 3, 1);

  private static final Logger log = LoggerFactory.getLogger(Workload.class);
  private static final int TRANSACTIONS_PER_ROUND = 10;
  /** Row events per round. */
  public static final int EVENTS_PER_ROUND = TRANSACTIONS_PER_ROUND * Backlog.ROWS_PER_TRANSACTION;

  private final int inserts;
  private final int updates;
  private final int deletes;

  Workload(int inserts, int updates, int deletes) {
    this.inserts = inserts;
    this.updates = updates;
    this.deletes = deletes;
  }

  /** The JMH parameter value, e.g. {@code update-heavy}. */
  public String paramValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The workload named by a JMH parameter value. */
  public static Workload ofParam(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Rounds needed for at least {@code minEvents} row events. */
  public static long rounds(long minEvents) {
    return Math.max(1, (minEvents + EVENTS_PER_ROUND - 1) / EVENTS_PER_ROUND);
  }

  /**
   * Writes {@code rounds} rounds into the database's {@code orders}, which holds the rows
   * {@code 1..baseRows}; nothing else may write to the server's binlog meanwhile.
   *
   * @param baseRows at least the updates and deletes of all rounds
   * @return the backlog, with the binlog coordinates right before and after it
   */
  public Backlog write(SourceDatabase database, long baseRows, long rounds) throws SQLException {
    int rows = Backlog.ROWS_PER_TRANSACTION;
    if ((long) (updates + deletes) * rows * rounds > baseRows) {
      throw new IllegalArgumentException(baseRows + " base rows are too few for " + rounds + " rounds of " + this);
    }
    long started = System.nanoTime();
    BinlogPosition start;
    BinlogPosition end;
    try (Connection connection = database.openConnection(); Statement statement = connection.createStatement()) {
      start = Backlog.binlogEnd(statement);
      long nextId = baseRows + 1;
      long nextSlot = 0;
      for (long round = 0; round < rounds; round++) {
        for (int t = 0; t < inserts; t++, nextId += rows) {
          expect(rows, statement.executeUpdate(Orders.insert(nextId, nextId + rows - 1)));
        }
        for (int t = 0; t < updates; t++, nextSlot += rows) {
          expect(rows, statement.executeUpdate(Orders.update(nextSlot, rows, baseRows)));
        }
        for (int t = 0; t < deletes; t++, nextSlot += rows) {
          expect(rows, statement.executeUpdate(Orders.delete(nextSlot, rows, baseRows)));
        }
      }
      end = Backlog.binlogEnd(statement);
    }
    long perTransaction = rounds * rows;
    Backlog backlog = new Backlog(database.name(), start, end, inserts * perTransaction, updates * perTransaction,
        deletes * perTransaction);
    log.info("{} backlog of {} row events in {} from {} to {} written in {} ms", paramValue(), backlog.events(),
        database.name(), start, end, (System.nanoTime() - started) / 1_000_000);
    return backlog;
  }

  private static void expect(long expected, long actual) {
    if (expected != actual) {
      throw new IllegalStateException("a workload statement changed " + actual + " rows, not " + expected);
    }
  }
}
