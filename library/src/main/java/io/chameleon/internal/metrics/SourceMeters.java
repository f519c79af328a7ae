package io.chameleon.internal.metrics;

import io.chameleon.internal.monitor.SourceMonitor;
import io.chameleon.internal.monitor.SourceTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * One source's Micrometer meters, all named {@code chameleon.*} and tagged {@code instance} and
 * {@code source}. They are function meters: the registry reads the source's counters and the
 * sampler's snapshot when it publishes, nothing is counted twice and nothing runs SQL.
 *
 * <p>Thread-safe.
 */
public final class SourceMeters {

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  private SourceMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the source's meters. */
  public static SourceMeters register(MeterRegistry registry, String instance, SourceMonitor monitor) {
    SourceMeters meters = new SourceMeters(registry);
    Tags tags = Tags.of("instance", instance, "source", monitor.name());
    meters.eventCounters("chameleon.events.read", "Row and DDL events read from the binlog into the log tables",
        tags, monitor, SourceTotals::insertsRead, SourceTotals::updatesRead, SourceTotals::deletesRead,
        SourceTotals::ddlRead);
    meters.eventCounters("chameleon.events.replayed", "Row events applied to the targets, and DDL events met by replay",
        tags, monitor, SourceTotals::insertsReplayed, SourceTotals::updatesReplayed, SourceTotals::deletesReplayed,
        SourceTotals::ddlReplayed);
    meters.add(FunctionCounter.builder("chameleon.events.skipped", monitor, m -> m.totals().eventsSkipped())
        .description("Row events not applied: table excluded, not replicated, or copied after them")
        .baseUnit("events").tags(tags).register(registry));
    meters.ddlCounter("applied", "DDL statements replayed on PostgreSQL", tags, monitor,
        t -> t.ddlReplayed() - t.ddlSkipped() - t.ddlFailed());
    meters.ddlCounter("skipped", "DDL statements recorded as skipped: no meaning for replicated data, or already"
        + " in a table's copy (sch_chameleon.t_ddl_log)", tags, monitor, SourceTotals::ddlSkipped);
    meters.ddlCounter("failed", "DDL statements that could not be replicated: their tables are excluded until"
        + " re-synced (sch_chameleon.t_ddl_log)", tags, monitor, SourceTotals::ddlFailed);
    meters.add(FunctionCounter.builder("chameleon.errors", monitor, m -> m.totals().readErrors())
        .description("Errors of the source's reader (lost connections, each retry, failures)")
        .baseUnit("errors").tags(tags).tag("stage", "read").register(registry));
    meters.add(FunctionCounter.builder("chameleon.errors", monitor, m -> m.totals().replayErrors())
        .description("Errors of the source's replay (failed attempts, excluded tables, stops)")
        .baseUnit("errors").tags(tags).tag("stage", "replay").register(registry));
    meters.add(FunctionTimer.builder("chameleon.batch.write", monitor,
            m -> m.totals().batchesWritten(), m -> m.totals().batchWriteNanos(), TimeUnit.NANOSECONDS)
        .description("Committing a batch to the log tables: end of COPY, batch and position rows, commit")
        .tags(tags).register(registry));
    meters.add(FunctionTimer.builder("chameleon.batch.replay", monitor,
            m -> m.totals().batchesReplayed(), m -> m.totals().batchReplayNanos(), TimeUnit.NANOSECONDS)
        .description("Applying a batch to the targets and marking it replayed, in one transaction")
        .tags(tags).register(registry));
    meters.add(TimeGauge.builder("chameleon.read.lag", monitor, TimeUnit.MILLISECONDS, SourceMonitor::readLagMillis)
        .description("How far the reader is behind the source; zero when it has read everything")
        .tags(tags).register(registry));
    meters.add(TimeGauge.builder("chameleon.replay.lag", monitor, TimeUnit.MILLISECONDS, SourceMonitor::replayLagMillis)
        .description("How long the oldest logged batch has waited for replay; zero when none waits")
        .tags(tags).register(registry));
    meters.add(Gauge.builder("chameleon.batches.pending", monitor, SourceMonitor::batchesPending)
        .description("Logged batches waiting for replay").baseUnit("batches").tags(tags).register(registry));
    meters.add(Gauge.builder("chameleon.log.table.size", monitor, SourceMonitor::logTableBytes)
        .description("Size of the source's log tables with indexes and TOAST").baseUnit("bytes").tags(tags)
        .register(registry));
    return meters;
  }

  /** Removes the meters from the registry. */
  public synchronized void remove() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void eventCounters(String name, String description, Tags tags, SourceMonitor monitor,
      ToLongFunction<SourceTotals> inserts, ToLongFunction<SourceTotals> updates,
      ToLongFunction<SourceTotals> deletes, ToLongFunction<SourceTotals> ddl) {
    counter(name, description, tags, "insert", monitor, inserts);
    counter(name, description, tags, "update", monitor, updates);
    counter(name, description, tags, "delete", monitor, deletes);
    counter(name, description, tags, "ddl", monitor, ddl);
  }

  private void ddlCounter(String outcome, String description, Tags tags, SourceMonitor monitor,
      ToLongFunction<SourceTotals> value) {
    add(FunctionCounter.builder("chameleon.ddl", monitor, m -> value.applyAsLong(m.totals()))
        .description(description).baseUnit("statements").tags(tags).tag("outcome", outcome).register(registry));
  }

  private void counter(String name, String description, Tags tags, String type, SourceMonitor monitor,
      ToLongFunction<SourceTotals> value) {
    add(FunctionCounter.builder(name, monitor, m -> value.applyAsLong(m.totals()))
        .description(description).baseUnit("events").tags(tags).tag("type", type).register(registry));
  }

  private synchronized void add(Meter meter) {
    meters.add(meter);
  }
}
