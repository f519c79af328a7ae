package io.chameleon.jmh.support;

import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * The rows of a MariaDB table streamed into a {@code COPY} with the least work between: MariaDB
 * Connector/J reads the table as the initial copy does (a streaming result, {@value
 * #FETCH_ROWS} rows at a time, every column selected {@code AS CHAR} and read as bytes), and
 * each value goes over as those bytes, only escaped for COPY, in writes of {@value
 * #FLUSH_BYTES} bytes (the initial copy's size). No type conversion, no consistent snapshot, no
 * key or index after the data.
 *
 * <p>MariaDB's text of every {@link Orders} column is valid PostgreSQL input for the type the
 * initial copy gives it. One run per {@link #write} call; not thread-safe.
 */
public final class MysqlRowStream implements PlainTable.CopyWriter {

  private static final int FETCH_ROWS = 1000;
  private static final int FLUSH_BYTES = 256 * 1024;

  private final SourceDatabase database;
  private final String table;
  private byte[] buffer = new byte[2 * FLUSH_BYTES];
  private int length;

  /** Streams {@code table} of {@code database}. */
  public MysqlRowStream(SourceDatabase database, String table) {
    this.database = database;
    this.table = table;
  }

  @Override
  public void write(CopyIn copy) throws SQLException {
    length = 0;
    try (Connection mysql = database.openConnection();
        Statement statement = mysql.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      String select = selectAsText(statement);
      statement.setFetchSize(FETCH_ROWS);
      try (ResultSet rows = statement.executeQuery(select)) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          for (int i = 1; i <= columns; i++) {
            byte[] value = rows.getBytes(i);
            if (value == null) {
              append((byte) '\\', (byte) 'N');
            } else {
              appendEscaped(value);
            }
            append(i < columns ? (byte) '\t' : (byte) '\n');
          }
          if (length >= FLUSH_BYTES) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
          }
        }
      }
    }
    if (length > 0) {
      copy.writeToCopy(buffer, 0, length);
    }
  }

  /** {@code SELECT CAST(c1 AS CHAR), ...} of every column of the table, in table order. */
  private String selectAsText(Statement statement) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet none = statement.executeQuery("SELECT * FROM `" + table + "` LIMIT 0")) {
      ResultSetMetaData metadata = none.getMetaData();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        columns.add("CAST(`" + metadata.getColumnName(i) + "` AS CHAR)");
      }
    }
    return "SELECT " + String.join(", ", columns) + " FROM `" + table + "`";
  }

  /** Backslash, tab, newline and carriage return escaped; UTF-8 continuation bytes never match them. */
  private void appendEscaped(byte[] value) {
    ensure(2 * value.length);
    for (byte b : value) {
      switch (b) {
        case '\\' -> append((byte) '\\', (byte) '\\');
        case '\t' -> append((byte) '\\', (byte) 't');
        case '\n' -> append((byte) '\\', (byte) 'n');
        case '\r' -> append((byte) '\\', (byte) 'r');
        default -> buffer[length++] = b;
      }
    }
  }

  private void append(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void append(byte a, byte b) {
    ensure(2);
    buffer[length++] = a;
    buffer[length++] = b;
  }

  private void ensure(int bytes) {
    if (length + bytes > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + bytes));
    }
  }
}
