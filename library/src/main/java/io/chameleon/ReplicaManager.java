package io.chameleon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chameleon.internal.capture.CaptureStats;
import io.chameleon.internal.replay.ReplayStats;
import io.chameleon.internal.replay.TargetSequences;
import io.chameleon.internal.capture.PositionStore;
import io.chameleon.internal.capture.SourceProbe;
import io.chameleon.internal.catalog.CatalogueLocks;
import io.chameleon.internal.catalog.generated.enums.EnSrcStatus;
import io.chameleon.internal.catalog.generated.tables.records.TSourcesRecord;
import io.chameleon.internal.monitor.Monitoring;
import io.chameleon.internal.snapshot.CopyProgress;
import io.chameleon.internal.snapshot.InitialCopy;
import io.chameleon.internal.source.SourceRegistry;
import io.chameleon.internal.source.SourceRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs replication from MySQL/MariaDB sources into PostgreSQL: the library's main entry point.
 *
 * <p>The verbs mirror pg_chameleon's commands: {@link #createReplicaSchema()}, {@link
 * #addSource(SourceConfig)}, {@link #startReplica(String)}, {@link #stopReplica(String)}, {@link
 * #dropSource(String)}, {@link #enableReplica(String)}, {@link #status()}. Each source runs on
 * its own named threads ({@code chameleon-<instance>-<source>-reader}); they meet the rest of
 * the pipeline only through the catalogue.
 *
 * <pre>{@code
 * try (ReplicaManager manager = ReplicaManager.builder().dataSource(pg).instanceName("shop").build()) {
 *   manager.createReplicaSchema();
 *   manager.addSource(config);
 *   manager.startReplica("shop");
 *   ...
 * }
 * }</pre>
 *
 * <p>The manager refuses to work on a catalogue older than the library (run {@link
 * SchemaUpgrader}, or build with {@link Builder#upgradeOnStart(boolean)}). While a source runs,
 * the manager holds the catalogue's use lock, so no upgrader can run underneath it, and the
 * source's own lock, so no other process runs the same source.
 *
 * <p>Thread-safe. {@link #close()} stops every source it started and is safe to call twice.
 */
public final class ReplicaManager implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);
  private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final long TICK_MILLIS = 100;

  private final String instance;
  private final DataSource dataSource;
  private final HikariDataSource ownPool;
  private final SourceRegistry registry;
  private final Map<String, SourceConfig> configs = new ConcurrentHashMap<>();
  private final Map<String, SourceRuntime> running = new ConcurrentHashMap<>();
  private final Map<String, Supplier<CopyStatus>> copies = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final Monitoring monitoring;
  private final boolean upgradeOnStart;
  private volatile boolean catalogueChecked;
  private Connection lockConnection;
  /** The sources whose lock {@link #lockConnection}'s session holds (copying or running). */
  private final Set<Long> lockedSources = new HashSet<>();
  private boolean closed;

  private ReplicaManager(Builder builder) {
    this.instance = builder.instanceName;
    this.upgradeOnStart = builder.upgradeOnStart;
    if (builder.dataSource != null) {
      this.dataSource = builder.dataSource;
      this.ownPool = null;
    } else {
      HikariConfig pool = new HikariConfig();
      pool.setPoolName("chameleon-" + instance);
      pool.setJdbcUrl(builder.jdbcUrl);
      pool.setUsername(builder.user);
      pool.setPassword(builder.password);
      pool.setMaximumPoolSize(builder.maxPoolSize);
      this.ownPool = new HikariDataSource(pool);
      this.dataSource = ownPool;
    }
    this.registry = new SourceRegistry(dataSource);
    this.monitoring = Monitoring.start(instance, this, builder.mbeanServer, builder.meterRegistry, dataSource, registry,
        this::syncTables);
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chameleon-" + instance + "-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This manager's instance name: it names threads, pools, JMX beans and meters. */
  public String instanceName() {
    return instance;
  }

  /**
   * Creates the catalogue in an empty database. Does nothing when the catalogue is already at
   * this library's version.
   *
   * @throws UpgradeException.VersionMismatch when an older catalogue exists: upgrade it with
   *     {@link SchemaUpgrader} instead
   */
  public synchronized void createReplicaSchema() {
    SchemaUpgrader upgrader = upgrader();
    Optional<String> current = upgrader.info().currentVersion();
    if (current.isPresent() && !current.get().equals(SchemaUpgrader.libraryVersion())) {
      throw new UpgradeException.VersionMismatch("a catalogue at version " + current.get()
          + " already exists; upgrade it with SchemaUpgrader (or upgrade_replica_schema) instead");
    }
    if (current.isEmpty()) {
      upgrader.upgrade();
      log.info("[{}] Created the replica catalogue at version {}", instance, SchemaUpgrader.libraryVersion());
    }
    catalogueChecked = true;
  }

  /**
   * Registers a source: adds it to the catalogue with its two log tables, or, when a source of
   * that name exists with the same schema mappings, attaches this configuration to it. Safe to
   * call at every start of the host application.
   *
   * @throws ChameleonException when a source of that name exists with other schema mappings
   */
  public synchronized void addSource(SourceConfig config) {
    requireOpenAndCurrent();
    Optional<TSourcesRecord> existing = registry.find(config.name());
    if (existing.isPresent()) {
      Map<String, String> registered = SourceRegistry.schemaMappings(existing.get());
      if (!registered.equals(config.schemaMappings())) {
        throw new SourceException(config.name(), "is registered with schema mappings " + registered
            + ", not " + config.schemaMappings() + "; drop it first to change them");
      }
    } else {
      registry.add(config);
      log.info("[{}] Added source '{}' mapping {}", instance, config.name(), config.schemaMappings());
    }
    configs.put(config.name(), config);
    monitoring.sourceAdded(config.name());
  }

  /**
   * Removes a stopped source from the catalogue with its batches and log tables. The target
   * schemas stay.
   */
  public synchronized void dropSource(String name) {
    requireOpenAndCurrent();
    if (running.containsKey(name)) {
      throw new SourceException(name, "is running; stop it before dropping it");
    }
    TSourcesRecord source = requireRegistered(name);
    if (source.getEnmStatus() == EnSrcStatus.running) {
      throw new SourceException(name, "is marked running in the catalogue (by another process?); stop it there first");
    }
    registry.drop(source);
    configs.remove(name);
    monitoring.sourceDropped(name);
    log.info("[{}] Dropped source '{}'", instance, name);
  }

  /**
   * Starts reading the source's binlog into its log tables, from where it last stopped, or from
   * the binlog's current end the first time. Returns once the reader thread runs.
   *
   * @throws SourceException when the source cannot be replicated (its problems are listed), its
   *     saved position was purged from the server, it is in error, another process runs it, or
   *     another running source of this manager reads the same server with the same server id
   */
  public synchronized void startReplica(String name) {
    requireOpenAndCurrent();
    if (running.containsKey(name)) {
      SourceRuntime runtime = running.get(name);
      if (runtime.state() != SourceState.FAILED && runtime.state() != SourceState.STOPPED) {
        return;
      }
      releaseSource(running.remove(name));
    }
    SourceConfig config = configs.get(name);
    if (config == null) {
      throw new SourceException(name, "has no configuration in this manager; call addSource(config) first");
    }
    TSourcesRecord source = requireRegistered(name);
    if (source.getEnmStatus() == EnSrcStatus.error) {
      throw new SourceException(name, "is in error (" + source.getTLastError() + "); fix the cause, then enableReplica");
    }
    requireOwnServerId(config);
    lockSource(source.getIIdSource(), name);
    try {
      SourceProbe.ServerInfo server = SourceProbe.probe(config);
      PositionStore positions = new PositionStore(dataSource, source.getIIdSource());
      Optional<BinlogPosition> saved = positions.load();
      if (saved.isPresent()) {
        SourceProbe.checkResumable(config, server, saved.get());
      } else {
        positions.save(server.current());
        log.info("[{}] Source '{}' starts at the binlog's end, {}", instance, name, server.current());
      }
      SourceRuntime runtime = new SourceRuntime(config, source.getIIdSource(), dataSource, registry, instance);
      running.put(name, runtime);
      monitoring.sourceStarted(name, runtime);
      runtime.start();
    } catch (SQLException e) {
      unlockSource(source.getIIdSource());
      throw new ChameleonException("catalogue database error: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      unlockSource(source.getIIdSource());
      throw e;
    }
  }

  /** Two readers with one server id on one server disconnect each other: refuse the second here. */
  private void requireOwnServerId(SourceConfig config) {
    for (SourceRuntime other : running.values()) {
      SourceConfig taken = other.config();
      if (taken.serverId() == config.serverId() && taken.port() == config.port()
          && taken.host().equalsIgnoreCase(config.host())
          && other.state() != SourceState.FAILED && other.state() != SourceState.STOPPED) {
        throw new SourceException(config.name(), "has serverId " + config.serverId() + ", which source '" + taken.name()
            + "' already uses on " + config.host() + ":" + config.port() + "; the server would disconnect one of them:"
            + " give each source its own serverId");
      }
    }
  }

  /**
   * Copies the source's tables into PostgreSQL under one consistent snapshot: creates the
   * mapped schemas and tables from MySQL's metadata, streams every row with {@code COPY},
   * builds keys and indexes after the data, and records the snapshot's binlog coordinates, from
   * which {@link #startReplica(String)} then reads. The data loads into work schemas swapped in
   * at the end: a failure leaves the previous targets untouched. Progress shows in {@link
   * #status(String)} while it runs.
   *
   * @return the binlog coordinates of the snapshot
   * @throws SourceException when the source runs (stop it first), or the copy fails
   */
  public BinlogPosition initReplica(String name) {
    SourceConfig config = requireConfig(name);
    if (running.containsKey(name)) {
      throw new SourceException(name, "is running; stop it before initReplica, or re-copy tables with syncTables");
    }
    TSourcesRecord source = requireRegistered(name);
    long id = source.getIIdSource();
    return copying(name, progress -> {
      synchronized (this) {
        lockSource(id, name);
      }
      try {
        registry.setStatus(id, EnSrcStatus.initialising);
        BinlogPosition snapshot = new InitialCopy(config, id, dataSource, progress).copyAll();
        registry.clearError(id);
        registry.setStatus(id, EnSrcStatus.initialised);
        log.info("[{}] Source '{}' copied at {}: {}", instance, name, snapshot, progress);
        return snapshot;
      } catch (RuntimeException e) {
        registry.recordError(id, "initReplica failed: " + e.getMessage(), Optional.of(source.getEnmStatus()));
        throw e;
      } finally {
        synchronized (this) {
          unlockSource(id);
        }
      }
    });
  }

  /**
   * Re-copies some tables while the source keeps replicating (pg_chameleon 1.3 had to disable
   * this): the tables get a snapshot of their own, their events older than it are skipped,
   * and an excluded table is enabled again. Replay of the source pauses while the copy runs,
   * so no other table's event is lost, and resumes after.
   *
   * @param tables MySQL names, {@code schema.table}
   * @return the binlog coordinates of the tables' snapshot
   */
  public BinlogPosition syncTables(String name, String... tables) {
    SourceConfig config = requireConfig(name);
    List<String> problems = new ArrayList<>();
    for (String table : tables) {
      int dot = table.indexOf('.');
      if (dot <= 0 || !config.replicates(table.substring(0, dot), table.substring(dot + 1))) {
        problems.add(table + ": not a replicated table of source '" + name + "' (use schema.table)");
      }
    }
    if (tables.length == 0) {
      problems.add("tables: name at least one");
    }
    ConfigurationException.throwIfAny("syncTables", problems);
    long id = requireRegistered(name).getIIdSource();
    SourceRuntime runtime = running.get(name);
    return copying(name, progress -> {
      boolean pausedHere = runtime != null && !runtime.replayPaused();
      if (pausedHere) {
        runtime.pauseReplay();
      }
      try {
        BinlogPosition snapshot = new InitialCopy(config, id, dataSource, progress).copyTables(List.of(tables));
        if (runtime != null) {
          runtime.tablesCopied(List.of(tables));
        }
        log.info("[{}] Source '{}' re-copied {} at {}", instance, name, List.of(tables), snapshot);
        return snapshot;
      } finally {
        if (pausedHere) {
          runtime.resumeReplay();
        }
      }
    });
  }

  private BinlogPosition copying(String name, Function<CopyProgress, BinlogPosition> copy) {
    requireOpenAndCurrent();
    CopyProgress progress = new CopyProgress();
    if (copies.putIfAbsent(name, () -> copyStatus(progress)) != null) {
      throw new SourceException(name, "is already being copied");
    }
    try {
      return copy.apply(progress);
    } finally {
      copies.remove(name);
    }
  }

  private static CopyStatus copyStatus(CopyProgress progress) {
    CopyProgress.Snapshot s = progress.snapshot();
    return new CopyStatus(s.tablesTotal(), s.tablesDone(), s.rowsCopied(), s.rowsEstimate(),
        progress.rowsPerSecond(), progress.estimatedTimeLeft());
  }

  private SourceConfig requireConfig(String name) {
    SourceConfig config = configs.get(name);
    if (config == null) {
      throw new SourceException(name, "has no configuration in this manager; call addSource(config) first");
    }
    return config;
  }

  /** Stops the source: commits what is complete, disconnects, marks it stopped. */
  public synchronized void stopReplica(String name) {
    SourceRuntime runtime = running.remove(name);
    if (runtime == null) {
      return;
    }
    runtime.stop(STOP_TIMEOUT);
    releaseSource(runtime);
  }

  /** Stops applying batches to the targets once the current one is committed; reading goes on. */
  public void pauseReplay(String name) {
    requireRunning(name).pauseReplay();
  }

  /** Resumes applying batches after {@link #pauseReplay(String)}. */
  public void resumeReplay(String name) {
    requireRunning(name).resumeReplay();
  }

  /**
   * Turns the replica into an independent database: stops the source, resets the target
   * tables' sequences to follow their data, and drops the source from the catalogue. The
   * target schemas and their data stay.
   *
   * @return how many sequences were reset
   */
  public synchronized int detachReplica(String name) {
    requireOpenAndCurrent();
    stopReplica(name);
    TSourcesRecord source = requireRegistered(name);
    if (source.getEnmStatus() == EnSrcStatus.running) {
      throw new SourceException(name, "is marked running in the catalogue (by another process?); stop it there first");
    }
    int reset;
    try (Connection connection = dataSource.getConnection()) {
      reset = TargetSequences.reset(connection, source.getIIdSource());
    } catch (SQLException e) {
      throw new ChameleonException("cannot reset the sequences of source '" + name + "': " + e.getMessage(), e);
    }
    registry.drop(source);
    configs.remove(name);
    monitoring.sourceDropped(name);
    log.info("[{}] Detached source '{}': {} sequences reset, its tables are independent now", instance, name, reset);
    return reset;
  }

  /** Clears a source's error state so that it can be started again. */
  public synchronized void enableReplica(String name) {
    requireOpenAndCurrent();
    TSourcesRecord source = requireRegistered(name);
    if (source.getEnmStatus() == EnSrcStatus.error) {
      registry.clearError(source.getIIdSource());
    }
  }

  /** A snapshot of every source in the catalogue. Runs a few catalogue queries. */
  public ReplicaStatus status() {
    Optional<String> version = upgrader().info().currentVersion();
    List<SourceStatus> sources = new ArrayList<>();
    if (version.isPresent()) {
      for (TSourcesRecord source : registry.all()) {
        sources.add(status(source));
      }
    }
    return new ReplicaStatus(instance, version, sources);
  }

  /**
   * A snapshot of one source. When the catalogue cannot be reached, a source running in this
   * process still reports what its workers know, with catalogue status {@code unreachable}.
   */
  public SourceStatus status(String name) {
    TSourcesRecord source;
    try {
      source = requireRegistered(name);
    } catch (SourceException e) {
      throw e;
    } catch (ChameleonException e) {
      SourceRuntime runtime = running.get(name);
      if (runtime == null) {
        throw e;
      }
      return workerStatus(name, runtime);
    }
    return status(source);
  }

  private SourceStatus workerStatus(String name, SourceRuntime runtime) {
    CaptureStats read = runtime.captureStats();
    ReplayStats replay = runtime.replayStats();
    long now = System.currentTimeMillis();
    return new SourceStatus(name, runtime.state(), "unreachable", false,
        Optional.ofNullable(read.committedPosition()), Optional.ofNullable(replay.replayedPosition()),
        read.lagMillis(), replay.lagMillis(now), Optional.ofNullable(read.lastEventTime()),
        Optional.ofNullable(replay.lastReplayTime()), read.events(), replay.eventsReplayed(), replay.eventsSkipped(),
        read.batches(), -1, runtime.replayPaused(), List.of(), Map.of(), Map.of(),
        Optional.ofNullable(copies.get(name)).map(Supplier::get), runtime.lastError(), runtime.lastErrorTime());
  }

  private SourceStatus status(TSourcesRecord source) {
    SourceRuntime runtime = running.get(source.getTSource());
    SourceRegistry.Details details = registry.details(source);
    Optional<BinlogPosition> catalogued = Optional.ofNullable(source.getTBinlogName())
        .map(file -> new BinlogPosition(file, source.getIBinlogPosition(), Optional.ofNullable(source.getTGtidSet())));
    Optional<Instant> lastEvent = Optional.ofNullable(source.getTsLastEvent()).map(t -> t.toInstant(ZoneOffset.UTC));
    Optional<CopyStatus> copy = Optional.ofNullable(copies.get(source.getTSource())).map(Supplier::get);
    long now = System.currentTimeMillis();
    if (runtime == null) {
      return new SourceStatus(source.getTSource(), SourceState.STOPPED, source.getEnmStatus().getLiteral(),
          details.consistent(), catalogued, details.replayedPosition(), 0, 0, lastEvent, details.lastReplayTime(),
          0, 0, 0, 0, details.batchesPending(), false, details.tablesReplicated(), details.tablesExcluded(),
          details.logTableBytes(), copy, Optional.ofNullable(source.getTLastError()),
          Optional.ofNullable(source.getTsLastError()).map(t -> t.toInstant()));
    }
    CaptureStats read = runtime.captureStats();
    ReplayStats replay = runtime.replayStats();
    return new SourceStatus(source.getTSource(), runtime.state(), source.getEnmStatus().getLiteral(),
        details.consistent(),
        Optional.ofNullable(read.committedPosition()).or(() -> catalogued),
        Optional.ofNullable(replay.replayedPosition()).or(details::replayedPosition),
        read.lagMillis(), replay.lagMillis(now),
        Optional.ofNullable(read.lastEventTime()).or(() -> lastEvent),
        Optional.ofNullable(replay.lastReplayTime()).or(details::lastReplayTime),
        read.events(), replay.eventsReplayed(), replay.eventsSkipped(), read.batches(), details.batchesPending(),
        runtime.replayPaused(), details.tablesReplicated(), details.tablesExcluded(), details.logTableBytes(), copy,
        runtime.lastError(), runtime.lastErrorTime());
  }

  @Override
  public String toString() {
    return "ReplicaManager{instance=" + instance + ", running=" + running.keySet() + "}";
  }

  /** Stops every source this manager started, releases its locks, closes its own pool. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (String name : List.copyOf(running.keySet())) {
      try {
        stopReplica(name);
      } catch (RuntimeException e) {
        log.warn("[{}] Stopping source '{}' failed", instance, name, e);
      }
    }
    monitoring.close();
    timer.shutdownNow();
    closeLockConnection();
    if (ownPool != null) {
      ownPool.close();
    }
  }

  private void tick() {
    for (SourceRuntime runtime : running.values()) {
      try {
        runtime.tick();
      } catch (RuntimeException e) {
        log.warn("[{}] Timer work for source '{}' failed", instance, runtime.config().name(), e);
      }
    }
  }

  private SchemaUpgrader upgrader() {
    return SchemaUpgrader.builder().dataSource(dataSource).build();
  }

  private void requireOpenAndCurrent() {
    if (closed) {
      throw new IllegalStateException("ReplicaManager '" + instance + "' is closed");
    }
    if (catalogueChecked) {
      return;
    }
    SchemaUpgrader upgrader = upgrader();
    Optional<String> current = upgrader.info().currentVersion();
    String library = SchemaUpgrader.libraryVersion();
    if (current.isEmpty()) {
      throw new UpgradeException.VersionMismatch("the database has no replica catalogue; call createReplicaSchema() first");
    }
    if (!current.get().equals(library)) {
      if (!upgradeOnStart) {
        throw new UpgradeException.VersionMismatch("the catalogue is at version " + current.get()
            + " but this library needs " + library + "; stop every source, back up sch_chameleon and run"
            + " SchemaUpgrader.upgrade() (or build the manager with upgradeOnStart(true))");
      }
      UpgradeResult result = upgrader.upgrade();
      log.info("[{}] Upgraded the catalogue from {} to {}", instance, result.fromVersion().orElse("none"), result.toVersion());
    }
    catalogueChecked = true;
  }

  private SourceRuntime requireRunning(String name) {
    SourceRuntime runtime = running.get(name);
    if (runtime == null) {
      throw new SourceException(name, "is not running in this process");
    }
    return runtime;
  }

  private TSourcesRecord requireRegistered(String name) {
    return registry.find(name).orElseThrow(() -> new SourceException(name, "is not in the catalogue; addSource first"));
  }

  private void lockSource(long sourceId, String name) {
    try {
      if (lockConnection == null) {
        lockConnection = dataSource.getConnection();
        lockConnection.setAutoCommit(true);
        if (!CatalogueLocks.trySharedUse(lockConnection)) {
          closeLockConnection();
          throw new UpgradeException.LockNotObtained("the catalogue is being upgraded; start sources once the upgrade is done");
        }
      }
      if (!CatalogueLocks.trySourceLock(lockConnection, sourceId)) {
        throw new SourceException(name, "is already running in another process");
      }
      lockedSources.add(sourceId);
    } catch (SQLException e) {
      if (lockedSources.isEmpty()) {
        closeLockConnection();
      }
      throw new ChameleonException("cannot take the catalogue locks: " + e.getMessage(), e);
    }
  }

  private void releaseSource(SourceRuntime runtime) {
    unlockSource(runtime.sourceId());
  }

  private void unlockSource(long sourceId) {
    if (lockConnection == null) {
      return;
    }
    try {
      CatalogueLocks.releaseSourceLock(lockConnection, sourceId);
    } catch (SQLException e) {
      log.warn("[{}] Releasing the lock of source {} failed; it ends with the session", instance, sourceId, e);
    }
    lockedSources.remove(sourceId);
    if (lockedSources.isEmpty()) { // not while another source still copies or runs under this session
      closeLockConnection();
    }
  }

  private void closeLockConnection() {
    if (lockConnection != null) {
      try {
        // a pooled connection's session outlives close(): its advisory locks would stay held
        CatalogueLocks.releaseAll(lockConnection);
      } catch (SQLException e) {
        log.debug("Releasing the catalogue locks failed; they end with the session", e);
      }
      try {
        lockConnection.close();
      } catch (SQLException e) {
        log.debug("Closing the lock connection failed", e);
      }
      lockConnection = null;
      lockedSources.clear();
    }
  }

  /** Configures a {@link ReplicaManager}; {@link #build()} checks everything at once. */
  public static final class Builder {
    private DataSource dataSource;
    private String jdbcUrl;
    private String user;
    private String password;
    private int maxPoolSize = 16;
    private String instanceName = "default";
    private boolean upgradeOnStart;
    private MBeanServer mbeanServer;
    private MeterRegistry meterRegistry;

    private Builder() {}

    /** The PostgreSQL database of the catalogue and targets, as a pool the host owns. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The PostgreSQL database, for a pool the manager creates and closes itself. */
    public Builder postgres(String jdbcUrl, String user, String password) {
      this.jdbcUrl = jdbcUrl;
      this.user = user;
      this.password = password;
      return this;
    }

    /** Size of the manager's own pool: each running source holds two connections. Default 16. */
    public Builder maxPoolSize(int maxPoolSize) {
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /** Names threads, pools, JMX beans and meters. Letters, digits, {@code _ . -}. Default {@code default}. */
    public Builder instanceName(String instanceName) {
      this.instanceName = instanceName;
      return this;
    }

    /**
     * Upgrades an older catalogue at the first verb instead of refusing to work, with every
     * check of {@link SchemaUpgrader}. Off by default: an upgrade wants stopped sources and a
     * backup first.
     */
    public Builder upgradeOnStart(boolean upgradeOnStart) {
      this.upgradeOnStart = upgradeOnStart;
      return this;
    }

    /**
     * Registers the manager's JMX beans in this server ({@code ManagementFactory.getPlatformMBeanServer()}
     * for JConsole): {@link ReplicaManagerMXBean}, {@link SchemaUpgraderMXBean}, and a {@link
     * SourceMXBean} per added source, under {@code io.chameleon:type=...,instance=<instanceName>}.
     * A name already registered is skipped with a warning; closing the manager unregisters what
     * it registered. Default: no beans.
     *
     * @see ReplicaManager#close()
     */
    public Builder mbeanServer(MBeanServer mbeanServer) {
      this.mbeanServer = mbeanServer;
      return this;
    }

    /**
     * Registers the manager's {@code chameleon.*} meters, tagged {@code instance} and {@code
     * source}, in the host's registry; they are removed when a source is dropped and when the
     * manager is closed. Default: no meters.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    /**
     * @throws ConfigurationException listing every problem
     */
    public ReplicaManager build() {
      List<String> problems = new ArrayList<>();
      if (dataSource == null && jdbcUrl == null) {
        problems.add("dataSource: required (or postgres(jdbcUrl, user, password))");
      }
      if (dataSource != null && jdbcUrl != null) {
        problems.add("dataSource: give either a DataSource or postgres(jdbcUrl, user, password), not both");
      }
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        problems.add("jdbcUrl: must start with jdbc:postgresql:");
      }
      if (jdbcUrl != null && user == null) {
        problems.add("user: required with a jdbcUrl");
      }
      if (maxPoolSize < 4) {
        problems.add("maxPoolSize: must be at least 4, was " + maxPoolSize);
      }
      if (instanceName == null || !INSTANCE_NAME.matcher(instanceName).matches()) {
        problems.add("instanceName: 1 to 40 letters, digits, '_', '.' or '-', was '" + instanceName + "'");
      }
      ConfigurationException.throwIfAny("ReplicaManager", problems);
      return new ReplicaManager(this);
    }
  }
}
