package io.chameleon.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The shortest realistic embedding: the host owns its PostgreSQL pool and its meter registry,
 * and ties the replica's life to its own start and stop.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexample=io.chameleon.examples.EmbeddedInHostApp}
 */
public final class EmbeddedInHostApp {

  /** The binlog connector logs through java.util.logging; held here so its level sticks. */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG =
      java.util.logging.Logger.getLogger("com.github.shyiko");

  /** The host's component that owns replication (in a framework: a bean with start/stop hooks). */
  static final class Replication implements AutoCloseable {
    private final ReplicaManager manager;

    Replication(DataSource postgres, MeterRegistry meters, SourceConfig source) {
      manager = ReplicaManager.builder()
          .dataSource(postgres)            // the host's pool; the manager never closes it
          .meterRegistry(meters)           // chameleon.* meters, tagged instance and source
          .instanceName("host-app")
          .build();
      manager.createReplicaSchema();       // no-op once the catalogue exists
      manager.addSource(source);           // idempotent: fine at every start
      if (manager.status(source.name()).catalogueStatus().equals("ready")) {
        manager.initReplica(source.name()); // first start only
      }
      manager.startReplica(source.name());
    }

    @Override
    public void close() {
      manager.close();                     // stops the source, keeps its place for next time
    }
  }

  private EmbeddedInHostApp() {}

  public static void main(String[] args) throws Exception {
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    Sandbox sandbox = Sandbox.get();
    SourceDatabase shop = sandbox.source().createDatabase("host_app");
    shop.execute("CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10,2))", "INSERT INTO orders VALUES (1, 9.99)");
    PostgresDatabase pg = sandbox.postgres().createDatabase("host_app");

    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(pg.jdbcUrl());
    pool.setUsername(pg.user());
    pool.setPassword(pg.password());
    pool.setMaximumPoolSize(8);
    MeterRegistry meters = new SimpleMeterRegistry();
    SourceConfig source = SourceConfig.builder("orders")
        .mysql(sandbox.source().host(), sandbox.source().port())
        .credentials(sandbox.source().user(), sandbox.source().password())
        .serverId(5151)
        .mapSchema(shop.name(), "orders_pg")
        .batchMaxWait(Duration.ofMillis(200))
        .build();

    try (HikariDataSource postgres = new HikariDataSource(pool);
        Replication replication = new Replication(postgres, meters, source)) {
      shop.execute("INSERT INTO orders VALUES (2, 19.99)", "UPDATE orders SET total = 10.99 WHERE id = 1");
      Thread.sleep(3000);
      meters.getMeters().stream()
          .filter(m -> m.getId().getName().startsWith("chameleon.events"))
          .forEach(m -> System.out.println(m.getId().getName() + " " + m.getId().getTags() + " = "
              + m.measure().iterator().next().getValue()));
    }
    System.exit(0); // the sandbox's embedded servers stop in a shutdown hook
  }
}
