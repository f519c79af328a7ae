package io.chameleon.jmh.support.bloat;

import io.chameleon.jmh.support.LogRows;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captured log rows cut into batches of whole rows, ready to be written again under any batch
 * id and event ids: the COPY text a capture wrote ({@link LogRows#COLUMNS}, event id and batch id
 * first), one array per batch.
 *
 * <p>Immutable; shared read-only by concurrent writers.
 */
public final class BatchRows {

  /** The columns of {@link #withIds}' text: {@link LogRows#COLUMNS}. */
  public static final String COLUMNS = LogRows.COLUMNS;

  private final List<byte[]> batches;
  private final List<Integer> rowsPerBatch;
  private final long rows;
  private final long bytes;

  private BatchRows(List<byte[]> batches, List<Integer> rowsPerBatch, long rows, long bytes) {
    this.batches = List.copyOf(batches);
    this.rowsPerBatch = List.copyOf(rowsPerBatch);
    this.rows = rows;
    this.bytes = bytes;
  }

  /** The rows in order, {@code rowsPerBatch} a batch (the last batch may hold fewer). */
  public static BatchRows split(LogRows rows, int rowsPerBatch) {
    List<byte[]> batches = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    ByteArrayOutputStream batch = new ByteArrayOutputStream(rowsPerBatch * 512);
    int inBatch = 0;
    for (byte[] chunk : rows.chunks()) {
      int rowStart = 0;
      for (int i = 0; i < chunk.length; i++) {
        if (chunk[i] == '\n') { // COPY text escapes newlines inside values: a raw one ends a row
          batch.write(chunk, rowStart, i + 1 - rowStart);
          rowStart = i + 1;
          if (++inBatch == rowsPerBatch) {
            batches.add(batch.toByteArray());
            counts.add(inBatch);
            batch.reset();
            inBatch = 0;
          }
        }
      }
    }
    if (inBatch > 0) {
      batches.add(batch.toByteArray());
      counts.add(inBatch);
    }
    return new BatchRows(batches, counts, rows.rows(), rows.bytes());
  }

  /** How many batches. */
  public int batches() {
    return batches.size();
  }

  /** Rows over all batches. */
  public long rows() {
    return rows;
  }

  /** Rows in batch {@code index}. */
  public int rows(int index) {
    return rowsPerBatch.get(index);
  }

  /**
   * The rows of batch {@code index} as COPY text of {@link #COLUMNS}: the rows numbered from
   * {@code firstEventId} on, each row's event id and batch id replaced.
   */
  public byte[] withIds(int index, long firstEventId, long batchId) {
    byte[] text = batches.get(index);
    byte[] batch = Long.toString(batchId).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 2048);
    long eventId = firstEventId;
    int rowStart = 0;
    while (rowStart < text.length) {
      int idEnd = nextTab(text, nextTab(text, rowStart) + 1); // after the event id and the batch id
      int rowEnd = idEnd;
      while (text[rowEnd] != '\n') {
        rowEnd++;
      }
      byte[] event = Long.toString(eventId++).getBytes(StandardCharsets.US_ASCII);
      out.write(event, 0, event.length);
      out.write('\t');
      out.write(batch, 0, batch.length);
      out.write(text, idEnd, rowEnd + 1 - idEnd);
      rowStart = rowEnd + 1;
    }
    return out.toByteArray();
  }

  private static int nextTab(byte[] text, int from) {
    int at = from;
    while (text[at] != '\t') {
      at++;
    }
    return at;
  }

  /** The same rows as {@link LogRows}, one chunk a batch (so a raw writer commits once a batch). */
  public LogRows asLogRows() {
    return new LogRows(batches, rows, bytes);
  }
}
