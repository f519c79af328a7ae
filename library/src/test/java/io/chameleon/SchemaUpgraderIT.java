package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.internal.catalog.CatalogueLocks;
import io.chameleon.internal.upgrade.Migration;
import io.chameleon.internal.upgrade.Migrations;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaUpgraderIT {

  private static final List<String> SHIPPED_VERSIONS =
      Migrations.shipped().stream().map(m -> m.version().toString()).toList();

  private DataSource dataSource;

  @BeforeEach
  void freshDatabase() throws SQLException {
    PostgresDatabase database = Sandbox.get().postgres().createDatabase("upgrader");
    dataSource = database.dataSource();
  }

  private SchemaUpgrader upgrader() {
    return SchemaUpgrader.builder().dataSource(dataSource).build();
  }

  @Test
  void freshInstallRunsEveryMigrationOnceAndRecordsIt() throws SQLException {
    UpgradeInfo before = upgrader().info();
    assertThat(before.currentVersion()).isEmpty();
    assertThat(before.pending()).extracting(MigrationInfo::version).isEqualTo(SHIPPED_VERSIONS);

    UpgradeResult result = upgrader().upgrade();

    assertThat(result.fromVersion()).isEmpty();
    assertThat(result.toVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(result.applied()).extracting(UpgradeResult.Applied::version).isEqualTo(SHIPPED_VERSIONS);
    assertThat(queryString("SELECT t_version FROM sch_chameleon.v_version"))
        .isEqualTo(SchemaUpgrader.libraryVersion());
    UpgradeInfo after = upgrader().info();
    assertThat(after.upToDate()).isTrue();
    assertThat(after.applied()).extracting(MigrationInfo::version).isEqualTo(SHIPPED_VERSIONS);
    assertThat(after.applied()).allSatisfy(m -> assertThat(m.installedOn()).isPresent());
    assertThat(upgrader().upgrade().applied()).isEmpty();
  }

  @Test
  void freshInstallAndUpgradeFromLegacyGiveIdenticalCatalogues() throws Exception {
    upgrader().upgrade();
    execute("INSERT INTO sch_chameleon.t_sources (t_source, t_dest_schema) VALUES ('alpha', 'alpha_pg'), ('beta', 'beta_pg')",
        "SELECT sch_chameleon.fn_refresh_parts()");
    List<String> fresh = CatalogueDescription.of(dataSource);

    DataSource legacyDatabase = Sandbox.get().postgres().createDatabase("legacy").dataSource();
    LegacyCatalogue legacy = new LegacyCatalogue(legacyDatabase).create();
    legacy.addSource("alpha", "alpha_pg");
    legacy.addSource("beta", "beta_pg");
    SchemaUpgrader.builder().dataSource(legacyDatabase).build().upgrade();
    List<String> upgraded = CatalogueDescription.of(legacyDatabase);

    assertThat(fresh).hasSizeGreaterThan(50);
    assertThat(upgraded).containsExactlyElementsOf(fresh);
    // log tables are only appended to and truncated: no autovacuum (catalogue 1.7), both for those
    // fn_refresh_parts() makes and those an older catalogue had
    assertThat(fresh).filteredOn(line -> line.matches("relation t_log_replica_[12]_src_\\d+ .*"))
        .hasSize(4)
        .allMatch(line -> line.endsWith(" kind=r options=autovacuum_enabled=false"), "autovacuum off");
  }

  @Test
  void legacyEventsMoveToTheirOwnSourcesTablesWithIdsAndPayloadsKept() throws Exception {
    LegacyCatalogue legacy = new LegacyCatalogue(dataSource).create();
    long alpha = legacy.addSource("alpha", "alpha_pg");
    long beta = legacy.addSource("beta", "beta_pg");
    long alphaFirst = legacy.addBatch(alpha, "mysql-bin.000001", 100, "t_log_replica_1");
    long alphaSecond = legacy.addBatch(alpha, "mysql-bin.000001", 200, "t_log_replica_2");
    long betaFirst = legacy.addBatch(beta, "mysql-bin.000007", 100, "t_log_replica_1");
    long betaSecond = legacy.addBatch(beta, "mysql-bin.000007", 300, "t_log_replica_2");
    // interleaved, as sources sharing the tables wrote them
    List<String> alphaOne = new ArrayList<>();
    List<String> alphaTwo = new ArrayList<>();
    List<String> betaOne = new ArrayList<>();
    List<String> betaTwo = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      alphaOne.add(event(legacy, "t_log_replica_1", alphaFirst, "orders", i));
      betaOne.add(event(legacy, "t_log_replica_1", betaFirst, "items", i));
      alphaTwo.add(event(legacy, "t_log_replica_2", alphaSecond, "orders", 10 + i));
    }
    betaTwo.add(event(legacy, "t_log_replica_2", betaSecond, "items", 20));
    List<UpgradeListener.Progress> progress = Collections.synchronizedList(new ArrayList<>());

    UpgradeResult result =
        SchemaUpgrader.builder().dataSource(dataSource).listener(progress::add).build().upgrade();

    assertThat(result.fromVersion()).contains("1.2");
    assertThat(logRows("t_log_replica_1_src_" + alpha)).containsExactlyElementsOf(alphaOne);
    assertThat(logRows("t_log_replica_2_src_" + alpha)).containsExactlyElementsOf(alphaTwo);
    assertThat(logRows("t_log_replica_1_src_" + beta)).containsExactlyElementsOf(betaOne);
    assertThat(logRows("t_log_replica_2_src_" + beta)).containsExactlyElementsOf(betaTwo);
    assertThat(queryString("SELECT count(*)::text FROM sch_chameleon.t_log_replica")).isEqualTo("10");
    assertThat(queryString("SELECT coalesce(to_regclass('sch_chameleon.t_log_replica_1')::text, 'dropped')"))
        .isEqualTo("dropped");
    assertThat(queryString("SELECT array_to_string(v_log_table, ',') FROM sch_chameleon.t_sources WHERE t_source = 'beta'"))
        .isEqualTo("t_log_replica_1_src_" + beta + ",t_log_replica_2_src_" + beta);
    assertThat(progress)
        .filteredOn(p -> p.stage() == UpgradeListener.Stage.MESSAGE)
        .extracting(UpgradeListener.Progress::message)
        .contains("moved 3 events of source alpha from t_log_replica_1 to t_log_replica_1_src_" + alpha,
            "moved 1 events of source beta from t_log_replica_2 to t_log_replica_2_src_" + beta);
    UpgradeInfo info = upgrader().info();
    assertThat(info.applied().get(0).baseline()).isTrue();
    assertThat(info.applied()).extracting(MigrationInfo::version).startsWith("1.2", "1.3");
  }

  @Test
  void aFailingLaterMigrationLeavesTheLastCompletedVersionAndItsData() throws Exception {
    LegacyCatalogue legacy = new LegacyCatalogue(dataSource).create();
    long source = legacy.addSource("alpha", "alpha_pg");
    long batch = legacy.addBatch(source, "mysql-bin.000001", 4, "t_log_replica_2");
    String kept = event(legacy, "t_log_replica_2", batch, "orders", 1);
    List<Migration> withBrokenScript = new ArrayList<>(Migrations.shipped());
    withBrokenScript.add(Migration.of("V99.0__broken.sql",
        "CREATE TABLE sch_chameleon.t_half_done (i integer);\n"
            + "CREATE OR REPLACE VIEW sch_chameleon.v_version AS SELECT '99.0'::text AS t_version;\n"
            + "SELECT 1 / 0;"));
    SchemaUpgrader broken = SchemaUpgrader.builder().dataSource(dataSource).migrations(withBrokenScript).build();

    assertThatThrownBy(broken::upgrade)
        .isInstanceOf(UpgradeException.MigrationFailed.class)
        .hasMessageContaining("V99.0__broken.sql")
        .hasMessageContaining("stays at " + SchemaUpgrader.libraryVersion())
        .satisfies(e -> assertThat(((ChameleonException) e).sqlState()).contains("22012"));

    assertThat(queryString("SELECT t_version FROM sch_chameleon.v_version")).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(queryString("SELECT coalesce(to_regclass('sch_chameleon.t_half_done')::text, 'absent')")).isEqualTo("absent");
    assertThat(logRows("t_log_replica_2_src_" + source)).containsExactly(kept);
    assertThat(queryString("SELECT string_agg(v_version || ':' || b_success, ',' ORDER BY i_id_history) FROM sch_chameleon.t_schema_history"))
        .endsWith("99.0:false");
    assertThat(upgrader().info().currentVersion()).contains(SchemaUpgrader.libraryVersion());
  }

  @Test
  void twoUpgradersAtOnceApplyEachMigrationExactlyOnce() throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<UpgradeResult>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return upgrader().upgrade();
        }));
      }
      List<Integer> appliedCounts = new ArrayList<>();
      for (Future<UpgradeResult> result : results) {
        appliedCounts.add(result.get().applied().size());
      }
      assertThat(appliedCounts).containsExactlyInAnyOrder(SHIPPED_VERSIONS.size(), 0);
    } finally {
      pool.shutdownNow();
    }
    assertThat(queryString("SELECT string_agg(v_version, ',' ORDER BY i_id_history) FROM sch_chameleon.t_schema_history"))
        .isEqualTo(String.join(",", SHIPPED_VERSIONS));
  }

  @Test
  void anUpgraderThatCannotGetTheLockInTimeSaysSo() throws Exception {
    try (Connection other = dataSource.getConnection()) {
      assertThat(CatalogueLocks.tryUpgradeLock(other)).isTrue();
      SchemaUpgrader impatient =
          SchemaUpgrader.builder().dataSource(dataSource).lockTimeout(Duration.ofMillis(300)).build();
      assertThatThrownBy(impatient::upgrade)
          .isInstanceOf(UpgradeException.LockNotObtained.class)
          .hasMessageContaining("another upgrader");
    }
    assertThat(upgrader().info().currentVersion()).isEmpty();
  }

  @Test
  void upgradeIsRefusedWhileASourceIsRunning() throws Exception {
    LegacyCatalogue legacy = new LegacyCatalogue(dataSource).create();
    legacy.addSource("alpha", "alpha_pg");
    legacy.addSource("beta", "beta_pg");
    execute("UPDATE sch_chameleon.t_sources SET enm_status = 'running' WHERE t_source = 'beta'");

    assertThatThrownBy(upgrader()::upgrade)
        .isInstanceOf(UpgradeException.SourcesRunning.class)
        .hasMessageContaining("[beta]")
        .hasMessageContaining("stop every source");
    assertThat(queryString("SELECT t_version FROM sch_chameleon.v_version")).isEqualTo("1.2");

    execute("UPDATE sch_chameleon.t_sources SET enm_status = 'stopped'");
    assertThat(upgrader().upgrade().toVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
  }

  @Test
  void upgradeIsRefusedWhileAReplicaProcessHoldsTheCatalogue() throws Exception {
    try (Connection replicaProcess = dataSource.getConnection()) {
      assertThat(CatalogueLocks.trySharedUse(replicaProcess)).isTrue();
      assertThatThrownBy(upgrader()::upgrade)
          .isInstanceOf(UpgradeException.LockNotObtained.class)
          .hasMessageContaining("replica process");
      assertThat(upgrader().info().currentVersion()).isEmpty();
    }
    assertThat(upgrader().upgrade().applied()).hasSize(SHIPPED_VERSIONS.size());
  }

  @Test
  void validateDetectsAnAppliedScriptThatWasEdited() {
    upgrader().upgrade();
    assertThat(upgrader().validate().valid()).isTrue();
    List<Migration> edited = new ArrayList<>();
    for (Migration m : Migrations.shipped()) {
      edited.add(m.script().startsWith("V1.3__") ? Migration.of(m.script(), m.sql() + "\n-- edited\n") : m);
    }
    SchemaUpgrader withEdit = SchemaUpgrader.builder().dataSource(dataSource).migrations(edited).build();

    ValidateResult result = withEdit.validate();

    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).singleElement().asString()
        .contains("V1.3__log_tables_per_source.sql changed after it was applied");
    assertThatThrownBy(withEdit::upgrade).isInstanceOf(UpgradeException.ChecksumMismatch.class);
  }

  @Test
  void dryRunListsThePendingSqlAndChangesNothing() throws Exception {
    new LegacyCatalogue(dataSource).create().addSource("alpha", "alpha_pg");
    List<String> before = CatalogueDescription.of(dataSource);

    DryRunResult dryRun = upgrader().dryRun();

    assertThat(dryRun.fromVersion()).contains("1.2");
    assertThat(dryRun.toVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(dryRun.migrations()).extracting(DryRunResult.PendingScript::version)
        .isEqualTo(SHIPPED_VERSIONS.subList(1, SHIPPED_VERSIONS.size()));
    assertThat(dryRun.sql()).contains("-- V1.3__log_tables_per_source.sql", "fn_refresh_parts()");
    assertThat(CatalogueDescription.of(dataSource)).containsExactlyElementsOf(before);
  }

  @Test
  void aCatalogueNewerThanTheLibraryIsRefused() throws Exception {
    upgrader().upgrade();
    execute("INSERT INTO sch_chameleon.t_schema_history (v_version, t_description, t_script, t_checksum, t_kind, b_success)"
        + " VALUES ('99.1', 'from the future', 'V99.1__future.sql', 'x', 'migration', true)");

    assertThatThrownBy(upgrader()::upgrade)
        .isInstanceOf(UpgradeException.VersionMismatch.class)
        .hasMessageContaining("newer than this library");
    assertThat(upgrader().validate().problems()).singleElement().asString().contains("99.1");
  }

  private static String event(LegacyCatalogue legacy, String table, long batch, String sourceTable, int n)
      throws SQLException {
    String payload = "{\"id\": " + n + ", \"note\": \"row " + n + " of " + table + "\"}";
    long id = legacy.addEvent(table, batch, sourceTable, payload, 1000 + n);
    return id + "|" + batch + "|" + sourceTable + "|" + payload;
  }

  private List<String> logRows(String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT i_id_event, i_id_batch, v_table_name, jsb_event_data::text FROM ONLY sch_chameleon.\""
                + table + "\" ORDER BY i_id_event")) {
      while (result.next()) {
        rows.add(result.getLong(1) + "|" + result.getLong(2) + "|" + result.getString(3) + "|" + result.getString(4));
      }
    }
    return rows;
  }

  private String queryString(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  private void execute(String... sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }
}
