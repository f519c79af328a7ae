package io.chameleon.jmh.support;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a PostgreSQL query as {@code COPY ... FROM STDIN} text, in memory, cut into
 * chunks of whole rows: rows to write again with nothing but {@code COPY}.
 *
 * <p>Immutable once read.
 *
 * @param chunks COPY text, each chunk {@code rowsPerChunk} rows (the last one may hold fewer)
 * @param rows rows over all chunks
 * @param bytes bytes over all chunks
 */
public record TableRows(List<byte[]> chunks, long rows, long bytes) {

  public TableRows {
    chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
  }

  /**
   * Reads the rows of {@code query} in PostgreSQL's text output, which is also its input.
   *
   * @param rowsPerChunk rows per chunk: writers commit once per chunk
   */
  public static TableRows read(Connection connection, String query, int rowsPerChunk) throws SQLException {
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
    List<byte[]> chunks = new ArrayList<>();
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(4 << 20);
    long rows = 0;
    long bytes = 0;
    int inChunk = 0;
    for (byte[] row = copy.readFromCopy(); row != null; row = copy.readFromCopy()) {
      chunk.write(row, 0, row.length); // one CopyData message per row, newline included
      rows++;
      bytes += row.length;
      if (++inChunk == rowsPerChunk) {
        chunks.add(chunk.toByteArray());
        chunk.reset();
        inChunk = 0;
      }
    }
    if (inChunk > 0) {
      chunks.add(chunk.toByteArray());
    }
    return new TableRows(chunks, rows, bytes);
  }

  @Override
  public String toString() {
    return "TableRows[" + rows + " rows, " + bytes + " bytes in " + chunks.size() + " chunks]";
  }
}
