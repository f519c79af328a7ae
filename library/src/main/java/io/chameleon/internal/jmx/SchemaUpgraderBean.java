package io.chameleon.internal.jmx;

import io.chameleon.DryRunResult;
import io.chameleon.SchemaUpgrader;
import io.chameleon.SchemaUpgraderMXBean;
import io.chameleon.UpgradeResult;
import io.chameleon.ValidateResult;
import io.chameleon.internal.monitor.CatalogueSampler;
import java.time.Instant;
import java.util.stream.Collectors;

/** {@link SchemaUpgraderMXBean} over a {@link SchemaUpgrader} and the sampler's snapshot. Thread-safe. */
final class SchemaUpgraderBean implements SchemaUpgraderMXBean {

  private final String instance;
  private final SchemaUpgrader upgrader;
  private final CatalogueSampler sampler;
  private volatile String lastUpgradeResult;

  SchemaUpgraderBean(String instance, SchemaUpgrader upgrader, CatalogueSampler sampler) {
    this.instance = instance;
    this.upgrader = upgrader;
    this.sampler = sampler;
  }

  @Override
  public String getCurrentVersion() {
    return sampler.snapshot().catalogueVersion().orElse("");
  }

  @Override
  public String getLibraryVersion() {
    return SchemaUpgrader.libraryVersion();
  }

  @Override
  public String[] getPendingMigrations() {
    return sampler.snapshot().pendingMigrations().toArray(String[]::new);
  }

  @Override
  public boolean isUpToDate() {
    return sampler.snapshot().sampledAt().isPresent() && sampler.snapshot().pendingMigrations().isEmpty();
  }

  @Override
  public String getLastUpgradeResult() {
    String last = lastUpgradeResult;
    return last != null ? last : sampler.snapshot().lastApplied().orElse("");
  }

  @Override
  public String validate() {
    return JmxCalls.call(instance, "validate", () -> {
      ValidateResult result = upgrader.validate();
      return result.valid()
          ? "valid: every applied migration matches the library's scripts"
          : "invalid: " + String.join("\n", result.problems());
    });
  }

  @Override
  public String dryRun() {
    return JmxCalls.call(instance, "dryRun", () -> {
      DryRunResult result = upgrader.dryRun();
      if (result.migrations().isEmpty()) {
        return "-- the catalogue is at version " + result.fromVersion().orElse("none") + "; nothing to run";
      }
      return result.sql();
    });
  }

  @Override
  public String upgrade() {
    try {
      String summary = JmxCalls.call(instance, "upgrade", () -> describe(upgrader.upgrade()));
      lastUpgradeResult = summary;
      return summary;
    } catch (RuntimeException e) {
      lastUpgradeResult = "failed at " + Instant.now() + ": " + e.getMessage();
      throw e;
    } finally {
      sampler.refreshSoon();
    }
  }

  private static String describe(UpgradeResult result) {
    String from = result.fromVersion().orElse("none");
    if (result.applied().isEmpty()) {
      return "already at version " + result.toVersion() + "; nothing applied";
    }
    return "upgraded from " + from + " to " + result.toVersion() + " in " + result.totalTime().toMillis() + " ms: "
        + result.applied().stream()
            .map(a -> a.version() + " " + a.script() + " (" + a.executionTime().toMillis() + " ms)")
            .collect(Collectors.joining(", "));
  }
}
