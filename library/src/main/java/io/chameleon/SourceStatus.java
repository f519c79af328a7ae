package io.chameleon;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one source, taken when {@link ReplicaManager#status(String)} was called.
 *
 * @param name the source's name
 * @param state its workers' state in this process
 * @param catalogueStatus its status in the catalogue ({@code ready}, {@code initialising},
 *     {@code initialised}, {@code running}, {@code stopped}, {@code error}), as pg_chameleon's
 *     show_status reports it
 * @param consistent whether the targets have replayed past every table's snapshot, so that
 *     they show a state the source had (false during and right after an initial copy)
 * @param readPosition the binlog position up to which changes are safely in the log tables
 * @param replayedPosition the binlog position up to which changes are applied to the targets
 * @param readLagMillis zero when the reader has read everything the source has written, else
 *     the age of the last event read
 * @param replayLagMillis zero when no logged batch waits for replay, else how long the oldest
 *     waiting batch has waited
 * @param lastEventTime the source's timestamp of the last event read
 * @param lastReplayTime when the last batch was replayed
 * @param eventsRead row and DDL events read by this process
 * @param eventsReplayed row events applied to the targets by this process
 * @param eventsSkipped row events not applied (table excluded, not replicated, or already in
 *     its snapshot) by this process
 * @param batchesWritten batches committed to the log tables by this process
 * @param batchesPending batches in the catalogue not replayed yet; -1 when the catalogue is
 *     unreachable
 * @param replayPaused whether replay is paused
 * @param tablesReplicated replicated tables ({@code schema.table}, MySQL names)
 * @param tablesExcluded excluded tables and why; they stay so until re-synced
 * @param logTableBytes the size of each of the source's log tables, in bytes
 * @param copy progress of an initial copy or re-sync running now
 * @param lastError the last error, also while retrying
 * @param lastErrorTime when the last error happened
 */
public record SourceStatus(
    String name,
    SourceState state,
    String catalogueStatus,
    boolean consistent,
    Optional<BinlogPosition> readPosition,
    Optional<BinlogPosition> replayedPosition,
    long readLagMillis,
    long replayLagMillis,
    Optional<Instant> lastEventTime,
    Optional<Instant> lastReplayTime,
    long eventsRead,
    long eventsReplayed,
    long eventsSkipped,
    long batchesWritten,
    long batchesPending,
    boolean replayPaused,
    List<String> tablesReplicated,
    Map<String, String> tablesExcluded,
    Map<String, Long> logTableBytes,
    Optional<CopyStatus> copy,
    Optional<String> lastError,
    Optional<Instant> lastErrorTime) {

  public SourceStatus {
    tablesReplicated = List.copyOf(tablesReplicated);
    tablesExcluded = Map.copyOf(tablesExcluded);
    logTableBytes = Map.copyOf(logTableBytes);
  }
}
