package io.chameleon;

import static io.chameleon.MonitoringFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Micrometer meters against a known workload, with a {@link SimpleMeterRegistry}. */
class MetricsIT {

  private MonitoringFixture fixture;
  private SimpleMeterRegistry registry;

  @BeforeEach
  void fixture() throws Exception {
    fixture = MonitoringFixture.create("metrics");
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void metersCountAKnownWorkloadExactly() throws Exception {
    ReplicaManager manager = fixture.manager("metrics", b -> b.meterRegistry(registry));
    fixture.addSource(fixture.source("shop").build());
    manager.startReplica("shop");

    for (int i = 1; i <= 10; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'order " + i + "', " + i + ")");
    }
    for (int i = 1; i <= 5; i++) {
      fixture.mysql.execute("UPDATE orders SET amount = amount * 2 WHERE id = " + i);
    }
    fixture.mysql.execute("DELETE FROM orders WHERE id = 9", "DELETE FROM orders WHERE id = 10");
    fixture.mysql.execute("CREATE TABLE audit (id INT PRIMARY KEY)"); // one DDL statement, replayed
    fixture.awaitReplayed("shop");
    fixture.assertTargetEqualsSource();

    // names and tags
    Set<String> names = chameleonMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
    assertThat(names).containsExactlyInAnyOrder("chameleon.events.read", "chameleon.events.replayed",
        "chameleon.events.skipped", "chameleon.errors", "chameleon.batch.write", "chameleon.batch.replay",
        "chameleon.read.lag", "chameleon.replay.lag", "chameleon.batches.pending", "chameleon.log.table.size",
        "chameleon.ddl");
    assertThat(chameleonMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
        .contains(Tag.of("instance", "metrics"), Tag.of("source", "shop")));
    assertThat(chameleonMeters()).hasSize(4 + 4 + 1 + 2 + 2 + 4 + 3);

    // counters: exact
    assertThat(byType("chameleon.events.read")).isEqualTo(Map.of("insert", 10.0, "update", 5.0, "delete", 2.0, "ddl", 1.0));
    await("every event replayed", () -> byType("chameleon.events.replayed")
        .equals(Map.of("insert", 10.0, "update", 5.0, "delete", 2.0, "ddl", 1.0)));
    assertThat(registry.get("chameleon.events.skipped").functionCounter().count()).isZero();
    assertThat(chameleonMeters().stream().filter(m -> m.getId().getName().equals("chameleon.ddl"))
        .collect(Collectors.toMap(m -> m.getId().getTag("outcome"), m -> ((FunctionCounter) m).count())))
        .isEqualTo(Map.of("applied", 1.0, "skipped", 0.0, "failed", 0.0));
    assertThat(registry.get("chameleon.errors").tag("stage", "read").functionCounter().count()).isZero();
    assertThat(registry.get("chameleon.errors").tag("stage", "replay").functionCounter().count()).isZero();

    // timers: one sample per batch, each took some time
    long batches = manager.status("shop").batchesWritten();
    FunctionTimer write = registry.get("chameleon.batch.write").functionTimer();
    assertThat(write.count()).isEqualTo(batches).isPositive();
    assertThat(write.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    FunctionTimer replay = registry.get("chameleon.batch.replay").functionTimer();
    await("every batch replayed", () -> replay.count() == batches);
    assertThat(replay.totalTime(TimeUnit.NANOSECONDS)).isPositive();

    // gauges: idle, drained, the log tables' size as PostgreSQL reports it
    TimeGauge readLag = registry.get("chameleon.read.lag").timeGauge();
    TimeGauge replayLag = registry.get("chameleon.replay.lag").timeGauge();
    Gauge pending = registry.get("chameleon.batches.pending").gauge();
    Gauge size = registry.get("chameleon.log.table.size").gauge();
    assertThat(size.getId().getBaseUnit()).isEqualTo("bytes");
    await("idle source shows no lag", () -> readLag.value(TimeUnit.MILLISECONDS) == 0
        && replayLag.value(TimeUnit.MILLISECONDS) == 0);
    await("the sampler saw the catalogue", () -> pending.value() == 0 && size.value() == fixture.pgLong(
        "SELECT sum(pg_total_relation_size(format('sch_chameleon.%I', t)::regclass))"
            + " FROM sch_chameleon.t_sources, unnest(v_log_table) t"));
    assertThat(size.value()).isPositive();

    // paused replay: pending batches and replay lag show
    manager.pauseReplay("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (11, 'paused', 11)");
    await("a batch waits", () -> pending.value() >= 1 && replayLag.value(TimeUnit.MILLISECONDS) > 0);
    manager.resumeReplay("shop");
    fixture.awaitReplayed("shop");
    await("drained", () -> pending.value() == 0 && replayLag.value(TimeUnit.MILLISECONDS) == 0);

    // counters never go back: a restart carries on from the totals
    manager.stopReplica("shop");
    manager.startReplica("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (12, 'after restart', 12)");
    fixture.awaitReplayed("shop");
    assertThat(byType("chameleon.events.read")).containsEntry("insert", 12.0);
    await("replayed after restart", () -> byType("chameleon.events.replayed").get("insert") == 12.0);

    // a dropped source's meters go; closing removes the rest
    manager.stopReplica("shop");
    manager.dropSource("shop");
    assertThat(chameleonMeters()).isEmpty();
    fixture.addSource(fixture.source("again").build());
    assertThat(chameleonMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getTag("source")).isEqualTo("again"));
    manager.close();
    assertThat(chameleonMeters()).isEmpty();
  }

  @Test
  void replayErrorsAreCounted() throws Exception {
    fixture.pg.execute("ALTER TABLE " + fixture.pgSchema + ".orders ADD CONSTRAINT positive CHECK (amount >= 0)");
    ReplicaManager manager = fixture.manager("metrics-errors", b -> b.meterRegistry(registry));
    fixture.addSource(fixture.source("shop").onError(SourceConfig.OnError.EXIT).build());
    manager.startReplica("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (1, 'negative', -1)");
    CaptureFixture.awaitState(manager, "shop", SourceState.FAILED, MonitoringFixture.WAIT);

    assertThat(registry.get("chameleon.errors").tag("stage", "replay").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("chameleon.errors").tag("stage", "read").functionCounter().count()).isZero();
    assertThat(byType("chameleon.events.read")).containsEntry("insert", 1.0);
    assertThat(byType("chameleon.events.replayed")).containsEntry("insert", 0.0);
  }

  @Test
  void withoutARegistryNothingIsRegisteredAndNoSamplerRuns() throws Exception {
    ReplicaManager manager = fixture.manager("metrics-none", b -> b);
    fixture.addSource(fixture.source("shop").build());
    manager.startReplica("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (1, 'one', 1)");
    fixture.awaitReplayed("shop");

    assertThat(Metrics.globalRegistry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("chameleon."));
    assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
        .noneMatch(name -> name.startsWith("chameleon-metrics-none-sampler"));
  }

  private List<Meter> chameleonMeters() {
    return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("chameleon.")).toList();
  }

  private Map<String, Double> byType(String name) {
    Map<String, Double> counts = new TreeMap<>();
    for (FunctionCounter counter : registry.get(name).functionCounters()) {
      counts.put(counter.getId().getTag("type"), counter.count());
    }
    return counts;
  }
}
