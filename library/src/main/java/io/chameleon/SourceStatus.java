package io.chameleon;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one source, taken when {@link ReplicaManager#status(String)} was called.
 *
 * @param name the source's name
 * @param state its workers' state in this process
 * @param catalogueStatus its status in the catalogue ({@code ready}, {@code running}, {@code
 *     stopped}, {@code error}, ...), as pg_chameleon's show_status reports it
 * @param readPosition the binlog position up to which changes are safely in the log tables
 * @param eventsRead row and DDL events read from the binlog by this process
 * @param transactionsRead source transactions read by this process
 * @param batchesWritten batches committed to the log tables by this process
 * @param batchesPending batches in the catalogue not replayed yet
 * @param readLagMillis how far the reader is behind the source: zero when it has read
 *     everything the source has written, else the age of the last event read
 * @param lastEventTime the source's timestamp of the last event read
 * @param lastError the last error, also while retrying; empty once none has happened
 * @param lastErrorTime when the last error happened
 */
public record SourceStatus(
    String name,
    SourceState state,
    String catalogueStatus,
    Optional<BinlogPosition> readPosition,
    long eventsRead,
    long transactionsRead,
    long batchesWritten,
    long batchesPending,
    long readLagMillis,
    Optional<Instant> lastEventTime,
    Optional<String> lastError,
    Optional<Instant> lastErrorTime) {}
