package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replay on hand-made targets (the initial copy has its own tests): set-based application,
 * keyless tables, both error policies, the event-order fallback, rotation and detach.
 */
class ReplayIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private CaptureFixture fixture;
  private String pgSchema;

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("replay");
    pgSchema = fixture.mysql.name() + "_pg";
    fixture.mysql.execute(
        "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40), amount DECIMAL(10,2))",
        "CREATE TABLE items (order_id INT, line INT, sku VARCHAR(10), PRIMARY KEY (order_id, line))",
        "CREATE TABLE notes (a INT, b VARCHAR(10))");
    fixture.pg.execute("CREATE SCHEMA " + pgSchema);
    target("orders", "id integer PRIMARY KEY, note varchar(40), amount numeric(10,2)", "id");
    target("items", "order_id integer, line integer, sku varchar(10), PRIMARY KEY (order_id, line)", "order_id", "line");
    target("notes", "a integer, b varchar(10)");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void replaysEveryKindOfChangeSoTheTargetsEqualTheSource() throws Exception {
    start(fixture.source("shop"));
    fixture.mysql.execute(
        "INSERT INTO orders VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3)",
        "UPDATE orders SET note = 'uno' WHERE id = 1",
        "UPDATE orders SET id = 20 WHERE id = 2",
        "DELETE FROM orders WHERE id = 3",
        "INSERT INTO orders VALUES (3, 'three again', 33)",
        "INSERT INTO notes VALUES (1, 'x'), (1, 'x'), (2, NULL)",
        "DELETE FROM notes WHERE a = 1 LIMIT 1",
        "UPDATE notes SET b = 'y' WHERE a = 2");
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO orders VALUES (4, 'four', 4)");
      statement.execute("INSERT INTO items VALUES (4, 1, 'a'), (4, 2, 'b'), (20, 1, 'c')");
      statement.execute("UPDATE items SET line = 3 WHERE order_id = 4 AND line = 1");
      statement.execute("UPDATE orders SET amount = 44 WHERE id = 4");
      statement.execute("DELETE FROM items WHERE order_id = 20");
      statement.execute("UPDATE orders SET id = 5 WHERE id = 4");
      connection.commit();
    }
    awaitReplayed("shop");

    assertSame("orders", "id");
    assertSame("items", "order_id, line");
    assertSame("notes", "a, b");
    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.eventsReplayed()).isEqualTo(status.eventsRead());
    assertThat(status.consistent()).isTrue();
    assertThat(status.replayLagMillis()).isZero();
  }

  @Test
  void aSliceLargerThanReplayMaxRowsIsAppliedInConsecutivePartsWithTheSameEffect() throws Exception {
    start(fixture.source("shop").replayMaxRows(3));
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (int i = 1; i <= 10; i++) {
        statement.execute("INSERT INTO orders VALUES (" + i + ", 'n" + i + "', " + i + ")");
      }
      statement.execute("UPDATE orders SET id = id + 100 WHERE id <= 4");
      statement.execute("UPDATE orders SET note = 'again' WHERE id IN (101, 5, 10)");
      statement.execute("DELETE FROM orders WHERE id IN (102, 6)");
      statement.execute("INSERT INTO orders VALUES (6, 'back', 66), (2, 'two again', 22)");
      statement.execute("UPDATE orders SET id = 1 WHERE id = 101");
      connection.commit();
    }
    awaitReplayed("shop");

    assertSame("orders", "id");
    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.eventsReplayed()).isEqualTo(status.eventsRead());
  }

  @Test
  void swappedUniqueValuesFallBackToEventOrder() throws Exception {
    fixture.mysql.execute("CREATE TABLE codes (id INT PRIMARY KEY, code VARCHAR(5) UNIQUE)");
    target("codes", "id integer PRIMARY KEY, code varchar(5) UNIQUE", "id");
    start(fixture.source("shop"));
    fixture.mysql.execute("INSERT INTO codes VALUES (1, 'a'), (2, 'b')");
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("UPDATE codes SET code = 'tmp' WHERE id = 1");
      statement.execute("UPDATE codes SET code = 'a' WHERE id = 2");
      statement.execute("UPDATE codes SET code = 'b' WHERE id = 1");
      connection.commit();
    }
    awaitReplayed("shop");
    assertSame("codes", "id");
    assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_error_log")).isZero();
  }

  @Test
  void theExitPolicyStopsTheSourceAndNamesTheFailingEvent() throws Exception {
    fixture.pg.execute("ALTER TABLE " + pgSchema + ".orders ADD CONSTRAINT positive CHECK (amount >= 0)");
    start(fixture.source("shop").onError(SourceConfig.OnError.EXIT));
    fixture.mysql.execute("INSERT INTO orders VALUES (1, 'fine', 1)");
    awaitReplayed("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (2, 'bad', -5)", "INSERT INTO orders VALUES (3, 'after', 3)");

    CaptureFixture.awaitState(fixture.manager, "shop", SourceState.FAILED, WAIT);
    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.lastError()).hasValueSatisfying(e -> assertThat(e)
        .contains("orders").contains("key id=2").contains("positive").contains("23514"));
    awaitCatalogueStatus("shop", "error");
    assertThat(pgRows("orders", "id")).containsExactly("1|fine|1.00");
    assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_error_log WHERE t_key = 'id=2' AND t_sql_state = '23514'"
        + " AND t_binlog_name IS NOT NULL AND i_binlog_position > 0")).isEqualTo(1);

    // the operator fixes the target, enables and restarts the source: nothing was lost
    fixture.manager.stopReplica("shop");
    fixture.pg.execute("ALTER TABLE " + pgSchema + ".orders DROP CONSTRAINT positive");
    fixture.manager.enableReplica("shop");
    fixture.manager.startReplica("shop");
    awaitReplayed("shop");
    assertSame("orders", "id");
  }

  @Test
  void theSkipTablePolicyExcludesOnlyTheFailingTable() throws Exception {
    fixture.pg.execute("ALTER TABLE " + pgSchema + ".orders ADD CONSTRAINT positive CHECK (amount >= 0)");
    start(fixture.source("shop").onError(SourceConfig.OnError.SKIP_TABLE));
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO orders VALUES (1, 'bad', -1)");
      statement.execute("INSERT INTO items VALUES (1, 1, 'kept')");
      connection.commit();
    }
    fixture.mysql.execute("INSERT INTO items VALUES (1, 2, 'later')", "INSERT INTO orders VALUES (2, 'ignored', 2)");
    awaitReplayed("shop");

    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.state()).isEqualTo(SourceState.RUNNING);
    assertThat(status.tablesExcluded()).containsOnlyKeys(fixture.mysql.name() + ".orders");
    assertThat(status.tablesExcluded().values()).singleElement().asString().contains("key id=1");
    assertThat(status.tablesReplicated()).contains(fixture.mysql.name() + ".items");
    assertSame("items", "order_id, line");
    assertThat(pgRows("orders", "id")).isEmpty();
    assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_error_log WHERE v_table_name = 'orders'")).isEqualTo(1);
  }

  @Test
  void replayReadsABatchFromItsFirstBlockAndTheWholeTableWhenTheRowsMoved() throws Exception {
    start(fixture.source("shop").batchSize(100, 1 << 20));
    fixture.manager.pauseReplay("shop");
    for (int i = 0; i < 30; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", '" + "x".repeat(40) + "', " + i + ")");
    }
    fixture.mysql.execute("UPDATE orders SET amount = amount + 1");
    fixture.awaitCaughtUp("shop", WAIT);
    long sourceId = fixture.queryLong("SELECT i_id_source FROM sch_chameleon.t_sources");
    String logTable = "sch_chameleon.t_log_replica_1_src_" + sourceId;
    try (Connection connection = fixture.pg.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET enable_seqscan = off"); // this table is tiny: show that the condition allows a TID range scan
      try (ResultSet plan = statement.executeQuery("EXPLAIN SELECT * FROM ONLY " + logTable
          + " WHERE ctid >= ('(' || 1::bigint || ',0)')::tid AND i_id_batch = 1")) {
        StringBuilder text = new StringBuilder();
        while (plan.next()) {
          text.append(plan.getString(1)).append('\n');
        }
        assertThat(text).as("the plan of a batch's rows").contains("Tid Range Scan");
      }
    }
    // as if the table had been rewritten: the recorded blocks no longer hold the rows
    fixture.pg.execute("UPDATE sch_chameleon.t_replica_batch SET i_first_block = 1000 WHERE NOT b_replayed");
    fixture.manager.resumeReplay("shop");
    awaitReplayed("shop");

    assertSame("orders", "id");
    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.eventsReplayed()).isEqualTo(status.eventsRead()).isEqualTo(60);
  }

  @Test
  void rotationKeepsTheLogTablesSmallAndFreeOfDeadRows() throws Exception {
    start(fixture.source("shop").batchSize(1, 1024));
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement();
        Connection pg = fixture.pg.openConnection(); Statement target = pg.createStatement()) {
      for (int i = 0; i < 1000; i++) { // a steady stream: one row a transaction, one transaction a batch
        statement.execute("INSERT INTO orders VALUES (" + i + ", 'row', " + i + ")");
        // as fast as replication keeps up, with at most 16 rows (batches) not yet replayed: the
        // lag is bounded, so the tables' size must be too, however many batches go through
        while (i + 1 - replayedRows(target) > 16) {
          Thread.sleep(2);
        }
      }
    }
    awaitReplayed("shop");

    assertSame("orders", "id");
    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.batchesWritten()).isGreaterThanOrEqualTo(1000);
    // a table takes 8 batches, then more only while replay drains the other (at most 16
    // batches unreplayed): 8 + 16 + 1 batches of one row each at most, however many went through
    long sourceId = fixture.queryLong("SELECT i_id_source FROM sch_chameleon.t_sources");
    for (String table : List.of("t_log_replica_1_src_" + sourceId, "t_log_replica_2_src_" + sourceId)) {
      assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon." + table)).as(table).isLessThanOrEqualTo(25);
      assertThat(status.logTableBytes().get(table)).as(table).isLessThan(256 * 1024);
      assertThat(fixture.queryLong("SELECT coalesce(n_dead_tup, 0) FROM pg_stat_user_tables WHERE relname = '" + table + "'"))
          .as(table + " dead tuples").isZero();
    }
    assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_replica_batch")).isLessThanOrEqualTo(256);
    for (String table : List.of("t_log_replica_1_src_" + sourceId, "t_log_replica_2_src_" + sourceId)) {
      assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_replica_batch b WHERE b.v_log_table = '" + table
          + "' AND b.i_events <> (SELECT count(*) FROM ONLY sch_chameleon." + table + " l"
          + " WHERE l.ctid >= ('(' || b.i_first_block || ',0)')::tid AND l.i_id_batch = b.i_id_batch)"))
          .as("batches of " + table + " not all found from their first block").isZero();
    }
  }

  @Test
  void detachResetsSequencesAndLeavesTheTables() throws Exception {
    fixture.mysql.execute("CREATE TABLE counters (id INT AUTO_INCREMENT PRIMARY KEY, n INT)");
    target("counters", "id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n integer", "id");
    start(fixture.source("shop"));
    fixture.mysql.execute("INSERT INTO counters (n) VALUES (1), (2), (3)");
    awaitReplayed("shop");

    assertThat(fixture.manager.detachReplica("shop")).isEqualTo(1);

    fixture.pg.execute("INSERT INTO " + pgSchema + ".counters (n) VALUES (4)");
    assertThat(pgRows("counters", "id")).containsExactly("1|1", "2|2", "3|3", "4|4");
    assertThat(fixture.manager.status().sources()).isEmpty();
  }

  private final List<String[]> targets = new ArrayList<>();

  /** Adds the source, registers the declared targets as its copied tables, and starts it. */
  private void start(SourceConfig.Builder source) throws SQLException {
    SourceConfig config = source.build();
    fixture.manager.addSource(config);
    try (Connection connection = fixture.pg.openConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO sch_chameleon.t_replica_tables (i_id_source, v_schema_name, v_table_name, v_schema_name_pg,"
                + " v_table_name_pg, v_table_pkey) SELECT i_id_source, ?, ?, ?, ?, ? FROM sch_chameleon.t_sources")) {
      for (String[] target : targets) {
        insert.setString(1, fixture.mysql.name());
        insert.setString(2, target[0]);
        insert.setString(3, pgSchema);
        insert.setString(4, target[0]);
        insert.setArray(5, connection.createArrayOf("varchar", java.util.Arrays.copyOfRange(target, 1, target.length)));
        insert.executeUpdate();
      }
    }
    fixture.manager.startReplica(config.name());
  }

  /** Creates a target table by hand, as if copied: its rows arrive only from replay. */
  private void target(String table, String columns, String... key) throws SQLException {
    fixture.pg.execute("CREATE TABLE " + pgSchema + "." + table + " (" + columns + ")");
    String[] entry = new String[key.length + 1];
    entry[0] = table;
    System.arraycopy(key, 0, entry, 1, key.length);
    targets.add(entry);
  }

  private void awaitCatalogueStatus(String source, String expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!fixture.manager.status(source).catalogueStatus().equals(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("catalogue status of " + source + " never became " + expected);
      }
      Thread.sleep(50);
    }
  }

  private long replayedRows(Statement target) throws SQLException {
    try (ResultSet rows = target.executeQuery("SELECT count(*) FROM " + pgSchema + ".orders")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void awaitReplayed(String source) throws Exception {
    ReplicationSupport.awaitReplayed(fixture, source, WAIT);
  }

  private void assertSame(String table, String orderBy) throws SQLException {
    assertThat(pgRows(table, orderBy)).as(table).containsExactlyElementsOf(mysqlRows(table, orderBy));
  }

  private List<String> mysqlRows(String table, String orderBy) throws SQLException {
    try (Connection connection = fixture.mysql.openConnection()) {
      return rows(connection, "SELECT * FROM " + table + " ORDER BY " + orderBy);
    }
  }

  private List<String> pgRows(String table, String orderBy) throws SQLException {
    try (Connection connection = fixture.pg.openConnection()) {
      return rows(connection, "SELECT * FROM " + pgSchema + "." + table + " ORDER BY " + orderBy + " NULLS FIRST");
    }
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
