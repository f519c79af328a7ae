package io.chameleon.jmh.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB table the {@code Replay} and {@code InitCopy} benchmarks move: {@code orders}, ten
 * columns of the kinds a business table holds (the five of {@link Backlog}'s table, then an
 * enum, a small integer, a double, a nullable date and a version counter), rows made from
 * MariaDB's sequence engine ({@code seq_1_to_N}), and the changes a replay workload makes.
 *
 * <p>Updates and deletes reach the rows of a table of {@code baseRows} rows through a
 * permutation of their ids: the row at slot {@code s} has id {@code (s * 7919) mod baseRows + 1}.
 * Consecutive slots are scattered over the table as random changes would be, and no two slots
 * below {@code baseRows} name the same row, so a workload that takes each slot once changes each
 * row at most once.
 */
public final class Orders {

  /** The table's name in its MySQL schema, and in the PostgreSQL copy. */
  public static final String TABLE = "orders";
  /** The table's definition. */
  public static final String DDL = "CREATE TABLE orders ("
      + " id BIGINT NOT NULL PRIMARY KEY,"
      + " customer INT NOT NULL,"
      + " amount DECIMAL(12,2) NOT NULL,"
      + " note VARCHAR(64),"
      + " created DATETIME(6) NOT NULL,"
      + " status ENUM('new','paid','shipped','cancelled') NOT NULL,"
      + " quantity SMALLINT NOT NULL,"
      + " weight DOUBLE,"
      + " shipped DATE,"
      + " version INT NOT NULL"
      + ") ENGINE=InnoDB";

  /** Rows per statement when a table is filled. */
  private static final long FILL_ROWS_PER_STATEMENT = 100_000;
  /** A prime: multiplying slots by it permutes them modulo any row count it does not divide. */
  private static final long SCATTER = 7919;

  private Orders() {}

  /** Inserts the rows with ids {@code from..to} (inclusive) in one statement. */
  public static String insert(long from, long to) {
    return "INSERT INTO orders (id, customer, amount, note, created, status, quantity, weight, shipped, version)"
        + " SELECT seq, seq * 7919 % 50000, (seq * 104729 % 10000000) / 100,"
        + " concat('order ', seq, ' ', md5(seq)),"
        + " TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL (seq * 7 % 1000000) MICROSECOND,"
        + " elt(1 + seq % 4, 'new', 'paid', 'shipped', 'cancelled'), 1 + seq % 20,"
        + " IF(seq % 10 = 0, NULL, (seq % 4000) / 8),"  // eighths: exact in binary, so text and double agree
        + " IF(seq % 3 = 0, NULL, DATE'2024-01-01' + INTERVAL (seq % 400) DAY), 0"
        + " FROM seq_" + from + "_to_" + to;
  }

  /** Updates the rows at slots {@code first..first+count-1} of a table of {@code baseRows} rows. */
  public static String update(long first, int count, long baseRows) {
    return "UPDATE orders o JOIN " + slots(first, count) + " ON o.id = " + scattered(baseRows)
        + " SET o.amount = o.amount + 1.25, o.note = concat('updated ', o.id), o.status = 'paid',"
        + " o.shipped = DATE(o.created) + INTERVAL 2 DAY, o.version = o.version + 1";
  }

  /** Deletes the rows at slots {@code first..first+count-1} of a table of {@code baseRows} rows. */
  public static String delete(long first, int count, long baseRows) {
    return "DELETE o FROM orders o JOIN " + slots(first, count) + " ON o.id = " + scattered(baseRows);
  }

  /**
   * Fills the empty table of the connection's database with the rows {@code 1..rows}, without
   * writing them to the binlog (nothing reads them from there: the initial copy reads the table).
   *
   * @throws IllegalArgumentException when {@code rows} is a multiple of the scattering prime
   */
  public static void fill(Connection mysql, long rows) throws SQLException {
    if (rows % SCATTER == 0) {
      throw new IllegalArgumentException(rows + " rows: a multiple of " + SCATTER + " would not scatter changes");
    }
    try (Statement statement = mysql.createStatement()) {
      statement.execute("SET SESSION sql_log_bin = 0");
      for (long from = 1; from <= rows; from += FILL_ROWS_PER_STATEMENT) {
        statement.executeUpdate(insert(from, Math.min(rows, from + FILL_ROWS_PER_STATEMENT - 1)));
      }
      statement.execute("SET SESSION sql_log_bin = 1");
      statement.execute("ANALYZE TABLE orders"); // the initial copy's progress starts from the row estimate
    }
  }

  private static String slots(long first, int count) {
    return "seq_" + first + "_to_" + (first + count - 1) + " s";
  }

  private static String scattered(long baseRows) {
    return "s.seq * " + SCATTER + " % " + baseRows + " + 1";
  }
}
