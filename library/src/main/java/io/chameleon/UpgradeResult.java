package io.chameleon;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SchemaUpgrader#upgrade()} did.
 *
 * @param fromVersion the catalogue's version before; empty when there was no catalogue
 * @param toVersion the catalogue's version after
 * @param applied the migrations this call ran, oldest first; empty when already up to date
 * @param totalTime the whole call, lock waits included
 */
public record UpgradeResult(
    Optional<String> fromVersion, String toVersion, List<Applied> applied, Duration totalTime) {

  public UpgradeResult {
    applied = List.copyOf(applied);
  }

  /** One migration run by this call and how long its script took. */
  public record Applied(String version, String script, Duration executionTime) {}
}
