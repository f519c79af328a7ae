package io.chameleon.jmh.support.bloat;

import io.chameleon.jmh.support.Backlog;
import io.chameleon.sandbox.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The harness that runs {@link LogLayout#SHARED}, {@link LogLayout#PER_SOURCE_DELETE} and {@link
 * LogLayout#ROTATION} alike: N {@link HarnessSource}s, each writing the captured log rows batch by
 * batch into its log tables and replaying them into its own target table, in schema {@value
 * #SCHEMA} of a database holding the catalogue.
 *
 * <p>The log tables are what {@code fn_refresh_parts()} makes since catalogue 1.6: the real log
 * table's columns and types ({@code LIKE sch_chameleon.t_log_replica}) and no key; the writers
 * number the events themselves, from one counter for all tables. Only the layout differs. Batch
 * rows stay after replay in every layout (the library's rotation deletes the standby's batch rows
 * with its {@code TRUNCATE}; the batch table is not measured here).
 */
public final class HarnessRun implements LayoutRun {

  /** The schema of the harness's tables. */
  static final String SCHEMA = "bench_bloat";
  /** Batches a rotating table takes before the source moves on (the library's {@code LogRotation}). */
  public static final int BATCHES_PER_TABLE = 8;
  /** Batches a source may have logged and not yet replayed (fewer than {@link #BATCHES_PER_TABLE}). */
  public static final int IN_FLIGHT_BATCHES = 4;

  private final PostgresDatabase database;
  private final LogLayout layout;
  private final int sources;
  private final BatchRows rows;
  private final Connection admin;
  private final List<Connection> workers = new ArrayList<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lastEventId = new AtomicLong();
  private Map<String, AtomicLong> nextFirstBlocks = Map.of();

  private HarnessRun(PostgresDatabase database, LogLayout layout, int sources, BatchRows rows, Connection admin) {
    this.database = database;
    this.layout = layout;
    this.sources = sources;
    this.rows = rows;
    this.admin = admin;
  }

  /**
   * A harness for {@code sources} sources in {@code layout}; {@link #reset()} creates its tables.
   *
   * @param database a database holding the catalogue (for the log table's definition)
   * @param rows the batches every source writes, in order; their events must be changes of {@code
   *     orders} ({@link Backlog})
   */
  public static HarnessRun create(PostgresDatabase database, LogLayout layout, int sources, BatchRows rows)
      throws SQLException {
    if (layout == LogLayout.LIBRARY) {
      throw new IllegalArgumentException("the library layout runs in LibraryRun, not in the harness");
    }
    return new HarnessRun(database, layout, sources, rows, database.openConnection());
  }

  /**
   * Drops and creates the harness's schema, log tables and target tables, checkpoints, and opens
   * a writer and a replayer connection per source. (They stay open until the next reset, so that
   * their backends' CPU time still counts when the run ends: see {@code CpuUse}.)
   */
  @Override
  public void reset() throws SQLException {
    closeWorkers();
    try (Statement statement = admin.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      for (int i = 1; i <= sources; i++) {
        statement.execute("DROP SCHEMA IF EXISTS " + targetSchema(i) + " CASCADE");
      }
      statement.execute("CREATE SCHEMA " + SCHEMA);
      statement.execute("CREATE TABLE " + SCHEMA + ".batch (i_id_batch bigserial PRIMARY KEY,"
          + " i_source integer NOT NULL, v_log_table text NOT NULL, i_first_block bigint NOT NULL,"
          + " b_replayed boolean NOT NULL DEFAULT false)");
      for (String table : logTables()) {
        statement.execute("CREATE TABLE " + table + " (LIKE sch_chameleon.t_log_replica)");
      }
      for (int i = 1; i <= sources; i++) {
        statement.execute("CREATE SCHEMA " + targetSchema(i));
        statement.execute("CREATE TABLE " + targetSchema(i) + ".orders (id bigint PRIMARY KEY, customer integer NOT NULL,"
            + " amount numeric(12,2) NOT NULL, note varchar(64), created timestamp(6) NOT NULL)");
      }
      statement.execute("CHECKPOINT");
    }
    for (int i = 0; i < 2 * sources; i++) {
      workers.add(database.openConnection());
    }
    written.set(0);
    lastEventId.set(0);
    nextFirstBlocks = logTables().stream().collect(Collectors.toUnmodifiableMap(t -> t, t -> new AtomicLong()));
  }

  @Override
  public long run() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2 * sources, task -> {
      Thread thread = new Thread(task, "bench-bloat-" + layout.paramValue());
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletionService<Void> done = new ExecutorCompletionService<>(threads);
      for (int i = 1; i <= sources; i++) {
        HarnessSource source = new HarnessSource(i, targetSchema(i) + ".orders", tablesOf(i), rows, written,
            lastEventId, nextFirstBlocks);
        Connection writer = workers.get(2 * i - 2);
        Connection replayer = workers.get(2 * i - 1);
        done.submit(task(() -> source.write(writer)));
        done.submit(task(() -> source.replay(replayer)));
      }
      for (int i = 0; i < 2 * sources; i++) {
        try {
          done.take().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a harness source failed: " + e.getCause(), e.getCause());
        }
      }
      return sources * rows.rows();
    } finally {
      threads.shutdownNow();
    }
  }

  @Override
  public double batchesWritten() {
    return (double) written.get() / sources;
  }

  @Override
  public PostgresDatabase database() {
    return database;
  }

  @Override
  public int batches() {
    return rows.batches();
  }

  @Override
  public List<String> logTables() {
    if (layout == LogLayout.SHARED) {
      return List.of(SCHEMA + ".log_shared_1", SCHEMA + ".log_shared_2");
    }
    List<String> tables = new ArrayList<>();
    for (int i = 1; i <= sources; i++) {
      tables.add(SCHEMA + ".log_1_src_" + i);
      tables.add(SCHEMA + ".log_2_src_" + i);
    }
    return tables;
  }

  @Override
  public void close() {
    closeWorkers();
    closeQuietly(admin);
  }

  private void closeWorkers() {
    for (Connection connection : workers) {
      closeQuietly(connection);
    }
    workers.clear();
  }

  private SourceLogTables tablesOf(int source) {
    List<String> all = logTables();
    return switch (layout) {
      case SHARED -> new SourceLogTables.FlipFlop(all.get(0), all.get(1));
      case PER_SOURCE_DELETE -> new SourceLogTables.FlipFlop(all.get(2 * source - 2), all.get(2 * source - 1));
      case ROTATION -> new SourceLogTables.Rotating(all.get(2 * source - 2), all.get(2 * source - 1));
      case LIBRARY -> throw new IllegalStateException("not a harness layout");
    };
  }

  private static String targetSchema(int source) {
    return SCHEMA + "_target_" + source;
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Callable<Void> task(Work work) {
    return () -> {
      work.run();
      return null;
    };
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // the run is over; nothing left to release
    }
  }
}
