package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * What the JMX and metrics tests start from: a fresh MariaDB database with an {@code orders}
 * table, a fresh PostgreSQL database with the catalogue and a hand-made target for it (as if
 * copied), and a manager built with the options a test needs. The manager's data source
 * records which threads took connections, so a test can show that reading attributes and
 * meters runs no SQL.
 */
final class MonitoringFixture implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(60);

  final SourceDatabase mysql;
  final PostgresDatabase pg;
  final String pgSchema;
  /** Names of the threads that took a connection from the manager's data source. */
  final Set<String> connectionThreads = ConcurrentHashMap.newKeySet();
  final DataSource dataSource;
  ReplicaManager manager;

  private MonitoringFixture(SourceDatabase mysql, PostgresDatabase pg) {
    this.mysql = mysql;
    this.pg = pg;
    this.pgSchema = mysql.name() + "_pg";
    this.dataSource = recording(pg.dataSource(), connectionThreads);
  }

  /** Databases with the {@code orders} table on both sides; no manager yet. */
  static MonitoringFixture create(String hint) throws SQLException {
    Sandbox sandbox = Sandbox.get();
    MonitoringFixture fixture = new MonitoringFixture(sandbox.source().createDatabase(hint),
        sandbox.postgres().createDatabase(hint));
    fixture.mysql.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40), amount DECIMAL(10,2))");
    fixture.pg.execute("CREATE SCHEMA " + fixture.pgSchema,
        "CREATE TABLE " + fixture.pgSchema + ".orders (id integer PRIMARY KEY, note varchar(40), amount numeric(10,2))");
    return fixture;
  }

  /** Builds the manager on the recording data source and creates the catalogue. */
  ReplicaManager manager(String instance, UnaryOperator<ReplicaManager.Builder> options) {
    manager = options.apply(ReplicaManager.builder().dataSource(dataSource).instanceName(instance)).build();
    manager.createReplicaSchema();
    return manager;
  }

  SourceConfig.Builder source(String name) {
    return CaptureFixture.source(name, mysql.name());
  }

  /** Adds the source and registers {@code orders} as its copied table; does not start it. */
  void addSource(SourceConfig config) throws SQLException {
    manager.addSource(config);
    try (Connection connection = pg.openConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO sch_chameleon.t_replica_tables (i_id_source, v_schema_name, v_table_name, v_schema_name_pg,"
                + " v_table_name_pg, v_table_pkey) SELECT i_id_source, ?, 'orders', ?, 'orders', ARRAY['id']::varchar[]"
                + " FROM sch_chameleon.t_sources WHERE t_source = ?")) {
      insert.setString(1, mysql.name());
      insert.setString(2, pgSchema);
      insert.setString(3, config.name());
      insert.executeUpdate();
    }
  }

  /** Waits until everything the source server has written is read and replayed. */
  void awaitReplayed(String source) throws Exception {
    CaptureFixture.awaitCaughtUp(manager, source, WAIT);
    await("source " + source + " has no batch pending in the catalogue", () -> pendingBatches(source) == 0);
  }

  static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  String catalogueStatus(String source) throws SQLException {
    return pgString("SELECT enm_status::text FROM sch_chameleon.t_sources WHERE t_source = '" + source + "'");
  }

  long pendingBatches(String source) throws SQLException {
    return pgLong("SELECT count(*) FROM sch_chameleon.t_replica_batch b JOIN sch_chameleon.t_sources s USING (i_id_source)"
        + " WHERE s.t_source = '" + source + "' AND b.b_processed AND NOT b.b_replayed");
  }

  long pgLong(String sql) throws SQLException {
    return Long.parseLong(pgString(sql));
  }

  String pgString(String sql) throws SQLException {
    try (Connection connection = pg.openConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  void assertTargetEqualsSource() throws SQLException {
    List<String> source;
    try (Connection connection = mysql.openConnection()) {
      source = rows(connection, "SELECT * FROM orders ORDER BY id");
    }
    try (Connection connection = pg.openConnection()) {
      assertThat(rows(connection, "SELECT * FROM " + pgSchema + ".orders ORDER BY id")).containsExactlyElementsOf(source);
    }
  }

  List<String> targetRows() throws SQLException {
    try (Connection connection = pg.openConnection()) {
      return rows(connection, "SELECT * FROM " + pgSchema + ".orders ORDER BY id");
    }
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static DataSource recording(DataSource target, Set<String> threads) {
    return (DataSource) Proxy.newProxyInstance(MonitoringFixture.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            threads.add(Thread.currentThread().getName());
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
