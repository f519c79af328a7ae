package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The replicating JVM is SIGKILLed 20 times under a randomised workload: during the initial
 * copy, at random points while it streams, replays and rotates its log tables (small batches
 * make it rotate every few seconds), and during {@code syncTables}; after the last restart the
 * targets converge to the source.
 */
class ReplicationCrashIT {

  @Test
  void targetsConvergeAfterTwentyKillsAcrossCopyStreamingReplayRotationAndSync() throws Exception {
    try (CaptureFixture fixture = CaptureFixture.create("e2e_crash")) {
      ReplicationIT.createShop(fixture);
      // enough rows that the first kill lands inside the initial copy
      fixture.mysql.execute("CREATE TABLE bulk (id INT PRIMARY KEY, pad VARCHAR(200))",
          "INSERT INTO bulk SELECT seq, REPEAT('x', 200) FROM seq_1_to_300000");
      long serverId = CaptureFixture.nextServerId();
      Path output = Files.createTempFile("replication-child", ".log");
      Random random = new Random(5);
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = null;
      try {
        // kill 1: inside the initial copy
        Process child = startChild(fixture, serverId, output, Map.of());
        awaitOutput(output, "child copying", Duration.ofSeconds(60));
        Thread.sleep(700);
        child.destroyForcibly().waitFor();
        writer = ReplicationIT.workload(fixture, stop, 23);
        // kills 2..13: while streaming, replaying and rotating, at random points
        for (int kill = 0; kill < 12; kill++) {
          child = startChild(fixture, serverId, output, Map.of());
          Thread.sleep(1500 + random.nextInt(3500));
          child.destroyForcibly().waitFor();
        }
        // kills 14..20: during syncTables of a large table and of one the workload writes
        String schema = fixture.mysql.name();
        for (int kill = 0; kill < 7; kill++) {
          long syncsBefore = occurrences(output, "child syncing");
          child = startChild(fixture, serverId, output, Map.of("CHILD_SYNC_TABLES", schema + ".bulk," + schema + ".orders"));
          awaitOccurrences(output, "child syncing", syncsBefore + 1 + random.nextInt(2), Duration.ofSeconds(90));
          Thread.sleep(random.nextInt(1500));
          child.destroyForcibly().waitFor();
        }
        stop.set(true);
        writer.join();
        Process last = startChild(fixture, serverId, output, Map.of());
        try {
          ReplicationSupport.awaitReplayed(fixture, "crash", Duration.ofSeconds(180));
        } finally {
          last.destroyForcibly().waitFor();
        }
      } finally {
        stop.set(true);
        if (writer != null) {
          writer.join();
        }
      }
      assertThat(fixture.queryLong("SELECT max(i_id_batch) - count(*) FROM sch_chameleon.t_replica_batch"))
          .as("batches deleted by rotations of the log tables (a rotation deletes 8 or more)").isGreaterThanOrEqualTo(8);
      String pgSchema = fixture.mysql.name() + "_pg";
      for (String table : List.of("customers", "orders", "order_lines", "events_log", "kinds", "bulk")) {
        TableComparison.assertSameData(fixture.mysql, table, fixture.pg.dataSource(), pgSchema, table);
      }
    }
  }

  private static void awaitOutput(Path output, String line, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.readString(output).contains(line)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child never printed '" + line + "': " + Files.readString(output));
      }
      Thread.sleep(50);
    }
  }

  private static long occurrences(Path output, String text) throws Exception {
    return Files.readString(output).lines().filter(l -> l.contains(text)).count();
  }

  private static void awaitOccurrences(Path output, String text, long count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (occurrences(output, text) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child printed '" + text + "' " + occurrences(output, text) + " times, not "
            + count + ": " + Files.readString(output));
      }
      Thread.sleep(20);
    }
  }

  private static Process startChild(CaptureFixture fixture, long serverId, Path output, Map<String, String> env)
      throws Exception {
    return ChildProcesses.start(ReplicationChild.class, fixture, "crash", serverId, output, env);
  }
}
