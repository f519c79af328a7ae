package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Four sources under a steady mixed load for {@code chameleon.endurance.minutes} (30 by
 * default): heap, thread count and log table sizes are sampled once a minute and must stay
 * flat; at the end the targets equal the sources. Runs only in the {@code endurance} profile:
 * {@code mvn -B -Pendurance -pl library -am verify -Dit.test=EnduranceIT -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
class EnduranceIT {

  private static final int SOURCES = 4;

  /** One minute's sample. */
  record Sample(int minute, long heapBytes, long threads, long logBytes) {}

  @Test
  void fourSourcesStayFlatUnderSteadyLoad() throws Exception {
    int minutes = Integer.getInteger("chameleon.endurance.minutes", 30);
    try (CaptureFixture fixture = CaptureFixture.create("endurance")) {
      List<SourceDatabase> databases = new ArrayList<>();
      for (int i = 0; i < SOURCES; i++) {
        SourceDatabase db = i == 0 ? fixture.mysql : Sandbox.get().source().createDatabase("endurance");
        databases.add(db);
        db.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT, note VARCHAR(40))");
        String pgSchema = db.name() + "_pg";
        fixture.pg.execute("CREATE SCHEMA " + pgSchema,
            "CREATE TABLE " + pgSchema + ".t (id integer PRIMARY KEY, v integer, note varchar(40))");
        String name = "s" + i;
        fixture.manager.addSource(CaptureFixture.source(name, db.name()).build());
        fixture.pg.execute("INSERT INTO sch_chameleon.t_replica_tables (i_id_source, v_schema_name, v_table_name,"
            + " v_schema_name_pg, v_table_name_pg, v_table_pkey) SELECT i_id_source, '" + db.name() + "', 't', '"
            + pgSchema + "', 't', ARRAY['id'] FROM sch_chameleon.t_sources WHERE t_source = '" + name + "'");
        fixture.manager.startReplica(name);
      }
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (SourceDatabase db : databases) {
        writers.add(writer(db, stop));
      }
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      List<Sample> samples = new ArrayList<>();
      try {
        for (int minute = 1; minute <= minutes; minute++) {
          Thread.sleep(60_000);
          System.gc();
          long logBytes = 0;
          for (int i = 0; i < SOURCES; i++) {
            logBytes += fixture.manager.status("s" + i).logTableBytes().values().stream().mapToLong(Long::longValue).sum();
          }
          Sample sample = new Sample(minute, memory.getHeapMemoryUsage().getUsed(),
              Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("chameleon-")).count(),
              logBytes);
          samples.add(sample);
          System.out.println("endurance " + sample);
        }
      } finally {
        stop.set(true);
        for (Thread writer : writers) {
          writer.join();
        }
      }
      for (int i = 0; i < SOURCES; i++) {
        ReplicationSupport.awaitReplayed(fixture, "s" + i, Duration.ofSeconds(120));
        SourceDatabase db = databases.get(i);
        assertThat(rows(fixture.pg.openConnection(), "SELECT id, v, note FROM " + db.name() + "_pg.t ORDER BY id"))
            .containsExactlyElementsOf(rows(db.openConnection(), "SELECT id, v, note FROM t ORDER BY id"));
      }
      Sample first = samples.get(0);
      for (Sample sample : samples) {
        assertThat(sample.threads()).as("threads at minute %d", sample.minute()).isEqualTo(first.threads());
        assertThat(sample.heapBytes()).as("heap at minute %d", sample.minute()).isLessThan(first.heapBytes() * 2 + (64 << 20));
        assertThat(sample.logBytes()).as("log tables at minute %d", sample.minute()).isLessThan(64L << 20);
      }
    }
  }

  private static Thread writer(SourceDatabase db, AtomicBoolean stop) {
    Thread thread = new Thread(() -> {
      Random random = new Random(db.name().hashCode());
      try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
        int next = 0;
        while (!stop.get()) {
          int id = random.nextInt(next + 1);
          switch (random.nextInt(4)) {
            case 0, 1 -> statement.execute("INSERT INTO t VALUES (" + next++ + ", 0, 'new')");
            case 2 -> statement.execute("UPDATE t SET v = v + 1, note = 'updated' WHERE id = " + id);
            default -> statement.execute("DELETE FROM t WHERE id = " + id);
          }
          Thread.sleep(5);
        }
      } catch (Exception e) {
        throw new IllegalStateException("writer of " + db.name() + " failed", e);
      }
    }, "endurance-" + db.name());
    thread.start();
    return thread;
  }

  private static List<String> rows(Connection connection, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (connection; Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getInt(1) + "|" + result.getInt(2) + "|" + result.getString(3));
      }
    }
    return rows;
  }
}
