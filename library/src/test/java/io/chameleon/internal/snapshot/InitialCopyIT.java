package io.chameleon.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.BinlogPosition;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.SourceState;
import io.chameleon.SourceStatus;
import io.chameleon.TableComparison;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial copy against the sandbox's MariaDB and PostgreSQL: every type of DESIGN.md 5,
 * keys, awkward names, 200k rows; snapshot consistency under concurrent writes; failures that
 * leave the previous target untouched; re-copying one table.
 */
class InitialCopyIT {

  private static final Logger log = LoggerFactory.getLogger(InitialCopyIT.class);
  private static final AtomicLong SERVER_IDS = new AtomicLong(50_000 + ThreadLocalRandom.current().nextInt(100_000));
  private static final String ODD = "My \"Odd\" Table.select";
  private static final int BIG_ROWS = 200_000;

  private SourceDatabase mysql;
  private PostgresDatabase pgDatabase;
  private DataSource pg;
  private ReplicaManager manager;
  private SourceConfig config;
  private long sourceId;
  private String target;

  @BeforeEach
  void fixture() throws Exception {
    Sandbox sandbox = Sandbox.get();
    mysql = sandbox.source().createDatabase("initcopy");
    pgDatabase = sandbox.postgres().createDatabase("initcopy");
    pg = pgDatabase.dataSource();
    manager = ReplicaManager.builder().dataSource(pg).instanceName("copytest").build();
    manager.createReplicaSchema();
    target = mysql.name() + "_pg";
    SourceServer server = sandbox.source();
    config = SourceConfig.builder("shop")
        .mysql(server.host(), server.port())
        .credentials(server.user(), server.password())
        .serverId(SERVER_IDS.incrementAndGet())
        .mapSchema(mysql.name(), target)
        .typeOverride("tinyint(1)", "boolean")
        .typeOverride("time(2)", "interval")
        .batchMaxWait(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ofSeconds(1))
        .build();
    manager.addSource(config);
    sourceId = queryLong("SELECT i_id_source FROM sch_chameleon.t_sources WHERE t_source = 'shop'");
  }

  @AfterEach
  void close() {
    manager.close();
  }

  // ------------------------------------------------------------------------------------- tests

  @Test
  void copiesEveryTypeKeyAndNameExactlyAsReplayWouldWriteThem() throws Exception {
    createTables();
    insertBigTable();
    // capture the same rows from the binlog, to check that the copy writes what replay would
    manager.startReplica("shop");
    insertRows();
    awaitCaughtUp();
    manager.stopReplica("shop");
    executePg("CREATE TABLE public.captured AS SELECT v_table_name, jsb_event_data FROM sch_chameleon.t_log_replica"
        + " WHERE enm_binlog_event = 'insert'");
    assertThat(queryLong("SELECT count(*) FROM public.captured")).isGreaterThan(100);
    log.info("DEBUG captured: {}", queryString("SELECT string_agg(v_table_name || ' ' || n || ' ' || ids, '; ') FROM (SELECT v_table_name, count(*) n, string_agg(left(jsb_event_data::text, 60), ' | ') FILTER (WHERE (jsb_event_data->>'id')::int < 4) ids FROM public.captured GROUP BY 1) x"));

    CopyProgress progress = new CopyProgress();
    long started = System.nanoTime();
    BinlogPosition position = new InitialCopy(config, sourceId, pg, progress).copyAll();
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("copyAll took {} ms: {}", millis, progress);

    assertThat(position).as("nothing wrote since the copy; binlog since: %s", binlogEvents(position)).isEqualTo(masterPosition());
    List<String> tables = List.of("all_types", "order_lines", "no_key", ODD, "big", "nul_text", "counters");
    for (String table : tables) {
      TableComparison.assertSameData(mysql, table, pg, target, table);
    }
    // the binlog's images of the same rows, applied the way replay applies them, give the same rows
    // (zero dates in NOT NULL columns and NUL characters included: both sides follow the same decisions)
    for (String table : List.of("all_types", "order_lines", "no_key", ODD, "counters", "nul_text")) {
      String qualified = quotePg(target) + "." + quotePg(table);
      String images = "SELECT r.* FROM public.captured, json_populate_record(NULL::" + qualified + ", jsb_event_data) r"
          + " WHERE v_table_name = " + literal(table);
      long unmatched = queryLong("SELECT count(*) FROM (SELECT * FROM " + qualified + " EXCEPT ALL " + images + ") x");
      if (unmatched != 0) {
        throw new AssertionError(unmatched + " rows of " + table + " differ from their binlog images; differing columns: "
            + imageDifferences(qualified, images));
      }
      assertThat(queryLong("SELECT count(*) FROM (" + images + " EXCEPT ALL SELECT * FROM " + qualified + ") x"))
          .as("binlog images of %s the copy lacks", table).isZero();
    }
    // NUL characters: left out and counted
    assertThat(queryString("SELECT v || '|' || c FROM " + quotePg(target) + ".nul_text WHERE id = 1")).isEqualTo("ab|x");
    assertThat(progress.snapshot().nulCharactersStripped()).isEqualTo(3);

    assertColumnsKeysAndIndexes();
    assertCatalogue(position, Map.of("all_types", List.of("id"), "order_lines", List.of("order_id", "line"),
        "no_key", List.of(), ODD, List.of("Key Col"), "big", List.of("id"), "nul_text", List.of("id"),
        "counters", List.of("id")));

    CopyProgress.Snapshot done = progress.snapshot();
    assertThat(done.tablesDone()).isEqualTo(done.tablesTotal()).isEqualTo(tables.size());
    assertThat(done.rowsCopied()).isEqualTo(done.rowsEstimate()).isGreaterThan(BIG_ROWS);
    assertThat(done.running()).isFalse();
    assertThat(done.estimatedTimeLeft()).contains(Duration.ZERO);
    assertThat(done.rowsPerSecond()).isPositive();
    assertThat(queryLong("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '\\_chameleon\\_load\\_%'")).isZero();
  }

