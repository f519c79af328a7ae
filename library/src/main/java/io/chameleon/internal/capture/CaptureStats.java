package io.chameleon.internal.capture;

import io.chameleon.BinlogPosition;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the reader has done, kept by the reader thread and read by anyone: counters and the
 * latest committed position. Reading never blocks and never runs SQL.
 */
public final class CaptureStats {

  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong ddl = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchWriteNanos = new AtomicLong();
  private final AtomicReference<BinlogPosition> committed = new AtomicReference<>();
  private volatile long lastEventMillis;
  private volatile boolean caughtUp;
  private volatile long lagAtReceiptMillis;

  void inserted(int rows) {
    inserts.addAndGet(rows);
  }

  void updated(int rows) {
    updates.addAndGet(rows);
  }

  void deleted(int rows) {
    deletes.addAndGet(rows);
  }

  void ddl() {
    ddl.incrementAndGet();
  }

  void transaction() {
    transactions.incrementAndGet();
  }

  void committed(BinlogPosition position, boolean batch) {
    committed(position, batch, 0);
  }

  /** @param commitNanos how long committing the batch took (counted only for a batch) */
  void committed(BinlogPosition position, boolean batch, long commitNanos) {
    committed.set(position);
    if (batch) {
      batchWriteNanos.addAndGet(commitNanos);
      batches.incrementAndGet();
    }
  }

  void eventSeen(long eventMillis) {
    if (eventMillis > 0) {
      lastEventMillis = eventMillis;
      lagAtReceiptMillis = Math.max(0, System.currentTimeMillis() - eventMillis);
    }
    caughtUp = false;
  }

  void caughtUp() {
    caughtUp = true;
  }

  public long inserts() {
    return inserts.get();
  }

  public long updates() {
    return updates.get();
  }

  public long deletes() {
    return deletes.get();
  }

  public long ddlEvents() {
    return ddl.get();
  }

  /** Row and DDL events read. */
  public long events() {
    return inserts() + updates() + deletes() + ddlEvents();
  }

  public long transactions() {
    return transactions.get();
  }

  public long batches() {
    return batches.get();
  }

  /** Nanoseconds spent committing the {@link #batches()} batches (end of COPY, catalogue rows, commit). */
  public long batchWriteNanos() {
    return batchWriteNanos.get();
  }

  /** The position up to which everything read is committed to the log tables. */
  public BinlogPosition committedPosition() {
    return committed.get();
  }

  /** The source's timestamp of the last event read, or null before the first. */
  public Instant lastEventTime() {
    return lastEventMillis == 0 ? null : Instant.ofEpochMilli(lastEventMillis);
  }

  /**
   * How far behind the source the reader was when it received its last event (binlog
   * timestamps have whole seconds), or zero once the source has had nothing more to send at a
   * heartbeat. It does not grow while a source is idle; a reader that stops receiving is caught
   * by the heartbeat watchdog instead.
   */
  public long lagMillis() {
    return caughtUp ? 0 : lagAtReceiptMillis;
  }
}
