package io.chameleon.examples;

import io.chameleon.DryRunResult;
import io.chameleon.SchemaUpgrader;
import io.chameleon.UpgradeInfo;
import io.chameleon.UpgradeResult;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Upgrades a catalogue left by pg_chameleon 1.2, with unreplayed events of two sources spread
 * over the shared log tables, to this library's catalogue version, and shows where every event
 * went.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java
 * -Dexample=io.chameleon.examples.UpgradeLegacyCatalogue}
 */
public final class UpgradeLegacyCatalogue {

  private UpgradeLegacyCatalogue() {}

  public static void main(String[] args) throws Exception {
    PostgresDatabase database = Sandbox.get().postgres().createDatabase("legacy_catalogue");
    DataSource dataSource = database.dataSource();
    System.out.println("PostgreSQL database: " + database.jdbcUrl());

    createLegacyCatalogue(dataSource);
    printLogTables(dataSource, "Before the upgrade");

    SchemaUpgrader upgrader =
        SchemaUpgrader.builder()
            .dataSource(dataSource)
            .listener(p -> System.out.printf("  [%s %s] %s%n", p.version(), p.stage(), p.message()))
            .build();

    UpgradeInfo info = upgrader.info();
    System.out.printf("%nCatalogue version %s, library expects %s, pending: %s%n",
        info.currentVersion().orElse("none"), info.libraryVersion(),
        info.pending().stream().map(m -> m.version() + " " + m.description()).toList());
    DryRunResult dryRun = upgrader.dryRun();
    System.out.printf("Dry run: %d scripts, %d lines of SQL would run%n",
        dryRun.migrations().size(), dryRun.sql().lines().count());

    System.out.println("\nUpgrading:");
    UpgradeResult result = upgrader.upgrade();
    System.out.printf("%nUpgraded from %s to %s in %d ms:%n",
        result.fromVersion().orElse("none"), result.toVersion(), result.totalTime().toMillis());
    result.applied().forEach(a ->
        System.out.printf("  %-6s %-40s %5d ms%n", a.version(), a.script(), a.executionTime().toMillis()));

    printLogTables(dataSource, "After the upgrade");
    System.out.println("\nValidation: " + (upgrader.validate().valid() ? "every applied script matches" : upgrader.validate().problems()));
    System.exit(0); // the sandbox's embedded servers stop in a shutdown hook
  }

  /** The 1.2 layout exactly as pg_chameleon 1.2 created it (no upgrade history), with data. */
  private static void createLegacyCatalogue(DataSource dataSource) throws SQLException, IOException {
    String layout;
    try (InputStream in = SchemaUpgrader.class.getResourceAsStream(
        "/io/chameleon/migrations/V1.2__catalogue_of_pg_chameleon_1_2.sql")) {
      layout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(layout);
      statement.execute("INSERT INTO sch_chameleon.t_sources (t_source, t_dest_schema)"
          + " VALUES ('shop', 'shop_pg'), ('billing', 'billing_pg')");
      statement.execute("INSERT INTO sch_chameleon.t_replica_batch"
          + " (i_id_source, t_binlog_name, i_binlog_position, b_started, b_processed, v_log_table)"
          + " SELECT i_id_source, 'mysql-bin.000001', pos, true, true, tab FROM sch_chameleon.t_sources,"
          + " (VALUES (100, 't_log_replica_1'), (200, 't_log_replica_2')) AS b (pos, tab)");
      statement.execute("INSERT INTO sch_chameleon.t_log_replica_1 (i_id_batch, v_table_name, v_schema_name,"
          + " enm_binlog_event, t_binlog_name, i_binlog_position, jsb_event_data)"
          + " SELECT b.i_id_batch, 'orders', s.t_source, 'insert', b.t_binlog_name, b.i_binlog_position + n,"
          + " jsonb_build_object('id', n, 'source', s.t_source)"
          + " FROM sch_chameleon.t_replica_batch b JOIN sch_chameleon.t_sources s USING (i_id_source),"
          + " generate_series(1, 1000) AS n WHERE b.v_log_table = 't_log_replica_1'");
      statement.execute("INSERT INTO sch_chameleon.t_log_replica_2 (i_id_batch, v_table_name, v_schema_name,"
          + " enm_binlog_event, t_binlog_name, i_binlog_position, jsb_event_data)"
          + " SELECT b.i_id_batch, 'orders', s.t_source, 'update', b.t_binlog_name, b.i_binlog_position + n,"
          + " jsonb_build_object('id', n, 'source', s.t_source)"
          + " FROM sch_chameleon.t_replica_batch b JOIN sch_chameleon.t_sources s USING (i_id_source),"
          + " generate_series(1, 500) AS n WHERE b.v_log_table = 't_log_replica_2'");
    }
  }

  private static void printLogTables(DataSource dataSource, String title) throws SQLException {
    System.out.println("\n" + title + ", unreplayed events per log table:");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT l.tableoid::regclass::text, s.t_source, count(*)"
                + " FROM sch_chameleon.t_log_replica l"
                + " JOIN sch_chameleon.t_replica_batch b USING (i_id_batch)"
                + " JOIN sch_chameleon.t_sources s USING (i_id_source)"
                + " GROUP BY 1, 2 ORDER BY 1, 2")) {
      while (rows.next()) {
        System.out.printf("  %-45s source %-8s %6d events%n", rows.getString(1), rows.getString(2), rows.getLong(3));
      }
    }
  }
}
