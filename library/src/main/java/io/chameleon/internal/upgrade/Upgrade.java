package io.chameleon.internal.upgrade;

import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.ChameleonException;
import io.chameleon.DryRunResult;
import io.chameleon.MigrationInfo;
import io.chameleon.UpgradeException;
import io.chameleon.UpgradeInfo;
import io.chameleon.UpgradeListener;
import io.chameleon.UpgradeListener.Progress;
import io.chameleon.UpgradeListener.Stage;
import io.chameleon.UpgradeResult;
import io.chameleon.ValidateResult;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.CatalogueLocks;
import io.chameleon.internal.catalog.generated.enums.EnSrcStatus;
import io.chameleon.internal.catalog.generated.tables.records.TSchemaHistoryRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine behind {@link io.chameleon.SchemaUpgrader}; see its Javadoc for the promises. */
public final class Upgrade {

  private static final Logger log = LoggerFactory.getLogger(Upgrade.class);
  private static final long LOCK_POLL_MILLIS = 250;

  private final DataSource dataSource;
  private final Duration lockTimeout;
  private final UpgradeListener listener;
  private final List<Migration> migrations;
  private final CatalogueVersion latest;

  public Upgrade(
      DataSource dataSource,
      Duration lockTimeout,
      UpgradeListener listener,
      List<Migration> migrations) {
    this.dataSource = dataSource;
    this.lockTimeout = lockTimeout;
    this.listener = listener;
    this.migrations = List.copyOf(migrations);
    this.latest = migrations.get(migrations.size() - 1).version();
  }

  public UpgradeInfo info() {
    return withConnection(
        connection -> {
          CatalogueState state = CatalogueState.read(Catalogue.on(connection));
          List<MigrationInfo> applied = new ArrayList<>();
          state.history().forEach(row -> applied.add(appliedInfo(row)));
          if (state.needsBaseline()) {
            CatalogueVersion found = state.catalogueVersion().orElseThrow();
            applied.add(
                new MigrationInfo(
                    found.toString(), "catalogue found at version " + found, Optional.empty(),
                    Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty()));
          }
          List<MigrationInfo> pending =
              pending(current(state)).stream().map(Upgrade::pendingInfo).toList();
          return new UpgradeInfo(
              current(state).map(CatalogueVersion::toString), latest.toString(), applied, pending);
        });
  }

  public ValidateResult validate() {
    return withConnection(
        connection -> new ValidateResult(checksumProblems(CatalogueState.read(Catalogue.on(connection)))));
  }

  public DryRunResult dryRun() {
    return withConnection(
        connection -> {
          CatalogueState state = CatalogueState.read(Catalogue.on(connection));
          Optional<CatalogueVersion> current = current(state);
          List<DryRunResult.PendingScript> scripts =
              pending(current).stream()
                  .map(m -> new DryRunResult.PendingScript(m.version().toString(), m.script(), m.sql()))
                  .toList();
          String to = scripts.isEmpty() ? current.map(Object::toString).orElse("none") : latest.toString();
          return new DryRunResult(current.map(CatalogueVersion::toString), to, scripts);
        });
  }

  public UpgradeResult run() {
    long started = System.nanoTime();
    return withConnection(
        connection -> {
          acquireUpgradeLock(connection);
          try {
            if (!CatalogueLocks.tryExclusiveUse(connection)) {
              throw new UpgradeException.LockNotObtained(
                  "a live replica process holds the catalogue in database "
                      + connection.getCatalog()
                      + "; stop it (close its ReplicaManager) before upgrading");
            }
            try {
              return migrate(connection, started);
            } finally {
              CatalogueLocks.releaseExclusiveUse(connection);
            }
          } finally {
            CatalogueLocks.releaseUpgradeLock(connection);
          }
        });
  }

