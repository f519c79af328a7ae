package io.chameleon.examples.cli;

import io.chameleon.BinlogPosition;
import io.chameleon.ChameleonException;
import io.chameleon.CopyStatus;
import io.chameleon.ReplicaManager;
import io.chameleon.ReplicaStatus;
import io.chameleon.SchemaUpgrader;
import io.chameleon.SourceConfig;
import io.chameleon.UpgradeInfo;
import io.chameleon.UpgradeResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The commands, each over one {@link ReplicaManager} that lives as long as the command. Results
 * go to {@code out}; failures are thrown ({@link CliException} for what the user can act on,
 * {@link ChameleonException} from the library). Not thread-safe: one command per instance.
 */
final class Commands implements AutoCloseable {

  private static final Duration STOP_WAIT = Duration.ofSeconds(60);
  private static final long PROGRESS_TICK_MILLIS = 250;
  private static final Duration PROGRESS_LINE_EVERY = Duration.ofSeconds(5);

  private final ChameleonCliConfig config;
  private final String instanceName;
  private final PrintStream out;
  private final boolean interactive;
  private final Duration statusEvery;
  private final DataSource catalogue;
  private final CatalogueSignals signals;
  private ReplicaManager manager;
  private String lastProgressLine;

  /**
   * @param interactive whether {@code out} is a terminal: progress redraws one line instead of
   *     printing a line every few seconds
   * @param statusEvery how often start_replica prints a status line
   */
  Commands(ChameleonCliConfig config, String instanceName, PrintStream out, boolean interactive, Duration statusEvery) {
    this.config = config;
    this.instanceName = instanceName;
    this.out = out;
    this.interactive = interactive;
    this.statusEvery = statusEvery;
    this.catalogue = config.pg().dataSource();
    this.signals = new CatalogueSignals(catalogue);
  }

  void createReplicaSchema() {
    Optional<String> before = upgrader().info().currentVersion();
    manager().createReplicaSchema();
    out.println(before.isPresent()
        ? "the replica catalogue is already there, at version " + before.get() + ", in " + database()
        : "created the replica catalogue (sch_chameleon) at version " + SchemaUpgrader.libraryVersion() + " in " + database());
  }

  void upgradeReplicaSchema() {
    SchemaUpgrader upgrader = SchemaUpgrader.builder().dataSource(catalogue)
        .listener(p -> out.printf("  [%s %s] %s%n", p.version(), p.stage().name().toLowerCase(java.util.Locale.ROOT), p.message()))
        .build();
    UpgradeInfo info = upgrader.info();
    if (info.currentVersion().isEmpty()) {
      throw new CliException(database() + " has no replica catalogue to upgrade; create one with create_replica_schema");
    }
    UpgradeResult result = upgrader.upgrade();
    if (result.applied().isEmpty()) {
      out.println("the replica catalogue is up to date, at version " + result.toVersion());
      return;
    }
    out.println("upgraded the replica catalogue from " + result.fromVersion().orElse("none") + " to " + result.toVersion()
        + " in " + result.totalTime().toMillis() + " ms:");
    result.applied().forEach(a -> out.printf("  %-6s %s (%d ms)%n", a.version(), a.script(), a.executionTime().toMillis()));
  }

  void addSource(String name) {
    SourceConfig source = config.source(name);
    requireCatalogue();
    boolean existed = signals.find(name).isPresent();
    manager().addSource(source);
    out.println(existed
        ? "source '" + name + "' is already in the catalogue with the same schema mappings; nothing to do"
        : "added source '" + name + "' (" + mappings(source) + "); next: init_replica --source " + name);
  }

  void dropSource(String name) {
    requireRegistered(name);
    manager().dropSource(name);
    out.println("dropped source '" + name + "' with its batches and log tables; the target schemas stay");
  }

