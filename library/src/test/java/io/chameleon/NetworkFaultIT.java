package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.RecordedWorkload.Change;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import io.chameleon.sandbox.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Faults under a steady mixed workload on two sources: the network to MariaDB or to PostgreSQL
 * cut, the binlog connection stalled, either server restarted, the binlog rotated in the middle
 * of a large transaction. Status shows the problem on both sources while it lasts and clears it
 * after; then both sources' targets equal their tables, and their log holds every committed
 * change exactly once, in commit order, in batches that are neither duplicated nor missing
 * ({@link LogAudit}).
 */
class NetworkFaultIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** One replicated MariaDB database. */
  private record Source(String name, SourceDatabase mysql) {}

  private CaptureFixture fixture;
  private final List<Source> sources = new ArrayList<>();
  private final List<RecordedWorkload> workloads = new ArrayList<>();
  private TcpProxy mysqlProxy;
  private TcpProxy pgProxy;
  private ReplicaManager manager;
  private LogAudit audit;

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("faults");
    SourceServer mysql = Sandbox.get().source();
    sources.add(new Source("first", fixture.mysql));
    sources.add(new Source("second", mysql.createDatabase("faults")));
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

    for (Source source : sources) {
      RecordedWorkload.createTables(source.mysql());
      // a short batch wait: faults land among many batch commits (and, in the long cuts, log table
      // rotations); a backlog is read in batches of 200
      manager.addSource(CaptureFixture.source(source.name(), source.mysql().name())
          .mysql(mysqlProxy.host(), mysqlProxy.port())
          .maxReconnectBackoff(Duration.ofSeconds(2))
          .batchMaxWait(Duration.ofMillis(100))
          .batchSize(200, 1 << 20)
          .build());
    }
    audit = LogAudit.install(pg);
    for (Source source : sources) {
      manager.initReplica(source.name());
      manager.startReplica(source.name());
      CaptureFixture.awaitState(manager, source.name(), SourceState.RUNNING, WAIT);
    }
  }

  @AfterEach
  void close() throws Exception {
    for (RecordedWorkload workload : workloads) {
      workload.close();
    }
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
      assertStatus(s -> s.state() == SourceState.RECONNECTING, "still reconnecting at the end of the cut");
      mysqlProxy.restore();
    });
    assertRecoveredWithEveryChangeOnce();
  }

  @Test
  void aStalledMariaDbConnectionIsDetectedByTheHeartbeatWatchdog() throws Exception {
    underLoad(() -> {
      mysqlProxy.stall();
      awaitStatus(s -> s.state() == SourceState.RECONNECTING
          && s.lastError().orElse("").contains("no event or heartbeat"), "watchdog fired");
      mysqlProxy.restore();
    });
    assertRecoveredWithEveryChangeOnce();
  }

  @ParameterizedTest(name = "cut for {0} s")
  @ValueSource(ints = {5, 60})
  void aCutToPostgresIsShownThenRecoveredWithoutLoss(int seconds) throws Exception {
    underLoad(() -> {
      pgProxy.cut();
      awaitStatus(s -> s.catalogueStatus().equals("unreachable") && s.lastError().isPresent(), "catalogue unreachable");
      Thread.sleep(seconds * 1000L);
      assertStatus(s -> s.catalogueStatus().equals("unreachable") && s.state() == SourceState.RECONNECTING,
          "still unreachable and reconnecting at the end of the cut");
      pgProxy.restore();
    });
    assertRecoveredWithEveryChangeOnce();
  }

  @Test
  void aMariaDbRestartLosesNoPlace() throws Exception {
    underLoad(() -> {
      Sandbox.get().source().restart();
      awaitStatus(s -> s.lastError().isPresent(), "the lost connection");
    });
    // the restart cut the writers off too: each had to find out whether its last transaction committed
    assertThat(workloads).allSatisfy(w -> assertThat(w.interrupted()).isPositive());
    assertRecoveredWithEveryChangeOnce();
  }

  @Test
  void aPostgresRestartLetsTheReaderAndReplayerResume() throws Exception {
    underLoad(() -> {
      Sandbox.get().postgres().restart();
      awaitStatus(s -> s.lastError().isPresent(), "the lost connection");
    });
    assertRecoveredWithEveryChangeOnce();
  }

  @Test
  void aBinlogRotatedInTheMiddleOfALargeTransactionLosesNothing() throws Exception {
    List<String> files = new ArrayList<>();
    List<Change> large = new ArrayList<>();
    underLoad(() -> {
      files.add(CaptureFixture.masterPosition().file());
      large.addAll(workloads.get(0).largeTransaction(2000, () -> {
        Sandbox.get().source().execute("FLUSH BINARY LOGS");
        files.add(CaptureFixture.masterPosition().file());
      }));
    });
    assertThat(files).hasSize(2).doesNotHaveDuplicates();
    // a rotation is no fault: nothing to show
    assertStatus(s -> s.state() == SourceState.RUNNING && s.lastError().isEmpty(), "running without an error");
    assertRecoveredWithEveryChangeOnce();
    assertThat(audit.batchesHolding(sources.get(0).name(), large)).as("batches holding the large transaction").isEqualTo(1);
  }

  private interface Fault {
    void run() throws Exception;
  }

  /** Runs the fault while a writer changes each source's tables; stops the writers after. */
  private void underLoad(Fault fault) throws Exception {
    for (int i = 0; i < sources.size(); i++) {
      workloads.add(RecordedWorkload.start(sources.get(i).mysql(), 3 + i));
    }
    try {
      Thread.sleep(1000);
      fault.run();
      Thread.sleep(1000);
    } finally {
      for (RecordedWorkload workload : workloads) {
        workload.close();
      }
    }
  }

  /**
   * Waits until status shows no problem on any source (running, in the catalogue too, nothing
   * left to read or replay), then compares each source's tables with their targets and its log
   * with what its workload committed.
   */
  private void assertRecoveredWithEveryChangeOnce() throws Exception {
    awaitStatus(s -> s.state() == SourceState.RUNNING && s.catalogueStatus().equals("running"), "running again");
    for (Source source : sources) {
      ReplicationSupport.awaitReplayed(manager, source.name(), WAIT);
    }
    awaitStatus(s -> s.state() == SourceState.RUNNING && s.catalogueStatus().equals("running")
        && s.readLagMillis() == 0 && s.replayLagMillis() == 0 && s.batchesPending() == 0, "no lag and nothing pending");
    for (int i = 0; i < sources.size(); i++) {
      Source source = sources.get(i);
      for (String table : RecordedWorkload.TABLES) {
        TableComparison.assertSameData(source.mysql(), table, fixture.pg.dataSource(), source.mysql().name() + "_pg", table);
      }
      audit.assertEachChangeLoggedOnce(source.name(), source.mysql().name(), workloads.get(i).committed());
    }
  }

  private void awaitStatus(Predicate<SourceStatus> condition, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (Source source : sources) {
      SourceStatus status = manager.status(source.name());
      while (!condition.test(status)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("status of " + source.name() + " never showed " + what + "; last: " + status);
        }
        Thread.sleep(100);
        status = manager.status(source.name());
      }
    }
  }

  private void assertStatus(Predicate<SourceStatus> condition, String what) {
    for (Source source : sources) {
      SourceStatus status = manager.status(source.name());
      assertThat(condition.test(status)).as("status of %s shows %s: %s", source.name(), what, status).isTrue();
    }
  }
}
