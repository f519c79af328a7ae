package io.chameleon.internal.jmx;

import io.chameleon.ReplicaManagerMXBean;
import io.chameleon.SchemaUpgrader;
import io.chameleon.SourceState;
import io.chameleon.internal.monitor.CatalogueSampler;
import io.chameleon.internal.monitor.CatalogueSnapshot;
import io.chameleon.internal.monitor.ManagerOperations;
import io.chameleon.internal.monitor.SourceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link ReplicaManagerMXBean} over the sampler's snapshot and the sources' monitors. Thread-safe. */
final class ManagerBean implements ReplicaManagerMXBean {

  private final String instance;
  private final CatalogueSampler sampler;
  private final Map<String, SourceMonitor> monitors;
  private final ManagerOperations operations;

  ManagerBean(String instance, CatalogueSampler sampler, Map<String, SourceMonitor> monitors,
      ManagerOperations operations) {
    this.instance = instance;
    this.sampler = sampler;
    this.monitors = monitors;
    this.operations = operations;
  }

  @Override
  public String getInstanceName() {
    return instance;
  }

  @Override
  public String getCatalogueVersion() {
    return sampler.snapshot().catalogueVersion().orElse("");
  }

  @Override
  public String getLibraryCatalogueVersion() {
    return SchemaUpgrader.libraryVersion();
  }

  @Override
  public String[] getSourceNames() {
    return names().toArray(String[]::new);
  }

  @Override
  public Map<String, String> getSourceStates() {
    Map<String, String> states = new TreeMap<>();
    for (String name : names()) {
      SourceMonitor monitor = monitors.get(name);
      states.put(name, (monitor == null ? SourceState.STOPPED : monitor.state()).name());
    }
    return states;
  }

  @Override
  public Map<String, String> getCatalogueStatuses() {
    Map<String, String> statuses = new TreeMap<>();
    sampler.snapshot().sources().forEach((name, facts) -> statuses.put(name, facts.catalogueStatus()));
    return statuses;
  }

  @Override
  public int getRunningSources() {
    return (int) monitors.values().stream().filter(SourceMonitor::active).count();
  }

  @Override
  public String getSnapshotTime() {
    return sampler.snapshot().sampledAt().map(Object::toString).orElse("");
  }

  @Override
  public String getSnapshotError() {
    return sampler.snapshot().error().orElse("");
  }

  @Override
  public String startAll() {
    return JmxCalls.call(instance, "startAll", () -> {
      List<String> started = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (SourceMonitor monitor : List.copyOf(new TreeMap<>(monitors).values())) {
        if (monitor.active()) {
          continue;
        }
        try {
          operations.startReplica(monitor.name());
          started.add(monitor.name());
        } catch (RuntimeException e) {
          failed.add(monitor.name() + " (" + e.getMessage() + ")");
        }
      }
      sampler.refreshSoon();
      if (!failed.isEmpty()) {
        throw new IllegalStateException("started " + started + "; could not start " + String.join(", ", failed));
      }
      return "started " + started;
    });
  }

  @Override
  public String stopAll() {
    return JmxCalls.call(instance, "stopAll", () -> {
      List<String> stopped = new ArrayList<>();
      for (SourceMonitor monitor : List.copyOf(new TreeMap<>(monitors).values())) {
        if (monitor.runtime().isPresent() && monitor.state() != SourceState.STOPPED) {
          operations.stopReplica(monitor.name());
          stopped.add(monitor.name());
        }
      }
      sampler.refreshSoon();
      return "stopped " + stopped;
    });
  }

  private TreeSet<String> names() {
    CatalogueSnapshot snapshot = sampler.snapshot();
    TreeSet<String> names = new TreeSet<>(snapshot.sources().keySet());
    names.addAll(monitors.keySet());
    return names;
  }
}
