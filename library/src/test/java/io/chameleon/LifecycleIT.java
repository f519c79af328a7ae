package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A source started and stopped a hundred times, with changes flowing in between, leaks no
 * thread and no connection, and loses no change.
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

  private static long connections(CaptureFixture fixture) throws Exception {
    return fixture.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND pid <> pg_backend_pid()");
  }
}
