package io.chameleon.jmh.support;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Log rows as {@code COPY ... FROM STDIN} text, in memory, cut into chunks of whole rows: the
 * exact bytes a capture wrote, to be written again without the capture.
 *
 * <p>Immutable once read; the chunks are shared read-only by concurrent writers.
 *
 * @param chunks COPY text, each chunk {@code rowsPerChunk} rows (the last one may hold fewer)
 * @param rows rows over all chunks
 * @param bytes bytes over all chunks
 */
public record LogRows(List<byte[]> chunks, long rows, long bytes) {

  /** The columns after the event id, in the writer's order: the batch id first. */
  public static final String COLUMNS_AFTER_EVENT_ID = "i_id_batch, v_table_name, v_schema_name, enm_binlog_event,"
      + " t_binlog_name, i_binlog_position, ts_event_datetime, jsb_event_data, jsb_event_update, t_query";

  /**
   * The columns the library's log writer COPYs into a log table, in its order: all of them, the
   * event id first (the writer numbers the events itself since catalogue 1.6).
   */
  public static final String COLUMNS = "i_id_event, " + COLUMNS_AFTER_EVENT_ID;

  public LogRows {
    chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
  }

  /**
   * Reads every row of {@code table} in event order as COPY text. PostgreSQL prints {@code json}
   * values as they were stored and timestamps, enums and numbers in the text the writer sends,
   * so these bytes are what the writer sent.
   *
   * @param table a qualified, quoted-as-needed table name, e.g. {@code sch_chameleon.t_log_replica}
   * @param rowsPerChunk rows per chunk: writers commit once per chunk
   */
  public static LogRows read(Connection connection, String table, int rowsPerChunk) throws SQLException {
    TableRows rows = TableRows.read(connection, "SELECT " + COLUMNS + " FROM " + table + " ORDER BY i_id_event",
        rowsPerChunk);
    return new LogRows(rows.chunks(), rows.rows(), rows.bytes());
  }

  /** The same rows without their first column, the event id: COPY text of {@link #COLUMNS_AFTER_EVENT_ID}. */
  public LogRows withoutEventIds() {
    List<byte[]> stripped = new ArrayList<>(chunks.size());
    long strippedBytes = 0;
    for (byte[] chunk : chunks) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length);
      int rowStart = 0;
      while (rowStart < chunk.length) {
        int idEnd = rowStart;
        while (chunk[idEnd] != '\t') {
          idEnd++;
        }
        int rowEnd = idEnd;
        while (chunk[rowEnd] != '\n') { // COPY text escapes newlines inside values: a raw one ends a row
          rowEnd++;
        }
        out.write(chunk, idEnd + 1, rowEnd - idEnd);
        rowStart = rowEnd + 1;
      }
      stripped.add(out.toByteArray());
      strippedBytes += out.size();
    }
    return new LogRows(stripped, rows, strippedBytes);
  }

  @Override
  public String toString() {
    return "LogRows[" + rows + " rows, " + bytes + " bytes in " + chunks.size() + " chunks]";
  }
}
