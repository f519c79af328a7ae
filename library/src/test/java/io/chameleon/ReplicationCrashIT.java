package io.chameleon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The replicating JVM is SIGKILLed during the initial copy, during streaming and during
 * replay, again and again under a randomised workload; after the last restart the targets
 * converge to the source.
 */
class ReplicationCrashIT {

  @Test
  void targetsConvergeAfterRepeatedKillsAcrossCopyStreamingAndReplay() throws Exception {
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
        Process child = startChild(fixture, serverId, output);
        awaitOutput(output, "child copying", Duration.ofSeconds(60));
        Thread.sleep(700);
        child.destroyForcibly().waitFor();
        writer = ReplicationIT.workload(fixture, stop, 23);
        // kills 2..6: while streaming and replaying, at random points
        for (int kill = 0; kill < 5; kill++) {
          child = startChild(fixture, serverId, output);
          Thread.sleep(2000 + random.nextInt(4000));
          child.destroyForcibly().waitFor();
        }
        stop.set(true);
        writer.join();
        Process last = startChild(fixture, serverId, output);
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

  private static Process startChild(CaptureFixture fixture, long serverId, Path output) throws Exception {
    return ChildProcesses.start(ReplicationChild.class, fixture, "crash", serverId, output, Map.of());
  }
}
