package io.chameleon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fresh MariaDB database, a fresh PostgreSQL database with the catalogue, and a manager on
 * it: what each capture test starts from.
 */
final class CaptureFixture implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SERVER_IDS = new AtomicLong(1000 + ThreadLocalRandom.current().nextInt(100_000));

  final SourceDatabase mysql;
  final PostgresDatabase pg;
  final ReplicaManager manager;

  /** One log row as the tests compare it. */
  record LogRow(String kind, String schema, String table, JsonNode data, JsonNode before, String file,
      long position, long batchId, String query) {}

  private CaptureFixture(SourceDatabase mysql, PostgresDatabase pg) {
    this.mysql = mysql;
    this.pg = pg;
    this.manager = ReplicaManager.builder().dataSource(pg.dataSource()).instanceName("test").build();
  }

  static CaptureFixture create(String hint) throws SQLException {
    Sandbox sandbox = Sandbox.get();
    CaptureFixture fixture = new CaptureFixture(sandbox.source().createDatabase(hint), sandbox.postgres().createDatabase(hint));
    fixture.manager.createReplicaSchema();
    return fixture;
  }

  static long nextServerId() {
    return SERVER_IDS.incrementAndGet();
  }

  /** A source on this fixture's MariaDB database with short waits, for tests. */
  SourceConfig.Builder source(String name) {
    return source(name, mysql.name());
  }

  static SourceConfig.Builder source(String name, String mysqlSchema) {
    SourceServer server = Sandbox.get().source();
    return SourceConfig.builder(name)
        .mysql(server.host(), server.port())
        .credentials(server.user(), server.password())
        .serverId(nextServerId())
        .mapSchema(mysqlSchema, mysqlSchema + "_pg")
        .batchMaxWait(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ofSeconds(1));
  }

  /** Where the source server's binlog ends now. */
  static BinlogPosition masterPosition() throws SQLException {
    try (Connection connection = Sandbox.get().source().openConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW MASTER STATUS")) {
      rows.next();
      return new BinlogPosition(rows.getString(1), rows.getLong(2));
    }
  }

  /** Waits until the source's committed read position reaches the server's binlog end. */
  void awaitCaughtUp(String source, Duration timeout) throws Exception {
    awaitCaughtUp(manager, source, timeout);
  }

  static void awaitCaughtUp(ReplicaManager manager, String source, Duration timeout) throws Exception {
    BinlogPosition target = masterPosition();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      SourceStatus status = manager.status(source);
      BinlogPosition read = status.readPosition().orElse(null);
      if (read != null && (read.file().compareTo(target.file()) > 0
          || (read.file().equals(target.file()) && read.position() >= target.position()))) {
        return;
      }
      if (status.state() == SourceState.FAILED) {
        throw new AssertionError("source " + source + " failed: " + status.lastError().orElse("?"));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("source " + source + " did not reach " + target + " within " + timeout
            + "; it is at " + read + ", state " + status.state() + ", last error " + status.lastError().orElse("none"));
      }
      Thread.sleep(50);
    }
  }

  static void awaitState(ReplicaManager manager, String source, SourceState state, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (manager.status(source).state() != state) {
      if (System.nanoTime() > deadline) {
        SourceStatus status = manager.status(source);
        throw new AssertionError("source " + source + " is " + status.state() + ", not " + state
            + "; last error " + status.lastError().orElse("none"));
      }
      Thread.sleep(50);
    }
  }

  /** Every log row of every source, in event order. */
  List<LogRow> logRows() throws Exception {
    return logRows(pg, "sch_chameleon.t_log_replica");
  }

  static List<LogRow> logRows(PostgresDatabase pg, String table) throws Exception {
    List<LogRow> rows = new ArrayList<>();
    try (Connection connection = pg.openConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT enm_binlog_event::text, v_schema_name, v_table_name, jsb_event_data::text, jsb_event_update::text,"
                + " t_binlog_name, i_binlog_position, i_id_batch, t_query FROM " + table + " ORDER BY i_id_event")) {
      while (result.next()) {
        rows.add(new LogRow(result.getString(1), result.getString(2), result.getString(3),
            json(result.getString(4)), json(result.getString(5)), result.getString(6), result.getLong(7),
            result.getLong(8), result.getString(9)));
      }
    }
    return rows;
  }

  static JsonNode json(String text) throws Exception {
    return text == null ? null : JSON.readTree(text);
  }

  long queryLong(String sql) throws SQLException {
    try (Connection connection = pg.openConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  String queryString(String sql) throws SQLException {
    try (Connection connection = pg.openConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
