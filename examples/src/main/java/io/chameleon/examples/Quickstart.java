package io.chameleon.examples;

import io.chameleon.CopyStatus;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.SourceStatus;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The whole replica life on the sandbox databases: a small shop schema with rich types in
 * MariaDB, the catalogue, a source, the initial copy, live replication under a workload, a
 * status table every second, and a check that the target equals the source.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java}; it prints
 * the JMX service URL JConsole can attach to while it runs.
 */
public final class Quickstart {

  /** The binlog connector logs through java.util.logging; held here so its level sticks. */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG =
      java.util.logging.Logger.getLogger("com.github.shyiko");

  /** A table and how to print its rows the same way on both sides, for the checksum. */
  private record Checked(String table, String key, String mysqlRow, String postgresRow) {}

  private static final List<Checked> TABLES = List.of(
      new Checked("customers", "id",
          "CONCAT_WS('|', id, name, COALESCE(email, '~'), tier, points, DATE_FORMAT(since, '%Y-%m-%d %H:%i:%s.%f'))",
          "concat_ws('|', id, name, coalesce(email, '~'), tier, points, to_char(since, 'YYYY-MM-DD HH24:MI:SS.US'))"),
      new Checked("products", "id",
          "CONCAT_WS('|', id, name, price, COALESCE(tags, '~'), COALESCE(attrs, '~'), COALESCE(LOWER(HEX(photo)), '~'))",
          "concat_ws('|', id, name, price, coalesce(array_to_string(tags, ','), '~'), coalesce(attrs::text, '~'),"
              + " coalesce(encode(photo, 'hex'), '~'))"),
      new Checked("orders", "id",
          "CONCAT_WS('|', id, customer_id, total, status, DATE_FORMAT(placed, '%Y-%m-%d %H:%i:%s.%f'))",
          "concat_ws('|', id, customer_id, total, status, to_char(placed AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'))"),
      new Checked("order_lines", "order_id, line",
          "CONCAT_WS('|', order_id, line, product_id, qty)",
          "concat_ws('|', order_id, line, product_id, qty)"),
      new Checked("reviews", "id",
          "CONCAT_WS('|', id, product_id, stars, COALESCE(body, '~'))",
          "concat_ws('|', id, product_id, stars, coalesce(body, '~'))"));

  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    int exit = 1;
    try {
      exit = run() ? 0 : 1;
    } finally {
      System.exit(exit); // the sandbox's embedded servers stop in a shutdown hook
    }
  }

  private static boolean run() throws Exception {
    // the binlog connector logs through java.util.logging; keep its connection chatter quiet
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    JMXServiceURL jmx = startJmxConnector();
    Sandbox sandbox = Sandbox.get();
    SourceDatabase shop = sandbox.source().createDatabase("shop");
    PostgresDatabase pg = sandbox.postgres().createDatabase("quickstart");
    System.out.println("MariaDB database " + shop.name() + ", PostgreSQL database " + pg.name());
    createShop(shop);

    SourceConfig config = SourceConfig.builder("shop")
        .mysql(sandbox.source().host(), sandbox.source().port())
        .credentials(sandbox.source().user(), sandbox.source().password())
        .serverId(4242)
        .mapSchema(shop.name(), "shop_pg")
        .batchMaxWait(Duration.ofMillis(200))
        .build();
    try (ReplicaManager manager = ReplicaManager.builder()
        .postgres(pg.jdbcUrl(), pg.user(), pg.password())
        .instanceName("quickstart")
        .mbeanServer(ManagementFactory.getPlatformMBeanServer())
        .build()) {
      System.out.println("JConsole can attach to " + jmx + " (beans under io.chameleon)");
      manager.createReplicaSchema();
      manager.addSource(config);

      System.out.println("\nInitial copy:");
      Thread progress = new Thread(() -> printCopyProgress(manager));
      progress.setDaemon(true);
      progress.start();
      System.out.println("  snapshot at " + manager.initReplica("shop"));

      manager.startReplica("shop");
      System.out.println("\nReplicating under a live workload:");
      System.out.printf("  %-8s %-9s %-10s %8s %8s %8s %8s %10s%n",
          "second", "state", "catalogue", "read", "replayed", "pending", "lag ms", "consistent");
      AtomicBoolean stop = new AtomicBoolean();
      Thread workload = workload(shop, stop);
      for (int second = 1; second <= 10; second++) {
        Thread.sleep(1000);
        printStatus(second, manager.status("shop"));
        if (second == 4) {
          changeSchema(shop);
        }
      }
      stop.set(true);
      workload.join();
      awaitReplayed(manager);
      printStatus(11, manager.status("shop"));

      printDdl(pg);
      boolean equal = verify(shop, pg);
      manager.stopReplica("shop");
      System.out.println(equal ? "\nVERIFIED: the target equals the source (row counts and checksums of every table)"
          : "\nMISMATCH: the target differs from the source");
      return equal;
    }
  }

  /** A JMX connector on loopback, so that JConsole (or JmxOperations) can attach while this runs. */
  private static JMXServiceURL startJmxConnector() throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    LocateRegistry.createRegistry(port);
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    JMXConnectorServerFactory.newJMXConnectorServer(url, null, ManagementFactory.getPlatformMBeanServer()).start();
    return url;
  }

  private static void createShop(SourceDatabase shop) throws SQLException {
    shop.execute(
        "CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(80) CHARACTER SET utf8mb4 NOT NULL,"
            + " email VARCHAR(120), tier ENUM('bronze', 'silver', 'gold') NOT NULL DEFAULT 'bronze',"
            + " since DATETIME(6) NOT NULL)",
        "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, price DECIMAL(10,2) NOT NULL,"
            + " tags SET('new', 'sale', 'eco'), attrs JSON, photo BLOB)",
        "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(12,2) NOT NULL,"
            + " status ENUM('open', 'paid', 'shipped') NOT NULL, placed TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),"
            + " KEY (customer_id))",
        "CREATE TABLE order_lines (order_id BIGINT, line SMALLINT, product_id INT NOT NULL, qty INT NOT NULL,"
            + " PRIMARY KEY (order_id, line))");
    for (int i = 1; i <= 200; i++) {
      shop.execute("INSERT INTO customers (name, email, tier, since) VALUES ('Client " + i + " ☕', "
              + (i % 4 == 0 ? "NULL" : "'c" + i + "@example.org'") + ", '" + (i % 3 == 0 ? "gold" : "bronze")
              + "', '2024-01-01 10:00:00.123456' + INTERVAL " + i + " DAY)",
          "INSERT INTO products VALUES (" + i + ", 'Product " + i + "', " + i + ".99, "
              + (i % 2 == 0 ? "'new,eco'" : "NULL") + ", '{\"color\": \"red\", \"sizes\": [1, 2]}', X'CAFE" + String.format("%04x", i) + "')",
          "INSERT INTO orders (id, customer_id, total, status, placed) VALUES (" + i + ", " + i + ", " + (i * 3) + ".50, 'paid',"
              + " '2024-06-01 12:00:00.5')",
          "INSERT INTO order_lines VALUES (" + i + ", 1, " + i + ", 1), (" + i + ", 2, " + (201 - i) + ", 3)");
    }
  }

  /** Schema changes in the middle of the workload: they follow the data into PostgreSQL. */
  private static void changeSchema(SourceDatabase shop) throws SQLException {
    System.out.println("  -- on MariaDB: a column added to customers, a table created, rows in both");
    shop.execute(
        "ALTER TABLE customers ADD COLUMN points INT NOT NULL DEFAULT 0 AFTER tier",
        "CREATE TABLE reviews (id INT AUTO_INCREMENT PRIMARY KEY, product_id INT NOT NULL,"
            + " stars TINYINT NOT NULL, body TEXT, KEY (product_id))",
        "UPDATE customers SET points = id * 10 WHERE id <= 50",
        "INSERT INTO reviews (product_id, stars, body) SELECT id, 1 + id % 5, CONCAT('Review of ', name)"
            + " FROM products WHERE id <= 30");
  }

  private static void printDdl(PostgresDatabase pg) throws SQLException {
    System.out.println("\nDDL replayed (sch_chameleon.t_ddl_log):");
    try (Connection postgres = pg.openConnection(); Statement ps = postgres.createStatement();
        ResultSet rows = ps.executeQuery("SELECT v_outcome, t_statement, coalesce(t_pg_statements, t_reason)"
            + " FROM sch_chameleon.t_ddl_log ORDER BY i_id_ddl")) {
      while (rows.next()) {
        System.out.printf("  %-8s %s%n           -> %s%n", rows.getString(1), rows.getString(2),
            rows.getString(3).replace("\n", "\n              "));
      }
    }
  }

  private static Thread workload(SourceDatabase shop, AtomicBoolean stop) {
    Thread thread = new Thread(() -> {
      Random random = new Random(1);
      try (Connection connection = shop.openConnection(); Statement statement = connection.createStatement()) {
        long nextOrder = 1000;
        while (!stop.get()) {
          long order = nextOrder++;
          connection.setAutoCommit(false);
          statement.execute("INSERT INTO orders (id, customer_id, total, status) VALUES (" + order + ", "
              + (1 + random.nextInt(200)) + ", " + random.nextInt(500) + ".25, 'open')");
          statement.execute("INSERT INTO order_lines VALUES (" + order + ", 1, " + (1 + random.nextInt(200)) + ", 2)");
          connection.commit();
          connection.setAutoCommit(true);
          statement.execute("UPDATE orders SET status = 'shipped' WHERE id = " + (1 + random.nextInt(200)));
          statement.execute("UPDATE products SET price = price + 1, tags = 'sale' WHERE id = " + (1 + random.nextInt(200)));
          statement.execute("DELETE FROM order_lines WHERE order_id = " + (1 + random.nextInt(200)) + " AND line = 2");
          Thread.sleep(5);
        }
      } catch (Exception e) {
        throw new IllegalStateException("workload failed", e);
      }
    }, "quickstart-workload");
    thread.start();
    return thread;
  }

  private static void printCopyProgress(ReplicaManager manager) {
    while (true) {
      try {
        Thread.sleep(500);
        manager.status("shop").copy().ifPresent(Quickstart::printCopy);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the status is best effort while the copy runs
      }
    }
  }

  private static void printCopy(CopyStatus copy) {
    System.out.printf("  tables %d/%d, rows %d of ~%d, %.0f rows/s%n",
        copy.tablesDone(), copy.tablesTotal(), copy.rowsCopied(), copy.rowsEstimated(), copy.rowsPerSecond());
  }

  private static void printStatus(int second, SourceStatus s) {
    System.out.printf("  %-8d %-9s %-10s %8d %8d %8d %8d %10s%n", second, s.state(), s.catalogueStatus(),
        s.eventsRead(), s.eventsReplayed(), s.batchesPending(), Math.max(s.readLagMillis(), s.replayLagMillis()),
        s.consistent());
  }

  private static void awaitReplayed(ReplicaManager manager) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      SourceStatus status = manager.status("shop");
      if (status.batchesPending() == 0 && status.readLagMillis() == 0) {
        return;
      }
      Thread.sleep(100);
    }
  }

  private static boolean verify(SourceDatabase shop, PostgresDatabase pg) throws SQLException {
    System.out.println("\nVerification:");
    boolean equal = true;
    try (Connection mysql = shop.openConnection(); Connection postgres = pg.openConnection();
        Statement my = mysql.createStatement(); Statement ps = postgres.createStatement()) {
      my.execute("SET SESSION group_concat_max_len = 1073741824");
      my.execute("SET SESSION time_zone = '+00:00'");
      for (Checked table : TABLES) {
        String source = one(my, "SELECT CONCAT(COUNT(*), ' ', MD5(COALESCE(GROUP_CONCAT(" + table.mysqlRow()
            + " ORDER BY " + table.key() + " SEPARATOR '\\n'), ''))) FROM " + table.table());
        String target = one(ps, "SELECT count(*) || ' ' || md5(coalesce(string_agg(" + table.postgresRow()
            + ", E'\\n' ORDER BY " + table.key() + "), '')) FROM shop_pg." + table.table());
        boolean same = source.equals(target);
        equal &= same;
        System.out.printf("  %-12s source %-40s target %-40s %s%n", table.table(), source, target, same ? "equal" : "DIFFERENT");
      }
    }
    return equal;
  }

  private static String one(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
