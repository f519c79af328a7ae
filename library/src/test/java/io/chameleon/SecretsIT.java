package io.chameleon;

import static io.chameleon.internal.catalog.Identifiers.qualified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No password reaches anything an operator sees: a full cycle (catalogue, sources, copy,
 * replication under a workload with schema changes, three kinds of failure, re-syncs, stop,
 * detach) runs while every log line (SLF4J at DEBUG, the library at TRACE, java.util.logging
 * of the binlog client and pgjdbc), everything printed to stdout and stderr, every exception,
 * every {@code toString()} of configs, manager and statuses, every attribute of every
 * {@code io.chameleon} MBean and every row of the catalogue is kept; none may hold the MySQL
 * password, the PostgreSQL password or the wrong passwords tried.
 *
 * <p>The cycle includes the injection-named table of {@link BadInputIT}: at the end the
 * PostgreSQL database holds exactly what it held before plus the replicated tables.
 */
class SecretsIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String INJECTION = "x\"; DROP TABLE y; --";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> julRecords = new ArrayList<>();
  private final Handler julHandler = new Handler() {
    private final SimpleFormatter format = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      synchronized (julRecords) {
        julRecords.add(format.format(record));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Map<String, Level> logbackLevels = new HashMap<>();
  private final Map<String, java.util.logging.Level> julLevels = new HashMap<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  /** Everything else seen: toString()s, exceptions, JMX attributes, catalogue rows. */
  private final List<String> seen = new ArrayList<>();
  private int jmxAttributesRead;

  private SourceDatabase shop;
  private SourceDatabase wrongSchema;
  private SourceDatabase rotatingSchema;
  private PostgresDatabase pg;
  private String rotatingUser;
  private String rotatingPassword;

  @BeforeEach
  void databases() throws Exception {
    SourceServer server = Sandbox.get().source();
    shop = server.createDatabase("secrets");
    wrongSchema = server.createDatabase("secrets_wrong");
    rotatingSchema = server.createDatabase("secrets_rotating");
    pg = Sandbox.get().postgres().createDatabase("secrets");
    shop.execute(
        "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40), total DECIMAL(10,2))",
        "CREATE TABLE `x\"; DROP TABLE y; --` (id INT PRIMARY KEY, v VARCHAR(40))",
        "INSERT INTO orders VALUES (1, 'seed', 1.50), (2, NULL, 2)",
        "INSERT INTO `x\"; DROP TABLE y; --` VALUES (1, '''); DROP TABLE y; --')");
    rotatingSchema.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    pg.execute("CREATE TABLE public.y (id int PRIMARY KEY, v text)", "INSERT INTO public.y VALUES (1, 'untouched')");
    // made before the capture starts: the statement that sets it is the test's, not the library's
    rotatingUser = "rotating_" + CaptureFixture.nextServerId();
    rotatingPassword = "Rot8-" + UUID.randomUUID();
    server.execute("CREATE USER '" + rotatingUser + "'@'%' IDENTIFIED BY '" + rotatingPassword + "'",
        "GRANT ALL PRIVILEGES ON *.* TO '" + rotatingUser + "'@'%'");
    startCapture();
  }

  @AfterEach
  void stopCapture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    logbackLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    java.util.logging.Logger.getLogger("").removeHandler(julHandler);
    julLevels.forEach((name, level) -> java.util.logging.Logger.getLogger(name).setLevel(level));
    if (stdout != null) {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void noPasswordShowsInLogsExceptionsToStringsJmxOrTheCatalogue() throws Exception {
    SourceServer server = Sandbox.get().source();
    String wrongMysqlPassword = "WrongMy-" + UUID.randomUUID();
    String wrongPgPassword = "WrongPg-" + UUID.randomUUID();
    Map<String, String> secrets = Map.of(
        "the MySQL password", server.password(),
        "the PostgreSQL password", pg.password(),
        "the rotated-away MySQL password", rotatingPassword,
        "the wrong MySQL password", wrongMysqlPassword,
        "the wrong PostgreSQL password", wrongPgPassword);
    MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    String target = shop.name() + "_pg";

    Set<String> tablesBefore;
    try (ReplicaManager manager = ReplicaManager.builder()
        .postgres(pg.jdbcUrl(), pg.user(), pg.password()) // the manager's own pool holds the password
        .instanceName("secrets")
        .mbeanServer(mbeans)
        .build()) {
      seen.add(manager.toString());
      manager.createReplicaSchema();
      tablesBefore = pgTables();

      SourceConfig main = CaptureFixture.source("main", shop.name()).build();
      SourceConfig wrong = CaptureFixture.source("wrong", wrongSchema.name())
          .credentials(server.user(), wrongMysqlPassword).build();
      SourceConfig rotating = CaptureFixture.source("rotating", rotatingSchema.name())
          .credentials(rotatingUser, rotatingPassword).build();
      for (SourceConfig config : List.of(main, wrong, rotating)) {
        manager.addSource(config);
        seen.add(config.toString());
        seen.add(config.toBuilder().build().toString());
      }

      seen.add(manager.initReplica("main").toString());
      pg.execute("CREATE TABLE " + qualified(target, "y") + " (id int PRIMARY KEY)");
      manager.startReplica("main");
      shop.execute(
          "INSERT INTO orders VALUES (3, 'live', 3)", "UPDATE orders SET note = 'changed' WHERE id = 1",
          "INSERT INTO `x\"; DROP TABLE y; --` VALUES (2, 'DROP TABLE y')",
          "ALTER TABLE `x\"; DROP TABLE y; --` ADD COLUMN `w\"; DROP TABLE y; --` INT",
          "INSERT INTO `x\"; DROP TABLE y; --` VALUES (3, 'after the change', 3)",
          "DELETE FROM orders WHERE id = 2");
      ReplicationSupport.awaitReplayed(manager, "main", WAIT);
      seeStatusAndJmx(manager, mbeans);

      // failure 1: a source with a wrong password, at start and at the copy
      assertThatThrownBy(() -> manager.startReplica("wrong"))
          .isInstanceOf(SourceException.class).hasMessageContaining("Access denied")
          .satisfies(e -> seen.add(stackTrace(e)));
      assertThatThrownBy(() -> manager.initReplica("wrong"))
          .isInstanceOf(SourceException.class).hasMessageContaining("Access denied")
          .satisfies(e -> seen.add(stackTrace(e)));

      // failure 2: the password of a running source changes; its reader reconnects and is refused
      manager.startReplica("rotating");
      CaptureFixture.awaitState(manager, "rotating", SourceState.RUNNING, WAIT);
      server.execute("ALTER USER '" + rotatingUser + "'@'%' IDENTIFIED BY 'Changed-" + UUID.randomUUID() + "'");
      killBinlogReadersOf(rotatingUser);
      CaptureFixture.awaitState(manager, "rotating", SourceState.FAILED, WAIT);
      assertThat(manager.status("rotating").lastError()).hasValueSatisfying(e -> assertThat(e).contains("Access denied"));
      seeStatusAndJmx(manager, mbeans);

      // failure 3: a manager given a wrong PostgreSQL password
      assertThatThrownBy(() -> {
        try (ReplicaManager wrongPg = ReplicaManager.builder()
            .postgres(pg.jdbcUrl(), pg.user(), wrongPgPassword).instanceName("wrong-pg").build()) {
          seen.add(wrongPg.toString());
          wrongPg.status();
        }
      }).satisfies(e -> seen.add(stackTrace(e))).hasMessageContaining("password authentication failed");

      manager.syncTables("main", shop.name() + ".orders", shop.name() + "." + INJECTION);
      shop.execute("INSERT INTO orders VALUES (4, 'after the re-sync', 4)");
      ReplicationSupport.awaitReplayed(manager, "main", WAIT);
      TableComparison.assertSameData(shop, "orders", pg.dataSource(), target, "orders");
      TableComparison.assertSameData(shop, INJECTION, pg.dataSource(), target, INJECTION);
      seeStatusAndJmx(manager, mbeans);

      manager.stopReplica("main");
      manager.stopReplica("rotating");
      seeStatusAndJmx(manager, mbeans);
      manager.detachReplica("main");
      manager.dropSource("wrong");
      manager.dropSource("rotating");
      seeStatusAndJmx(manager, mbeans);
      seen.add(catalogueRows());
    }

    // the capture worked: it saw the cycle, the failures and the beans
    String logText = logText();
    assertThat(logText).contains("Added source 'main'").contains("Detached source 'main'").contains("Access denied");
    assertThat(String.join("\n", julRecords)).contains("Connected to");
    assertThat(jmxAttributesRead).isGreaterThan(100);
    assertThat(String.join("\n", seen)).contains("Access denied").contains("password authentication failed");

    List<String> leaks = new ArrayList<>();
    List<String> everything = new ArrayList<>(seen);
    everything.add(logText);
    everything.addAll(julRecords);
    everything.add(printed.toString(StandardCharsets.UTF_8));
    for (String text : everything) {
      secrets.forEach((what, secret) -> {
        int at = text == null ? -1 : text.indexOf(secret);
        if (at >= 0) {
          leaks.add(what + " in: ..." + text.substring(Math.max(0, at - 200), at).replace(secret, "***") + "***...");
        }
      });
    }
    assertThat(leaks).isEmpty();

    // the injection-named table touched nothing: the database holds what it held, plus the replicated tables
    Set<String> expected = new TreeSet<>(tablesBefore);
    expected.addAll(List.of(target + " / orders", target + " / " + INJECTION, target + " / y"));
    assertThat(pgTables()).isEqualTo(expected);
    try (Connection connection = pg.openConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT v FROM public.y")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("untouched");
    }
  }

  // ---------------------------------------------------------------------------------- capture

  private void startCapture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    raise(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.DEBUG);
    raise("io.chameleon", Level.TRACE);
    raise("com.zaxxer.hikari", Level.DEBUG); // the manager's own pool describes its configuration at DEBUG
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
    julHandler.setLevel(java.util.logging.Level.ALL);
    jul.addHandler(julHandler);
    raiseJul("com.github.shyiko", java.util.logging.Level.ALL);
    raiseJul("org.postgresql", java.util.logging.Level.FINE);
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(new Tee(stdout, printed), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(stderr, printed), true, StandardCharsets.UTF_8));
  }

  private void raise(String logger, Level level) {
    Logger target = (Logger) LoggerFactory.getLogger(logger);
    logbackLevels.put(logger, target.getLevel());
    target.setLevel(level);
  }

  private void raiseJul(String logger, java.util.logging.Level level) {
    java.util.logging.Logger target = java.util.logging.Logger.getLogger(logger);
    julLevels.put(logger, target.getLevel());
    target.setLevel(level);
  }

  private String logText() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(logs.list)) {
      text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    return text.toString();
  }

  /** Every status, and every attribute of every io.chameleon MBean as a JMX client reads it. */
  private void seeStatusAndJmx(ReplicaManager manager, MBeanServer mbeans) throws Exception {
    seen.add(manager.status().toString());
    for (SourceStatus status : manager.status().sources()) {
      seen.add(manager.status(status.name()).toString());
    }
    Set<ObjectName> names = mbeans.queryNames(new ObjectName("io.chameleon:*"), null);
    assertThat(names).isNotEmpty();
    for (ObjectName name : names) {
      seen.add(name.toString());
      for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
        Object value;
        try {
          value = mbeans.getAttribute(name, attribute.getName());
        } catch (Exception e) {
          value = stackTrace(e);
        }
        seen.add(name + " " + attribute.getName() + " = " + Arrays.deepToString(new Object[] {value}));
        jmxAttributesRead++;
      }
    }
  }

  /** Every row of every catalogue table, as text. */
  private String catalogueRows() throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Connection connection = pg.openConnection(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)"
          + " FROM pg_tables WHERE schemaname = 'sch_chameleon'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      assertThat(tables).isNotEmpty();
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rows.next()) {
            text.append(table).append(": ").append(rows.getString(1)).append('\n');
          }
        }
      }
    }
    return text.toString();
  }

  /** Every table of the PostgreSQL database outside the system schemas, {@code schema / table}. */
  private Set<String> pgTables() throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (Connection connection = pg.openConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT n.nspname || ' / ' || c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            + " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  /** Ends the binlog connection of a user, as a network failure would (once the server has it). */
  private static void killBinlogReadersOf(String user) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try (Connection connection = Sandbox.get().source().openConnection(); Statement statement = connection.createStatement()) {
      List<Long> ids = new ArrayList<>();
      while (ids.isEmpty()) {
        assertThat(System.nanoTime()).as("a binlog connection of " + user + " by now").isLessThan(deadline);
        try (ResultSet rows = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
            + " WHERE COMMAND = 'Binlog Dump' AND USER = '" + user + "'")) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
          }
        }
        Thread.sleep(ids.isEmpty() ? 50 : 0);
      }
      for (long id : ids) {
        statement.execute("KILL " + id);
      }
    }
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Writes to the console and keeps a copy. */
  private static final class Tee extends java.io.OutputStream {
    private final PrintStream console;
    private final ByteArrayOutputStream copy;

    Tee(PrintStream console, ByteArrayOutputStream copy) {
      this.console = console;
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      console.write(b);
      synchronized (copy) {
        copy.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      console.write(bytes, offset, length);
      synchronized (copy) {
        copy.write(bytes, offset, length);
      }
    }
  }
}