  void initReplica(String name) {
    SourceConfig source = config.source(name);
    requireRegistered(name);
    manager().addSource(source);
    out.println("init_replica: copying the tables of source '" + name + "' (" + mappings(source) + ")");
    Copy copy = copyWithProgress(name, () -> manager().initReplica(name));
    out.println("init_replica: done in " + StatusText.duration(copy.elapsed().toMillis()) + copy.summary()
        + "; replication goes on from " + copy.position() + " once start_replica runs");
  }

  void syncTables(String name, List<String> tables) {
    SourceConfig source = config.source(name);
    CatalogueSignals.SourceRow row = requireRegistered(name);
    if (signals.processRuns(row.id())) {
      // the library pauses replay while it copies, which it can do only in the process that replays
      throw new CliException("source '" + name + "' runs in another process; stop it with stop_replica, run sync_tables,"
          + " then start_replica again");
    }
    manager().addSource(source);
    out.println("sync_tables: copying " + String.join(", ", tables) + " of source '" + name + "'");
    Copy copy = copyWithProgress(name, () -> manager().syncTables(name, tables.toArray(String[]::new)));
    out.println("sync_tables: done in " + StatusText.duration(copy.elapsed().toMillis()) + copy.summary()
        + "; the tables replicate from " + copy.position());
  }

  /**
   * start_replica in the foreground.
   *
   * @param onStart receives the running replica, so that Ctrl-C can stop it
   */
  void startReplica(String name, Consumer<ForegroundReplica> onStart) throws InterruptedException {
    SourceConfig source = config.source(name);
    requireRegistered(name);
    manager().addSource(source);
    ForegroundReplica replica = new ForegroundReplica(manager(), signals, name, statusEvery, out);
    onStart.accept(replica);
    replica.run();
  }

  /** Stops the process running the source, wherever it runs (see {@link CatalogueSignals}), and waits for it. */
  void stopReplica(String name) throws InterruptedException {
    CatalogueSignals.SourceRow row = requireRegistered(name);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    boolean asked = false;
    while (true) {
      boolean runs = signals.processRuns(row.id());
      String status = signals.find(name).map(CatalogueSignals.SourceRow::status).orElse("dropped");
      if (!runs) {
        boolean stale = signals.requestStop(name);
        if (asked) {
          out.println("source '" + name + "' stopped");
        } else if (stale) {
          out.println("source '" + name + "' was marked running, but no process runs it; marked stopped");
        } else if ("error".equals(status)) {
          throw new CliException("source '" + name + "' is in error: "
              + signals.find(name).flatMap(CatalogueSignals.SourceRow::lastError).orElse("unknown error")
              + "; fix the cause, then run enable_replica");
        } else {
          out.println("source '" + name + "' is not running (catalogue status: " + status + ")");
        }
        return;
      }
      if ("initialising".equals(status)) {
        throw new CliException("source '" + name + "' is being copied by init_replica in another process; stop that with Ctrl-C");
      }
      if ("running".equals(status) && signals.requestStop(name) && !asked) {
        out.println("asked the process running source '" + name + "' to stop; waiting for it");
        asked = true;
      }
      if (System.nanoTime() > deadline) {
        throw new CliException("the process running source '" + name + "' has not stopped within " + STOP_WAIT.toSeconds()
            + " s (catalogue status: " + status + "); look at its output, or end it with Ctrl-C");
      }
      Thread.sleep(200);
    }
  }

  void showStatus(Optional<String> name) {
    Predicate<String> runsSomewhere = source -> signals.find(source).map(r -> signals.processRuns(r.id())).orElse(false);
    requireCatalogue();
    if (name.isPresent()) {
      requireRegistered(name.get());
      out.print(StatusText.detail(manager().status(name.get()), runsSomewhere, Instant.now()));
      return;
    }
    ReplicaStatus status = manager().status();
    out.println("catalogue version " + status.catalogueVersion().orElse("none") + " in " + database());
    out.print(StatusText.table(status.sources(), runsSomewhere));
  }

  void detachReplica(String name) {
    requireRegistered(name);
    SourceConfig source = config.sources().get(name);
    int reset = manager().detachReplica(name);
    out.println("detached source '" + name + "': " + reset + (reset == 1 ? " sequence" : " sequences")
        + " reset, the source and its log tables dropped; the tables in "
        + (source == null ? "its target schemas" : String.join(", ", source.schemaMappings().values()))
        + " are independent now");
  }

