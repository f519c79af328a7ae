package io.chameleon;

import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceFlavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A steady mixed workload on one MariaDB database that records every change it committed, in
 * commit order: single-row inserts, updates and deletes, and now and then a transaction of
 * several of them over both tables. Every change writes a value no other change of the workload
 * writes ({@code v}, a sequence number), so each is recognisable in the log.
 *
 * <p>The writer outlives a lost connection (a server restart): it reconnects and looks at the
 * rows to learn whether the interrupted transaction committed, and records it only if it did.
 *
 * <p>On MariaDB it also notes each transaction's GTID ({@code @@last_gtid}), so that a test
 * whose workload runs across an initial copy can tell the changes after the copy's snapshot
 * from those the copy holds ({@link #committedAfter}).
 *
 * <p>Thread-safety: one writer thread; {@link #largeTransaction} and {@link #close} may be called
 * from any thread, {@link #committed} and {@link #committedAfter} once it is closed.
 */
final class RecordedWorkload implements AutoCloseable {

  /** The workload's tables, created by {@link #createTables}. */
  static final List<String> TABLES = List.of("t", "u");

  /**
   * One row change as the log must show it.
   *
   * @param v the row's {@code v} after the change (the deleted row's, for a delete)
   * @param before the row's {@code v} before an update, else null
   */
  record Change(String kind, String table, long id, long v, Long before) {}

  /** Something the caller runs on the writer's behalf in the middle of a large transaction. */
  interface Midway {
    void run() throws Exception;
  }

  private record LargeTransaction(int rows, Midway midway, CompletableFuture<List<Change>> done) {}

  private static final Duration RECONNECT_WAIT = Duration.ofSeconds(90);

  private final SourceDatabase mysql;
  private final Random random;
  private final Thread thread;
  private final ConcurrentLinkedQueue<LargeTransaction> requests = new ConcurrentLinkedQueue<>();
  /** Changes known to be committed, in commit order; the writer's until it stops. */
  private final List<Change> committed = new ArrayList<>();
  /** For each committed change, its transaction's GTID ({@code domain-server-sequence}); null when unknown. */
  private final List<String> gtids = new ArrayList<>();
  private final boolean mariadb;
  /** Live rows: id to its last change (table and value). */
  private final Map<Long, Change> rows = new HashMap<>();
  private final List<Long> liveIds = new ArrayList<>();
  private volatile boolean stopRequested;
  private volatile Exception failure;
  private long nextId;
  private long nextValue;
  private int interrupted;

  private RecordedWorkload(SourceDatabase mysql, long seed) {
    this.mysql = mysql;
    this.random = new Random(seed);
    this.mariadb = mysql.server().flavor() == SourceFlavor.MARIADB;
    this.thread = new Thread(this::run, "workload-" + mysql.name());
  }

  static void createTables(SourceDatabase mysql) throws SQLException {
    for (String table : TABLES) {
      mysql.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, note VARCHAR(20))");
    }
  }

  /** Starts writing to the tables of {@link #createTables}. */
  static RecordedWorkload start(SourceDatabase mysql, long seed) {
    RecordedWorkload workload = new RecordedWorkload(mysql, seed);
    workload.thread.start();
    return workload;
  }

  /**
   * Has the writer run, between its other changes, one transaction inserting {@code rows} rows
   * into the first table, calling {@code midway} when half of them are written, and waits for
   * its commit.
   *
   * @return the transaction's changes
   */
  List<Change> largeTransaction(int rows, Midway midway) throws Exception {
    LargeTransaction request = new LargeTransaction(rows, midway, new CompletableFuture<>());
    requests.add(request);
    return request.done().get(RECONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Stops the writer and waits for it; safe to call twice. */
  @Override
  public void close() throws InterruptedException {
    stopRequested = true;
    thread.join();
  }

  /**
   * Every change the stopped writer committed, in commit order.
   *
   * @throws IllegalStateException when the writer failed
   */
  List<Change> committed() {
    if (thread.isAlive()) {
      throw new IllegalStateException("the workload on " + mysql.name() + " is still running");
    }
    if (failure != null) {
      throw new IllegalStateException("the workload on " + mysql.name() + " failed", failure);
    }
    return List.copyOf(committed);
  }

  /**
   * The changes the stopped writer committed after a point of the binlog, in commit order: those
   * a consistent snapshot taken there does not hold.
   *
   * @param gtidPosition the point as MariaDB's {@code BINLOG_GTID_POS(file, position)} gives it:
   *     per replication domain, the last GTID before it
   * @throws IllegalStateException when the writer failed, the server is not MariaDB, or a
   *     transaction's GTID is unknown (a lost connection cut it off before it could be read)
   */
  List<Change> committedAfter(String gtidPosition) {
    List<Change> all = committed();
    if (!mariadb) {
      throw new IllegalStateException("transactions carry no GTID to compare on " + mysql.server().flavor());
    }
    Map<Long, Long> last = new HashMap<>();
    for (String gtid : gtidPosition.split(",")) {
      if (!gtid.isBlank()) {
        long[] parts = gtidParts(gtid);
        last.put(parts[0], parts[2]);
      }
    }
    int first = all.size();
    for (int i = 0; i < all.size(); i++) {
      String gtid = gtids.get(i);
      if (gtid == null) {
        throw new IllegalStateException("change " + i + " " + all.get(i) + " has no known GTID: cannot tell whether it"
            + " is after " + gtidPosition);
      }
      long[] parts = gtidParts(gtid);
      boolean after = parts[2] > last.getOrDefault(parts[0], -1L);
      if (after && first == all.size()) {
        first = i;
      } else if (!after && first < all.size()) {
        throw new IllegalStateException("change " + i + " (GTID " + gtid + ") is not after " + gtidPosition
            + ", but change " + first + " before it is");
      }
    }
    return all.subList(first, all.size());
  }

  /** Domain, server id and sequence number of a MariaDB GTID. */
  private static long[] gtidParts(String gtid) {
    String[] parts = gtid.trim().split("-");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a MariaDB GTID: " + gtid);
    }
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
  }

  /** Transactions cut off by a lost connection, whose outcome the writer had to look up. */
  int interrupted() {
    return interrupted;
  }

  private void run() {
    Connection connection = null;
    try {
      connection = mysql.openConnection();
      while (!stopRequested) {
        LargeTransaction request = requests.poll();
        List<Change> transaction = request == null ? randomTransaction() : largeInsert(request.rows());
        String gtid = null;
        int midwayAt = request == null ? -1 : transaction.size() / 2;
        try {
          execute(connection, transaction, midwayAt, request == null ? null : request.midway());
          gtid = mariadb ? lastGtid(connection) : null;
        } catch (SQLException e) {
          if (!connectionLost(e)) {
            throw e;
          }
          interrupted++;
          closeQuietly(connection);
          connection = reconnect();
          if (!committed(connection, transaction)) {
            if (request != null) {
              request.done().completeExceptionally(e);
            }
            continue;
          }
        }
        record(transaction, gtid);
        if (request != null) {
          request.done().complete(transaction);
        }
        Thread.sleep(3);
      }
    } catch (Exception e) {
      failure = e;
      requests.forEach(r -> r.done().completeExceptionally(e));
    } finally {
      if (connection != null) {
        closeQuietly(connection);
      }
    }
  }

  /** One change on its own (90 % of the time) or a transaction of several; each row at most once. */
  private List<Change> randomTransaction() {
    int dice = random.nextInt(10);
    if (dice < 4 || liveIds.size() < 20) {
      return List.of(insert(TABLES.get(random.nextInt(TABLES.size()))));
    } else if (dice < 7) {
      return List.of(update(liveIds.get(random.nextInt(liveIds.size()))));
    } else if (dice < 9) {
      return List.of(delete(liveIds.get(random.nextInt(liveIds.size()))));
    }
    List<Change> changes = new ArrayList<>();
    int inserts = 3 + random.nextInt(8);
    for (int i = 0; i < inserts; i++) {
      changes.add(insert(TABLES.get(i % TABLES.size())));
    }
    long updated = liveIds.get(random.nextInt(liveIds.size()));
    long deleted = liveIds.get(random.nextInt(liveIds.size()));
    changes.add(update(updated));
    if (deleted != updated) {
      changes.add(delete(deleted));
    }
    return changes;
  }

  private List<Change> largeInsert(int rows) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      changes.add(insert(TABLES.get(0)));
    }
    return changes;
  }

  private Change insert(String table) {
    return new Change("insert", table, nextId++, nextValue++, null);
  }

  private Change update(long id) {
    Change row = rows.get(id);
    return new Change("update", row.table(), id, nextValue++, row.v());
  }

  private Change delete(long id) {
    Change row = rows.get(id);
    return new Change("delete", row.table(), id, row.v(), null);
  }

  private static void execute(Connection connection, List<Change> transaction, int midwayAt, Midway midway)
      throws Exception {
    connection.setAutoCommit(transaction.size() == 1);
    try (Statement statement = connection.createStatement()) {
      for (int i = 0; i < transaction.size(); i++) {
        if (i == midwayAt) {
          midway.run();
        }
        statement.execute(sql(transaction.get(i)));
      }
      if (transaction.size() > 1) {
        connection.commit();
      }
    }
  }

  private static String sql(Change change) {
    return switch (change.kind()) {
      case "insert" -> "INSERT INTO " + change.table() + " VALUES (" + change.id() + ", " + change.v() + ", 'new')";
      case "update" -> "UPDATE " + change.table() + " SET v = " + change.v() + ", note = 'updated' WHERE id = " + change.id();
      default -> "DELETE FROM " + change.table() + " WHERE id = " + change.id();
    };
  }

  private void record(List<Change> transaction, String gtid) {
    for (Change change : transaction) {
      committed.add(change);
      gtids.add(gtid);
      if (change.kind().equals("delete")) {
        rows.remove(change.id());
        liveIds.remove(Long.valueOf(change.id()));
      } else {
        if (rows.put(change.id(), change) == null) {
          liveIds.add(change.id());
        }
      }
    }
  }

  /** The GTID MariaDB gave the session's last transaction. */
  private static String lastGtid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@last_gtid")) {
      row.next();
      return row.getString(1);
    }
  }

  /**
   * Whether an interrupted transaction committed, from what its rows show now: an inserted or
   * updated row holds the change's value, a deleted row is gone. All or none of a transaction's
   * changes must show.
   */
  private static boolean committed(Connection connection, List<Change> transaction) throws SQLException {
    int shown = 0;
    try (Statement statement = connection.createStatement()) {
      for (Change change : transaction) {
        try (ResultSet row = statement.executeQuery(
            "SELECT v FROM " + change.table() + " WHERE id = " + change.id())) {
          boolean present = row.next();
          if (change.kind().equals("delete") ? !present : present && row.getLong(1) == change.v()) {
            shown++;
          }
        }
      }
    }
    if (shown != 0 && shown != transaction.size()) {
      throw new IllegalStateException("a transaction cut off by a lost connection shows " + shown + " of its "
          + transaction.size() + " changes: " + transaction);
    }
    return shown == transaction.size();
  }

  private Connection reconnect() throws Exception {
    long deadline = System.nanoTime() + RECONNECT_WAIT.toNanos();
    while (true) {
      try {
        return mysql.openConnection();
      } catch (SQLException e) {
        if (!connectionLost(e) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // the connection is gone already
    }
  }

  /** An error of the connection (the server went away, is shutting down, or refuses connections). */
  private static boolean connectionLost(SQLException e) {
    return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
        || (e.getSQLState() != null && e.getSQLState().startsWith("08"))
        || e.getErrorCode() == 1053 // ER_SERVER_SHUTDOWN
        || e.getErrorCode() == 1927; // ER_CONNECTION_KILLED
  }
}
