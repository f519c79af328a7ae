package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.ChildProcesses.ChildSource;
import io.chameleon.RecordedWorkload.Change;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The replicating JVM, one manager with two sources under a steady mixed workload, is SIGKILLed
 * 20 times: during the initial copies, at random points while it streams, replays and rotates its
 * log tables (small batches make them rotate every few seconds), and during {@code syncTables}
 * on either source. After the last restart both sources' targets equal their tables, and the log
 * audit ({@link LogAudit}) holds every change committed after each source's copy snapshot
 * exactly once, in commit order, in batches neither duplicated nor missing.
 */
class ReplicationCrashIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  /** For the last start to read and replay the backlog: 10 to 100 s here, the longer on a busy machine. */
  private static final Duration CATCH_UP = Duration.ofSeconds(300);

  /**
   * One replicated MariaDB database.
   *
   * @param tables every table it holds, compared with its target at the end
   */
  private record Source(String name, SourceDatabase mysql, long serverId, List<String> tables) {}

  @Test
  void bothSourcesConvergeWithEveryChangeLoggedOnceAfterTwentyKillsAcrossCopyStreamingReplayRotationAndSync()
      throws Exception {
    try (CaptureFixture fixture = CaptureFixture.create("e2e_crash")) {
      ReplicationIT.createShop(fixture);
      List<Source> sources = List.of(
          new Source("first", fixture.mysql, CaptureFixture.nextServerId(),
              List.of("customers", "orders", "order_lines", "events_log", "kinds", "bulk", "t", "u")),
          new Source("second", Sandbox.get().source().createDatabase("e2e_crash"), CaptureFixture.nextServerId(),
              List.of("bulk", "t", "u")));
      for (Source source : sources) {
        RecordedWorkload.createTables(source.mysql());
        // enough rows that the first kill lands inside the initial copies
        source.mysql().execute("CREATE TABLE bulk (id INT PRIMARY KEY, pad VARCHAR(200))",
            "INSERT INTO bulk SELECT seq, REPEAT('x', 200) FROM seq_1_to_300000");
        // registered here, with its log tables, so that the audit is on them before the first batch
        fixture.manager.addSource(CaptureFixture.source(source.name(), source.mysql().name()).build());
      }
      LogAudit audit = LogAudit.install(fixture.pg);
      List<ChildSource> children = sources.stream()
          .map(s -> new ChildSource(s.name(), s.mysql().name(), s.serverId())).toList();
      Path output = Files.createTempFile("replication-child", ".log");
      Random random = new Random(5);
      AtomicBoolean stop = new AtomicBoolean();
      Thread shop = null;
      List<RecordedWorkload> workloads = new ArrayList<>();
      try {
        // from before the first copy to the end: the shop's workload on the first source (types, key
        // changes, 300-row transactions), and on each source a recorded one for the audit
        shop = ReplicationIT.workload(fixture, stop, 23, Duration.ofMillis(25));
        for (int i = 0; i < sources.size(); i++) {
          workloads.add(RecordedWorkload.start(sources.get(i).mysql(), 3 + i));
        }

        // kill 1: inside both initial copies (the next start copies again)
        Process child = startChild(fixture, children, output, Map.of());
        awaitOccurrences(output, "child copying", sources.size());
        Thread.sleep(700);
        kill(child, output);
        assertThat(sources).as("sources whose copy the first kill cut short")
            .allMatch(s -> fixture.manager.status(s.name()).catalogueStatus().equals("initialising"));

        // kills 2..13: at random points while streaming, replaying and rotating (just after a start,
        // the backlog the workloads wrote meanwhile)
        for (int kill = 0; kill < 12; kill++) {
          long started = occurrences(output, "child replicating");
          child = startChild(fixture, children, output, Map.of());
          awaitOccurrences(output, "child replicating", started + sources.size());
          Thread.sleep(random.nextInt(4000));
          kill(child, output);
        }

        // kills 14..20: during syncTables of a large table or of one the shop's workload writes, on
        // either source (each child starts its round of syncs one table further)
        List<String> syncs = new ArrayList<>(List.of(fixture.mysql.name() + ".bulk", fixture.mysql.name() + ".orders",
            sources.get(1).mysql().name() + ".bulk"));
        for (int kill = 0; kill < 7; kill++) {
          long syncsBefore = occurrences(output, "child syncing");
          child = startChild(fixture, children, output, Map.of("CHILD_SYNC_TABLES", String.join(",", syncs)));
          awaitOccurrences(output, "child syncing", syncsBefore + 1 + random.nextInt(2));
          Thread.sleep(random.nextInt(1500));
          kill(child, output);
          Collections.rotate(syncs, -1);
        }
        for (Source source : sources) {
          // batch ids are taken ahead and each restart leaves a gap: count what the audit saw go
          assertThat(audit.batchesDeleted(source.name()))
              .as("batches of %s deleted by rotations of its log tables while the kills went on"
                  + " (a rotation deletes 8 or more)", source.name())
              .isGreaterThanOrEqualTo(8);
        }

        assertThat(shop.isAlive()).as("the shop's workload, running to the end").isTrue();
        stop.set(true);
        shop.join();
        for (RecordedWorkload workload : workloads) {
          workload.close();
        }
        Process last = startChild(fixture, children, output, Map.of());
        try {
          for (Source source : sources) {
            ReplicationSupport.awaitReplayed(fixture, source.name(), CATCH_UP);
          }
        } finally {
          last.destroyForcibly().waitFor();
        }
      } finally {
        stop.set(true);
        if (shop != null) {
          shop.join();
        }
        for (RecordedWorkload workload : workloads) {
          workload.close();
        }
      }

      for (int i = 0; i < sources.size(); i++) {
        Source source = sources.get(i);
        for (String table : source.tables()) {
          TableComparison.assertSameData(source.mysql(), table, fixture.pg.dataSource(), source.mysql().name() + "_pg",
              table);
        }
        List<Change> afterCopy = workloads.get(i).committedAfter(copySnapshot(fixture, source));
        assertThat(afterCopy).as("changes to %s after its copy's snapshot, of all its workload committed", source.name())
            .hasSizeLessThan(workloads.get(i).committed().size());
        audit.assertEachChangeLoggedOnce(source.name(), source.mysql().name(), afterCopy);
      }
    }
  }

  /**
   * Where the source's log begins, as a GTID position: at the snapshot of its last initial copy,
   * which {@code t_replica_tables} keeps for a table no {@code syncTables} copied again.
   */
  private static String copySnapshot(CaptureFixture fixture, Source source) throws SQLException {
    String table = RecordedWorkload.TABLES.get(0);
    String file;
    long position;
    try (Connection connection = fixture.pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT r.t_binlog_name, r.i_binlog_position FROM sch_chameleon.t_replica_tables r"
                + " JOIN sch_chameleon.t_sources s USING (i_id_source) WHERE s.t_source = ? AND r.v_table_name = ?")) {
      statement.setString(1, source.name());
      statement.setString(2, table);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).as("the copy of %s's table %s in t_replica_tables", source.name(), table).isTrue();
        file = row.getString(1);
        position = row.getLong(2);
      }
    }
    try (Connection connection = source.mysql().openConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
      statement.setString(1, file);
      statement.setLong(2, position);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        String gtids = row.getString(1);
        assertThat(gtids).as("the GTID position at %s's snapshot %s:%d", source.name(), file, position).isNotNull();
        return gtids;
      }
    }
  }

  /** SIGKILL; the child must still be running, not have died of a failure of its own. */
  private static void kill(Process child, Path output) throws Exception {
    assertThat(child.isAlive()).as("the child is running when killed; its output: %s", Files.readString(output))
        .isTrue();
    child.destroyForcibly().waitFor();
  }

  private static long occurrences(Path output, String text) throws Exception {
    return Files.readString(output).lines().filter(l -> l.contains(text)).count();
  }

  private static void awaitOccurrences(Path output, String text, long count) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (occurrences(output, text) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child printed '" + text + "' " + occurrences(output, text) + " times, not "
            + count + ": " + Files.readString(output));
      }
      Thread.sleep(20);
    }
  }

  private static Process startChild(CaptureFixture fixture, List<ChildSource> sources, Path output,
      Map<String, String> env) throws Exception {
    return ChildProcesses.start(ReplicationChild.class, fixture, sources, output, env);
  }
}
