package io.chameleon.examples;

import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.SourceMXBean;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX client over a real connector: lists the replica's beans, reads a source's lag, and
 * invokes {@code syncTables} and {@code stopReplica}, as an operator would from JConsole. It
 * starts a small replica of its own (in this JVM, behind an RMI connector on loopback) to
 * operate on; point {@link #operate(JMXServiceURL)} at any other service URL the same way.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexample=io.chameleon.examples.JmxOperations}
 */
public final class JmxOperations {

  /** The binlog connector logs through java.util.logging; held here so its level sticks. */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG =
      java.util.logging.Logger.getLogger("com.github.shyiko");

  private JmxOperations() {}

  public static void main(String[] args) throws Exception {
    BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    Sandbox sandbox = Sandbox.get();
    SourceDatabase shop = sandbox.source().createDatabase("jmx_ops");
    shop.execute("CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10,2))", "INSERT INTO orders VALUES (1, 9.99)");
    PostgresDatabase pg = sandbox.postgres().createDatabase("jmx_ops");
    JMXConnectorServer connector = startConnector();
    try (ReplicaManager manager = ReplicaManager.builder()
        .postgres(pg.jdbcUrl(), pg.user(), pg.password())
        .instanceName("jmx-ops")
        .mbeanServer(ManagementFactory.getPlatformMBeanServer())
        .build()) {
      manager.createReplicaSchema();
      manager.addSource(SourceConfig.builder("shop")
          .mysql(sandbox.source().host(), sandbox.source().port())
          .credentials(sandbox.source().user(), sandbox.source().password())
          .serverId(6161)
          .mapSchema(shop.name(), "shop_pg")
          .batchMaxWait(Duration.ofMillis(200))
          .build());
      manager.initReplica("shop");
      manager.startReplica("shop");
      shop.execute("INSERT INTO orders VALUES (2, 19.99)");
      operate(connector.getAddress(), shop.name() + ".orders");
    } finally {
      connector.stop();
    }
    System.exit(0); // the sandbox's embedded servers stop in a shutdown hook
  }

  /** What an operator does: list, read, re-sync a table, stop. */
  static void operate(JMXServiceURL url, String table) throws Exception {
    System.out.println("Connecting to " + url);
    try (JMXConnector client = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection server = client.getMBeanServerConnection();
      for (ObjectName name : server.queryNames(new ObjectName("io.chameleon:*"), null)) {
        System.out.println("  bean " + name);
      }
      ObjectName sourceName = server.queryNames(new ObjectName("io.chameleon:type=Source,*"), null).iterator().next();
      SourceMXBean source = JMX.newMXBeanProxy(server, sourceName, SourceMXBean.class);
      Thread.sleep(1500);
      System.out.printf("%s: state %s, read lag %d ms, replay lag %d ms, events read %d, replayed %d%n",
          source.getName(), source.getState(), source.getReadLagMillis(), source.getReplayLagMillis(),
          source.getEventsRead(), source.getEventsReplayed());
      System.out.println("syncTables(" + table + ") ...");
      source.syncTables(table);
      System.out.println("stopReplica() ...");
      source.stopReplica();
      System.out.println(source.getName() + " is now " + source.getState());
    }
  }

  private static JMXConnectorServer startConnector() throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    LocateRegistry.createRegistry(port);
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, null,
        ManagementFactory.getPlatformMBeanServer());
    server.start();
    return server;
  }
}
