package io.chameleon.jmh.support;

import io.chameleon.BinlogPosition;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A prepared binlog backlog: one MariaDB/MySQL table, {@code orders}, changed by a mix of
 * inserts, updates and deletes in transactions of {@value #ROWS_PER_TRANSACTION} rows, with the
 * binlog coordinates right before its first change and right after its last one.
 *
 * <p>The workload runs in rounds of {@value #EVENTS_PER_ROUND} row events: six transactions
 * inserting 1,000 new rows each, three updating 1,000 rows of that round each (so each update
 * event carries a before and an after image), one deleting 1,000 rows of that round. Rows come
 * from MariaDB's sequence engine ({@code seq_1_to_N}); every statement is its own transaction.
 * Because every transaction holds exactly 1,000 row events and a round 10,000, a capture whose
 * batches close at 10,000 events (the library's default) commits its last batch as soon as it
 * reads the backlog's last transaction: there is no partial batch left waiting for the flush
 * timer at the end of a timed run.
 *
 * <p>Instances are immutable. Creating one takes seconds per 100,000 events.
 *
 * @param database the MySQL schema holding {@code orders}
 * @param start where the backlog's first transaction starts in the binlog
 * @param end where its last transaction ends: the binlog's end right after it was written
 * @param inserts insert row events
 * @param updates update row events
 * @param deletes delete row events
 */
public record Backlog(String database, BinlogPosition start, BinlogPosition end, long inserts, long updates,
    long deletes) {

  /** Rows each source transaction changes. */
  public static final int ROWS_PER_TRANSACTION = 1_000;
  /** Row events per round of the workload (6 insert, 3 update, 1 delete transactions). */
  public static final int EVENTS_PER_ROUND = 10 * ROWS_PER_TRANSACTION;
  /** The table's definition; its types cover the common column kinds of a business table. */
  public static final String TABLE_DDL = "CREATE TABLE orders ("
      + " id BIGINT NOT NULL PRIMARY KEY,"
      + " customer INT NOT NULL,"
      + " amount DECIMAL(12,2) NOT NULL,"
      + " note VARCHAR(64),"
      + " created DATETIME(6) NOT NULL"
      + ") ENGINE=InnoDB";

  private static final Logger log = LoggerFactory.getLogger(Backlog.class);

  public Backlog {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** Row events in the backlog: what one source turns into log rows. */
  public long events() {
    return inserts + updates + deletes;
  }

  /**
   * Writes a new backlog of at least {@code minEvents} row events into a fresh database of the
   * server; nothing else may write to the server's binlog meanwhile.
   *
   * @param minEvents rounded up to whole rounds of {@value #EVENTS_PER_ROUND}
   */
  public static Backlog create(SourceServer server, long minEvents) throws SQLException {
    long rounds = Math.max(1, (minEvents + EVENTS_PER_ROUND - 1) / EVENTS_PER_ROUND);
    long started = System.nanoTime();
    SourceDatabase db = server.createDatabase("backlog");
    db.execute(TABLE_DDL);
    BinlogPosition start;
    BinlogPosition end;
    try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
      start = binlogEnd(statement);
      for (long round = 0; round < rounds; round++) {
        for (String transaction : round(round)) {
          expect(ROWS_PER_TRANSACTION, statement.executeUpdate(transaction));
        }
      }
      end = binlogEnd(statement);
    }
    long perType = rounds * ROWS_PER_TRANSACTION;
    Backlog backlog = new Backlog(db.name(), start, end, 6 * perType, 3 * perType, perType);
    log.info("backlog of {} row events in {} from {} to {} written in {} ms", backlog.events(), db.name(),
        start, end, (System.nanoTime() - started) / 1_000_000);
    return backlog;
  }

  /**
   * The statements of one round of the workload, in order, each its own transaction changing
   * exactly {@value #ROWS_PER_TRANSACTION} rows of {@code orders}: rounds 0, 1, 2, ... run one
   * after the other on an empty table make the backlog.
   */
  public static List<String> round(long round) {
    long first = round * 6 * ROWS_PER_TRANSACTION + 1;
    List<String> statements = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      long from = first + (long) t * ROWS_PER_TRANSACTION;
      statements.add(insert(from, from + ROWS_PER_TRANSACTION - 1));
    }
    for (int t = 0; t < 3; t++) {
      long from = first + (long) t * ROWS_PER_TRANSACTION;
      statements.add("UPDATE orders SET amount = amount + 1.25, note = concat('updated ', id, ' ', md5(id + 1))"
          + " WHERE id BETWEEN " + from + " AND " + (from + ROWS_PER_TRANSACTION - 1));
    }
    long from = first + 5L * ROWS_PER_TRANSACTION;
    statements.add("DELETE FROM orders WHERE id BETWEEN " + from + " AND " + (from + ROWS_PER_TRANSACTION - 1));
    return statements;
  }

  private static String insert(long from, long to) {
    return "INSERT INTO orders (id, customer, amount, note, created)"
        + " SELECT seq, seq * 7919 % 50000, (seq * 104729 % 10000000) / 100,"
        + " concat('order ', seq, ' ', md5(seq)),"
        + " TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL (seq * 7 % 1000000) MICROSECOND"
        + " FROM seq_" + from + "_to_" + to;
  }

  private static void expect(long expected, long actual) {
    if (expected != actual) {
      throw new IllegalStateException("a backlog statement changed " + actual + " rows, not " + expected);
    }
  }

  /** The binlog's current end, from {@code SHOW MASTER STATUS} (MariaDB, MySQL before 8.4) or {@code SHOW BINARY LOG STATUS} (MySQL 8.4). */
  public static BinlogPosition binlogEnd(Statement statement) throws SQLException {
    SQLException first = null;
    for (String sql : new String[] {"SHOW MASTER STATUS", "SHOW BINARY LOG STATUS"}) {
      try (ResultSet rows = statement.executeQuery(sql)) {
        if (!rows.next()) {
          throw new IllegalStateException("the source has no binary log (" + sql + " returned nothing)");
        }
        return new BinlogPosition(rows.getString(1), rows.getLong(2));
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  @Override
  public String toString() {
    return "Backlog[" + database + " " + events() + " row events (" + inserts + " inserts, " + updates
        + " updates, " + deletes + " deletes) from " + start + " to " + end + "]";
  }
}