  void enableReplica(String name) {
    CatalogueSignals.SourceRow row = requireRegistered(name);
    manager().enableReplica(name);
    out.println("error".equals(row.status())
        ? "source '" + name + "': error cleared (was: " + row.lastError().orElse("unknown") + "); start it with start_replica"
        : "source '" + name + "' is not in error (catalogue status: " + row.status() + "); nothing to do");
  }

  @Override
  public void close() {
    if (manager != null) {
      manager.close();
    }
  }

  // ---- helpers

  /** What a copy did, from the last progress seen. */
  private record Copy(BinlogPosition position, Optional<CopyStatus> last, Duration elapsed) {
    String summary() {
      return last.map(c -> ": " + c.tablesDone() + "/" + c.tablesTotal() + " tables, " + c.rowsCopied() + " rows").orElse("");
    }
  }

  private Copy copyWithProgress(String name, Callable<BinlogPosition> copy) {
    ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "chameleon-cli-" + name + "-copy"));
    Instant started = Instant.now();
    Optional<CopyStatus> last = Optional.empty();
    try {
      Future<BinlogPosition> result = executor.submit(copy);
      long nextLine = 0;
      while (true) {
        try {
          BinlogPosition position = result.get(PROGRESS_TICK_MILLIS, TimeUnit.MILLISECONDS);
          last.ifPresent(c -> printProgress(c, true));
          return new Copy(position, last, Duration.between(started, Instant.now()));
        } catch (java.util.concurrent.TimeoutException stillCopying) {
          Optional<CopyStatus> now = copyStatus(name);
          last = now.isPresent() ? now : last;
          if (now.isPresent() && (interactive || System.nanoTime() >= nextLine)) {
            printProgress(now.get(), false);
            nextLine = System.nanoTime() + PROGRESS_LINE_EVERY.toNanos();
          }
        }
      }
    } catch (ExecutionException e) {
      if (interactive) {
        out.println();
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new ChameleonException("copy failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while copying");
    } finally {
      executor.shutdownNow();
    }
  }

  private Optional<CopyStatus> copyStatus(String name) {
    try {
      return manager().status(name).copy();
    } catch (ChameleonException e) {
      return Optional.empty(); // a progress bar is not worth failing the copy for
    }
  }

  private void printProgress(CopyStatus copy, boolean last) {
    String line = StatusText.progress(copy);
    if (interactive) {
      out.print("\r" + line + (last ? "\n" : ""));
    } else if (!line.equals(lastProgressLine)) {
      out.println(line);
    }
    lastProgressLine = line;
    out.flush();
  }

  private ReplicaManager manager() {
    if (manager == null) {
      manager = ReplicaManager.builder()
          .postgres(config.pg().jdbcUrl(), config.pg().user(), config.pg().password())
          .instanceName(instanceName)
          .build();
    }
    return manager;
  }

  private SchemaUpgrader upgrader() {
    return SchemaUpgrader.builder().dataSource(catalogue).build();
  }

  private void requireCatalogue() {
    if (upgrader().info().currentVersion().isEmpty()) {
      throw new CliException(database() + " has no replica catalogue; create it with create_replica_schema");
    }
  }

  private CatalogueSignals.SourceRow requireRegistered(String name) {
    requireCatalogue();
    return signals.find(name).orElseThrow(() ->
        new CliException("source '" + name + "' is not in the catalogue; add it with add_source --source " + name));
  }

  private String database() {
    return "database " + config.pg().database() + " on " + config.pg().host() + ":" + config.pg().port();
  }

  private static String mappings(SourceConfig source) {
    return source.schemaMappings().entrySet().stream().map(e -> "MySQL " + e.getKey() + " -> PostgreSQL " + e.getValue())
        .reduce((a, b) -> a + ", " + b).orElse("");
  }
}
