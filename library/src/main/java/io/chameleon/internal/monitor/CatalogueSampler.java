package io.chameleon.internal.monitor;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;

import io.chameleon.BinlogPosition;
import io.chameleon.MigrationInfo;
import io.chameleon.SchemaUpgrader;
import io.chameleon.UpgradeInfo;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.generated.tables.records.TSourcesRecord;
import io.chameleon.internal.monitor.CatalogueSnapshot.SourceFacts;
import io.chameleon.internal.source.SourceRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the catalogue facts that cost SQL (versions, statuses, batches pending, log table
 * sizes, tables) on its own thread, {@code chameleon-<instance>-sampler}, at a fixed pace, into
 * a {@link CatalogueSnapshot} that anyone may read without blocking. A failed read keeps the
 * previous facts and records why; the failure is logged once, and the recovery once.
 *
 * <p>Thread-safe.
 */
public final class CatalogueSampler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CatalogueSampler.class);

  private final String instance;
  private final DataSource catalogue;
  private final SourceRegistry registry;
  private final SchemaUpgrader upgrader;
  private final ScheduledExecutorService executor;
  private final AtomicReference<CatalogueSnapshot> snapshot = new AtomicReference<>(CatalogueSnapshot.EMPTY);
  private volatile boolean failing;

  public CatalogueSampler(String instance, DataSource catalogue, SourceRegistry registry) {
    this.instance = instance;
    this.catalogue = catalogue;
    this.registry = registry;
    this.upgrader = SchemaUpgrader.builder().dataSource(catalogue).build();
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chameleon-" + instance + "-sampler");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Reads now, then every {@code interval} after the previous read ended. */
  public void start(Duration interval) {
    executor.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The facts as last read; never blocks. */
  public CatalogueSnapshot snapshot() {
    return snapshot.get();
  }

  /** Reads again as soon as the sampler thread is free, say after an operation changed things. */
  public void refreshSoon() {
    try {
      executor.execute(this::sample);
    } catch (RejectedExecutionException e) {
      // closed: nothing to refresh
    }
  }

  /** Stops the thread, waiting up to 5 s for a read in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("[{}] The sampler thread did not end within 5 s", instance);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample() {
    try {
      snapshot.set(read());
      if (failing) {
        log.info("[{}] Reading the catalogue for JMX and metrics works again", instance);
        failing = false;
      }
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      snapshot.updateAndGet(previous -> previous.failed(reason));
      if (!failing) {
        log.warn("[{}] Cannot read the catalogue for JMX and metrics; they show older facts until it works: {}",
            instance, reason);
        failing = true;
      } else {
        log.debug("[{}] Reading the catalogue for JMX and metrics failed again", instance, e);
      }
    }
  }

  private CatalogueSnapshot read() {
    Instant now = Instant.now();
    UpgradeInfo info = upgrader.info();
    List<String> pending = info.pending().stream().map(m -> m.version() + " " + m.script().orElse("")).toList();
    Optional<String> lastApplied = info.applied().isEmpty()
        ? Optional.empty() : Optional.of(describe(info.applied().get(info.applied().size() - 1)));
    Map<String, SourceFacts> sources = new TreeMap<>();
    // an older catalogue lacks columns the registry reads; the manager refuses to run on it anyway
    if (info.currentVersion().filter(SchemaUpgrader.libraryVersion()::equals).isPresent()) {
      for (TSourcesRecord source : registry.all()) {
        sources.put(source.getTSource(), facts(source));
      }
    }
    return new CatalogueSnapshot(Optional.of(now), info.currentVersion(), pending, lastApplied, sources,
        Optional.empty());
  }

  private SourceFacts facts(TSourcesRecord source) {
    SourceRegistry.Details details = registry.details(source);
    long logBytes = details.logTableBytes().values().stream().mapToLong(b -> b == null ? 0 : b).sum();
    Optional<BinlogPosition> read = Optional.ofNullable(source.getTBinlogName())
        .map(file -> new BinlogPosition(file, source.getIBinlogPosition(), Optional.ofNullable(source.getTGtidSet())));
    return new SourceFacts(source.getEnmStatus().getLiteral(), details.batchesPending(),
        details.batchesPending() == 0 ? 0 : oldestPendingAgeMillis(source.getIIdSource()), logBytes,
        details.tablesReplicated(), details.tablesExcluded(), read, details.replayedPosition(),
        Optional.ofNullable(source.getTLastError()),
        Optional.ofNullable(source.getTsLastError()).map(t -> t.toInstant()));
  }

  /** Measured on the database's clock, in the same session time zone that stamped the batches. */
  private long oldestPendingAgeMillis(long sourceId) {
    try (Connection connection = catalogue.getConnection()) {
      Long age = Catalogue.on(connection)
          .select(DSL.field("(extract(epoch FROM clock_timestamp()::timestamp - min({0})) * 1000)::bigint", Long.class,
              T_REPLICA_BATCH.TS_CREATED))
          .from(T_REPLICA_BATCH)
          .where(T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId))
          .and(T_REPLICA_BATCH.B_PROCESSED.isTrue())
          .and(T_REPLICA_BATCH.B_REPLAYED.isFalse())
          .fetchOne(0, Long.class);
      return age == null ? 0 : Math.max(0, age);
    } catch (SQLException e) {
      throw new IllegalStateException("catalogue database error: " + e.getMessage(), e);
    }
  }

  private static String describe(MigrationInfo migration) {
    if (migration.baseline()) {
      return "catalogue found at version " + migration.version() + " (baseline)";
    }
    return "version " + migration.version() + " (" + migration.script().orElse("") + ")"
        + migration.installedOn().map(t -> " applied " + t).orElse("")
        + migration.installedBy().map(by -> " by " + by).orElse("")
        + migration.executionTime().map(d -> " in " + d.toMillis() + " ms").orElse("");
  }
}
