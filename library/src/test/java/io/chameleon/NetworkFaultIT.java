package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceServer;
import io.chameleon.sandbox.TcpProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The network to MariaDB or to PostgreSQL is cut under a steady workload: status shows the
 * problem while it lasts and clears it after, and the targets end equal to the source.
 */
class NetworkFaultIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private CaptureFixture fixture;
  private TcpProxy mysqlProxy;
  private TcpProxy pgProxy;
  private ReplicaManager manager;
  private String pgSchema;

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("faults");
    pgSchema = fixture.mysql.name() + "_pg";
    SourceServer mysql = Sandbox.get().source();
    mysqlProxy = TcpProxy.start(mysql.host(), mysql.port());
    PostgresDatabase pg = fixture.pg;
    pgProxy = TcpProxy.start("127.0.0.1", pg.server().port());
    PGSimpleDataSource viaProxy = new PGSimpleDataSource();
    viaProxy.setServerNames(new String[] {pgProxy.host()});
    viaProxy.setPortNumbers(new int[] {pgProxy.port()});
    viaProxy.setDatabaseName(pg.name());
    viaProxy.setUser(pg.user());
    viaProxy.setPassword(pg.password());
    viaProxy.setConnectTimeout(5);
    viaProxy.setSocketTimeout(30);
    manager = ReplicaManager.builder().dataSource(viaProxy).instanceName("faults").build();

    fixture.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT, note VARCHAR(20))");
    fixture.pg.execute("CREATE SCHEMA " + pgSchema,
        "CREATE TABLE " + pgSchema + ".t (id integer PRIMARY KEY, v integer, note varchar(20))");
    manager.addSource(CaptureFixture.source("faulty", fixture.mysql.name())
        .mysql(mysqlProxy.host(), mysqlProxy.port())
        .maxReconnectBackoff(Duration.ofSeconds(2))
        .build());
    fixture.pg.execute("INSERT INTO sch_chameleon.t_replica_tables (i_id_source, v_schema_name, v_table_name,"
        + " v_schema_name_pg, v_table_name_pg, v_table_pkey) SELECT i_id_source, '" + fixture.mysql.name()
        + "', 't', '" + pgSchema + "', 't', ARRAY['id'] FROM sch_chameleon.t_sources");
    manager.startReplica("faulty");
    CaptureFixture.awaitState(manager, "faulty", SourceState.RUNNING, WAIT);
  }

  @AfterEach
  void close() {
    manager.close();
    mysqlProxy.close();
    pgProxy.close();
    fixture.close();
  }

  @ParameterizedTest(name = "cut for {0} s")
  @ValueSource(ints = {5, 60})
  void aCutToMariaDbIsShownThenRecoveredWithoutLoss(int seconds) throws Exception {
    underLoad(() -> {
      mysqlProxy.cut();
      awaitStatus(s -> s.state() == SourceState.RECONNECTING && s.lastError().isPresent(), "reconnecting");
      Thread.sleep(seconds * 1000L);
      assertThat(manager.status("faulty").state()).isEqualTo(SourceState.RECONNECTING);
      mysqlProxy.restore();
    });
    awaitStatus(s -> s.state() == SourceState.RUNNING, "running again");
    assertConverged();
  }

  @Test
  void aStalledMariaDbConnectionIsDetectedByTheHeartbeatWatchdog() throws Exception {
    underLoad(() -> {
      mysqlProxy.stall();
      awaitStatus(s -> s.state() == SourceState.RECONNECTING
          && s.lastError().orElse("").contains("no event or heartbeat"), "watchdog fired");
      mysqlProxy.restore();
    });
    awaitStatus(s -> s.state() == SourceState.RUNNING, "running again");
    assertConverged();
  }

  @ParameterizedTest(name = "cut for {0} s")
  @ValueSource(ints = {5, 60})
  void aCutToPostgresIsShownThenRecoveredWithoutLoss(int seconds) throws Exception {
    underLoad(() -> {
      pgProxy.cut();
      awaitStatus(s -> s.catalogueStatus().equals("unreachable") && s.lastError().isPresent(), "catalogue unreachable");
      Thread.sleep(seconds * 1000L);
      pgProxy.restore();
    });
    awaitStatus(s -> s.state() == SourceState.RUNNING && s.catalogueStatus().equals("running"), "running again");
    assertConverged();
  }

  @Test
  void aMariaDbRestartLosesNoPlace() throws Exception {
    underLoad(() -> {
      Sandbox.get().source().restart();
      awaitStatus(s -> s.lastError().isPresent(), "the lost connection");
    });
    awaitStatus(s -> s.state() == SourceState.RUNNING, "running again");
    assertConverged();
  }

  @Test
  void aPostgresRestartLetsTheReaderAndReplayerResume() throws Exception {
    underLoad(() -> {
      Sandbox.get().postgres().restart();
      awaitStatus(s -> s.lastError().isPresent(), "the lost connection");
    });
    awaitStatus(s -> s.state() == SourceState.RUNNING && s.catalogueStatus().equals("running"), "running again");
    assertConverged();
  }

  private interface Fault {
    void run() throws Exception;
  }

  /** Runs the fault while a writer changes the source; stops the writer after. */
  private void underLoad(Fault fault) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Exception> failures = new ArrayList<>();
    Thread writer = new Thread(() -> {
      Random random = new Random(3);
      int next = 0;
      while (!stop.get()) {
        // the writer outlives a source restart: it reconnects and goes on
        try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
          while (!stop.get()) {
            int id = random.nextInt(next + 1);
            switch (random.nextInt(3)) {
              case 0 -> statement.execute("INSERT INTO t VALUES (" + next++ + ", 0, 'new')");
              case 1 -> statement.execute("UPDATE t SET v = v + 1, note = 'upd' WHERE id = " + id);
              default -> statement.execute("DELETE FROM t WHERE id = " + id);
            }
            Thread.sleep(3);
          }
        } catch (SQLException e) {
          if (!(e instanceof java.sql.SQLNonTransientConnectionException || e instanceof java.sql.SQLTransientConnectionException)) {
            failures.add(e);
            return;
          }
          sleepQuietly(200);
        } catch (Exception e) {
          failures.add(e);
          return;
        }
      }
    }, "fault-workload");
    writer.start();
    Thread.sleep(1000);
    try {
      fault.run();
      Thread.sleep(1000);
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(failures).isEmpty();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitStatus(java.util.function.Predicate<SourceStatus> condition, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    SourceStatus status = null;
    while (System.nanoTime() < deadline) {
      status = manager.status("faulty");
      if (condition.test(status)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("status never showed " + what + "; last: " + status);
  }

  private void assertConverged() throws Exception {
    ReplicationSupport.awaitReplayed(manager, "faulty", WAIT);
    assertThat(rows(fixture.pg.openConnection(), "SELECT id, v, note FROM " + pgSchema + ".t ORDER BY id"))
        .containsExactlyElementsOf(rows(fixture.mysql.openConnection(), "SELECT id, v, note FROM t ORDER BY id"))
        .isNotEmpty();
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (connection; Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getInt(1) + "|" + result.getInt(2) + "|" + result.getString(3));
      }
    }
    return rows;
  }
}
