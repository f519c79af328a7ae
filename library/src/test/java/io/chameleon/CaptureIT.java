package io.chameleon;

import static io.chameleon.CaptureFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.CaptureFixture.LogRow;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaptureIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private CaptureFixture fixture;

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("capture");
    fixture.mysql.execute(
        "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40), amount DECIMAL(10,2))",
        "CREATE TABLE items (order_id INT, line INT, sku VARCHAR(10), PRIMARY KEY (order_id, line))");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void rowChangesLandInTheLogWithExactImagesInCommitOrder() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    fixture.manager.startReplica("shop");
    String db = fixture.mysql.name();

    fixture.mysql.execute(
        "INSERT INTO orders VALUES (1, 'first', 10.50)",
        "UPDATE orders SET note = 'changed' WHERE id = 1",
        "UPDATE orders SET id = 2 WHERE id = 1",
        "DELETE FROM orders WHERE id = 2");
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO orders VALUES (3, 'multi', 1.00)");
      statement.execute("INSERT INTO items VALUES (3, 1, 'A-1'), (3, 2, 'B-2')");
      statement.execute("UPDATE items SET sku = 'C-3' WHERE order_id = 3 AND line = 2");
      connection.commit();
    }
    fixture.awaitCaughtUp("shop", WAIT);

    List<LogRow> rows = fixture.logRows();
    assertThat(rows).extracting(LogRow::kind, LogRow::table, LogRow::data, LogRow::before).containsExactly(
        row("insert", "orders", "{\"id\":1,\"note\":\"first\",\"amount\":10.50}", null),
        row("update", "orders", "{\"id\":1,\"note\":\"changed\",\"amount\":10.50}", "{\"id\":1,\"note\":\"first\",\"amount\":10.50}"),
        row("update", "orders", "{\"id\":2,\"note\":\"changed\",\"amount\":10.50}", "{\"id\":1,\"note\":\"changed\",\"amount\":10.50}"),
        row("delete", "orders", "{\"id\":2,\"note\":\"changed\",\"amount\":10.50}", null),
        row("insert", "orders", "{\"id\":3,\"note\":\"multi\",\"amount\":1.00}", null),
        row("insert", "items", "{\"order_id\":3,\"line\":1,\"sku\":\"A-1\"}", null),
        row("insert", "items", "{\"order_id\":3,\"line\":2,\"sku\":\"B-2\"}", null),
        row("update", "items", "{\"order_id\":3,\"line\":2,\"sku\":\"C-3\"}", "{\"order_id\":3,\"line\":2,\"sku\":\"B-2\"}"));
    assertThat(rows).allSatisfy(r -> assertThat(r.schema()).isEqualTo(db));
    BinlogPosition end = CaptureFixture.masterPosition();
    assertThat(rows).allSatisfy(r -> assertThat(r.file()).isEqualTo(end.file()));
    assertThat(rows).extracting(LogRow::position).isSorted().allSatisfy(p -> assertThat(p).isLessThan(end.position()));
    // the multi-statement transaction is whole in one batch
    assertThat(rows.subList(4, 8)).extracting(LogRow::batchId).containsOnly(rows.get(4).batchId());
    // the source's read position is the end of the binlog, and each batch's end lies before the next one's
    assertThat(fixture.manager.status("shop").readPosition()).contains(end);
    assertThat(fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_replica_batch WHERE NOT b_processed")).isZero();
  }

  @Test
  void aTransactionLargerThanTheBatchSizeStaysWholeInOneBatch() throws Exception {
    fixture.manager.addSource(fixture.source("shop").batchSize(5, 1024).build());
    fixture.manager.startReplica("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (1, 'before', 1)");
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (int i = 100; i < 160; i++) {
        statement.execute("INSERT INTO orders VALUES (" + i + ", 'big', " + i + ")");
      }
      connection.commit();
    }
    fixture.mysql.execute("INSERT INTO orders VALUES (2, 'after', 2)");
    fixture.awaitCaughtUp("shop", WAIT);

    List<LogRow> rows = fixture.logRows();
    assertThat(rows).hasSize(62);
    Map<Long, Long> perBatch = rows.subList(1, 61).stream().collect(Collectors.groupingBy(LogRow::batchId, Collectors.counting()));
    assertThat(perBatch).hasSize(1).containsValue(60L);
    assertThat(rows.get(61).batchId()).isGreaterThan(rows.get(60).batchId());
  }

  @Test
  void eachLogRowCarriesItsBinlogEventsTime() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    fixture.manager.startReplica("shop");
    // the binlog event's time is the statement's: the session's timestamp, whole seconds
    fixture.mysql.execute("SET timestamp = 1700000000", "INSERT INTO orders VALUES (1, 'then', 1)");
    fixture.awaitCaughtUp("shop", WAIT);
    assertThat(fixture.queryString("SELECT ts_event_datetime::text FROM sch_chameleon.t_log_replica"))
        .isEqualTo("2023-11-14 22:13:20");
  }

  @Test
  void aQuietSourceStillFlushesItsLastTransaction() throws Exception {
    fixture.manager.addSource(fixture.source("shop").batchSize(10_000, 16 << 20).build());
    fixture.manager.startReplica("shop");
    fixture.mysql.execute("INSERT INTO orders VALUES (7, 'alone', 7)");
    fixture.awaitCaughtUp("shop", WAIT);
    assertThat(fixture.logRows()).extracting(LogRow::data).containsExactly(json("{\"id\":7,\"note\":\"alone\",\"amount\":7.00}"));
    assertThat(fixture.manager.status("shop").readLagMillis()).isLessThan(WAIT.toMillis());
  }

  @Test
  void aRestartResumesAfterTheLastCommittedBatchWithoutLossOrRepeats() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    fixture.manager.startReplica("shop");
    for (int i = 0; i < 50; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'run 1', 0)");
    }
    fixture.awaitCaughtUp("shop", WAIT);
    fixture.manager.stopReplica("shop");
    assertThat(fixture.manager.status("shop").catalogueStatus()).isEqualTo("stopped");
    for (int i = 50; i < 100; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'while stopped', 0)");
    }
    fixture.manager.startReplica("shop");
    fixture.awaitCaughtUp("shop", WAIT);

    assertThat(fixture.logRows()).extracting(r -> r.data().get("id").asInt())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
  }

  @Test
  void withGtidsARestartResumesFromTheSavedGtidSet() throws Exception {
    fixture.manager.addSource(fixture.source("shop").useGtid(true).build());
    fixture.manager.startReplica("shop");
    for (int i = 0; i < 30; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'run 1', 0)");
    }
    fixture.awaitCaughtUp("shop", WAIT);
    fixture.manager.stopReplica("shop");
    String saved = fixture.queryString("SELECT t_gtid_set FROM sch_chameleon.t_sources");
    String server;
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
      rows.next();
      server = rows.getString(1);
    }
    assertThat(saved).as("the GTID set saved with the last batch").isEqualTo(server);
    // a file position pointing back at the start of the file: were it used, everything would be read twice
    fixture.pg.execute("UPDATE sch_chameleon.t_sources SET i_binlog_position = 4");
    for (int i = 30; i < 60; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'while stopped', 0)");
    }
    fixture.manager.startReplica("shop");
    fixture.awaitCaughtUp("shop", WAIT);

    assertThat(fixture.logRows()).extracting(r -> r.data().get("id").asInt())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 60).boxed().toList());
    assertThat(fixture.manager.status("shop").readPosition()).hasValueSatisfying(
        p -> assertThat(p.gtidSet()).isPresent());
  }

  @Test
  void twoSourcesStreamConcurrentlyIntoTheirOwnLogTables() throws Exception {
    SourceDatabase other = Sandbox.get().source().createDatabase("capture_other");
    other.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40), amount DECIMAL(10,2))");
    fixture.manager.addSource(fixture.source("one").build());
    fixture.manager.addSource(CaptureFixture.source("two", other.name()).build());
    fixture.manager.startReplica("one");
    fixture.manager.startReplica("two");
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 200; i++) {
          other.execute("INSERT INTO orders VALUES (" + i + ", 'two', 2)");
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    for (int i = 0; i < 200; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'one', 1)");
    }
    writer.join();
    fixture.awaitCaughtUp("one", WAIT);
    fixture.awaitCaughtUp("two", WAIT);

    long one = fixture.queryLong("SELECT i_id_source FROM sch_chameleon.t_sources WHERE t_source = 'one'");
    long two = fixture.queryLong("SELECT i_id_source FROM sch_chameleon.t_sources WHERE t_source = 'two'");
    List<LogRow> ofOne = CaptureFixture.logRows(fixture.pg, "sch_chameleon.t_log_replica_1_src_" + one);
    List<LogRow> ofTwo = CaptureFixture.logRows(fixture.pg, "sch_chameleon.t_log_replica_1_src_" + two);
    assertThat(ofOne).hasSize(200).allSatisfy(r -> assertThat(r.schema()).isEqualTo(fixture.mysql.name()));
    assertThat(ofTwo).hasSize(200).allSatisfy(r -> assertThat(r.schema()).isEqualTo(other.name()));
    assertThat(ofOne).extracting(r -> r.data().get("id").asInt()).isSorted();
    assertThat(ofTwo).extracting(r -> r.data().get("id").asInt()).isSorted();
  }

  @Test
  void ddlIsLoggedWithItsTranslationBetweenTheRowsAroundIt() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    fixture.manager.startReplica("shop");
    fixture.mysql.execute(
        "INSERT INTO orders VALUES (1, 'before', 1)",
        "ALTER TABLE orders ADD COLUMN shipped DATE",
        "INSERT INTO orders VALUES (2, 'after', 2, '2026-11-27')");
    fixture.awaitCaughtUp("shop", WAIT);

    List<LogRow> rows = fixture.logRows();
    assertThat(rows).extracting(LogRow::kind).containsExactly("insert", "ddl", "insert");
    assertThat(rows.get(1).query()).isEqualTo("ALTER TABLE orders ADD COLUMN shipped DATE");
    assertThat(rows.get(1).data().get("kind").asText()).isEqualTo("APPLY");
    assertThat(rows.get(1).data().get("statements").get(0).asText())
        .isEqualTo("ALTER TABLE \"" + fixture.mysql.name() + "_pg\".\"orders\" ADD COLUMN \"shipped\" date");
    assertThat(rows.get(2).data()).isEqualTo(json("{\"id\":2,\"note\":\"after\",\"amount\":2.00,\"shipped\":\"2026-11-27\"}"));
  }

  @Test
  void aBinlogRotatedDuringALargeTransactionLosesNothing() throws Exception {
    fixture.manager.addSource(fixture.source("shop").batchSize(50, 1 << 20).build());
    fixture.manager.startReplica("shop");
    String before = CaptureFixture.masterPosition().file();
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < 500; i++) {
        statement.execute("INSERT INTO orders VALUES (" + i + ", 'large', " + i + ")");
        if (i == 250) {
          Sandbox.get().source().execute("FLUSH BINARY LOGS");
        }
      }
      connection.commit();
    }
    fixture.mysql.execute("INSERT INTO orders VALUES (1000, 'after', 1)");
    fixture.awaitCaughtUp("shop", WAIT);

    assertThat(CaptureFixture.masterPosition().file()).isNotEqualTo(before);
    List<LogRow> rows = fixture.logRows();
    assertThat(rows).extracting(r -> r.data().get("id").asInt())
        .containsExactlyElementsOf(java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 500),
            java.util.stream.IntStream.of(1000)).boxed().toList());
    assertThat(rows.subList(0, 500)).extracting(LogRow::batchId).containsOnly(rows.get(0).batchId());
  }

  @Test
  void startingRefusesASavedPositionThatIsNoLongerOnTheServer() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    fixture.pg.execute("UPDATE sch_chameleon.t_sources SET t_binlog_name = 'mysql-bin.000000', i_binlog_position = 4");

    assertThatThrownBy(() -> fixture.manager.startReplica("shop"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("mysql-bin.000000 is no longer on the server")
        .hasMessageContaining("initReplica");
    assertThat(fixture.manager.status("shop").state()).isEqualTo(SourceState.STOPPED);
  }

  @Test
  void startingListsWhatTheUserLacks() throws Exception {
    String user = "weak_" + CaptureFixture.nextServerId();
    Sandbox.get().source().execute(
        "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'weak-secret'",
        "GRANT SELECT ON *.* TO '" + user + "'@'%'");
    fixture.manager.addSource(fixture.source("shop").credentials(user, "weak-secret").build());

    assertThatThrownBy(() -> fixture.manager.startReplica("shop"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("REPLICATION SLAVE")
        .hasMessageContaining("BINLOG MONITOR")
        .hasMessageNotContaining("weak-secret");
  }

  @Test
  void aManagerRefusesAnOlderCatalogueUnlessToldToUpgrade() throws Exception {
    var pg = Sandbox.get().postgres().createDatabase("old_catalogue");
    new LegacyCatalogue(pg.dataSource()).create();
    try (ReplicaManager manager = ReplicaManager.builder().dataSource(pg.dataSource()).build()) {
      assertThatThrownBy(() -> manager.addSource(fixture.source("shop").build()))
          .isInstanceOf(UpgradeException.VersionMismatch.class)
          .hasMessageContaining("version 1.2")
          .hasMessageContaining("SchemaUpgrader");
    }
    try (ReplicaManager manager = ReplicaManager.builder().dataSource(pg.dataSource()).upgradeOnStart(true).build()) {
      manager.addSource(fixture.source("shop").build());
      assertThat(manager.status().catalogueVersion()).contains(SchemaUpgrader.libraryVersion());
    }
  }

  private static org.assertj.core.groups.Tuple row(String kind, String table, String data, String before) throws Exception {
    return org.assertj.core.groups.Tuple.tuple(kind, table, json(data), json(before));
  }
}
