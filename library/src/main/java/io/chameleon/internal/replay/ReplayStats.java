package io.chameleon.internal.replay;

import io.chameleon.BinlogPosition;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the replayer has done, kept by its thread and read by anyone without blocking. */
public final class ReplayStats {

  private final AtomicLong events = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong ddl = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private volatile BinlogPosition replayedPosition;
  private volatile Instant lastReplayTime;
  private volatile long oldestPendingCreatedMillis;

  void batchReplayed(long applied, long skippedEvents, long ddlEvents, BinlogPosition end) {
    events.addAndGet(applied);
    skipped.addAndGet(skippedEvents);
    ddl.addAndGet(ddlEvents);
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

  /** Row events not applied: their table is excluded, not replicated, or copied after them. */
  public long eventsSkipped() {
    return skipped.get();
  }

  public long ddlEvents() {
    return ddl.get();
  }

  public long batchesReplayed() {
    return batches.get();
  }

  /** The end of the last replayed batch; null before the first. */
  public BinlogPosition replayedPosition() {
    return replayedPosition;
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
