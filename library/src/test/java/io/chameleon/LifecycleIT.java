package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A source started and stopped a hundred times, with changes flowing in between, leaks no
 * thread and no connection, and loses no change; stopping leaves no dump thread on the server.
 */
class LifecycleIT {

  @Test
  void aHundredStartStopCyclesLeakNothing() throws Exception {
    try (CaptureFixture fixture = CaptureFixture.create("cycles")) {
      fixture.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      fixture.manager.addSource(fixture.source("shop").build());
      // one cycle first, so pools and caches that live for the manager's lifetime exist
      fixture.manager.startReplica("shop");
      fixture.manager.stopReplica("shop");
      List<String> threadsBefore = chameleonThreads();
      long connectionsBefore = connections(fixture);

      for (int cycle = 0; cycle < 100; cycle++) {
        fixture.manager.startReplica("shop");
        fixture.mysql.execute("INSERT INTO t VALUES (" + cycle + ")");
        if (cycle % 10 == 0) {
          fixture.awaitCaughtUp("shop", Duration.ofSeconds(30));
        }
        fixture.manager.stopReplica("shop");
      }
      fixture.manager.startReplica("shop");
      fixture.awaitCaughtUp("shop", Duration.ofSeconds(30));
      fixture.manager.stopReplica("shop");

      assertThat(fixture.logRows()).hasSize(100);
      assertThat(chameleonThreads()).isEqualTo(threadsBefore);
      assertThat(connections(fixture)).isEqualTo(connectionsBefore);
    }
  }

  @Test
  void stoppingEndsTheServersBinlogDumpThread() throws Exception {
    try (CaptureFixture fixture = CaptureFixture.create("dump")) {
      // heartbeats every 30 s: left alone, the server would notice the closed connection only then
      fixture.manager.addSource(fixture.source("shop").heartbeatInterval(Duration.ofSeconds(30)).build());
      Set<Long> before = dumpThreads(fixture);
      fixture.manager.startReplica("shop");
      fixture.manager.pauseReplay("shop"); // the schema has no target: replaying would stop the source
      fixture.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
      fixture.awaitCaughtUp("shop", Duration.ofSeconds(30)); // so the reader is reading
      Set<Long> ours = new HashSet<>(dumpThreads(fixture));
      ours.removeAll(before);
      assertThat(ours).as("the reader's dump thread on the server").hasSize(1);

      fixture.manager.stopReplica("shop");

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!Collections.disjoint(dumpThreads(fixture), ours) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(dumpThreads(fixture)).as("dump threads after stopReplica").doesNotContainAnyElementsOf(ours);
    }
  }

  private static Set<Long> dumpThreads(CaptureFixture fixture) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT id FROM information_schema.processlist WHERE command LIKE 'Binlog Dump%'")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  /** The library's live threads by name, sorted: two threads of one name count twice. */
  private static List<String> chameleonThreads() throws InterruptedException {
    Thread.sleep(200); // let stopped threads finish exiting
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("chameleon-"))
        .sorted()
        .toList();
  }

  /** Client connections to the catalogue database (autovacuum workers show there too, and come and go). */
  private static long connections(CaptureFixture fixture) throws Exception {
    return fixture.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
  }
}
