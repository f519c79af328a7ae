package io.chameleon;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of every source in the catalogue.
 *
 * @param instance the manager's instance name
 * @param catalogueVersion the catalogue's version, empty when there is none
 * @param sources one status per source in the catalogue, by name
 */
public record ReplicaStatus(String instance, Optional<String> catalogueVersion, List<SourceStatus> sources) {

  public ReplicaStatus {
    sources = List.copyOf(sources);
  }

  /** The named source's status. */
  public Optional<SourceStatus> source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
