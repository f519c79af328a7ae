package io.chameleon.internal.log;

import io.chameleon.BinlogPosition;
import io.chameleon.internal.copy.CopyTextBuffer;
import io.chameleon.internal.copy.DecimalCounter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Writes one source's log rows into its active log table with {@code COPY}, a batch at a time.
 *
 * <p>A batch is one PostgreSQL transaction: its row in {@code t_replica_batch}, its log rows, its
 * end coordinates and the source's new read position all commit together or not at all, so a
 * crash anywhere leaves the catalogue at the end of the last committed batch.
 *
 * <p>This class encodes the rows, on the reader's thread, into COPY buffers of
 * {@value #FLUSH_BYTES} bytes; a {@link LogSender} thread ships them and commits, so the reader
 * decodes the next batch while PostgreSQL finishes this one. {@link #commit} returns once the
 * commit is handed over; {@link #nextCommitted()} tells which commits are done, {@link #drain()}
 * waits for all. At most {@value #BUFFERS} buffers are on their way at once: past that the reader
 * waits for PostgreSQL. A failure of the sender comes out of the next call.
 *
 * <p>Not thread-safe: the caller serialises access (the capture does, under its own lock).
 */
public final class PgCopyLogWriter implements AutoCloseable {

  /** The event kinds of {@code sch_chameleon.en_binlog_event}. */
  public enum EventKind {
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete"),
    DDL("ddl");

    private final byte[] label;

    EventKind(String label) {
      this.label = CopyTextBuffer.encode(label);
    }
  }

  /**
   * Small enough that PostgreSQL starts on a batch soon after it opens, large enough that its
   * backend is not woken for every few hundred rows: with two sources on two cores, PostgreSQL
   * spent about a sixth more CPU per row on 64 KB buffers than on 256 KB ones.
   */
  private static final int FLUSH_BYTES = 256 * 1024;
  /** COPY buffers, the one being filled and those on their way: 2 MB, several thousand rows. */
  private static final int BUFFERS = 8;
  /**
   * Binlog event times have whole seconds: no fraction then, which PostgreSQL would parse on
   * every row (a fractional second is a {@code strtod} call in its timestamp input).
   */
  private static final DateTimeFormatter EVENT_TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .appendFraction(ChronoField.MILLI_OF_SECOND, 0, 3, true)
      .toFormatter(Locale.ROOT);

  private final LogSender sender;
  private final LastValue tables = new LastValue();
  private final LastValue schemas = new LastValue();
  private final LastValue files = new LastValue();
  private final LastNumber positions = new LastNumber();
  /** The id of the next row, counted as text (a row's first value). */
  private final DecimalCounter nextEventId;

  private CopyTextBuffer buffer;
  private boolean batchOpen;
  private long batchId;
  private byte[] batchIdText;
  private long batchEvents;
  private long batchBytes;
  private long batchOpenedNanos;
  private long lastEventMillis;
  private byte[] lastEventTime;

  /**
   * @param connection a connection this writer owns from now on (it is closed with the writer)
   * @param sourceId the source's {@code i_id_source}
   * @param threadName the name of the thread that sends the rows
   */
  public PgCopyLogWriter(Connection connection, long sourceId, String threadName) throws SQLException {
    this.sender = new LogSender(connection, sourceId, BUFFERS, FLUSH_BYTES, threadName);
    this.nextEventId = new DecimalCounter(sender.lastEventId() + 1);
    try {
      this.buffer = sender.takeBuffer();
    } catch (SQLException | RuntimeException e) {
      sender.close();
      throw e;
    }
  }

  public boolean batchOpen() {
    return batchOpen;
  }

  /** Row and DDL events in the open batch. */
  public long batchEvents() {
    return batchEvents;
  }

  /** Bytes of COPY text in the open batch. */
  public long batchBytes() {
    return batchBytes + buffer.length();
  }

  /** Nanoseconds ({@link System#nanoTime()}) when the open batch was opened. */
  public long batchOpenedNanos() {
    return batchOpenedNanos;
  }

  /** Opens a batch in the source's active log table; no-op when one is open. */
  public void openBatch() throws SQLException {
    if (batchOpen) {
      return;
    }
    batchId = sender.takeBatchId();
    batchIdText = CopyTextBuffer.encode(Long.toString(batchId));
    sender.open(batchId, nextEventId.value());
    batchOpen = true;
    batchEvents = 0;
    batchBytes = 0;
    batchOpenedNanos = System.nanoTime();
  }

  /**
   * Adds a row event to the open batch.
   *
   * <p>The images are JSON text in COPY text form (UTF-8, every backslash doubled), taken from
   * {@code [0, length)} of their arrays, which are not kept.
   *
   * @param data the after image (insert, update) or the deleted row
   * @param before the before image of an update, else null
   */
  public void row(EventKind kind, String schema, String table, String file, long position, long eventMillis,
      byte[] data, int dataLength, byte[] before, int beforeLength) throws SQLException {
    buffer.number(nextEventId).encoded(batchIdText).encoded(tables.of(table)).encoded(schemas.of(schema))
        .encoded(kind.label).encoded(files.of(file)).encoded(positions.of(position)).encoded(eventTime(eventMillis))
        .encoded(data, dataLength);
    if (before == null) {
      buffer.nullValue();
    } else {
      buffer.encoded(before, beforeLength);
    }
    buffer.nullValue();
    endRow();
  }

  /**
   * Adds a DDL statement to the open batch.
   *
   * @param schema the session's default database
   * @param statement the statement as read
   * @param translation what replay does about it, as JSON ({@code DdlEvent})
   */
  public void ddl(String schema, String statement, String translation, String file, long position, long eventMillis)
      throws SQLException {
    buffer.number(nextEventId).encoded(batchIdText).text("");
    buffer.text(schema == null ? "" : schema);
    buffer.encoded(EventKind.DDL.label).encoded(files.of(file)).encoded(positions.of(position))
        .encoded(eventTime(eventMillis));
    buffer.text(translation);
    buffer.nullValue();
    buffer.text(statement); // NUL characters, which a statement's string literal may hold, are left out
    endRow();
  }

  /**
   * Hands over the commit of the open batch ending at {@code end}, or, with no batch open, of
   * the reader having safely reached {@code end}.
   */
  public void commit(BinlogPosition end, Instant lastEventTime) throws SQLException {
    if (batchOpen) {
      flush();
      batchOpen = false;
    }
    sender.commit(end, lastEventTime, batchEvents, nextEventId.value() - 1);
    batchEvents = 0;
    batchBytes = 0;
  }

  /** The next commit done since the last call (in the order they were handed over), or null. */
  public Committed nextCommitted() throws SQLException {
    sender.throwIfFailed();
    return sender.nextCommitted();
  }

  /** Waits until every commit handed over is done; throws when one failed. */
  public void drain() throws SQLException {
    sender.drain();
  }

  /**
   * Throws away the open batch (the source will be read again from the last commit), once the
   * commits handed over before it are done or failed, and forgets a failure.
   */
  public void abort() {
    batchOpen = false;
    buffer.clear();
    sender.abort();
  }

  @Override
  public void close() {
    abort();
    sender.close();
  }

  /** What one commit achieved: the position now committed, and the batch with it (0: none). */
  public record Committed(BinlogPosition end, long batchId, long nanos) {}

  private void endRow() throws SQLException {
    buffer.endRow();
    nextEventId.increment();
    batchEvents++;
    if (buffer.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (buffer.length() > 0) {
      CopyTextBuffer full = buffer;
      buffer = sender.takeBuffer(); // first: the writer never holds a buffer it has handed over
      sender.rows(full);
      batchBytes += full.length();
    }
  }

  /** Binlog event times have whole seconds: the text of the last one is nearly always the next one's. */
  private byte[] eventTime(long eventMillis) {
    if (eventMillis != lastEventMillis || lastEventTime == null) {
      lastEventMillis = eventMillis;
      lastEventTime = CopyTextBuffer.encode(
          EVENT_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(eventMillis), ZoneOffset.UTC)));
    }
    return lastEventTime;
  }

  /** The COPY text of the last number of a column whose values repeat (the rows of one event share its position). */
  private static final class LastNumber {
    private long value;
    private byte[] encoded;

    byte[] of(long next) {
      if (next != value || encoded == null) {
        value = next;
        encoded = CopyTextBuffer.encode(Long.toString(next));
      }
      return encoded;
    }
  }

  /** The COPY text of the last value of a column whose values repeat row after row (names, files). */
  private static final class LastValue {
    private String value;
    private byte[] encoded;

    byte[] of(String next) {
      if (next != value) { // the same instance row after row, mostly: compared by content only when it is not
        if (!next.equals(value)) {
          encoded = CopyTextBuffer.encode(next);
        }
        value = next;
      }
      return encoded;
    }
  }
}
