package io.chameleon;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link SchemaUpgrader#upgrade()} would run, computed without changing anything.
 *
 * @param fromVersion the catalogue's version now; empty when there is no catalogue
 * @param toVersion the version after the upgrade
 * @param migrations the pending scripts with their full SQL, in the order they would run
 */
public record DryRunResult(
    Optional<String> fromVersion, String toVersion, List<PendingScript> migrations) {

  public DryRunResult {
    migrations = List.copyOf(migrations);
  }

  /** A pending script: its version, resource name and text. */
  public record PendingScript(String version, String script, String sql) {}

  /** Every pending script's SQL, each headed by a comment naming it. */
  public String sql() {
    return migrations.stream()
        .map(m -> "-- " + m.script() + " (catalogue version " + m.version() + ")\n" + m.sql())
        .collect(Collectors.joining("\n"));
  }
}