  private UpgradeResult migrate(Connection connection, long started) throws SQLException {
    DSLContext dsl = Catalogue.on(connection);
    CatalogueState state = CatalogueState.read(dsl);
    Optional<CatalogueVersion> from = current(state);
    refuseUnknownVersion(from);
    refuseRunningSources(dsl, state);
    if (!state.hasHistoryTable()) {
      HistoryTable.create(dsl);
    }
    if (state.needsBaseline()) {
      HistoryTable.recordBaseline(dsl, from.orElseThrow());
      log.info("Recorded the existing catalogue as baseline version {}", from.orElseThrow());
    }
    List<String> problems = checksumProblems(state);
    if (!problems.isEmpty()) {
      throw new UpgradeException.ChecksumMismatch(
          "applied migrations differ from this library's scripts: "
              + String.join("; ", problems)
              + ". Restore the original scripts, or use the library version that applied them");
    }
    List<UpgradeResult.Applied> applied = new ArrayList<>();
    Optional<CatalogueVersion> reached = from;
    for (Migration migration : pending(from)) {
      applied.add(apply(connection, dsl, migration, reached));
      reached = Optional.of(migration.version());
    }
    if (applied.isEmpty()) {
      log.info("Catalogue is up to date at version {}", from.map(Object::toString).orElse("none"));
    }
    return new UpgradeResult(
        from.map(CatalogueVersion::toString),
        reached.map(CatalogueVersion::toString).orElse("none"),
        applied,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private UpgradeResult.Applied apply(
      Connection connection, DSLContext dsl, Migration migration, Optional<CatalogueVersion> from)
      throws SQLException {
    String version = migration.version().toString();
    long started = System.nanoTime();
    report(migration, Stage.STARTED, "upgrading catalogue to " + version, started);
    log.info("Applying catalogue migration {} ({})", version, migration.script());
    connection.setAutoCommit(false);
    try {
      ScriptExecutor.execute(
          connection, migration.sql(), notice -> report(migration, Stage.MESSAGE, notice, started));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      HistoryTable.recordMigration(dsl, migration, took, true, null);
      connection.commit();
      report(migration, Stage.FINISHED, "catalogue is at version " + version, started);
      log.info("Catalogue migration {} applied in {} ms", version, took.toMillis());
      return new UpgradeResult.Applied(version, migration.script(), took);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      connection.setAutoCommit(true);
      recordFailure(dsl, migration, Duration.ofNanos(System.nanoTime() - started), e);
      String at = from.map(Object::toString).orElse("no catalogue");
      throw new UpgradeException.MigrationFailed(
          "catalogue migration " + migration.script() + " failed and was rolled back; the"
              + " catalogue stays at " + at + ". Cause: " + e.getMessage()
              + ". Fix the cause and run the upgrade again",
          e);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static void recordFailure(DSLContext dsl, Migration migration, Duration took, Exception cause) {
    try {
      HistoryTable.recordMigration(dsl, migration, took, false, cause.getMessage());
    } catch (RuntimeException e) {
      log.warn("Could not record the failure of {} in the history table", migration.script(), e);
    }
  }

  private void acquireUpgradeLock(Connection connection) throws SQLException {
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    while (!CatalogueLocks.tryUpgradeLock(connection)) {
      if (System.nanoTime() >= deadline) {
        throw new UpgradeException.LockNotObtained(
            "another upgrader has held the catalogue upgrade lock in database "
                + connection.getCatalog() + " for more than " + lockTimeout.toSeconds()
                + " s; wait for it to finish, or raise lockTimeout");
      }
      try {
        Thread.sleep(LOCK_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UpgradeException("interrupted while waiting for the catalogue upgrade lock", e);
      }
    }
  }

  private void refuseUnknownVersion(Optional<CatalogueVersion> current) {
    if (current.isEmpty()) {
      return;
    }
    CatalogueVersion version = current.get();
    if (version.isNewerThan(latest)) {
      throw new UpgradeException.VersionMismatch(
          "the catalogue is at version " + version + ", newer than this library's " + latest
              + "; use the library version that upgraded it");
    }
    if (migrations.stream().noneMatch(m -> m.version().equals(version))) {
      throw new UpgradeException.VersionMismatch(
          "the catalogue is at version " + version + ", which this library cannot upgrade from;"
              + " known versions: " + migrations.stream().map(m -> m.version().toString()).toList());
    }
  }

  private static void refuseRunningSources(DSLContext dsl, CatalogueState state) {
    if (state.catalogueVersion().isEmpty()) {
      return;
    }
    List<String> running =
        dsl.select(T_SOURCES.T_SOURCE)
            .from(T_SOURCES)
            .where(T_SOURCES.ENM_STATUS.eq(EnSrcStatus.running))
            .orderBy(T_SOURCES.T_SOURCE)
            .fetch(T_SOURCES.T_SOURCE);
    if (!running.isEmpty()) {
      throw new UpgradeException.SourcesRunning(
          "sources " + running + " are running; stop every source (its status must not be"
              + " 'running') and back up sch_chameleon before upgrading");
    }
  }

  private List<String> checksumProblems(CatalogueState state) {
    List<String> problems = new ArrayList<>();
    for (TSchemaHistoryRecord row : state.history()) {
      if (!HistoryTable.KIND_MIGRATION.equals(row.getTKind())) {
        continue;
      }
      Optional<Migration> shipped =
          migrations.stream().filter(m -> m.version().toString().equals(row.getVVersion())).findFirst();
      if (shipped.isEmpty()) {
        problems.add("version " + row.getVVersion() + " (" + row.getTScript() + ") is not shipped with this library");
      } else if (!shipped.get().checksum().equals(row.getTChecksum())) {
        problems.add(
            row.getTScript() + " changed after it was applied (checksum recorded "
                + row.getTChecksum() + ", script now " + shipped.get().checksum() + ")");
      }
    }
    return problems;
  }

  /** The catalogue's version: its newest successful history row, else what v_version says. */
  private static Optional<CatalogueVersion> current(CatalogueState state) {
    Optional<CatalogueVersion> fromHistory =
        state.history().stream().map(r -> CatalogueVersion.parse(r.getVVersion())).max(CatalogueVersion::compareTo);
    return fromHistory.isPresent() ? fromHistory : state.catalogueVersion();
  }

  private List<Migration> pending(Optional<CatalogueVersion> current) {
    return migrations.stream()
        .filter(m -> current.isEmpty() || m.version().isNewerThan(current.get()))
        .toList();
  }

  private void report(Migration migration, Stage stage, String message, long startedNanos) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    try {
      listener.onProgress(
          new Progress(migration.version().toString(), migration.script(), stage, message, elapsed));
    } catch (RuntimeException e) {
      log.warn("Upgrade listener failed on {} of {}; the upgrade goes on", stage, migration.script(), e);
    }
  }

  private static MigrationInfo appliedInfo(TSchemaHistoryRecord row) {
    return new MigrationInfo(
        row.getVVersion(),
        row.getTDescription(),
        Optional.ofNullable(row.getTScript()),
        Optional.ofNullable(row.getTChecksum()),
        HistoryTable.KIND_BASELINE.equals(row.getTKind()),
        Optional.of(row.getTsInstalled().toInstant()),
        Optional.of(row.getTInstalledBy()),
        Optional.of(Duration.ofMillis(row.getIExecutionMs())));
  }

  private static MigrationInfo pendingInfo(Migration migration) {
    return new MigrationInfo(
        migration.version().toString(), migration.description(), Optional.of(migration.script()),
        Optional.of(migration.checksum()), false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private <T> T withConnection(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException | DataAccessException e) {
      throw new ChameleonException("catalogue database error: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
