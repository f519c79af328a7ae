package io.chameleon.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's full cycle against the sandbox, from a pg_chameleon style YAML file:
 * create_replica_schema, add_source, init_replica, start_replica (in the foreground of a
 * background thread, as in a terminal), live changes, show_status, stop_replica from "another
 * shell", a start_replica in a child JVM ended by a signal, sync_tables, detach_replica. show_status
 * and that start_replica run the shaded jar, as an operator does.
 */
class ChameleonCliIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  private final ExecutorService foreground = Executors.newSingleThreadExecutor(r -> new Thread(r, "cli-it-start-replica"));
  private final List<String> everyOutput = new ArrayList<>();

  @AfterEach
  void stopForeground() {
    foreground.shutdownNow();
  }

  @Test
  void runsTheFullCycleFromAYamlFile() throws Exception {
    Sandbox sandbox = Sandbox.get();
    SourceServer server = sandbox.source();
    SourceDatabase mysql = server.createDatabase("cli");
    PostgresDatabase pg = sandbox.postgres().createDatabase("cli");
    String target = mysql.name() + "_pg";
    mysql.execute(
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, vip TINYINT(1) NOT NULL DEFAULT 0)",
        "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(10,2),"
            + " note VARCHAR(100))",
        "INSERT INTO customers VALUES (1, 'Ada', 1), (2, 'Brian', 0), (3, 'Chen', 0)",
        "INSERT INTO orders (customer_id, amount, note) VALUES (1, 10.50, 'first'), (2, 20.00, NULL), (1, 3.25, 'third')");
    Path config = Files.writeString(dir.resolve("shop.yml"), """
        ---
        log_dir: '~/.pg_chameleon/logs/'
        pg_conn:
          host: "%s"
          port: "%d"
          user: "%s"
          password: "%s"
          database: "%s"
        sources:
          shop:
            db_conn:
              host: "%s"
              port: %d
              user: "%s"
              password: "%s"
              connect_timeout: 10
            schema_mappings:
              %s: %s
            limit_tables:
            skip_tables:
            my_server_id: %d
            replica_batch_size: 1000
            replay_max_rows: 1000
            sleep_loop: 0.2
            on_error_replay: exit
            copy_mode: direct
            type: mysql
            type_override:
              "tinyint(1)":
                override_to: boolean
                override_tables: ["*"]
        """.formatted(pg.server().host(), pg.server().port(), pg.user(), pg.password(), pg.name(),
        server.host(), server.port(), server.user(), server.password(), mysql.name(), target,
        10_000 + ThreadLocalRandom.current().nextInt(1_000_000)));
    String cfg = config.toString();

    Run created = cli("create_replica_schema", "--config", cfg);
    assertThat(created.status).as(created.toString()).isZero();
    assertThat(created.out).contains("created the replica catalogue (sch_chameleon) at version");
    assertThat(created.err).isEqualTo("chameleon: warning: " + cfg + ": pg_chameleon settings without effect here, ignored:"
        + " log_dir, sources.shop.copy_mode\n");

    Run added = cli("add_source", "--config", cfg, "--source", "shop");
    assertThat(added.status).as(added.toString()).isZero();
    assertThat(added.out).contains("added source 'shop' (MySQL " + mysql.name() + " -> PostgreSQL " + target + ")");

    Run initialised = cli("init_replica", "--config", cfg, "--source", "shop");
    assertThat(initialised.status).as(initialised.toString()).isZero();
    assertThat(initialised.out).contains("init_replica: done in ", "replication goes on from ");
    assertThat(rows(pg, "SELECT id, name, vip::text FROM \"" + target + "\".customers ORDER BY id"))
        .containsExactly("1|Ada|true", "2|Brian|false", "3|Chen|false");
    assertThat(columnType(pg, target, "customers", "vip")).isEqualTo("boolean");

    ByteArrayOutputStream foregroundOut = new ByteArrayOutputStream();
    ByteArrayOutputStream foregroundErr = new ByteArrayOutputStream();
    ChameleonCli foregroundCli = new ChameleonCli(print(foregroundOut), print(foregroundErr), false, false, Duration.ofMillis(500));
    Future<Integer> startReplica = foreground.submit(() -> foregroundCli.run("start_replica", "--config", cfg, "--source", "shop"));
    awaitCatalogueStatus(pg, "shop", "running", startReplica);

    mysql.execute(
        "INSERT INTO customers VALUES (4, 'Dana', 1)",
        "UPDATE customers SET name = 'Brian B.', vip = 1 WHERE id = 2",
        "DELETE FROM customers WHERE id = 3",
        "INSERT INTO orders (customer_id, amount, note) VALUES (4, 99.99, 'live')",
        "UPDATE orders SET amount = 11.00 WHERE id = 1");
    String sourceCustomers = "SELECT id, name, IF(vip, 'true', 'false') FROM customers ORDER BY id";
    String targetCustomers = "SELECT id, name, vip::text FROM \"" + target + "\".customers ORDER BY id";
    String sourceOrders = "SELECT id, customer_id, amount, note FROM orders ORDER BY id";
    String targetOrders = "SELECT id, customer_id, amount, note FROM \"" + target + "\".orders ORDER BY id";
    awaitSame(() -> rows(mysql, sourceCustomers).equals(rows(pg, targetCustomers))
        && rows(mysql, sourceOrders).equals(rows(pg, targetOrders)), startReplica);

    Run status = cli("show_status", "--config", cfg);
    assertThat(status.status).as(status.toString()).isZero();
    assertThat(status.out).startsWith("catalogue version ");
    List<String> table = status.out.lines().filter(l -> l.startsWith("SOURCE") || l.startsWith("shop")).toList();
    assertThat(table).hasSize(2);
    assertThat(cells(table.get(0))).containsExactly("SOURCE", "STATE", "CATALOGUE", "READ POSITION", "READ LAG",
        "REPLAYED POSITION", "REPLAY LAG", "PENDING", "EVENTS READ", "EVENTS REPLAYED", "EXCLUDED");
    List<String> shop = cells(table.get(1));
    assertThat(shop).hasSize(11);
    assertThat(shop.subList(0, 3)).containsExactly("shop", "running", "running");
    assertThat(shop.get(3)).matches("[^:\\s]+:\\d+");
    assertThat(shop.get(5)).matches("[^:\\s]+:\\d+");
    assertThat(shop.subList(7, 11)).containsExactly("0", "-", "-", "0");

    Run detail = cli("show_status", "--config", cfg, "--source", "shop");
    assertThat(detail.status).as(detail.toString()).isZero();
    assertThat(detail.out).contains("state              running", "catalogue status   running",
        "tables replicated  2: " + mysql.name() + ".customers, " + mysql.name() + ".orders", "tables excluded    0",
        "last error         none");

    Run jar = jar("show_status", "--config", cfg);
    assertThat(jar.status).as(jar.toString()).isZero();
    assertThat(jar.out.lines().filter(l -> l.startsWith("shop")).map(ChameleonCliIT::cells).findFirst().orElseThrow()
        .subList(0, 3)).containsExactly("shop", "running", "running");

    Run busy = cli("sync_tables", "--config", cfg, "--source", "shop", "--tables", mysql.name() + ".customers");
    assertThat(busy.status).as(busy.toString()).isEqualTo(1);
    assertThat(busy.err).contains("chameleon: source 'shop' runs in another process; stop it with stop_replica");

    Run stopped = cli("stop_replica", "--config", cfg, "--source", "shop");
    assertThat(stopped.status).as(stopped.toString()).isZero();
    assertThat(stopped.out).contains("asked the process running source 'shop' to stop; waiting for it", "source 'shop' stopped");
    assertThat(startReplica.get(30, TimeUnit.SECONDS)).as("start_replica's exit status").isZero();
    String foregroundText = foregroundOut.toString(StandardCharsets.UTF_8);
    everyOutput.add(foregroundText + foregroundErr.toString(StandardCharsets.UTF_8));
    assertThat(foregroundText).contains(
        "source 'shop' is running; stop it with Ctrl-C or: chameleon stop_replica --source shop",
        " shop running | read ",
        "stop_replica asked to stop source 'shop'; stopping",
        "source 'shop' stopped (catalogue status: stopped)");
    assertThat(catalogueStatus(pg, "shop")).isEqualTo("stopped");

    Run again = cli("stop_replica", "--config", cfg, "--source", "shop");
    assertThat(again.status).as(again.toString()).isZero();
    assertThat(again.out).contains("source 'shop' is not running (catalogue status: stopped)");

    // Ctrl-C (here SIGTERM, which runs the same shutdown hook) stops a start_replica cleanly
    Process terminal = startJar("terminal", "start_replica", "--config", cfg, "--source", "shop");
    awaitCatalogueStatus(pg, "shop", "running", null);
    mysql.execute("INSERT INTO customers VALUES (5, 'Eve', 0)");
    awaitSame(() -> rows(mysql, sourceCustomers).equals(rows(pg, targetCustomers)), null);
    terminal.destroy();
    assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).as("start_replica ends on SIGTERM").isTrue();
    Run interrupted = record(new Run(terminal.exitValue(), Files.readString(dir.resolve("terminal.out")),
        Files.readString(dir.resolve("terminal.err"))));
    assertThat(interrupted.status).as(interrupted.toString()).isEqualTo(128 + 15);
    assertThat(interrupted.out).as(interrupted.toString())
        .contains("stopping source 'shop'", "source 'shop' stopped (catalogue status: stopped)");
    assertThat(catalogueStatus(pg, "shop")).isEqualTo("stopped");

    pg.execute("DELETE FROM \"" + target + "\".customers WHERE id = 1");
    Run synced = cli("sync_tables", "--config", cfg, "--source", "shop", "--tables", mysql.name() + ".customers");
    assertThat(synced.status).as(synced.toString()).isZero();
    assertThat(synced.out).contains("sync_tables: copying " + mysql.name() + ".customers of source 'shop'",
        "sync_tables: done in ", "the tables replicate from ");
    assertThat(rows(pg, targetCustomers)).isEqualTo(rows(mysql, sourceCustomers));

    Run detached = cli("detach_replica", "--config", cfg, "--source", "shop");
    assertThat(detached.status).as(detached.toString()).isZero();
    assertThat(detached.out).containsPattern("detached source 'shop': \\d+ sequences? reset, the source and its log tables"
        + " dropped; the tables in " + target + " are independent now");
    assertThat(catalogueStatus(pg, "shop")).isNull();
    assertThat(rows(pg, targetCustomers)).isEqualTo(rows(mysql, sourceCustomers))
        .containsExactly("1|Ada|true", "2|Brian B.|true", "4|Dana|true", "5|Eve|false");
    assertThat(rows(pg, targetOrders)).isEqualTo(rows(mysql, sourceOrders)).hasSize(4);

    Run empty = cli("show_status", "--config", cfg);
    assertThat(empty.status).as(empty.toString()).isZero();
    assertThat(empty.out).contains("no sources in the catalogue; add one with add_source");

    assertThat(String.join("\n", everyOutput)).doesNotContain(pg.password()).doesNotContain(server.password());
  }

  // ---- running the command line

  private record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new ChameleonCli(print(out), print(err)).run(args);
    return record(new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)));
  }

  /** The shaded jar in its own JVM, as an operator runs it. */
  private Run jar(String... args) throws IOException, InterruptedException {
    Process process = startJar("jar", args);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar ends").isTrue();
    return record(new Run(process.exitValue(), Files.readString(dir.resolve("jar.out")), Files.readString(dir.resolve("jar.err"))));
  }

  /** Starts the shaded jar with stdout and stderr going to {@code <name>.out} and {@code <name>.err}. */
  private Process startJar(String name, String... args) throws IOException {
    Path jar = Path.of("target", "chameleon.jar");
    assertThat(jar).as("the shaded jar; failsafe runs after the package phase that builds it").exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(Arrays.asList(args));
    return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
  }

  private Run record(Run run) {
    everyOutput.add(run.out + run.err);
    return run;
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static List<String> cells(String line) {
    return List.of(line.trim().split("\\s{2,}"));
  }

  // ---- the databases

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Waits until the check holds, failing early when the foreground start_replica (if any) has ended. */
  private static void awaitSame(Check check, Future<Integer> startReplica) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!check.holds()) {
      if (startReplica != null && startReplica.isDone()) {
        throw new AssertionError("start_replica ended early with exit status " + startReplica.get());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the target did not catch up with the source within " + WAIT);
      }
      Thread.sleep(200);
    }
  }

  private static void awaitCatalogueStatus(PostgresDatabase pg, String source, String status, Future<Integer> startReplica)
      throws Exception {
    awaitSame(() -> status.equals(catalogueStatus(pg, source)), startReplica);
  }

  private static String catalogueStatus(PostgresDatabase pg, String source) throws SQLException {
    List<String> status = rows(pg, "SELECT enm_status::text FROM sch_chameleon.t_sources WHERE t_source = '" + source + "'");
    return status.isEmpty() ? null : status.get(0);
  }

  private static String columnType(PostgresDatabase pg, String schema, String table, String column) throws SQLException {
    return rows(pg, "SELECT data_type FROM information_schema.columns WHERE table_schema = '" + schema
        + "' AND table_name = '" + table + "' AND column_name = '" + column + "'").get(0);
  }

  private static List<String> rows(SourceDatabase db, String sql) throws SQLException {
    try (Connection connection = db.openConnection()) {
      return rows(connection, sql);
    }
  }

  private static List<String> rows(PostgresDatabase db, String sql) throws SQLException {
    try (Connection connection = db.openConnection()) {
      return rows(connection, sql);
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
}
