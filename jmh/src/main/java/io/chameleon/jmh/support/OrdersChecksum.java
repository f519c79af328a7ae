package io.chameleon.jmh.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The row count and a checksum of an {@link Orders} table that read the same on MariaDB and on
 * its PostgreSQL copy when both hold the same rows: the sum over rows of the first 60 bits of
 * the MD5 of the row as text, every column written the same way on both sides (timestamps with
 * six fractional digits, the double in thousandths, {@code \N} for NULL).
 *
 * @param rows rows in the table
 * @param sum the sum of the rows' hashes
 */
public record OrdersChecksum(long rows, BigDecimal sum) {

  private static final String MYSQL_ROW = "concat_ws('|', id, customer, amount, ifnull(note, '\\\\N'),"
      + " date_format(created, '%Y-%m-%d %H:%i:%s.%f'), status, quantity,"
      + " ifnull(cast(round(weight * 1000) AS SIGNED), '\\\\N'), ifnull(date_format(shipped, '%Y-%m-%d'), '\\\\N'),"
      + " version)";
  private static final String PG_ROW = "concat_ws('|', id, customer, amount, coalesce(note, '\\N'),"
      + " to_char(created, 'YYYY-MM-DD HH24:MI:SS.US'), status, quantity,"
      + " coalesce(round(weight * 1000)::bigint::text, '\\N'), coalesce(to_char(shipped, 'YYYY-MM-DD'), '\\N'),"
      + " version)";

  /** The checksum of {@code orders} in a MariaDB database. */
  public static OrdersChecksum ofMysql(Connection mysql, String database) throws SQLException {
    return query(mysql, "SELECT count(*), coalesce(sum(cast(conv(substr(md5(" + MYSQL_ROW
        + "), 1, 15), 16, 10) AS UNSIGNED)), 0) FROM `" + database + "`." + Orders.TABLE);
  }

  /** The checksum of a PostgreSQL copy of {@code orders}. */
  public static OrdersChecksum ofPostgres(Connection pg, String qualifiedTable) throws SQLException {
    return query(pg, "SELECT count(*), coalesce(sum(('x' || substr(md5(" + PG_ROW
        + "), 1, 15))::bit(60)::bigint), 0) FROM " + qualifiedTable);
  }

  private static OrdersChecksum query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return new OrdersChecksum(result.getLong(1), result.getBigDecimal(2));
    }
  }

  /** Whether both hold the same rows (as far as the checksum can tell). */
  public boolean matches(OrdersChecksum other) {
    return rows == other.rows && sum.compareTo(other.sum) == 0;
  }
}
