package io.chameleon;

import java.util.Map;

/**
 * The JMX view of one source added to a {@link ReplicaManager}, registered as {@code
 * io.chameleon:type=Source,instance=<instance>,source=<source>} from {@link
 * ReplicaManager#addSource(SourceConfig)} until the source is dropped, detached, or the manager
 * closed.
 *
 * <p>Attributes read a snapshot and never run SQL: counters and lag come from the source's
 * workers, catalogue facts (status, batches pending, log table size, tables) from the sampler
 * thread, at most about a second old. Counters count what this process did since the source
 * was added to it, across stops and starts. Text attributes are empty, never null, when there
 * is nothing to say. Operations run on the calling (JMX) thread and report failures as {@link
 * IllegalStateException} (or {@link IllegalArgumentException} for bad arguments) with the
 * reason.
 */
public interface SourceMXBean {

  /** The source's name. */
  String getName();

  /** The state of the source's workers in this process, a {@link SourceState} name. */
  String getState();

  /** The source's status in the catalogue ({@code running}, {@code stopped}, {@code error}, ...). */
  String getCatalogueStatus();

  /** Whether replay is paused (reading goes on). */
  boolean isReplayPaused();

  /**
   * Milliseconds the reader is behind the source: zero when the source had nothing more to send
   * at its last heartbeat, else the age of the last event read. Zero when not running here.
   */
  long getReadLagMillis();

  /**
   * Milliseconds the targets are behind the log tables: zero when no logged batch waits for
   * replay, else how long the oldest waiting batch has waited (also while replay is paused or
   * the source is stopped).
   */
  long getReplayLagMillis();

  /** Row and DDL events read from the binlog into the log tables. */
  long getEventsRead();

  /** Inserted rows read. */
  long getInsertsRead();

  /** Updated rows read. */
  long getUpdatesRead();

  /** Deleted rows read. */
  long getDeletesRead();

  /** DDL statements read. */
  long getDdlRead();

  /** Row events applied to the targets. */
  long getEventsReplayed();

  /** Inserted rows applied to the targets. */
  long getInsertsReplayed();

  /** Updated rows applied to the targets. */
  long getUpdatesReplayed();

  /** Deleted rows applied to the targets. */
  long getDeletesReplayed();

  /** DDL statements met by replay: applied, skipped or failed (see {@code sch_chameleon.t_ddl_log}). */
  long getDdlReplayed();

  /** DDL statements recorded as skipped: no meaning for replicated data, or already in a table's copy. */
  long getDdlSkipped();

  /** DDL statements that could not be replicated; their tables are excluded until re-synced. */
  long getDdlFailed();

  /** Row events not applied: their table is excluded, not replicated, or copied after them. */
  long getEventsSkipped();

  /** Batches committed to the log tables. */
  long getBatchesWritten();

  /** Batches applied to the targets. */
  long getBatchesReplayed();

  /** Batches in the catalogue waiting for replay (sampled). */
  long getBatchesPending();

  /** Size of the source's log tables with their indexes and TOAST, in bytes (sampled). */
  long getLogTableBytes();

  /** Binlog file up to which changes are safely in the log tables. */
  String getBinlogFile();

  /** Position in {@link #getBinlogFile()} up to which changes are safely in the log tables; 0 when unknown. */
  long getBinlogPosition();

  /** Executed GTID set at that position, when the source uses GTIDs. */
  String getGtidSet();

  /** Binlog file up to which changes are applied to the targets. */
  String getReplayedBinlogFile();

  /** Position in {@link #getReplayedBinlogFile()} up to which changes are applied; 0 when unknown. */
  long getReplayedBinlogPosition();

  /** Errors reported by the reader: lost connections (each retry) and failures. */
  long getReadErrors();

  /** Errors reported by replay: failed attempts, excluded tables, a stop by the exit policy. */
  long getReplayErrors();

  /** The last error, also while retrying; from the catalogue when this process has none. */
  String getLastError();

  /** When the last error happened, ISO-8601. */
  String getLastErrorTime();

  /** Replicated tables, {@code schema.table} with MySQL names (sampled). */
  String[] getTablesReplicated();

  /** Excluded tables ({@code schema.table}) with the reason; they stay so until re-synced (sampled). */
  Map<String, String> getTablesExcluded();

  /** Starts reading and replaying the source; see {@link ReplicaManager#startReplica(String)}. */
  void startReplica();

  /** Stops the source after committing what it has read completely; waits up to 30 s. */
  void stopReplica();

  /**
   * Copies the named tables again and replicates them from their new snapshot, also after they
   * were excluded.
   *
   * @param tables comma-separated {@code schema.table} names (MySQL names)
   */
  void syncTables(String tables);

  /** Stops applying batches once the current one is committed; reading goes on. */
  void pauseReplay();

  /** Resumes applying batches. */
  void resumeReplay();

  /** Clears the source's error status so that it can be started again. */
  void enableReplica();
}
