package io.chameleon;

import static io.chameleon.internal.catalog.Identifiers.qualified;
import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.InformationSchemaTables;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.capture.TableInfo;
import io.chameleon.internal.ddl.PgTypeSpelling;
import io.chameleon.internal.snapshot.PgTypeMap;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL replication end to end through {@link ReplicaManager}: each statement runs live on the
 * sandbox MariaDB while rows flow into another table, with rows written before and after it;
 * after each, replay has caught up, the catalogue records what was done about the statement,
 * and every replicated table in PostgreSQL has the source's columns (names, types through the
 * type map, nullability), keys and indexes, and data.
 */
class DdlReplicationIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private CaptureFixture fixture;
  private SourceDatabase arch;
  private SourceDatabase other;
  private final PgTypeMap types = PgTypeMap.withOverrides(Map.of());

  /** What the catalogue must say about a statement. */
  private enum Expect { APPLIED, SKIPPED, FAILED, NOT_FAILED, NOT_LOGGED, ROWS }

  private record Step(String sql, Expect expect) {}

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("ddl");
    arch = Sandbox.get().source().createDatabase("ddl_arch");
    other = Sandbox.get().source().createDatabase("ddl_other");
    fixture.mysql.execute(
        "CREATE TABLE flow (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v varchar(20))",
        "CREATE TABLE seeded (id int NOT NULL PRIMARY KEY, code varchar(10) NOT NULL, note varchar(40),"
            + " UNIQUE KEY uq_code (code), KEY seeded_idx (note))",
        "INSERT INTO seeded VALUES (1, 'a', 'one'), (2, 'b', 'two')");
    arch.execute("CREATE TABLE anchor (id int PRIMARY KEY)");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private SourceConfig.Builder source() {
    return fixture.source("ddl").mapSchema(arch.name(), arch.name() + "_pg");
  }

  private static Step ddl(String sql) {
    return new Step(sql, Expect.APPLIED);
  }

  private static Step skipped(String sql) {
    return new Step(sql, Expect.SKIPPED);
  }

  private static Step failed(String sql) {
    return new Step(sql, Expect.FAILED);
  }

  private static Step notFailed(String sql) {
    return new Step(sql, Expect.NOT_FAILED);
  }

  private static Step notLogged(String sql) {
    return new Step(sql, Expect.NOT_LOGGED);
  }

  private static Step rows(String sql) {
    return new Step(sql, Expect.ROWS);
  }

  private List<Step> steps() {
    String a = "`" + arch.name() + "`";
    String o = "`" + other.name() + "`";
    return List.of(
        ddl("CREATE TABLE customers (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(120) NOT NULL,"
            + " name varchar(60), status enum('new','vip') NOT NULL DEFAULT 'new', UNIQUE KEY uq_email (email),"
            + " KEY idx_name (name(8))) ENGINE=InnoDB"),
        ddl("CREATE TABLE IF NOT EXISTS orders (id bigint NOT NULL, customer_id int unsigned NOT NULL,"
            + " total decimal(10,2) NOT NULL DEFAULT 0, placed datetime(3) NULL, note text, PRIMARY KEY (id),"
            + " KEY by_customer (customer_id, placed))"),
        notLogged("CREATE TABLE IF NOT EXISTS orders (id int)"), // MariaDB writes nothing when the table exists
        ddl("CREATE TABLE events_nokey (kind varchar(20), at timestamp NULL, payload json)"),
        rows("INSERT INTO customers (email, name) VALUES ('ann@example.com', 'Ann'), ('bob@example.com', 'Bob')"),
        rows("INSERT INTO orders VALUES (1, 1, 9.99, '2026-01-02 03:04:05.678', 'first'), (2, 2, 0, NULL, NULL)"),
        rows("INSERT INTO events_nokey VALUES ('login', '2026-05-06 07:08:09', '{\"a\": [1, 2]}'), ('login', NULL, NULL)"),
        ddl("ALTER TABLE customers ADD COLUMN phone varchar(20) NOT NULL DEFAULT '' AFTER email"),
        ddl("ALTER TABLE customers ADD COLUMN visits int unsigned NOT NULL DEFAULT 0, ADD COLUMN score smallint FIRST"),
        ddl("ALTER TABLE customers MODIFY name varchar(100) NOT NULL DEFAULT 'anon'"),
        ddl("ALTER TABLE customers CHANGE name full_name varchar(100) NOT NULL DEFAULT 'anon'"),
        ddl("ALTER TABLE customers RENAME COLUMN full_name TO display_name"),
        ddl("ALTER TABLE customers MODIFY status enum('new','vip','gone') NOT NULL DEFAULT 'new'"),
        ddl("ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'vip'"),
        ddl("ALTER TABLE customers ALTER status DROP DEFAULT"),
        rows("INSERT INTO customers (score, email, phone, display_name, status, visits)"
            + " VALUES (5, 'cy@example.com', '555', 'Cy', 'gone', 3)"),
        rows("UPDATE customers SET visits = visits + 1, status = 'vip' WHERE id = 1"),
        ddl("ALTER TABLE customers ADD INDEX idx_visits (visits), ADD UNIQUE KEY uq_phone_email (phone, email)"),
        ddl("CREATE INDEX idx_score ON customers (score)"),
        ddl("CREATE UNIQUE INDEX uq_display ON customers (display_name, id)"),
        ddl("DROP INDEX idx_score ON customers"),
        ddl("ALTER TABLE customers DROP INDEX idx_visits"),
        ddl("ALTER TABLE customers RENAME INDEX uq_display TO uq_display_id"),
        ddl("ALTER TABLE customers DROP COLUMN score"),
        rows("INSERT INTO customers (email, display_name, status) VALUES ('dee@example.com', 'Dee', 'new')"),
        ddl("ALTER TABLE orders MODIFY total decimal(14,4) NOT NULL DEFAULT 0"),
        ddl("ALTER TABLE orders ADD COLUMN tags set('gift','rush') DEFAULT NULL, ADD COLUMN flags bit(3) NOT NULL"
            + " DEFAULT b'001', ADD COLUMN shipped date NULL"),
        rows("INSERT INTO orders (id, customer_id, total, tags, flags, shipped) VALUES (3, 1, 1.2345, 'gift,rush', b'101',"
            + " '2026-02-03')"),
        ddl("ALTER TABLE orders MODIFY note varchar(500)"),
        ddl("ALTER TABLE orders MODIFY tags set('gift','rush','fragile')"),
        ddl("ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)"),
        ddl("ALTER TABLE orders DROP INDEX by_customer, ADD INDEX by_placed (placed)"),
        rows("UPDATE orders SET customer_id = 2, tags = 'fragile' WHERE id = 3"),
        ddl("ALTER TABLE events_nokey ADD COLUMN id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST"),
        ddl("ALTER TABLE events_nokey MODIFY kind varchar(40) NOT NULL DEFAULT 'misc'"),
        rows("INSERT INTO events_nokey (at, payload) VALUES ('2026-07-08 09:10:11', '[true, null]')"),
        ddl("CREATE TABLE customers_like LIKE customers"),
        ddl("CREATE TABLE typed (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, b bool DEFAULT true, y year DEFAULT 2025,"
            + " t time(2) DEFAULT '01:02:03.5', f float, d double, u bigint unsigned, m mediumint DEFAULT -5,"
            + " c char(3) DEFAULT 'abc', vb varbinary(8), bl blob, j json, lt longtext, dt datetime(6) DEFAULT"
            + " CURRENT_TIMESTAMP(6), e enum('x','y') DEFAULT 'y', dec1 decimal(30,10) DEFAULT -1.5)"),
        rows("INSERT INTO typed (f, d, u, vb, bl, j, lt) VALUES (1.5, 2.25, 18446744073709551615, x'00ff', x'0102',"
            + " '{\"k\": \"v\"}', 'long text')"),
        rows("INSERT INTO typed (b, y, t, m, c, e) VALUES (false, 1999, '23:59:59.99', 8388607, 'xyz', 'x')"),
        ddl("CREATE TABLE picked AS SELECT id, email FROM customers"),
        ddl("CREATE OR REPLACE TABLE picked (id int NOT NULL PRIMARY KEY, email varchar(120))"),
        rows("INSERT INTO picked VALUES (10, 'p@example.com'), (11, NULL)"),
        ddl("RENAME TABLE customers_like TO customers_archive"),
        ddl("RENAME TABLE picked TO picked_tmp, customers_archive TO picked, picked_tmp TO customers_archive"),
        rows("INSERT INTO picked (email, display_name, status) VALUES ('swap@example.com', 'Swap', 'vip')"),
        ddl("ALTER TABLE picked RENAME TO picked2"),
        ddl("ALTER TABLE customers_archive RENAME TO " + a + ".customers_archive"),
        rows("INSERT INTO " + a + ".customers_archive VALUES (12, 'moved@example.com')"),
        ddl("CREATE TABLE " + a + ".`odd ``name` (`we\"ird` int NOT NULL PRIMARY KEY, `select` varchar(10),"
            + " KEY `i``x` (`select`))"),
        rows("INSERT INTO " + a + ".`odd ``name` VALUES (1, 'from'), (2, NULL)"),
        ddl("TRUNCATE TABLE orders"),
        rows("INSERT INTO orders (id, customer_id, note) VALUES (7, 1, 'after truncate')"),
        ddl("TRUNCATE picked2"),
        ddl("DROP TABLE IF EXISTS nosuch_table, picked2"),
        ddl("DROP TABLE " + a + ".customers_archive"),
        ddl("ALTER TABLE seeded ADD COLUMN extra int"),
        ddl("ALTER TABLE seeded DROP INDEX seeded_idx"),
        ddl("ALTER TABLE seeded DROP INDEX uq_code, ADD UNIQUE KEY uq_code2 (code, extra)"),
        rows("INSERT INTO seeded VALUES (3, 'c', 'three', 3)"),
        notFailed("ALTER TABLE seeded CONVERT TO CHARACTER SET latin1"),
        rows("INSERT INTO seeded VALUES (4, 'd', 'café', 4)"),
        ddl("ALTER TABLE seeded DEFAULT CHARSET=utf8mb4, ADD COLUMN label varchar(30) DEFAULT 'x'"),
        rows("INSERT INTO seeded (id, code, label) VALUES (5, 'e', 'ünï')"),
        notFailed("ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipped date"),
        notFailed("ALTER TABLE orders DROP COLUMN IF EXISTS nosuch"),
        ddl("SET STATEMENT max_statement_time=100 FOR ALTER TABLE orders ADD COLUMN late int"),
        ddl("/* leading comment */ ALTER TABLE `orders` ADD COLUMN `weird col` varchar(5) DEFAULT 'w' -- trailing"),
        rows("INSERT INTO orders (id, customer_id, late, `weird col`) VALUES (8, 2, 1, 'x')"),
        ddl("CREATE TABLE parted (id int NOT NULL PRIMARY KEY, v int) PARTITION BY RANGE (id)"
            + " (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN (200))"),
        rows("INSERT INTO parted VALUES (1, 1), (150, 2)"),
        notFailed("ALTER TABLE orders ENGINE=InnoDB"),
        skipped("ALTER TABLE parted ADD PARTITION (PARTITION p2 VALUES LESS THAN (300))"),
        skipped("OPTIMIZE TABLE orders"),
        skipped("ANALYZE TABLE orders"),
        skipped("CREATE VIEW v_orders AS SELECT id, note FROM orders"),
        skipped("CREATE OR REPLACE VIEW v_orders AS SELECT id FROM orders"),
        skipped("DROP VIEW v_orders"),
        skipped("CREATE TRIGGER trg_orders BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = upper(NEW.note)"),
        rows("INSERT INTO orders (id, customer_id, note) VALUES (9, 1, 'shout')"),
        skipped("DROP TRIGGER trg_orders"),
        notLogged("CREATE TEMPORARY TABLE scratch (a int)"),
        notLogged("DROP TEMPORARY TABLE scratch"),
        notLogged("CREATE TABLE " + o + ".elsewhere (a int)"),
        notLogged("DROP TABLE " + o + ".elsewhere"),
        failed("ALTER TABLE parted TRUNCATE PARTITION p0"),
        ddl("CREATE TABLE victim (id int NOT NULL PRIMARY KEY, a int)"),
        rows("INSERT INTO victim VALUES (1, 10), (2, 20)"),
        failed("ALTER TABLE victim ADD COLUMN doubled int DEFAULT (a * 2)"),
        rows("INSERT INTO victim (id, a) VALUES (3, 30)"),
        skipped("CREATE USER IF NOT EXISTS 'ddl_reader'@'localhost'"),
        skipped("GRANT SELECT ON orders TO 'ddl_reader'@'localhost'"),
        skipped("REVOKE SELECT ON orders FROM 'ddl_reader'@'localhost'"),
        skipped("DROP USER IF EXISTS 'ddl_reader'@'localhost'"),
        failed("ALTER TABLE orders ADD COLUMN created timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3)"),
        rows("INSERT INTO orders (id, customer_id, note) VALUES (10, 2, 'after the re-sync')"));
  }

  @Test
  void sixtyStatementsLeavePostgresqlLikeTheSourceWhileRowsFlow() throws Exception {
    fixture.manager.addSource(source().build());
    fixture.manager.initReplica("ddl");
    fixture.manager.startReplica("ddl");
    AtomicBoolean flowing = new AtomicBoolean(true);
    AtomicLong flowed = new AtomicLong();
    AtomicReference<Throwable> flowError = new AtomicReference<>();
    Thread flow = new Thread(() -> {
      try (Connection c = fixture.mysql.openConnection(); Statement s = c.createStatement()) {
        while (flowing.get()) {
          s.execute("INSERT INTO flow (v) VALUES ('row " + flowed.incrementAndGet() + "')");
          Thread.sleep(5);
        }
      } catch (Exception e) {
        flowError.set(e);
      }
    }, "ddl-flow");
    flow.start();
    int ddlStatements = 0;
    int skippedOrFailed = 0;
    try (Connection mysql = fixture.mysql.openConnection(); Statement my = mysql.createStatement()) {
      long seen = 0;
      for (Step step : steps()) {
        my.execute(step.sql());
        ReplicationSupport.awaitReplayed(fixture, "ddl", WAIT);
        List<String> outcomes = new ArrayList<>();
        for (Map<String, String> logged : ddlLog(seen)) {
          outcomes.add(logged.get("v_outcome"));
          seen = Long.parseLong(logged.get("i_id_ddl"));
        }
        String what = step.sql() + " -> " + outcomes + " " + lastDdl();
        if (step.expect() != Expect.ROWS) {
          ddlStatements++;
        }
        switch (step.expect()) {
          case APPLIED -> assertThat(outcomes).as(what).isNotEmpty().containsOnly("applied");
          case SKIPPED -> assertThat(outcomes).as(what).containsExactly("skipped");
          case FAILED -> assertThat(outcomes).as(what).containsExactly("failed");
          case NOT_FAILED -> assertThat(outcomes).as(what).hasSize(1).doesNotContain("failed");
          case NOT_LOGGED, ROWS -> assertThat(outcomes).as(what).isEmpty();
        }
        if (step.expect() == Expect.SKIPPED || step.expect() == Expect.FAILED) {
          skippedOrFailed++;
        }
        SourceStatus status = fixture.manager.status("ddl");
        assertThat(status.state()).as(what).isEqualTo(SourceState.RUNNING);
        compareAll(mysql, step.sql(), status.tablesExcluded().keySet());
        if (step.expect() == Expect.FAILED) {
          // the table waits for a re-sync, which brings it back
          assertThat(status.tablesExcluded()).as(what).isNotEmpty();
          for (String table : status.tablesExcluded().keySet()) {
            fixture.manager.syncTables("ddl", table);
          }
          ReplicationSupport.awaitReplayed(fixture, "ddl", WAIT);
          assertThat(fixture.manager.status("ddl").tablesExcluded()).as(what).isEmpty();
          compareAll(mysql, step.sql() + " (re-synced)", Set.of());
        }
      }
      flowing.set(false);
      flow.join();
      assertThat(flowError.get()).isNull();
      ReplicationSupport.awaitReplayed(fixture, "ddl", WAIT);
      compareAll(mysql, "the end", Set.of());
      assertThat(flowed.get()).as("rows that flowed meanwhile").isGreaterThan(100);
      TableComparison.assertSameData(fixture.mysql, "flow", fixture.pg.dataSource(), pgSchema(fixture.mysql.name()), "flow");
    } finally {
      flowing.set(false);
      flow.join();
    }
    assertThat(ddlStatements).isGreaterThanOrEqualTo(60);
    assertThat(skippedOrFailed).isGreaterThanOrEqualTo(12);
    SourceStatus status = fixture.manager.status("ddl");
    assertThat(status.state()).isEqualTo(SourceState.RUNNING);
  }

  @Test
  void aStatementTheReaderCannotReplicateExcludesItsTableAndNothingElse() throws Exception {
    fixture.mysql.execute(
        "CREATE TABLE victim (id int NOT NULL PRIMARY KEY, a int)",
        "CREATE TABLE bystander (id int NOT NULL PRIMARY KEY, a int)");
    fixture.manager.addSource(source().build());
    fixture.manager.initReplica("ddl");
    fixture.manager.startReplica("ddl");
    for (int i = 1; i <= 50; i++) {
      fixture.mysql.execute("INSERT INTO victim (id, a) VALUES (" + i + ", " + i + ")",
          "INSERT INTO bystander VALUES (" + i + ", " + i + ")");
      if (i == 20) {
        // a column type the replicator cannot capture: the translation fails, the reader goes on
        fixture.mysql.execute("ALTER TABLE victim ADD COLUMN u UUID");
      }
      if (i > 20) {
        fixture.mysql.execute("UPDATE victim SET u = uuid() WHERE id = " + i);
      }
    }
    ReplicationSupport.awaitReplayed(fixture, "ddl", WAIT);

    SourceStatus status = fixture.manager.status("ddl");
    assertThat(status.state()).isEqualTo(SourceState.RUNNING);
    String victim = fixture.mysql.name() + ".victim";
    assertThat(status.tablesExcluded()).containsOnlyKeys(victim);
    assertThat(status.tablesExcluded().get(victim)).contains("uuid").contains("ALTER TABLE victim ADD COLUMN u UUID");
    assertThat(ddlLog(0)).singleElement().satisfies(row -> {
      assertThat(row.get("v_outcome")).isEqualTo("failed");
      assertThat(row.get("t_statement")).isEqualTo("ALTER TABLE victim ADD COLUMN u UUID");
      assertThat(row.get("t_reason")).contains("uuid");
    });
    TableComparison.assertSameData(fixture.mysql, "bystander", fixture.pg.dataSource(),
        pgSchema(fixture.mysql.name()), "bystander");
    TableComparison.assertSameData(fixture.mysql, "flow", fixture.pg.dataSource(), pgSchema(fixture.mysql.name()), "flow");
    fixture.mysql.execute("INSERT INTO bystander VALUES (51, 51)");
    ReplicationSupport.awaitReplayed(fixture, "ddl", WAIT);
    assertThat(fixture.queryLong("SELECT count(*) FROM " + qualified(pgSchema(fixture.mysql.name()), "bystander")))
        .isEqualTo(51);
  }

  @Test
  void columnChangesInterleavedWithRowsInOneBatchReplayInOrder() throws Exception {
    fixture.mysql.execute("CREATE TABLE items (id int NOT NULL PRIMARY KEY, name varchar(20), qty int)");
    fixture.manager.addSource(source().batchMaxWait(Duration.ofSeconds(30)).build());
    fixture.manager.initReplica("ddl");
    fixture.manager.startReplica("ddl");
    fixture.manager.pauseReplay("ddl");
    fixture.mysql.execute(
        "INSERT INTO items VALUES (1, 'one', 1), (2, 'two', 2)",
        "ALTER TABLE items ADD COLUMN price decimal(8,2) NOT NULL DEFAULT 0 AFTER name",
        "INSERT INTO items VALUES (3, 'three', 3.50, 3)",
        "UPDATE items SET price = 9.99, qty = qty + 1 WHERE id = 1",
        "ALTER TABLE items DROP COLUMN name",
        "INSERT INTO items VALUES (4, 4.25, 4)",
        "ALTER TABLE items CHANGE qty quantity bigint NOT NULL DEFAULT 0",
        "UPDATE items SET quantity = quantity * 10",
        "DELETE FROM items WHERE id = 2");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (fixture.manager.status("ddl").eventsRead() < 13) { // 10 row events, 3 statements
      assertThat(System.nanoTime()).as("events read by now").isLessThan(deadline);
      Thread.sleep(50);
    }
    fixture.manager.stopReplica("ddl"); // commits what was read: everything, in one batch
    assertThat(fixture.queryLong("SELECT count(DISTINCT i_id_batch) FROM sch_chameleon.t_log_replica"))
        .as("batches holding the statements and rows").isEqualTo(1);
    assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_log_replica WHERE enm_binlog_event = 'ddl'"))
        .isEqualTo(3);
    fixture.manager.startReplica("ddl");
    ReplicationSupport.awaitReplayed(fixture, "ddl", WAIT);
    try (Connection mysql = fixture.mysql.openConnection()) {
      compareAll(mysql, "the interleaved batch", Set.of());
    }
    assertThat(ddlLog(0)).extracting(row -> row.get("v_outcome")).containsExactly("applied", "applied", "applied");
  }

  // -------------------------------------------------------------------------------- comparing

  /** Every replicated table but the excluded ones (and {@code flow}, still written): same columns, keys, data. */
  private void compareAll(Connection mysql, String step, Set<String> excluded) throws SQLException {
    for (SourceDatabase database : List.of(fixture.mysql, arch)) {
      String schema = database.name();
      Set<String> source = new TreeSet<>(strings(mysql, "SELECT TABLE_NAME FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", schema));
      Set<String> replica;
      try (Connection pg = fixture.pg.openConnection()) {
        replica = new TreeSet<>(strings(pg, "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = ?", pgSchema(schema)));
        source.removeIf(t -> excluded.contains(schema + "." + t));
        replica.removeIf(t -> excluded.contains(schema + "." + t));
        assertThat(replica).as("PostgreSQL tables of " + schema + " after: " + step).isEqualTo(source);
        for (String table : source) {
          String where = schema + "." + table + " after: " + step;
          TableInfo info = InformationSchemaTables.read(mysql, schema, table).orElseThrow();
          assertThat(pgColumns(pg, pgSchema(schema), table)).as("columns of " + where)
              .isEqualTo(expectedColumns(info, pgColumns(pg, pgSchema(schema), table)));
          assertThat(pgKeys(pg, pgSchema(schema), table)).as("keys of " + where)
              .isEqualTo(mysqlKeys(mysql, schema, table));
          if (!table.equals("flow")) {
            TableComparison.assertSameData(database, table, fixture.pg.dataSource(), pgSchema(schema), table);
          }
        }
      }
    }
  }

  private static String pgSchema(String mysqlSchema) {
    return mysqlSchema + "_pg";
  }

  private Map<String, String> expectedColumns(TableInfo info, Map<String, String> actual) {
    Map<String, String> expected = new TreeMap<>();
    for (ColumnInfo column : info.columns()) {
      boolean temporal = column.type() == MySqlType.DATE || column.type() == MySqlType.DATETIME
          || column.type() == MySqlType.TIMESTAMP;
      String found = actual.get(column.name());
      // a NOT NULL date may stay nullable in PostgreSQL: MySQL's zero date becomes NULL there
      boolean notNull = !column.nullable() && !(temporal && found != null && !found.endsWith(" NOT NULL"));
      expected.put(column.name(), PgTypeSpelling.of(types.pgType(column)) + (notNull ? " NOT NULL" : ""));
    }
    return expected;
  }

  private static Map<String, String> pgColumns(Connection pg, String schema, String table) throws SQLException {
    Map<String, String> columns = new TreeMap<>();
    try (PreparedStatement q = pg.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull"
        + " FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped")) {
      q.setString(1, qualified(schema, table));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? " NOT NULL" : ""));
        }
      }
    }
    return columns;
  }

  /** Each index as {@code KIND(col,col)}, a prefix or expression part as {@code expr}, sorted. */
  private static List<String> pgKeys(Connection pg, String schema, String table) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement q = pg.prepareStatement("SELECT i.indisprimary, i.indisunique,"
        + " array(SELECT coalesce(a.attname, 'expr') FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)"
        + "   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0"
        + "   ORDER BY k.n)::text[]"
        + " FROM pg_index i WHERE i.indrelid = to_regclass(?)")) {
      q.setString(1, qualified(schema, table));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getBoolean(1) ? "PRIMARY" : rs.getBoolean(2) ? "UNIQUE" : "INDEX";
          keys.add(kind + "(" + String.join(",", (String[]) rs.getArray(3).getArray()) + ")");
        }
      }
    }
    keys.sort(null);
    return keys;
  }

  private static List<String> mysqlKeys(Connection mysql, String schema, String table) throws SQLException {
    Map<String, String> kinds = new LinkedHashMap<>();
    Map<String, List<String>> parts = new LinkedHashMap<>();
    try (PreparedStatement q = mysql.prepareStatement("SELECT INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART"
        + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
      q.setString(1, schema);
      q.setString(2, table);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          if (rs.getString(3).equals("FULLTEXT") || rs.getString(3).equals("SPATIAL")) {
            continue;
          }
          kinds.put(name, name.equals("PRIMARY") ? "PRIMARY" : rs.getInt(2) == 0 ? "UNIQUE" : "INDEX");
          rs.getLong(5);
          parts.computeIfAbsent(name, n -> new ArrayList<>()).add(rs.wasNull() ? rs.getString(4) : "expr");
        }
      }
    }
    List<String> keys = new ArrayList<>();
    kinds.forEach((name, kind) -> keys.add(kind + "(" + String.join(",", parts.get(name)) + ")"));
    keys.sort(null);
    return keys;
  }

  // -------------------------------------------------------------------------------- catalogue

  private List<Map<String, String>> ddlLog(long after) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection pg = fixture.pg.openConnection();
        PreparedStatement q = pg.prepareStatement("SELECT i_id_ddl::text, v_outcome, t_statement, t_reason,"
            + " t_pg_statements FROM sch_chameleon.t_ddl_log WHERE i_id_ddl > ? ORDER BY i_id_ddl")) {
      q.setLong(1, after);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (String column : List.of("i_id_ddl", "v_outcome", "t_statement", "t_reason", "t_pg_statements")) {
            row.put(column, rs.getString(column));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private String lastDdl() throws SQLException {
    List<Map<String, String>> all = ddlLog(0);
    return all.isEmpty() ? "(no DDL logged)" : all.get(all.size() - 1).toString();
  }

  private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, parameter);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
