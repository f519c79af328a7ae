package io.chameleon.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chameleon.SourceConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChameleonCliConfigTest {

  private static final String FULL = """
      ---
      # global settings: pg_chameleon's, without effect here
      pid_dir: '~/.pg_chameleon/pid/'
      log_dir: '~/.pg_chameleon/logs/'
      log_dest: file
      log_level: info
      log_days_keep: 10
      rollbar_key: ''
      rollbar_env: ''

      type_override:
        "tinyint(1)":
          override_to: boolean
          override_tables:
            - "*"

      pg_conn:
        host: "pg.example"
        port: "5433"
        user: "usr_replica"
        password: "pg-Secret-1"
        database: "db_replica"
        charset: "utf8"

      sources:
        mysql:
          db_conn:
            host: "my.example"
            port: "3307"
            user: "usr_replica"
            password: "my-Secret-2"
            charset: 'utf8'
            connect_timeout: 20
          schema_mappings:
            delphis_mediterranea: loxodonta_africana
            sakila: sakila_pg
          limit_tables:
            - delphis_mediterranea.foo
            - sakila.actor
          skip_tables:
            - delphis_mediterranea.bar
          grant_select_to:
            - usr_readonly
          lock_timeout: "120s"
          my_server_id: 100
          replica_batch_size: 5000
          replay_max_rows: 2000
          batch_retention: '1 day'
          copy_max_memory: "300M"
          copy_mode: 'file'
          out_dir: /tmp
          sleep_loop: 0.5
          on_error_replay: continue
          on_error_read: continue
          auto_maintenance: "disabled"
          gtid_enable: true
          type: mysql
          keep_existing_schema: No
          skip_events:
            insert:
            delete:
            update:
          type_override:
            "bigint(20) unsigned":
              override_to: numeric(20)
        second:
          db_conn:
            host: other.example
            user: u
            password: ""
          schema_mappings:
            shop: shop_pg
          my_server_id: 101
      """;

  @Test
  void fullConfigurationBecomesOneSourceConfigPerSource() {
    ChameleonCliConfig config = ChameleonCliConfig.parse(FULL, "full.yml");

    assertThat(config.pg()).isEqualTo(new PgConnection("pg.example", 5433, "usr_replica", "pg-Secret-1", "db_replica"));
    assertThat(config.pg().jdbcUrl()).isEqualTo("jdbc:postgresql://pg.example:5433/db_replica?ApplicationName=chameleon");
    assertThat(config.sources()).containsOnlyKeys("mysql", "second");

    SourceConfig mysql = config.source("mysql");
    assertThat(mysql.host()).isEqualTo("my.example");
    assertThat(mysql.port()).isEqualTo(3307);
    assertThat(mysql.user()).isEqualTo("usr_replica");
    assertThat(mysql.password()).isEqualTo("my-Secret-2");
    assertThat(mysql.connectTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(mysql.schemaMappings()).containsExactly(
        Map.entry("delphis_mediterranea", "loxodonta_africana"), Map.entry("sakila", "sakila_pg"));
    assertThat(mysql.limitTables()).containsExactly("delphis_mediterranea.foo", "sakila.actor");
    assertThat(mysql.skipTables()).containsExactly("delphis_mediterranea.bar");
    assertThat(mysql.serverId()).isEqualTo(100);
    assertThat(mysql.batchMaxEvents()).isEqualTo(5000);
    assertThat(mysql.batchMaxBytes()).isEqualTo(SourceConfig.builder("x").mysql("h", 1).credentials("u", "")
        .serverId(1).mapSchema("a", "b").build().batchMaxBytes());
    assertThat(mysql.replayMaxRows()).isEqualTo(2000);
    assertThat(mysql.batchMaxWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(mysql.onError()).isEqualTo(SourceConfig.OnError.SKIP_TABLE);
    assertThat(mysql.useGtid()).isTrue();

    SourceConfig second = config.source("second");
    assertThat(second.port()).isEqualTo(3306);
    assertThat(second.password()).isEmpty();
    assertThat(second.onError()).isEqualTo(SourceConfig.OnError.EXIT);
    assertThat(second.useGtid()).isFalse();

    assertThat(config.ignoredKeys()).containsExactly("pid_dir", "log_dir", "log_dest", "log_level", "log_days_keep",
        "rollbar_key", "rollbar_env", "pg_conn.charset", "sources.mysql.db_conn.charset", "sources.mysql.grant_select_to",
        "sources.mysql.lock_timeout", "sources.mysql.batch_retention", "sources.mysql.copy_max_memory",
        "sources.mysql.copy_mode", "sources.mysql.out_dir", "sources.mysql.on_error_read", "sources.mysql.auto_maintenance");
  }

  @Test
  void typeOverridesApplyToEverySourceAndASourceMayAddOrReplaceThem() {
    ChameleonCliConfig config = ChameleonCliConfig.parse(FULL.replace("override_to: numeric(20)", "override_to: numeric(20)\n"
        + "      \"tinyint(1)\":\n        override_to: smallint\n        override_tables: [\"*\"]"), "full.yml");

    assertThat(config.source("mysql").typeOverrides())
        .containsExactly(Map.entry("tinyint(1)", "smallint"), Map.entry("bigint(20) unsigned", "numeric(20)"));
    assertThat(config.source("second").typeOverrides()).containsExactly(Map.entry("tinyint(1)", "boolean"));
  }

  @Test
  void onErrorReplayContinueSkipsTheTableAndExitStopsTheSource() {
    assertThat(onError("continue")).isEqualTo(SourceConfig.OnError.SKIP_TABLE);
    assertThat(onError("Continue")).isEqualTo(SourceConfig.OnError.SKIP_TABLE);
    assertThat(onError("exit")).isEqualTo(SourceConfig.OnError.EXIT);
    assertThat(problems(minimal("on_error_replay: skip")))
        .containsExactly("sources.src.on_error_replay: expected continue or exit, found a string 'skip'");
  }

  @Test
  void everyUnknownOrInvalidKeyIsNamedAtOnce() {
    String yaml = """
        pg_conn:
          host: localhost
          port: 99999
          user: u
          password: "pg-Secret-1"
          databse: db
        sources:
          mysql:
            db_conn:
              host: localhost
              prot: 3306
              user: u
              password: "my-Secret-2"
              connect_timeout: soon
            schema_mappings: [shop]
            limit_tables: shop.orders
            my_server_idd: 7
            replica_batch_size: 0
            replay_max_rows: lots
            on_error_replay: maybe
            gtid_enable: perhaps
            type: pgsql
            keep_existing_schema: yes
            skip_events:
              insert: [shop.orders]
              truncate: []
            type_override:
              "tinyint(1)":
                override_to: boolean
                override_tables: [shop.flags]
              "year":
                override_too: integer
        extra_top: 1
        """;

    ConfigFileException e = catchThrowableOfType(ConfigFileException.class, () -> ChameleonCliConfig.parse(yaml, "bad.yml"));

    assertThat(e.file()).isEqualTo("bad.yml");
    assertThat(e.getMessage()).startsWith("invalid configuration bad.yml:\n  ");
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "extra_top: unknown key (expected one of: pg_conn, sources, type_override, pid_dir, log_dir, log_dest, log_level,"
            + " log_days_keep, rollbar_key, rollbar_env, fillfactor)",
        "pg_conn.databse: unknown key; did you mean 'database'? (expected one of: host, port, user, password, database, charset)",
        "pg_conn.port: must be from 1 to 65535, was 99999",
        "pg_conn.database: required",
        "sources.mysql.my_server_idd: unknown key; did you mean 'my_server_id'? (expected one of: db_conn, schema_mappings,"
            + " limit_tables, skip_tables, my_server_id, replica_batch_size, replay_max_rows, sleep_loop, on_error_replay,"
            + " type_override, gtid_enable, type, keep_existing_schema, skip_events, grant_select_to, create_views_in_schema,"
            + " lock_timeout, batch_retention, copy_max_memory, copy_mode, out_dir, on_error_read, auto_maintenance)",
        "sources.mysql.db_conn.prot: unknown key; did you mean 'port'? (expected one of: host, port, user, password,"
            + " connect_timeout, charset, database)",
        "sources.mysql.db_conn.connect_timeout: expected a whole number from 1 to 3600, found a string 'soon'",
        "sources.mysql.schema_mappings: expected a mapping of MySQL schemas to PostgreSQL schemas, found a list",
        "sources.mysql.limit_tables: expected a list, e.g. [schema.table, ...], found a string",
        "sources.mysql.my_server_id: required: the server id the binlog reader presents, unique among the source's replicas",
        "sources.mysql.replica_batch_size: must be from 1 to 2147483647, was 0",
        "sources.mysql.replay_max_rows: expected a whole number from 1 to 2147483647, found a string 'lots'",
        "sources.mysql.on_error_replay: expected continue or exit, found a string 'maybe'",
        "sources.mysql.gtid_enable: expected true or false (yes/no), found a string 'perhaps'",
        "sources.mysql.type: expected mysql, found a string 'pgsql'",
        "sources.mysql.keep_existing_schema: not supported: init_replica always creates the target tables; remove it or set it to No",
        "sources.mysql.skip_events.truncate: unknown key (expected one of: insert, update, delete)",
        "sources.mysql.skip_events.insert: not supported: every event of a replicated table is replayed; leave the list empty"
            + " or exclude the table with skip_tables",
        "sources.mysql.type_override.\"tinyint(1)\".override_tables: only [\"*\"] is supported: an override applies to every"
            + " replicated table here, not to shop.flags",
        "sources.mysql.type_override.year.override_too: unknown key; did you mean 'override_to'? (expected one of:"
            + " override_to, override_tables)",
        "sources.mysql.type_override.year.override_to: required");
  }

  @Test
  void theLibrarysOwnChecksAreReportedUnderTheYamlKeys() {
    assertThat(problems(minimal("limit_tables: [other.orders, orders]")))
        .containsExactly("sources.src.limit_tables: 'other.orders' is in a schema that is not mapped",
            "sources.src.limit_tables: 'orders' must be schema.table");
    assertThat(problems(FULL.replace("\"my.example\"", "\" \"")))
        .containsExactly("sources.mysql.db_conn.host: must not be blank");
  }

  @Test
  void missingSectionsAndBrokenYamlAreReportedWithoutEchoingTheFile() {
    assertThat(problems("")).containsExactly("(top level): the file is empty; expected pg_conn and sources");
    assertThat(problems("- a\n- b\n")).containsExactly("(top level): expected a mapping with pg_conn and sources, found a list");
    assertThat(problems("pg_conn: {host: h, user: u, password: p, database: d}\n"))
        .containsExactly("sources: required: at least one source, e.g. sources: {mysql: {db_conn: ..., schema_mappings: ...}}");

    String unterminated = "pg_conn:\n  host: h\n  password: \"pg-Secret-1\n  user: u\n";
    assertThat(problems(unterminated)).singleElement().asString()
        .startsWith("(syntax): not valid YAML at line ").doesNotContain("pg-Secret-1");
    assertThat(problems("pg_conn:\n  password: pg-Secret-1\n  password: pg-Secret-1\n")).singleElement().asString()
        .startsWith("(syntax): duplicate key at line 3").doesNotContain("pg-Secret-1");
  }

  @Test
  void passwordsAreNeverPartOfAMessageOrOfToString() {
    String yaml = minimal("").replace("password: \"my-Secret-2\"", "password: [\"my-Secret-2\"]");
    assertThat(problems(yaml)).containsExactly("sources.src.db_conn.password: expected a string, found a list");
    assertThat(problems(minimal("").replace("\"my-Secret-2\"", "0123")))
        .containsExactly("sources.src.db_conn.password: expected a string, found a number; put the password in quotes");

    ChameleonCliConfig config = ChameleonCliConfig.parse(minimal(""), "ok.yml");
    assertThat(config.toString()).doesNotContain("my-Secret-2").doesNotContain("pg-Secret-1").contains("password=****");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ChameleonCliConfig.load(java.nio.file.Path.of("/nonexistent/replica.yml")))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage("invalid configuration /nonexistent/replica.yml:\n  no such file");
  }

  private static SourceConfig.OnError onError(String value) {
    return ChameleonCliConfig.parse(minimal("on_error_replay: " + value), "t.yml").source("src").onError();
  }

  private static java.util.List<String> problems(String yaml) {
    return catchThrowableOfType(ConfigFileException.class, () -> ChameleonCliConfig.parse(yaml, "t.yml")).problems();
  }

  /** A valid configuration with one source {@code src}, plus one line of its settings. */
  static String minimal(String sourceLine) {
    return """
        pg_conn: {host: localhost, port: 5432, user: u, password: "pg-Secret-1", database: db}
        sources:
          src:
            db_conn: {host: localhost, user: u, password: "my-Secret-2"}
            schema_mappings: {shop: shop_pg}
            my_server_id: 7
            %s
        """.formatted(sourceLine);
  }
}
