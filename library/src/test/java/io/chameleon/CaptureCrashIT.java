package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.CaptureFixture.LogRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A child JVM streams a steady workload into the log tables and is killed with SIGKILL at
 * random points, then restarted; at the end the log must hold every change exactly once, in
 * the order the source committed them.
 */
class CaptureCrashIT {

  private static final int KILLS = 6;

  /** One change as the workload made it. */
  record Change(String kind, int id, int value) {}

  @Test
  void everyChangeIsLoggedExactlyOnceAcrossRepeatedKills() throws Exception {
    try (CaptureFixture fixture = CaptureFixture.create("crash")) {
      fixture.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      long serverId = CaptureFixture.nextServerId();
      List<Change> made = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      Thread workload = new Thread(() -> runWorkload(fixture, made, stop), "crash-workload");
      Random random = new Random(42);
      Path output = Files.createTempFile("capture-child", ".log");
      try {
        for (int kill = 0; kill < KILLS; kill++) {
          Process child = startChild(fixture, serverId, output);
          if (kill == 0) {
            awaitRunning(fixture, output); // the source's start position is saved: changes from now on count
            workload.start();
          }
          Thread.sleep(1500 + random.nextInt(2500));
          assertThat(child.isAlive()).as("child still running before kill %d; its output: %s", kill, Files.readString(output)).isTrue();
          child.destroyForcibly().waitFor(); // SIGKILL
        }
        Process last = startChild(fixture, serverId, output);
        Thread.sleep(1000);
        stop.set(true);
        workload.join();
        awaitLogged(fixture, Duration.ofSeconds(60));
        last.destroyForcibly().waitFor();
      } finally {
        stop.set(true);
        workload.join();
      }

      List<LogRow> logged = fixture.logRows();
      List<Change> fromLog = new ArrayList<>();
      for (LogRow row : logged) {
        fromLog.add(new Change(row.kind(), row.data().get("id").asInt(), row.data().get("v").asInt()));
      }
      assertThat(made).hasSizeGreaterThan(200);
      assertThat(fromLog).containsExactlyElementsOf(made);
    }
  }

  private static void runWorkload(CaptureFixture fixture, List<Change> made, AtomicBoolean stop) {
    Random random = new Random(7);
    List<Integer> live = new ArrayList<>();
    int nextId = 0;
    int nextUpdate = 0;
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      while (!stop.get()) {
        int dice = random.nextInt(10);
        if (dice < 5 || live.isEmpty()) {
          int id = nextId++;
          int v = random.nextInt(1000);
          statement.execute("INSERT INTO t VALUES (" + id + ", " + v + ")");
          live.add(id);
          made.add(new Change("insert", id, v));
        } else if (dice < 8) {
          int id = live.get(random.nextInt(live.size()));
          int v = 100_000 + nextUpdate++; // never the current value: a no-op update logs nothing
          statement.execute("UPDATE t SET v = " + v + " WHERE id = " + id);
          made.add(new Change("update", id, v));
        } else if (dice < 9) {
          int id = live.remove(random.nextInt(live.size()));
          ResultSetValue value = currentValue(statement, id);
          statement.execute("DELETE FROM t WHERE id = " + id);
          made.add(new Change("delete", id, value.v()));
        } else {
          connection.setAutoCommit(false);
          for (int i = 0; i < 30; i++) {
            int id = nextId++;
            statement.execute("INSERT INTO t VALUES (" + id + ", " + i + ")");
            live.add(id);
            made.add(new Change("insert", id, i));
          }
          connection.commit();
          connection.setAutoCommit(true);
        }
        Thread.sleep(2);
      }
    } catch (Exception e) {
      throw new IllegalStateException("workload failed", e);
    }
  }

  private record ResultSetValue(int v) {}

  private static ResultSetValue currentValue(Statement statement, int id) throws Exception {
    try (var rows = statement.executeQuery("SELECT v FROM t WHERE id = " + id)) {
      rows.next();
      return new ResultSetValue(rows.getInt(1));
    }
  }

  private static Process startChild(CaptureFixture fixture, long serverId, Path output) throws Exception {
    return ChildProcesses.start(CaptureChild.class, fixture, "crash", serverId, output, Map.of("CHILD_BATCH_EVENTS", "50"));
  }

  private static void awaitRunning(CaptureFixture fixture, Path output) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (fixture.queryLong("SELECT count(*) FROM sch_chameleon.t_sources WHERE enm_status = 'running'") == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child never started replicating; its output: " + Files.readString(output));
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the catalogue's read position (kept by the child) reaches the binlog's end. */
  private static void awaitLogged(CaptureFixture fixture, Duration timeout) throws Exception {
    BinlogPosition end = CaptureFixture.masterPosition();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Connection connection = fixture.pg.openConnection();
          Statement statement = connection.createStatement();
          var rows = statement.executeQuery("SELECT t_binlog_name, i_binlog_position FROM sch_chameleon.t_sources")) {
        rows.next();
        String file = rows.getString(1);
        long position = rows.getLong(2);
        if (file != null && (file.compareTo(end.file()) > 0 || (file.equals(end.file()) && position >= end.position()))) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the child did not log up to " + end + "; catalogue at " + file + ":" + position);
        }
      }
      Thread.sleep(100);
    }
  }
}