  @Test
  void theSnapshotMatchesItsCoordinatesUnderConcurrentWritesAndTheLockIsReleasedForTheCopy() throws Exception {
    // more tables than workers: some worker copies several tables one after the other on its snapshot
    int ledgers = 6;
    for (int l = 1; l <= ledgers; l++) {
      mysql.execute("CREATE TABLE ledger_" + l + " (seq INT NOT NULL PRIMARY KEY, written DATETIME(6) NOT NULL)");
    }
    createBigTable();
    insertBigTable();
    SourceConfig withGtid = config.toBuilder().useGtid(true).build();
    CopyProgress progress = new CopyProgress();
    record Commit(int seq, BinlogPosition before, BinlogPosition after, String gtid, CopyProgress.Snapshot progress) {}
    List<Commit> commits = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try (Connection connection = mysql.openConnection(); Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION innodb_lock_wait_timeout = 5, lock_wait_timeout = 5");
        BinlogPosition before = position(statement);
        for (int seq = 1; !stop.get(); seq++) {
          connection.setAutoCommit(false);
          for (int l = 1; l <= ledgers; l++) {
            statement.execute("INSERT INTO ledger_" + l + " VALUES (" + seq + ", NOW(6))");
          }
          statement.execute("UPDATE big SET counter = " + seq + " WHERE id = " + seq);
          connection.commit();
          connection.setAutoCommit(true);
          BinlogPosition after = position(statement);
          String gtid;
          try (ResultSet rows = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
            rows.next();
            gtid = rows.getString(1);
          }
          commits.add(new Commit(seq, before, after, gtid, progress.snapshot()));
          before = after;
          Thread.sleep(2);
        }
      } catch (Throwable t) {
        writerFailure.set(t);
      }
    }, "test-writer");
    writer.start();
    while (commits.size() < 20 && writerFailure.get() == null) {
      Thread.sleep(10);
    }
    BinlogPosition position;
    try {
      position = new InitialCopy(withGtid, sourceId, pg, progress).copyAll();
      Thread.sleep(200);
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(writerFailure.get()).isNull();
    log.info("{} commits while copying; snapshot at {}", commits.size(), position);

    Map<Integer, Integer> counters = new HashMap<>();
    try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, counter FROM " + quotePg(target) + ".big WHERE counter <> 0")) {
      while (rows.next()) {
        counters.put(rows.getInt(1), rows.getInt(2));
      }
    }
    List<List<Integer>> copied = new ArrayList<>();
    for (int l = 1; l <= ledgers; l++) {
      List<Integer> ledger = new ArrayList<>();
      try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT seq FROM " + quotePg(target) + ".ledger_" + l + " ORDER BY seq")) {
        while (rows.next()) {
          ledger.add(rows.getInt(1));
        }
      }
      copied.add(ledger);
    }
    int before = 0;
    int after = 0;
    Commit last = null;
    for (Commit commit : commits) {
      if (compare(commit.after(), position) <= 0) {
        before++;
        last = commit;
        for (List<Integer> ledger : copied) {
          assertThat(ledger).as("commit %d ended at %s, before the snapshot %s", commit.seq(), commit.after(), position)
              .contains(commit.seq());
        }
        assertThat(counters.get(commit.seq())).as("big.counter of %d", commit.seq()).isEqualTo(commit.seq());
      } else if (compare(commit.before(), position) >= 0) {
        after++;
        for (List<Integer> ledger : copied) {
          assertThat(ledger).as("commit %d began at %s, after the snapshot %s", commit.seq(), commit.before(), position)
              .doesNotContain(commit.seq());
        }
        assertThat(counters).as("big.counter of %d", commit.seq()).doesNotContainKey(commit.seq());
      }
    }
    assertThat(before).as("commits before the snapshot").isGreaterThanOrEqualTo(20);
    assertThat(after).as("commits after the snapshot").isGreaterThan(0);
    int inSnapshot = before;
    assertThat(copied).allSatisfy(ledger -> assertThat(ledger).hasSize(inSnapshot));
    assertThat(counters).hasSize(before);
    // the GTID set recorded is the one right after the last transaction in the snapshot
    assertThat(position.gtidSet()).contains(last.gtid());
    assertThat(queryString("SELECT t_binlog_name || ':' || i_binlog_position || ' ' || t_gtid_set FROM sch_chameleon.t_sources"
        + " WHERE i_id_source = " + sourceId)).isEqualTo(position.file() + ":" + position.position() + " " + last.gtid());
    assertThat(queryLong("SELECT count(DISTINCT t_gtid_set) FROM sch_chameleon.t_replica_tables WHERE t_gtid_set = "
        + literal(last.gtid()))).isEqualTo(1);
    // writers went on committing while the big table was still being copied: the lock was not held
    List<Commit> duringCopy = commits.stream()
        .filter(c -> c.progress().running() && c.progress().rowsCopied() > 0 && c.progress().tablesDone() < c.progress().tablesTotal())
        .toList();
    assertThat(duringCopy).as("commits while the copy had copied some rows but was unfinished").isNotEmpty();
    log.info("{} commits succeeded while the copy was running, e.g. #{} at {} of {} rows", duringCopy.size(),
        duringCopy.get(0).seq(), duringCopy.get(0).progress().rowsCopied(), duringCopy.get(0).progress().rowsEstimate());
  }

  @Test
  void aFailedCopyLeavesThePreviousTargetAndTheCatalogueUntouched() throws Exception {
    mysql.execute(
        "CREATE TABLE order_lines (order_id INT NOT NULL, line SMALLINT NOT NULL, sku VARCHAR(20) NOT NULL,"
            + " qty INT NOT NULL DEFAULT 1, made YEAR, PRIMARY KEY (order_id, line))",
        "CREATE TABLE no_key (a INT, b VARCHAR(10))",
        "INSERT INTO order_lines VALUES (1, 1, 'A', 2, 2020), (1, 2, 'B', 1, NULL)",
        "INSERT INTO no_key VALUES (1, 'x'), (1, 'x'), (NULL, NULL)");
    createBigTable();
    insertBigTable();
    BinlogPosition first = new InitialCopy(config, sourceId, pg, new CopyProgress()).copyAll();
    Map<String, String> targetBefore = targetChecksums(List.of("order_lines", "no_key", "big"));
    String catalogueBefore = catalogue();
    // unreplayed work of the source, which only a successful copy may discard
    long batch = queryLong("INSERT INTO sch_chameleon.t_replica_batch (i_id_source, t_binlog_name, i_binlog_position,"
        + " b_started, b_processed, v_log_table) SELECT i_id_source, 'mysql-bin.999999', 4, true, true, v_log_table[1]"
        + " FROM sch_chameleon.t_sources WHERE i_id_source = " + sourceId + " RETURNING i_id_batch");
    String logTable = queryString("SELECT v_log_table[1] FROM sch_chameleon.t_sources WHERE i_id_source = " + sourceId);
    executePg("INSERT INTO sch_chameleon." + quotePg(logTable) + " (i_id_batch, v_table_name, v_schema_name,"
        + " enm_binlog_event, jsb_event_data) VALUES (" + batch + ", 'no_key', " + literal(mysql.name()) + ", 'insert', '{\"a\":9}')");
    mysql.execute("INSERT INTO order_lines VALUES (2, 1, 'C', 5, 2021)", "DELETE FROM no_key WHERE a IS NULL");

    // 1. a type PostgreSQL does not have, through an override: refused before anything is touched
    SourceConfig badType = config.toBuilder().typeOverride("year", "no_such_type").build();
    assertThatThrownBy(() -> new InitialCopy(badType, sourceId, pg, new CopyProgress()).copyAll())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source 'shop'")
        .hasMessageContaining(mysql.name() + ".order_lines.made")
        .hasMessageContaining("no_such_type")
        .hasMessageContaining("override");
    assertUntouched(targetBefore, catalogueBefore, batch);

    // 2. a value PostgreSQL refuses, found in the middle of the copy while other tables load
    mysql.execute("CREATE TABLE durations (id INT PRIMARY KEY, spent TIME)", "INSERT INTO durations VALUES (1, '10:00:00'), (2, '-01:30:00')");
    CopyProgress failedProgress = new CopyProgress();
    assertThatThrownBy(() -> new InitialCopy(config, sourceId, pg, failedProgress).copyAll())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(mysql.name() + ".durations")
        .hasMessageContaining("spent")
        .hasMessageContaining("interval");
    assertThat(failedProgress.snapshot().running()).isFalse();
    assertUntouched(targetBefore, catalogueBefore, batch);
    assertThat(queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = " + literal(target) + " AND tablename = 'durations'")).isZero();

    // 3. with TIME mapped to interval the copy succeeds, replaces everything and discards the old batches
    SourceConfig fixed = config.toBuilder().typeOverride("time", "interval").build();
    BinlogPosition second = new InitialCopy(fixed, sourceId, pg, new CopyProgress()).copyAll();
    assertThat(compare(second, first)).isPositive();
    for (String table : List.of("order_lines", "no_key", "big", "durations")) {
      TableComparison.assertSameData(mysql, table, pg, target, table);
    }
    assertThat(queryLong("SELECT count(*) FROM sch_chameleon.t_replica_batch WHERE i_id_source = " + sourceId)).isZero();
    assertThat(queryLong("SELECT count(*) FROM sch_chameleon." + quotePg(logTable))).isZero();
    assertThat(queryString("SELECT t_binlog_name || ':' || i_binlog_position FROM sch_chameleon.t_sources WHERE i_id_source = " + sourceId))
        .isEqualTo(second.file() + ":" + second.position());
  }

  @Test
  void copyTablesReplacesOnlyTheNamedTableAndReEnablesIt() throws Exception {
    createTables();
    insertRows();
    BinlogPosition first = new InitialCopy(config, sourceId, pg, new CopyProgress()).copyAll();
    executePg("UPDATE sch_chameleon.t_replica_tables SET b_replica_enabled = false, t_exclusion = 'replay failed',"
        + " ts_excluded = now() WHERE v_table_name = " + literal(ODD));
    Map<String, String> othersBefore = targetChecksums(List.of("order_lines", "all_types"));
    String indexesBefore = indexDefinitions(ODD);
    String otherRowsBefore = queryString("SELECT string_agg(v_table_name || ' ' || t_binlog_name || ':' || i_binlog_position"
        + " || ' ' || b_replica_enabled, ', ' ORDER BY v_table_name) FROM sch_chameleon.t_replica_tables WHERE v_table_name <> " + literal(ODD));
    mysql.execute(
        "INSERT INTO `My \"Odd\" Table.select` VALUES (10, 'ten', 10, 'new')",
        "UPDATE `My \"Odd\" Table.select` SET `select` = 'changed' WHERE `Key Col` = 1",
        "DELETE FROM `My \"Odd\" Table.select` WHERE `Key Col` = 2",
        "INSERT INTO order_lines VALUES (99, 1, 'Z', 1, NULL)");

    CopyProgress progress = new CopyProgress();
    BinlogPosition second = new InitialCopy(config, sourceId, pg, progress).copyTables(List.of(mysql.name() + "." + ODD));

    assertThat(compare(second, first)).isPositive();
    TableComparison.assertSameData(mysql, ODD, pg, target, ODD);
    assertThat(targetChecksums(List.of("order_lines", "all_types"))).isEqualTo(othersBefore);
    assertThat(TableComparison.compare(mysql, "order_lines", pg, target, "order_lines").same()).isFalse();
    assertThat(indexDefinitions(ODD)).isEqualTo(indexesBefore);
    assertThat(queryString("SELECT t_binlog_name || ':' || i_binlog_position || ' ' || b_replica_enabled || ' '"
        + " || coalesce(t_exclusion, '-') || ' ' || coalesce(ts_excluded::text, '-') || ' ' || i_rows_copied"
        + " FROM sch_chameleon.t_replica_tables WHERE v_table_name = " + literal(ODD)))
        .isEqualTo(second.file() + ":" + second.position() + " true - - 3");
    assertThat(queryString("SELECT string_agg(v_table_name || ' ' || t_binlog_name || ':' || i_binlog_position"
        + " || ' ' || b_replica_enabled, ', ' ORDER BY v_table_name) FROM sch_chameleon.t_replica_tables WHERE v_table_name <> " + literal(ODD)))
        .isEqualTo(otherRowsBefore);
    assertThat(queryString("SELECT t_binlog_name || ':' || i_binlog_position FROM sch_chameleon.t_sources WHERE i_id_source = " + sourceId))
        .isEqualTo(first.file() + ":" + first.position());
    assertThat(progress.snapshot().tablesDone()).isEqualTo(1);
    assertThat(queryLong("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '\\_chameleon\\_load\\_%'")).isZero();

    // a table numbered by a sequence keeps it: the sequence moves with the table into the target schema
    mysql.execute("INSERT INTO counters (v) VALUES (4)");
    new InitialCopy(config, sourceId, pg, new CopyProgress()).copyTables(List.of(mysql.name() + ".counters", mysql.name() + ".counters"));
    TableComparison.assertSameData(mysql, "counters", pg, target, "counters");
    assertThat(queryLong("SELECT nextval(pg_get_serial_sequence(" + literal(quotePg(target) + ".counters") + ", 'id'))")).isEqualTo(5);
    assertThat(targetChecksums(List.of("order_lines", "all_types"))).isEqualTo(othersBefore);

    assertThatThrownBy(() -> new InitialCopy(config, sourceId, pg, new CopyProgress()).copyTables(List.of(mysql.name() + ".missing")))
        .isInstanceOf(SourceException.class).hasMessageContaining("does not exist");
    SourceConfig limited = config.toBuilder().skipTables(mysql.name() + ".no_key").build();
    assertThatThrownBy(() -> new InitialCopy(limited, sourceId, pg, new CopyProgress()).copyTables(List.of(mysql.name() + ".no_key")))
        .isInstanceOf(SourceException.class).hasMessageContaining("not replicated");
  }

  // ------------------------------------------------------------------------------------ schema

  private void createTables() throws SQLException {
    mysql.execute(
        "CREATE TABLE all_types ("
            + " id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " ti TINYINT, ti_u TINYINT UNSIGNED, si SMALLINT, si_u SMALLINT UNSIGNED,"
            + " mi MEDIUMINT, mi_u MEDIUMINT UNSIGNED, i INT, i_u INT UNSIGNED, bi BIGINT, bi_u BIGINT UNSIGNED,"
            + " flag TINYINT(1), dec30 DECIMAL(30,10), f FLOAT, d DOUBLE, b1 BIT(1), b64 BIT(64),"
            + " c_latin1 CHAR(10) CHARACTER SET latin1, vc_latin1 VARCHAR(300) CHARACTER SET latin1,"
            + " t_latin1 TEXT CHARACTER SET latin1, c_utf8 CHAR(10) CHARACTER SET utf8mb4,"
            + " vc_utf8 VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL DEFAULT 'it''s \\\\ \"quoted\"',"
            + " t_utf8 MEDIUMTEXT, tt TINYTEXT, lt LONGTEXT,"
            + " bin16 BINARY(16), vbin VARBINARY(300), blb BLOB, lblb LONGBLOB,"
            + " dt DATE, tm TIME(6), dur TIME(2), dtm DATETIME(6), ts TIMESTAMP(6) NULL,"
            + " dz DATE NULL, dtz DATETIME NULL, dz_nn DATE NOT NULL DEFAULT '2000-01-01',"
            + " y YEAR, e ENUM('small','medium','large','it''s'), s SET('red','green','blue'),"
            + " j JSON, g GEOMETRY,"
            + " created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
            + " n_def DECIMAL(10,2) NOT NULL DEFAULT 1.50,"
            + " KEY idx_name (vc_utf8(20), i DESC), UNIQUE KEY uk_bi (bi), FULLTEXT KEY ft_text (t_utf8)"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        "CREATE TABLE order_lines (order_id INT NOT NULL, line SMALLINT NOT NULL, sku VARCHAR(20) NOT NULL,"
            + " qty INT NOT NULL DEFAULT 1, note TEXT, PRIMARY KEY (order_id, line),"
            + " UNIQUE KEY uk_sku (order_id, sku), KEY idx_qty (qty DESC))",
        "CREATE TABLE no_key (a INT, b VARCHAR(10), c DATETIME)",
        "CREATE TABLE `My \"Odd\" Table.select` (`Key Col` INT NOT NULL PRIMARY KEY, `select` VARCHAR(20),"
            + " `Mixed \"Case\"` INT, `a``b` TEXT, KEY `odd index.name` (`select`))",
        "CREATE TABLE nul_text (id INT NOT NULL PRIMARY KEY, v VARCHAR(20), c CHAR(5))",
        "CREATE TABLE counters (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)");
    createBigTable();
  }

  private void createBigTable() throws SQLException {
    mysql.execute("CREATE TABLE big (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL,"
        + " payload VARCHAR(100), amount DECIMAL(12,2), created DATETIME(6), counter INT NOT NULL DEFAULT 0, KEY idx_k (k))");
  }

  private void insertBigTable() throws SQLException {
    mysql.execute("INSERT INTO big (id, k, payload, amount, created) SELECT seq, seq % 1000,"
        + " CONCAT('payload-', seq, '-', MD5(seq)), seq / 100, '2024-01-01' + INTERVAL seq SECOND FROM seq_1_to_" + BIG_ROWS);
  }

  private void insertRows() throws SQLException {
    StringBuilder allBytes = new StringBuilder();
    StringBuilder latin1 = new StringBuilder();
    for (int b = 0; b < 256; b++) {
      allBytes.append(String.format("%02X", b));
      if (b > 0) {
        latin1.append(String.format("%02X", b));
      }
    }
    String ones = "1".repeat(64);
    try (Connection connection = mysql.openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES', time_zone = '+00:00'");
      statement.execute("INSERT INTO all_types (ti, ti_u, si, si_u, mi, mi_u, i, i_u, bi, bi_u, flag, dec30, f, d, b1, b64,"
          + " c_latin1, vc_latin1, t_latin1, c_utf8, vc_utf8, t_utf8, tt, lt, bin16, vbin, blb, lblb,"
          + " dt, tm, dur, dtm, ts, dz, dtz, dz_nn, y, e, s, j, g) VALUES ("
          + "127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615,"
          + " 1, 99999999999999999999.9999999999, 3.4028234663852886e38, 1.7976931348623157e308, b'1', b'" + ones + "',"
          + " 'café', UNHEX('" + latin1 + "'), 'Ærøskøbing ¼ € œ', '😀🐘', 'emoji 😀 中文 Ω', 'tab\\there\\nnew line \\\\ backslash \\r cr',"
          + " '', REPEAT('long text ', 10000), 'abc', UNHEX('" + allBytes + "'), UNHEX('" + allBytes + "'), UNHEX(REPEAT('" + allBytes + "', 64)),"
          + " '9999-12-31', '23:59:59.999999', '838:59:59.99', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',"
          + " '0000-00-00', '2021-02-30 10:00:00', '0000-00-00', 2155, 'it''s', 'red,blue',"
          + " '{\"b\": [1, 2.50, {\"x\": null}], \"a\": \"é\\\\\"q\", \"big\": 12345678901234567890}', ST_GeomFromText('POINT(1 2)'))");
      statement.execute("INSERT INTO all_types (ti, ti_u, si, si_u, mi, mi_u, i, i_u, bi, bi_u, flag, dec30, f, d, b1, b64,"
          + " c_latin1, vc_latin1, t_latin1, c_utf8, vc_utf8, t_utf8, tt, lt, bin16, vbin, blb, lblb,"
          + " dt, tm, dur, dtm, ts, dz, dtz, dz_nn, y, e, s, j, g) VALUES ("
          + "-128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,"
          + " 0, -99999999999999999999.9999999999, 1.0000001, 4.9e-324, b'0', b'0',"
          + " '', '', '', '', '', '', '', '', UNHEX('00'), '', '', '',"
          + " '0000-01-01', '00:00:00', '-838:59:59.99', '0000-01-01 00:00:00.5', '1970-01-01 00:00:01',"
          + " '2021-00-10', '0000-00-00 00:00:00', '2021-02-30', 0, 'not a label', '',"
          + " '[]', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326))");
      statement.execute("INSERT INTO all_types (vc_utf8) VALUES (DEFAULT)");
      statement.execute("INSERT INTO all_types (ti, ti_u, si, i, bi, bi_u, dec30, f, d, b64, vc_utf8, t_utf8, vbin,"
          + " dt, tm, dur, dtm, ts, y, e, s, j, created)"
          + " SELECT n % 128, n % 256, n * 7 % 32768 - 16000, n * 1000003 % 2147483647, n * 1000000007 + 1000,"
          + " n * 1000000007, n / 7, n / 3, n / 7, n * 12345, CONCAT('row ', n, ' ', REPEAT('é', n % 5)),"
          + " CONCAT('line\\t', n, '\\n'), UNHEX(MD5(n)), '2020-01-01' + INTERVAL n DAY, SEC_TO_TIME(n * 37 % 86400),"
          + " SEC_TO_TIME(n * 7919 - 400000), '2020-01-01 00:00:00' + INTERVAL n * 1234567 MICROSECOND,"
          + " '2020-01-01 00:00:00' + INTERVAL n * 7654321 MICROSECOND, 1901 + n,"
          + " ELT(n % 4 + 1, 'small', 'medium', 'large', 'it''s'), MAKE_SET(n % 8, 'red', 'green', 'blue'),"
          + " JSON_OBJECT('n', n, 'half', n / 2, 'name', CONCAT('n', n)), '2024-06-01 12:00:00'"
          + " FROM (SELECT CAST(seq AS SIGNED) AS n FROM seq_1_to_100) numbers");
      statement.execute("INSERT INTO order_lines VALUES (1, 1, 'A-1', 2, 'first'), (1, 2, 'B-2', 1, NULL),"
          + " (2, 1, 'A-1', 5, 'second order'), (3, 1, 'C', 1, '')");
      statement.execute("INSERT INTO no_key VALUES (1, 'dup', '2020-01-01 00:00:00'), (1, 'dup', '2020-01-01 00:00:00'),"
          + " (NULL, NULL, NULL), (2, '', '0000-00-00 00:00:00')");
      statement.execute("INSERT INTO counters (v) VALUES (1), (2), (3)");
      statement.execute("INSERT INTO nul_text VALUES (1, CONCAT('a', CHAR(0), 'b', CHAR(0)), CONCAT('x', CHAR(0))), (2, 'plain', 'y')");
      statement.execute("INSERT INTO `My \"Odd\" Table.select` VALUES (1, 'one', 1, 'a`b'), (2, 'two', NULL, NULL),"
          + " (3, NULL, -3, 'tab\\tend')");
    }
  }

  // ---------------------------------------------------------------------------------- checks

  private void assertColumnsKeysAndIndexes() throws SQLException {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("id", "integer not null");
    expected.put("ti", "smallint");
    expected.put("ti_u", "smallint");
    expected.put("si_u", "integer");
    expected.put("mi", "integer");
    expected.put("i_u", "bigint");
    expected.put("bi_u", "numeric(20,0)");
    expected.put("flag", "boolean");
    expected.put("dec30", "numeric(30,10)");
    expected.put("f", "real");
    expected.put("d", "double precision");
    expected.put("b1", "bit(1)");
    expected.put("b64", "bit(64)");
    expected.put("c_latin1", "character(10)");
    expected.put("vc_latin1", "character varying(300)");
    expected.put("t_latin1", "text");
    expected.put("vc_utf8", "character varying(100) not null default 'it''s \\ \"quoted\"'::character varying");
    expected.put("bin16", "bytea");
    expected.put("dt", "date");
    expected.put("tm", "time(6) without time zone");
    expected.put("dur", "interval");
    expected.put("dtm", "timestamp(6) without time zone");
    expected.put("ts", "timestamp(6) with time zone");
    expected.put("dz_nn", "date not null default '2000-01-01'::date");
    expected.put("y", "smallint");
    expected.put("e", "text");
    expected.put("s", "text[]");
    expected.put("j", "jsonb");
    expected.put("g", "bytea");
    expected.put("created", "timestamp(0) with time zone not null default now()");
    expected.put("n_def", "numeric(10,2) not null default 1.50");
    Map<String, String> actual = new LinkedHashMap<>();
    try (Connection connection = pg.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = (?::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped")) {
      statement.setString(1, quotePg(target) + ".all_types");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    assertThat(actual).containsAllEntriesOf(expected);
    assertThat(queryString("SELECT attidentity FROM pg_attribute WHERE attrelid = " + regclass("all_types") + " AND attname = 'id'"))
        .isEqualTo("d");
    assertThat(queryLong("SELECT last_value FROM " + quotePg(target) + ".all_types_id_seq"))
        .isEqualTo(queryLong("SELECT max(id) FROM " + quotePg(target) + ".all_types"));
    // bigint unsigned is numeric(20): no identity, a sequence owned by the column
    assertThat(queryString("SELECT format_type(atttypid, atttypmod) || ' ' || pg_get_expr(adbin, adrelid) FROM pg_attribute"
        + " JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = " + regclass("counters") + " AND attname = 'id'"))
        .isEqualTo("numeric(20,0) nextval('" + target + ".counters_id_seq'::regclass)");
    assertThat(queryLong("SELECT last_value FROM " + quotePg(target) + ".counters_id_seq")).isEqualTo(3);
    assertThat(queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = " + regclass("all_types")
        + " AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%small%medium%'")).isEqualTo(1);

    assertThat(primaryKey("all_types")).isEqualTo("id");
    assertThat(primaryKey("order_lines")).isEqualTo("order_id,line");
    assertThat(primaryKey(ODD)).isEqualTo("Key Col");
    assertThat(primaryKey("no_key")).isNull();
    assertThat(indexDefinitions("all_types"))
        .contains("UNIQUE INDEX all_types_uk_bi ON " + target + ".all_types USING btree (bi)")
        .contains("INDEX all_types_idx_name ON " + target + ".all_types USING btree (\"left\"((vc_utf8)::text, 20), i DESC)")
        .contains("INDEX all_types_ft_text ON " + target + ".all_types USING gin (to_tsvector('simple'::regconfig, COALESCE(t_utf8, ''::text)))");
    assertThat(indexDefinitions("order_lines"))
        .contains("UNIQUE INDEX order_lines_uk_sku ON " + target + ".order_lines USING btree (order_id, sku)")
        .contains("INDEX order_lines_idx_qty ON " + target + ".order_lines USING btree (qty DESC)");
    assertThat(indexDefinitions(ODD)).contains("INDEX \"My \"\"Odd\"\" Table.select_odd index.name\" ON " + target
        + ".\"My \"\"Odd\"\" Table.select\" USING btree (\"select\")");
    assertThat(queryString("SELECT column_default FROM information_schema.columns WHERE table_schema = " + literal(target)
        + " AND table_name = 'order_lines' AND column_name = 'qty'")).isEqualTo("1");
  }

  private void assertCatalogue(BinlogPosition position, Map<String, List<String>> keys) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT v_schema_name, v_table_name, v_schema_name_pg, v_table_name_pg,"
            + " v_table_pkey, t_binlog_name, i_binlog_position, b_replica_enabled, t_exclusion, ts_copied IS NOT NULL,"
            + " i_rows_copied, i_id_source FROM sch_chameleon.t_replica_tables")) {
      while (result.next()) {
        Array key = result.getArray(5);
        assertThat(result.getString(1)).isEqualTo(mysql.name());
        assertThat(result.getString(3)).isEqualTo(target);
        assertThat(result.getString(4)).isEqualTo(result.getString(2));
        assertThat(List.of((Object[]) key.getArray())).as("key of %s", result.getString(2))
            .isEqualTo(keys.get(result.getString(2)));
        assertThat(new BinlogPosition(result.getString(6), result.getLong(7))).isEqualTo(new BinlogPosition(position.file(), position.position()));
        assertThat(result.getBoolean(8)).isTrue();
        assertThat(result.getString(9)).isNull();
        assertThat(result.getBoolean(10)).isTrue();
        assertThat(result.getLong(12)).isEqualTo(sourceId);
        rows.put(result.getString(2), Long.toString(result.getLong(11)));
      }
    }
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(keys.keySet());
    for (String table : keys.keySet()) {
      assertThat(rows.get(table)).as("rows copied of %s", table)
          .isEqualTo(Long.toString(queryLong("SELECT count(*) FROM " + quotePg(target) + "." + quotePg(table))));
    }
    assertThat(queryString("SELECT t_binlog_name || ':' || i_binlog_position FROM sch_chameleon.t_sources WHERE i_id_source = " + sourceId))
        .isEqualTo(position.file() + ":" + position.position());
  }

  private void assertUntouched(Map<String, String> targetBefore, String catalogueBefore, long batch) throws SQLException {
    assertThat(targetChecksums(List.copyOf(targetBefore.keySet()))).isEqualTo(targetBefore);
    assertThat(catalogue()).isEqualTo(catalogueBefore);
    assertThat(queryLong("SELECT count(*) FROM sch_chameleon.t_replica_batch WHERE i_id_batch = " + batch)).isEqualTo(1);
    assertThat(queryLong("SELECT count(*) FROM sch_chameleon.t_log_replica WHERE i_id_batch = " + batch)).isEqualTo(1);
    assertThat(queryLong("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '\\_chameleon\\_load\\_%'")).isZero();
  }

  /** The PostgreSQL side's checksum of each table, through the same canonical form as the comparison. */
  private Map<String, String> targetChecksums(List<String> tables) {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String table : tables) {
      sums.put(table, TableComparison.compare(mysql, table, pg, target, table).targetChecksum());
    }
    return sums;
  }

  private String catalogue() throws SQLException {
    return queryString("SELECT (SELECT string_agg(t::text, E'\\n' ORDER BY v_table_name) FROM sch_chameleon.t_replica_tables t)"
        + " || E'\\n' || (SELECT t_binlog_name || ':' || i_binlog_position FROM sch_chameleon.t_sources WHERE i_id_source = "
        + sourceId + ")");
  }

  private String primaryKey(String table) throws SQLException {
    return queryString("SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_constraint c"
        + " CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
        + " WHERE c.conrelid = " + regclass(table) + " AND c.contype = 'p'");
  }

  private String indexDefinitions(String table) throws SQLException {
    return queryString("SELECT string_agg(pg_get_indexdef(indexrelid), E'\\n' ORDER BY pg_get_indexdef(indexrelid))"
        + " FROM pg_index WHERE indrelid = " + regclass(table));
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Columns that differ between copied rows and binlog images paired by their first column. */
  private String imageDifferences(String qualified, String images) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = " + literal(qualified)
            + "::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
      while (rows.next()) {
        columns.add(rows.getString(1));
      }
    }
    if (!columns.contains("id")) {
      return "(no id column)";
    }
    List<String> differing = new ArrayList<>();
    for (String column : columns) {
      String c = quotePg(column);
      long count = queryLong("SELECT count(*) FROM " + qualified + " c JOIN (" + images + ") i ON c.id = i.id"
          + " WHERE c." + c + " IS DISTINCT FROM i." + c);
      if (count > 0) {
        differing.add(column + " in " + count + " rows, e.g. copy " + queryString("SELECT left(c." + c + "::text, 80) || ' / binlog '"
            + " || left(i." + c + "::text, 80) FROM " + qualified + " c JOIN (" + images + ") i ON c.id = i.id WHERE c." + c
            + " IS DISTINCT FROM i." + c + " LIMIT 1"));
      }
    }
    return String.join("; ", differing);
  }

  private String regclass(String table) {
    return literal(quotePg(target) + "." + quotePg(table)) + "::regclass";
  }

  private void awaitCaughtUp() throws Exception {
    BinlogPosition end = masterPosition();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      SourceStatus status = manager.status("shop");
      BinlogPosition read = status.readPosition().orElse(null);
      if (read != null && compare(read, end) >= 0) {
        return;
      }
      if (status.state() == SourceState.FAILED || System.nanoTime() > deadline) {
        throw new AssertionError("capture did not reach " + end + ": " + status);
      }
      Thread.sleep(50);
    }
  }

  private static String binlogEvents(BinlogPosition from) throws SQLException {
    StringBuilder events = new StringBuilder();
    try (Connection connection = Sandbox.get().source().openConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW BINLOG EVENTS IN '" + from.file() + "' FROM " + from.position() + " LIMIT 20")) {
      while (rows.next()) {
        events.append("\n  ").append(rows.getString(2)).append(' ').append(rows.getString(3)).append(' ').append(rows.getString(6));
      }
    }
    return events.toString();
  }

  private static BinlogPosition masterPosition() throws SQLException {
    try (Connection connection = Sandbox.get().source().openConnection(); Statement statement = connection.createStatement()) {
      return position(statement);
    }
  }

  private static BinlogPosition position(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SHOW MASTER STATUS")) {
      rows.next();
      return new BinlogPosition(rows.getString(1), rows.getLong(2));
    }
  }

  /** Binlog order: file names sort by their sequence number, positions within a file. */
  private static int compare(BinlogPosition a, BinlogPosition b) {
    int files = a.file().compareTo(b.file());
    return files != 0 ? files : Long.compare(a.position(), b.position());
  }

  private long queryLong(String sql) throws SQLException {
    try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private String queryString(String sql) throws SQLException {
    try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  private void executePg(String sql) throws SQLException {
    try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String quotePg(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
