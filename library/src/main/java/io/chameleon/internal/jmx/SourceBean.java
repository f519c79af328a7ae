package io.chameleon.internal.jmx;

import io.chameleon.BinlogPosition;
import io.chameleon.SourceMXBean;
import io.chameleon.internal.monitor.CatalogueSampler;
import io.chameleon.internal.monitor.CatalogueSnapshot.SourceFacts;
import io.chameleon.internal.monitor.ManagerOperations;
import io.chameleon.internal.monitor.SourceMonitor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link SourceMXBean} over one source's monitor. Thread-safe. */
final class SourceBean implements SourceMXBean {

  private final String instance;
  private final SourceMonitor monitor;
  private final CatalogueSampler sampler;
  private final ManagerOperations operations;

  SourceBean(String instance, SourceMonitor monitor, CatalogueSampler sampler, ManagerOperations operations) {
    this.instance = instance;
    this.monitor = monitor;
    this.sampler = sampler;
    this.operations = operations;
  }

  @Override
  public String getName() {
    return monitor.name();
  }

  @Override
  public String getState() {
    return monitor.state().name();
  }

  @Override
  public String getCatalogueStatus() {
    return monitor.facts().map(SourceFacts::catalogueStatus).orElse("");
  }

  @Override
  public boolean isReplayPaused() {
    return monitor.replayPaused();
  }

  @Override
  public long getReadLagMillis() {
    return monitor.readLagMillis();
  }

  @Override
  public long getReplayLagMillis() {
    return monitor.replayLagMillis();
  }

  @Override
  public long getEventsRead() {
    return monitor.totals().eventsRead();
  }

  @Override
  public long getInsertsRead() {
    return monitor.totals().insertsRead();
  }

  @Override
  public long getUpdatesRead() {
    return monitor.totals().updatesRead();
  }

  @Override
  public long getDeletesRead() {
    return monitor.totals().deletesRead();
  }

  @Override
  public long getDdlRead() {
    return monitor.totals().ddlRead();
  }

  @Override
  public long getEventsReplayed() {
    return monitor.totals().eventsReplayed();
  }

  @Override
  public long getInsertsReplayed() {
    return monitor.totals().insertsReplayed();
  }

  @Override
  public long getUpdatesReplayed() {
    return monitor.totals().updatesReplayed();
  }

  @Override
  public long getDeletesReplayed() {
    return monitor.totals().deletesReplayed();
  }

  @Override
  public long getDdlReplayed() {
    return monitor.totals().ddlReplayed();
  }

  @Override
  public long getDdlSkipped() {
    return monitor.totals().ddlSkipped();
  }

  @Override
  public long getDdlFailed() {
    return monitor.totals().ddlFailed();
  }

  @Override
  public long getEventsSkipped() {
    return monitor.totals().eventsSkipped();
  }

  @Override
  public long getBatchesWritten() {
    return monitor.totals().batchesWritten();
  }

  @Override
  public long getBatchesReplayed() {
    return monitor.totals().batchesReplayed();
  }

  @Override
  public long getBatchesPending() {
    return monitor.batchesPending();
  }

  @Override
  public long getLogTableBytes() {
    return monitor.logTableBytes();
  }

  @Override
  public String getBinlogFile() {
    return monitor.readPosition().map(BinlogPosition::file).orElse("");
  }

  @Override
  public long getBinlogPosition() {
    return monitor.readPosition().map(BinlogPosition::position).orElse(0L);
  }

  @Override
  public String getGtidSet() {
    return monitor.readPosition().flatMap(BinlogPosition::gtidSet).orElse("");
  }

  @Override
  public String getReplayedBinlogFile() {
    return monitor.replayedPosition().map(BinlogPosition::file).orElse("");
  }

  @Override
  public long getReplayedBinlogPosition() {
    return monitor.replayedPosition().map(BinlogPosition::position).orElse(0L);
  }

  @Override
  public long getReadErrors() {
    return monitor.totals().readErrors();
  }

  @Override
  public long getReplayErrors() {
    return monitor.totals().replayErrors();
  }

  @Override
  public String getLastError() {
    return monitor.lastError().orElse("");
  }

  @Override
  public String getLastErrorTime() {
    return monitor.lastErrorTime().map(Object::toString).orElse("");
  }

  @Override
  public String[] getTablesReplicated() {
    return monitor.facts().map(SourceFacts::tablesReplicated).orElse(List.of()).toArray(String[]::new);
  }

  @Override
  public Map<String, String> getTablesExcluded() {
    return new TreeMap<>(monitor.facts().map(SourceFacts::tablesExcluded).orElse(Map.of()));
  }

  @Override
  public void startReplica() {
    run("startReplica", () -> operations.startReplica(monitor.name()));
  }

  @Override
  public void stopReplica() {
    run("stopReplica", () -> operations.stopReplica(monitor.name()));
  }

  @Override
  public void syncTables(String tables) {
    String[] names = tables == null ? new String[0]
        : Arrays.stream(tables.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toArray(String[]::new);
    run("syncTables(" + tables + ")", () -> {
      if (names.length == 0) {
        throw new IllegalArgumentException("name at least one table, as schema.table, comma-separated");
      }
      operations.syncTables(monitor.name(), names);
    });
  }

  @Override
  public void pauseReplay() {
    run("pauseReplay", () -> operations.pauseReplay(monitor.name()));
  }

  @Override
  public void resumeReplay() {
    run("resumeReplay", () -> operations.resumeReplay(monitor.name()));
  }

  @Override
  public void enableReplica() {
    run("enableReplica", () -> operations.enableReplica(monitor.name()));
  }

  private void run(String operation, Runnable work) {
    try {
      JmxCalls.run(instance, operation + " on source '" + monitor.name() + "'", work);
    } finally {
      sampler.refreshSoon();
    }
  }
}
