package io.chameleon.internal.replay;

import io.chameleon.BinlogPosition;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the replayer has done, kept by its thread and read by anyone without blocking. */
public final class ReplayStats {

  private final AtomicLong events = new AtomicLong();
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong replayNanos = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong ddl = new AtomicLong();
  private final AtomicLong ddlSkipped = new AtomicLong();
  private final AtomicLong ddlFailed = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private volatile BinlogPosition replayedPosition;
  private volatile Instant lastReplayTime;
  private volatile long oldestPendingCreatedMillis;

  /**
   * @param applied the row events applied, by kind
   * @param nanos how long applying and committing the batch took
   */
  void batchReplayed(EventCounts applied, long skippedEvents, DdlCounts ddlEvents, BinlogPosition end, long nanos) {
    inserts.addAndGet(applied.inserts());
    updates.addAndGet(applied.updates());
    deletes.addAndGet(applied.deletes());
    replayNanos.addAndGet(nanos);
    events.addAndGet(applied.total());
    skipped.addAndGet(skippedEvents);
    ddl.addAndGet(ddlEvents.total());
    ddlSkipped.addAndGet(ddlEvents.skipped());
    ddlFailed.addAndGet(ddlEvents.failed());
    batches.incrementAndGet();
    replayedPosition = end;
    lastReplayTime = Instant.now();
  }

  /** Called with the creation time of the oldest batch waiting, or 0 when none waits. */
  void pending(long oldestCreatedMillis) {
    oldestPendingCreatedMillis = oldestCreatedMillis;
  }

  /** Row events applied to targets. */
  public long eventsReplayed() {
    return events.get();
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

  /** Nanoseconds spent applying and committing the {@link #batchesReplayed()} batches. */
  public long replayNanos() {
    return replayNanos.get();
  }

  /** Row events not applied: their table is excluded, not replicated, or copied after them. */
  public long eventsSkipped() {
    return skipped.get();
  }

  /** DDL statements met by replay: applied, skipped or failed. */
  public long ddlEvents() {
    return ddl.get();
  }

  /** DDL statements recorded as skipped: no meaning for replicated data, or already in a copy. */
  public long ddlSkipped() {
    return ddlSkipped.get();
  }

  /** DDL statements that could not be replicated: their tables were excluded (or the source stopped). */
  public long ddlFailed() {
    return ddlFailed.get();
  }

  public long batchesReplayed() {
    return batches.get();
  }

  /** The end of the last replayed batch; null before the first. */
  public BinlogPosition replayedPosition() {
    return replayedPosition;
  }

  /** Row events by kind. */
  record EventCounts(long inserts, long updates, long deletes) {
    static final EventCounts NONE = new EventCounts(0, 0, 0);

    EventCounts plus(EventCounts other) {
      return new EventCounts(inserts + other.inserts, updates + other.updates, deletes + other.deletes);
    }

    long total() {
      return inserts + updates + deletes;
    }
  }

  /** DDL statements of a batch by outcome. */
  record DdlCounts(long applied, long skipped, long failed) {
    static final DdlCounts NONE = new DdlCounts(0, 0, 0);

    DdlCounts plus(DdlReplay.Outcome outcome) {
      return switch (outcome) {
        case APPLIED -> new DdlCounts(applied + 1, skipped, failed);
        case SKIPPED -> new DdlCounts(applied, skipped + 1, failed);
        case FAILED -> new DdlCounts(applied, skipped, failed + 1);
      };
    }

    long total() {
      return applied + skipped + failed;
    }
  }

  public Instant lastReplayTime() {
    return lastReplayTime;
  }

  /** Zero when no logged batch waits for replay, else how long the oldest has waited. */
  public long lagMillis(long nowMillis) {
    long oldest = oldestPendingCreatedMillis;
    return oldest == 0 ? 0 : Math.max(0, nowMillis - oldest);
  }
}
