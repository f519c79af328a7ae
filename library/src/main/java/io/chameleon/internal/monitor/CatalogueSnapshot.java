package io.chameleon.internal.monitor;

import io.chameleon.BinlogPosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue facts the JMX beans and meters show, as the sampler last read them: reading
 * them costs SQL, so nobody else reads them on a getter's thread. Immutable.
 *
 * @param sampledAt when these facts were read; empty before the first successful read
 * @param catalogueVersion the catalogue's version; empty when the database has none
 * @param pendingMigrations migrations not applied yet, as {@code version script}
 * @param lastApplied the newest migration in the catalogue's history, described
 * @param sources every source in the catalogue, by name (empty while the catalogue is not at
 *     the library's version)
 * @param error why the last read failed (the facts are then those of the read before); empty
 *     when it succeeded
 */
public record CatalogueSnapshot(
    Optional<Instant> sampledAt,
    Optional<String> catalogueVersion,
    List<String> pendingMigrations,
    Optional<String> lastApplied,
    Map<String, SourceFacts> sources,
    Optional<String> error) {

  /** Before the first read. */
  public static final CatalogueSnapshot EMPTY = new CatalogueSnapshot(Optional.empty(), Optional.empty(), List.of(),
      Optional.empty(), Map.of(), Optional.empty());

  public CatalogueSnapshot {
    pendingMigrations = List.copyOf(pendingMigrations);
    sources = Map.copyOf(sources);
  }

  /** These facts, with the reason the newer read failed. */
  public CatalogueSnapshot failed(String reason) {
    return new CatalogueSnapshot(sampledAt, catalogueVersion, pendingMigrations, lastApplied, sources,
        Optional.of(reason));
  }

  public Optional<SourceFacts> source(String name) {
    return Optional.ofNullable(sources.get(name));
  }

  /**
   * What the catalogue says about one source.
   *
   * @param catalogueStatus {@code t_sources.enm_status}
   * @param batchesPending logged batches not replayed yet
   * @param oldestPendingAgeMillis how long the oldest of them had waited when sampled; 0 when none
   * @param logTableBytes the size of the source's log tables together, in bytes
   * @param tablesReplicated replicated tables, {@code schema.table}
   * @param tablesExcluded excluded tables and why
   * @param readPosition the read position recorded in {@code t_sources}
   * @param replayedPosition the end of the last replayed batch
   * @param lastError {@code t_sources.t_last_error}
   * @param lastErrorTime {@code t_sources.ts_last_error}
   */
  public record SourceFacts(
      String catalogueStatus,
      long batchesPending,
      long oldestPendingAgeMillis,
      long logTableBytes,
      List<String> tablesReplicated,
      Map<String, String> tablesExcluded,
      Optional<BinlogPosition> readPosition,
      Optional<BinlogPosition> replayedPosition,
      Optional<String> lastError,
      Optional<Instant> lastErrorTime) {

    public SourceFacts {
      tablesReplicated = List.copyOf(tablesReplicated);
      tablesExcluded = Map.copyOf(tablesExcluded);
    }
  }
}
