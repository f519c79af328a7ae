package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: a schema using every type of the type map, composite keys, a keyless table and
 * NULLs everywhere is copied, then kept identical under a randomised workload (key changes,
 * large transactions, several tables per transaction), including a re-sync of one table while
 * the workload runs.
 */
class ReplicationIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  static final List<String> TABLES = List.of("customers", "orders", "order_lines", "events_log", "kinds");

  private CaptureFixture fixture;
  private String pgSchema;

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("e2e");
    pgSchema = fixture.mysql.name() + "_pg";
    createShop(fixture);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  /** The test schema: every type of DESIGN.md 5, composite keys, a keyless table, NULLs. */
  static void createShop(CaptureFixture fixture) throws Exception {
    fixture.mysql.execute(
        "CREATE TABLE customers (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, name VARCHAR(60) CHARACTER SET utf8mb4,"
            + " latin_name VARCHAR(60) CHARACTER SET latin1, vip TINYINT(1), score MEDIUMINT, big BIGINT UNSIGNED,"
            + " born DATE, seen DATETIME(6), changed TIMESTAMP(3) NULL, wake TIME(2), since YEAR,"
            + " flags BIT(10), tier ENUM('bronze','silver','gold'), tags SET('a','b','c'), profile JSON,"
            + " photo BLOB, code BINARY(4), ratio FLOAT, balance DOUBLE, credit DECIMAL(30,10), spot POINT)",
        "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT UNSIGNED, total DECIMAL(12,2) NOT NULL DEFAULT 0,"
            + " note TEXT, created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE KEY (customer_id, id))",
        "CREATE TABLE order_lines (order_id BIGINT, line SMALLINT, sku CHAR(8), qty INT NOT NULL,"
            + " price DECIMAL(10,2), PRIMARY KEY (order_id, line), KEY (sku))",
        "CREATE TABLE events_log (at DATETIME(3), what VARCHAR(30), payload VARBINARY(64))",
        "CREATE TABLE kinds (k TINYINT PRIMARY KEY, label VARCHAR(20))");
    fixture.mysql.execute(
        "INSERT INTO kinds VALUES (1, 'one'), (2, 'two'), (3, NULL)",
        "INSERT INTO customers (name, latin_name, vip, score, big, born, seen, changed, wake, since, flags, tier, tags,"
            + " profile, photo, code, ratio, balance, credit, spot) VALUES"
            + " ('Zoë 😀', 'café', 1, -8388608, 18446744073709551615, '1999-12-31', '2024-02-29 23:59:59.123456',"
            + " '2024-01-01 00:00:00.5', '-12:30:00.25', 2024, b'1010101010', 'gold', 'a,c', '{\"k\": [1, 2.50, \"x\"]}',"
            + " X'00FF10', X'0102', 0.5, 1e300, 12345678901234567890.0123456789, ST_GeomFromText('POINT(1 2)')),"
            + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL)");
    for (int i = 0; i < 200; i++) {
      fixture.mysql.execute("INSERT INTO orders (id, customer_id, total, note) VALUES (" + i + ", " + (i % 2 + 1)
          + ", " + i + ".25, " + (i % 3 == 0 ? "NULL" : "'order " + i + "'") + ")",
          "INSERT INTO order_lines VALUES (" + i + ", 1, 'SKU" + (i % 7) + "', 1, 9.99), (" + i + ", 2, NULL, 2, NULL)",
          "INSERT INTO events_log VALUES (NOW(3), 'seed', " + (i % 5 == 0 ? "NULL" : "X'ABCD'") + ")");
    }
  }

  /** A randomised workload on the shop schema until told to stop, as fast as MariaDB takes it. */
  static Thread workload(CaptureFixture fixture, AtomicBoolean stop, long seed) {
    return workload(fixture, stop, seed, Duration.ZERO);
  }

  /** A randomised workload on the shop schema until told to stop, resting {@code pause} after each transaction. */
  static Thread workload(CaptureFixture fixture, AtomicBoolean stop, long seed, Duration pause) {
    Thread thread = new Thread(() -> {
      Random random = new Random(seed);
      try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
        long nextOrder = 1000;
        while (!stop.get()) {
          int dice = random.nextInt(10);
          long id = random.nextInt((int) nextOrder);
          switch (dice) {
            case 0, 1, 2 -> {
              connection.setAutoCommit(false);
              statement.execute("INSERT INTO orders (id, customer_id, total, note) VALUES (" + nextOrder + ", 1, 10.5, 'new')");
              statement.execute("INSERT INTO order_lines VALUES (" + nextOrder + ", 1, 'NEW', 3, 1.50)");
              statement.execute("INSERT INTO events_log VALUES (NOW(3), 'order', NULL)");
              connection.commit();
              connection.setAutoCommit(true);
              nextOrder++;
            }
            case 3 -> statement.execute("UPDATE orders SET total = total + 1, note = CONCAT(IFNULL(note, ''), '+') WHERE id = " + id);
            case 4 -> statement.execute("UPDATE orders SET id = " + (nextOrder++) + " WHERE id = " + id);
            case 5 -> statement.execute("UPDATE order_lines SET line = line + 10 WHERE order_id = " + id + " AND line = 1");
            case 6 -> statement.execute("DELETE FROM orders WHERE id = " + id);
            case 7 -> statement.execute("DELETE FROM events_log WHERE what = 'order' LIMIT 1");
            case 8 -> statement.execute("UPDATE customers SET score = score + 1, seen = NOW(6), tags = 'b' WHERE id = 1");
            default -> {
              connection.setAutoCommit(false);
              for (int i = 0; i < 300; i++) {
                statement.execute("INSERT INTO order_lines VALUES (" + id + ", " + (100 + i) + ", 'BULK', " + i + ", NULL)"
                    + " ON DUPLICATE KEY UPDATE qty = qty + 1");
              }
              connection.commit();
              connection.setAutoCommit(true);
            }
          }
          if (!pause.isZero()) {
            Thread.sleep(pause.toMillis());
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("workload failed", e);
      }
    }, "e2e-workload");
    thread.start();
    return thread;
  }

  @Test
  void targetsEqualTheSourceAfterCopyAndLiveChanges() throws Exception {
    fixture.manager.addSource(fixture.source("shop").batchSize(500, 1 << 20).typeOverride("time", "interval").build());
    BinlogPosition snapshot = fixture.manager.initReplica("shop");
    assertThat(snapshot.file()).startsWith("mysql-bin");
    assertThat(fixture.manager.status("shop").catalogueStatus()).isEqualTo("initialised");
    assertAllEqual();

    fixture.manager.startReplica("shop");
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = workload(fixture, stop, 11);
    Thread.sleep(4000);
    fixture.manager.syncTables("shop", fixture.mysql.name() + ".order_lines");
    Thread.sleep(3000);
    stop.set(true);
    writer.join();

    ReplicationSupport.awaitReplayed(fixture, "shop", WAIT);
    assertAllEqual();
    SourceStatus status = fixture.manager.status("shop");
    assertThat(status.consistent()).isTrue();
    assertThat(status.tablesExcluded()).isEmpty();
    assertThat(status.eventsReplayed()).isPositive();
  }

  private void assertAllEqual() throws Exception {
    for (String table : TABLES) {
      TableComparison.assertSameData(fixture.mysql, table, fixture.pg.dataSource(), pgSchema, table);
    }
  }
}
