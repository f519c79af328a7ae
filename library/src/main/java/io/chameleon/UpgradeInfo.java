package io.chameleon;

import java.util.List;
import java.util.Optional;

/**
 * Where a catalogue stands against this library.
 *
 * @param currentVersion the catalogue's version; empty when there is no catalogue yet
 * @param libraryVersion the catalogue version this library is written for
 * @param applied migrations recorded as applied (including a baseline), oldest first
 * @param pending shipped migrations not yet applied, in the order they would run
 */
public record UpgradeInfo(
    Optional<String> currentVersion,
    String libraryVersion,
    List<MigrationInfo> applied,
    List<MigrationInfo> pending) {

  public UpgradeInfo {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
  }

  /** True when nothing is pending. */
  public boolean upToDate() {
    return pending.isEmpty();
  }
}
