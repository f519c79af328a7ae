package io.chameleon.internal.monitor;

import io.chameleon.internal.capture.CaptureStats;
import io.chameleon.internal.replay.ReplayStats;
import io.chameleon.internal.source.SourceRuntime;

/** The counters of a source's workers, added up over its runs in this process. Immutable. */
public record SourceTotals(
    long insertsRead,
    long updatesRead,
    long deletesRead,
    long ddlRead,
    long batchesWritten,
    long batchWriteNanos,
    long insertsReplayed,
    long updatesReplayed,
    long deletesReplayed,
    long ddlReplayed,
    long ddlSkipped,
    long ddlFailed,
    long eventsSkipped,
    long batchesReplayed,
    long batchReplayNanos,
    long readErrors,
    long replayErrors) {

  public static final SourceTotals ZERO = new SourceTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** What one run's workers have counted so far. */
  public static SourceTotals of(SourceRuntime runtime) {
    CaptureStats read = runtime.captureStats();
    ReplayStats replay = runtime.replayStats();
    return new SourceTotals(read.inserts(), read.updates(), read.deletes(), read.ddlEvents(), read.batches(),
        read.batchWriteNanos(), replay.inserts(), replay.updates(), replay.deletes(), replay.ddlEvents(),
        replay.ddlSkipped(), replay.ddlFailed(), replay.eventsSkipped(), replay.batchesReplayed(), replay.replayNanos(), runtime.readErrors(),
        runtime.replayErrors());
  }

  public SourceTotals plus(SourceTotals o) {
    return new SourceTotals(insertsRead + o.insertsRead, updatesRead + o.updatesRead, deletesRead + o.deletesRead,
        ddlRead + o.ddlRead, batchesWritten + o.batchesWritten, batchWriteNanos + o.batchWriteNanos,
        insertsReplayed + o.insertsReplayed, updatesReplayed + o.updatesReplayed,
        deletesReplayed + o.deletesReplayed, ddlReplayed + o.ddlReplayed, ddlSkipped + o.ddlSkipped,
        ddlFailed + o.ddlFailed, eventsSkipped + o.eventsSkipped,
        batchesReplayed + o.batchesReplayed, batchReplayNanos + o.batchReplayNanos, readErrors + o.readErrors,
        replayErrors + o.replayErrors);
  }

  /** Row and DDL events read. */
  public long eventsRead() {
    return insertsRead + updatesRead + deletesRead + ddlRead;
  }

  /** Row events applied to the targets. */
  public long eventsReplayed() {
    return insertsReplayed + updatesReplayed + deletesReplayed;
  }
}
