package io.chameleon.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.CopyStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without databases: arguments, exit statuses, messages. */
class ChameleonCliTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsTheCommandsAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("usage: chameleon <command> --config <file.yml>", "create_replica_schema", "show_status",
        "enable_replica");
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("chameleon: no command given\nusage: chameleon");
    assertThat(run("start_replica", "--config", "x.yml")).isEqualTo(2);
    assertThat(err()).contains("chameleon: start_replica needs --source <name>");
    assertThat(run("show_status")).isEqualTo(2);
    assertThat(err()).contains("show_status needs --config <file.yml>");
    assertThat(run("sync_tables", "--config", "x.yml", "--source", "s")).isEqualTo(2);
    assertThat(err()).contains("sync_tables needs --tables schema.table[,schema.table...]");
    assertThat(run("sync_tables", "--config=x.yml", "--source=s", "--tables=shop.a,orders")).isEqualTo(2);
    assertThat(err()).contains("--tables: 'orders' is not schema.table");
    assertThat(run("show_status", "--config", "x.yml", "--tables", "a.b")).isEqualTo(2);
    assertThat(err()).contains("--tables is for sync_tables only");
    assertThat(run("show_status", "--config", "x.yml", "--verbose")).isEqualTo(2);
    assertThat(err()).contains("unknown option --verbose");
    assertThat(run("refresh_schema", "--config", "x.yml")).isEqualTo(2);
    assertThat(err()).contains("'refresh_schema' is a pg_chameleon command this front end does not have");
    assertThat(run("show_stats", "--config", "x.yml")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'show_stats'");
  }

  @Test
  void anInvalidConfigurationExitsOneListingEveryProblem() throws IOException {
    Path config = write("bad.yml", ChameleonCliConfigTest.minimal("sleep_lop: 1").replace("port: 5432", "prot: 5432"));

    assertThat(run("show_status", "--config", config.toString())).isEqualTo(1);

    assertThat(err()).isEqualTo("chameleon: invalid configuration " + config + ":\n"
        + "  pg_conn.prot: unknown key; did you mean 'port'? (expected one of: host, port, user, password, database, charset)\n"
        + "  sources.src.sleep_lop: unknown key; did you mean 'sleep_loop'? (expected one of: db_conn, schema_mappings,"
        + " limit_tables, skip_tables, my_server_id, replica_batch_size, replay_max_rows, sleep_loop, on_error_replay,"
        + " type_override, gtid_enable, type, keep_existing_schema, skip_events, grant_select_to, create_views_in_schema,"
        + " lock_timeout, batch_retention, copy_max_memory, copy_mode, out_dir, on_error_read, auto_maintenance)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void failuresExitOneWithoutStackTraceUnlessDebugAndNeverShowAPassword() throws IOException {
    // nothing listens on port 1: every command fails at its first connection
    Path config = write("down.yml", ChameleonCliConfigTest.minimal("copy_mode: file").replace("port: 5432", "port: 1"));

    assertThat(run("show_status", "--config", config.toString())).isEqualTo(1);
    String plain = err();
    assertThat(plain).startsWith("chameleon: warning: " + config + ": pg_chameleon settings without effect here, ignored:"
        + " sources.src.copy_mode\nchameleon: show_status failed: ");
    assertThat(plain).doesNotContain("\tat ");

    assertThat(run("show_status", "--config", config.toString(), "--debug")).isEqualTo(1);
    String debug = err();
    assertThat(debug).contains("chameleon: PgConnection{u@localhost:1/db, password=****}", "\tat ");
    assertThat(plain + debug + out()).doesNotContain("pg-Secret-1").doesNotContain("my-Secret-2");
  }

  @Test
  void copyProgressIsOneLineWithTablesRowsRateAndTimeLeft() {
    assertThat(StatusText.progress(new CopyStatus(7, 3, 12_345, 40_000, 2345.4, Optional.of(Duration.ofSeconds(72)))))
        .isEqualTo("[#######-----------------]  31%  3/7 tables  12,345/40,000 rows  2,345 rows/s  ETA 1:12");
    assertThat(StatusText.progress(new CopyStatus(2, 2, 120, 100, 60, Optional.empty())))
        .isEqualTo("[########################] 100%  2/2 tables  120/120 rows  60 rows/s  ETA --:--");
  }

  @Test
  void theInstanceIsNamedAfterTheConfigurationFile() {
    assertThat(ChameleonCli.instanceName(Path.of("/etc/chameleon/shop replica.yml"))).isEqualTo("shop_replica");
    assertThat(ChameleonCli.instanceName(Path.of("default.yaml"))).isEqualTo("default");
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return new ChameleonCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
