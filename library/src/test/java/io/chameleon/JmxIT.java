package io.chameleon;

import static io.chameleon.MonitoringFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.internal.jmx.ObjectNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MXBeans as an operator sees them: through a real JMX connector (RMI, loopback only), with
 * {@link JMX#newMXBeanProxy} proxies, while a source replicates. Every attribute is read and
 * every operation invoked, its effect checked in the catalogue and the target.
 */
class JmxIT {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private static MBeanServer server;
  private static Registry rmiRegistry;
  private static JMXConnectorServer connectorServer;
  private static JMXConnector connector;
  private static MBeanServerConnection jmx;

  private MonitoringFixture fixture;
  private String instance;

  @BeforeAll
  static void connect() throws Exception {
    // the stubs the registry hands out must name the loopback address the sockets listen on
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    RMIServerSocketFactory loopback = new LoopbackSockets();
    int port = freePort();
    rmiRegistry = LocateRegistry.createRegistry(port, null, loopback);
    server = MBeanServerFactory.newMBeanServer();
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(url,
        Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback), server);
    connectorServer.start();
    connector = JMXConnectorFactory.connect(url);
    jmx = connector.getMBeanServerConnection();
  }

  @AfterAll
  static void disconnect() throws Exception {
    connector.close();
    connectorServer.stop();
    UnicastRemoteObject.unexportObject(rmiRegistry, true);
  }

  @BeforeEach
  void fixture() throws Exception {
    fixture = MonitoringFixture.create("jmx");
    instance = "jmx-" + INSTANCES.incrementAndGet();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void anOperatorReadsEveryAttributeAndDrivesTheSourceWithEveryOperation() throws Exception {
    ReplicaManager manager = fixture.manager(instance, b -> b.mbeanServer(server));
    fixture.pg.execute("ALTER TABLE " + fixture.pgSchema + ".orders ADD CONSTRAINT positive CHECK (amount >= 0)");
    fixture.addSource(fixture.source("shop").onError(SourceConfig.OnError.EXIT).build());
    ObjectName sourceName = ObjectNames.source(instance, "shop");
    assertThat(jmx.isRegistered(sourceName)).isTrue();
    ReplicaManagerMXBean managerBean = JMX.newMXBeanProxy(jmx, ObjectNames.manager(instance), ReplicaManagerMXBean.class);
    SourceMXBean source = JMX.newMXBeanProxy(jmx, sourceName, SourceMXBean.class);
    SchemaUpgraderMXBean upgrader = JMX.newMXBeanProxy(jmx, ObjectNames.upgrader(instance), SchemaUpgraderMXBean.class);

    // startReplica
    assertThat(source.getState()).isEqualTo("STOPPED");
    source.startReplica();
    await("catalogue status running", () -> fixture.catalogueStatus("shop").equals("running"));
    assertThat(source.getState()).isEqualTo("RUNNING");

    // a known workload: 10 inserts, 5 updates, 2 deletes
    for (int i = 1; i <= 10; i++) {
      fixture.mysql.execute("INSERT INTO orders VALUES (" + i + ", 'order " + i + "', " + i + ")");
    }
    for (int i = 1; i <= 5; i++) {
      fixture.mysql.execute("UPDATE orders SET note = 'changed' WHERE id = " + i);
    }
    fixture.mysql.execute("DELETE FROM orders WHERE id = 9", "DELETE FROM orders WHERE id = 10");
    fixture.awaitReplayed("shop");
    fixture.assertTargetEqualsSource();
    BinlogPosition end = CaptureFixture.masterPosition();
    await("the sampler saw the replay and the reader its heartbeat", () -> source.getBatchesPending() == 0
        && source.getCatalogueStatus().equals("running") && source.getReadLagMillis() == 0
        && source.getBatchesReplayed() == source.getBatchesWritten() && source.getLogTableBytes() > 0);

    // every attribute, read through the connector while the source runs, without SQL on the JMX threads
    fixture.connectionThreads.clear();
    long started = System.nanoTime();
    Map<String, Object> attributes = readEveryAttribute();
    long readMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(fixture.connectionThreads).as("threads that took a connection while attributes were read")
        .noneMatch(thread -> thread.startsWith("RMI"));
    assertThat(readMillis).as("reading %s attributes", attributes.size()).isLessThan(5_000);
    assertThat(attributes.keySet()).containsExactlyInAnyOrderElementsOf(expectedAttributes());

    assertThat(managerBean.getInstanceName()).isEqualTo(instance);
    assertThat(managerBean.getCatalogueVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(managerBean.getLibraryCatalogueVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(managerBean.getSourceNames()).containsExactly("shop");
    assertThat(managerBean.getSourceStates()).isEqualTo(Map.of("shop", "RUNNING"));
    assertThat(managerBean.getCatalogueStatuses()).isEqualTo(Map.of("shop", "running"));
    assertThat(managerBean.getRunningSources()).isEqualTo(1);
    assertThat(managerBean.getSnapshotTime()).isNotEmpty();
    assertThat(managerBean.getSnapshotError()).isEmpty();

    assertThat(source.getName()).isEqualTo("shop");
    assertThat(source.isReplayPaused()).isFalse();
    assertThat(source.getReplayLagMillis()).isZero();
    assertThat(new long[] {source.getInsertsRead(), source.getUpdatesRead(), source.getDeletesRead(), source.getDdlRead(),
        source.getEventsRead()}).containsExactly(10, 5, 2, 0, 17);
    assertThat(new long[] {source.getInsertsReplayed(), source.getUpdatesReplayed(), source.getDeletesReplayed(),
        source.getDdlReplayed(), source.getEventsReplayed(), source.getEventsSkipped()}).containsExactly(10, 5, 2, 0, 17, 0);
    assertThat(source.getBatchesWritten()).isPositive();
    assertThat(source.getBinlogFile()).isEqualTo(end.file());
    assertThat(source.getBinlogPosition()).isGreaterThanOrEqualTo(end.position());
    assertThat(source.getGtidSet()).isEmpty();
    assertThat(source.getReplayedBinlogFile()).isEqualTo(end.file());
    assertThat(source.getReplayedBinlogPosition()).isPositive().isLessThanOrEqualTo(source.getBinlogPosition());
    assertThat(source.getReadErrors()).isZero();
    assertThat(source.getReplayErrors()).isZero();
    assertThat(source.getLastError()).isEmpty();
    assertThat(source.getLastErrorTime()).isEmpty();
    assertThat(source.getTablesReplicated()).containsExactly(fixture.mysql.name() + ".orders");
    assertThat(source.getTablesExcluded()).isEmpty();
    await("log table bytes as the catalogue has them", () -> source.getLogTableBytes() == fixture.pgLong(
        "SELECT sum(pg_total_relation_size(format('sch_chameleon.%I', t)::regclass))"
            + " FROM sch_chameleon.t_sources, unnest(v_log_table) t"));

    assertThat(upgrader.getCurrentVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(upgrader.getLibraryVersion()).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(upgrader.getPendingMigrations()).isEmpty();
    assertThat(upgrader.isUpToDate()).isTrue();
    assertThat(upgrader.getLastUpgradeResult()).contains("version " + SchemaUpgrader.libraryVersion());

    // pauseReplay: batches pile up in the catalogue, the target stays as it was
    source.pauseReplay();
    assertThat(source.isReplayPaused()).isTrue();
    fixture.mysql.execute("INSERT INTO orders VALUES (11, 'paused', 11)");
    fixture.mysql.execute("INSERT INTO orders VALUES (12, 'paused', 12)");
    CaptureFixture.awaitCaughtUp(manager, "shop", MonitoringFixture.WAIT);
    await("batches pending while paused", () -> fixture.pendingBatches("shop") > 0);
    await("the bean shows them waiting", () -> source.getBatchesPending() == fixture.pendingBatches("shop")
        && source.getReplayLagMillis() > 0);
    Thread.sleep(500);
    assertThat(fixture.targetRows()).hasSize(8);
    assertThat(fixture.pendingBatches("shop")).isPositive();

    // resumeReplay: drained
    source.resumeReplay();
    assertThat(source.isReplayPaused()).isFalse();
    fixture.awaitReplayed("shop");
    fixture.assertTargetEqualsSource();
    await("the bean shows them drained", () -> source.getBatchesPending() == 0 && source.getReplayLagMillis() == 0);

    // stopReplica
    source.stopReplica();
    assertThat(source.getState()).isEqualTo("STOPPED");
    assertThat(fixture.catalogueStatus("shop")).isEqualTo("stopped");
    await("catalogue status stopped in the beans", () -> source.getCatalogueStatus().equals("stopped")
        && managerBean.getRunningSources() == 0 && managerBean.getCatalogueStatuses().equals(Map.of("shop", "stopped")));
    assertThat(source.getReadLagMillis()).isZero();

    // startAll picks up what was written while stopped; counters carry on from the earlier run
    fixture.mysql.execute("INSERT INTO orders VALUES (13, 'while stopped', 13)");
    assertThat(managerBean.startAll()).isEqualTo("started [shop]");
    await("catalogue status running", () -> fixture.catalogueStatus("shop").equals("running"));
    fixture.awaitReplayed("shop");
    fixture.assertTargetEqualsSource();
    assertThat(source.getInsertsRead()).isEqualTo(13);
    await("every insert replayed", () -> source.getInsertsReplayed() == 13);

    // stopAll
    assertThat(managerBean.stopAll()).isEqualTo("stopped [shop]");
    assertThat(fixture.catalogueStatus("shop")).isEqualTo("stopped");
    assertThat(managerBean.getSourceStates()).isEqualTo(Map.of("shop", "STOPPED"));

    // an error stops the source (exit policy); startReplica is refused until enableReplica
    source.startReplica();
    fixture.mysql.execute("INSERT INTO orders VALUES (14, 'negative', -14)");
    await("source failed", () -> source.getState().equals("FAILED"));
    await("catalogue status error", () -> fixture.catalogueStatus("shop").equals("error"));
    await("the bean shows the error", () -> source.getCatalogueStatus().equals("error"));
    assertThat(source.getLastError()).contains("positive").contains("id=14");
    assertThat(source.getLastErrorTime()).isNotEmpty();
    assertThat(source.getReplayErrors()).isEqualTo(1);
    source.stopReplica();
    assertThatThrownBy(source::startReplica).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("startReplica").hasMessageContaining("enableReplica");
    fixture.pg.execute("ALTER TABLE " + fixture.pgSchema + ".orders DROP CONSTRAINT positive");
    source.enableReplica();
    // operations do run SQL on the JMX thread: the recording sees it, so its silence above means something
    assertThat(fixture.connectionThreads).anyMatch(thread -> thread.startsWith("RMI"));
    assertThat(fixture.catalogueStatus("shop")).isEqualTo("stopped");
    assertThat(fixture.pgString("SELECT coalesce(t_last_error, 'none') FROM sch_chameleon.t_sources")).isEqualTo("none");
    source.startReplica();
    fixture.awaitReplayed("shop");
    fixture.assertTargetEqualsSource();
    // replay of what was logged before can finish before the reader's binlog connection is up
    await("source running", () -> source.getState().equals("RUNNING"));

    syncTables(manager, source);

    // the upgrader's operations on a current catalogue; an upgrade under a running source is refused
    assertThat(upgrader.validate()).startsWith("valid");
    assertThat(upgrader.dryRun()).contains("nothing to run");
    long history = fixture.pgLong("SELECT count(*) FROM sch_chameleon.t_schema_history");
    assertThatThrownBy(upgrader::upgrade).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("live replica process");
    assertThat(upgrader.getLastUpgradeResult()).startsWith("failed");
    assertThat(fixture.pgLong("SELECT count(*) FROM sch_chameleon.t_schema_history")).isEqualTo(history);

    // an operation on a source this process does not run says so in JDK terms
    source.stopReplica();
    assertThatThrownBy(source::pauseReplay).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");

    manager.close();
    assertThat(jmx.queryNames(ObjectNames.allOf(instance), null)).isEmpty();
  }

  @Test
  void theUpgraderBeanUpgradesAnOldCatalogue() throws Exception {
    new LegacyCatalogue(fixture.pg.dataSource()).create();
    ReplicaManager manager = ReplicaManager.builder().dataSource(fixture.pg.dataSource()).instanceName(instance)
        .mbeanServer(server).build();
    fixture.manager = manager;
    SchemaUpgraderMXBean upgrader = JMX.newMXBeanProxy(jmx, ObjectNames.upgrader(instance), SchemaUpgraderMXBean.class);
    ReplicaManagerMXBean managerBean = JMX.newMXBeanProxy(jmx, ObjectNames.manager(instance), ReplicaManagerMXBean.class);

    await("the sampler read the old catalogue", () -> upgrader.getCurrentVersion().equals("1.2"));
    assertThat(upgrader.isUpToDate()).isFalse();
    assertThat(upgrader.getPendingMigrations()).isNotEmpty()
        .allSatisfy(m -> assertThat(m).matches("[0-9.]+ V[^ ]+\\.sql"));
    assertThat(upgrader.getPendingMigrations()[0]).startsWith("1.3 ");
    assertThat(upgrader.getLastUpgradeResult()).contains("1.2").contains("baseline");
    assertThat(managerBean.getCatalogueVersion()).isEqualTo("1.2");
    assertThat(upgrader.validate()).startsWith("valid");
    String sql = upgrader.dryRun();
    assertThat(sql).contains("-- V1.3").containsIgnoringCase("ALTER TABLE");
    assertThat(fixture.pgString("SELECT t_version FROM sch_chameleon.v_version")).isEqualTo("1.2");

    String result = upgrader.upgrade();

    assertThat(result).startsWith("upgraded from 1.2 to " + SchemaUpgrader.libraryVersion());
    assertThat(fixture.pgString("SELECT t_version FROM sch_chameleon.v_version")).isEqualTo(SchemaUpgrader.libraryVersion());
    assertThat(upgrader.getLastUpgradeResult()).isEqualTo(result);
    await("the sampler read the new version", () -> upgrader.getCurrentVersion().equals(SchemaUpgrader.libraryVersion())
        && upgrader.isUpToDate() && managerBean.getCatalogueVersion().equals(SchemaUpgrader.libraryVersion()));
    assertThat(upgrader.getPendingMigrations()).isEmpty();
    assertThat(upgrader.dryRun()).contains("nothing to run");
    assertThat(upgrader.upgrade()).startsWith("already at version");
  }

  @Test
  void anAlreadyRegisteredNameDoesNotBreakStartAndCloseUnregistersOnlyWhatItRegistered() throws Exception {
    ReplicaManager first = fixture.manager(instance, b -> b.mbeanServer(server));
    Set<ObjectName> firstBeans = jmx.queryNames(ObjectNames.allOf(instance), null);
    assertThat(firstBeans).containsExactlyInAnyOrder(ObjectNames.manager(instance), ObjectNames.upgrader(instance));

    try (ReplicaManager second = ReplicaManager.builder().dataSource(fixture.dataSource).instanceName(instance)
        .mbeanServer(server).build()) {
      // the second manager works; its clashing beans were skipped, its source's bean is its own
      second.addSource(fixture.source("other").build());
      assertThat(jmx.isRegistered(ObjectNames.source(instance, "other"))).isTrue();
      second.dropSource("other");
      assertThat(jmx.isRegistered(ObjectNames.source(instance, "other"))).isFalse();
      second.addSource(fixture.source("other").build());
    }
    assertThat(jmx.queryNames(ObjectNames.allOf(instance), null)).isEqualTo(firstBeans);
    ReplicaManagerMXBean managerBean = JMX.newMXBeanProxy(jmx, ObjectNames.manager(instance), ReplicaManagerMXBean.class);
    assertThat(managerBean.getInstanceName()).isEqualTo(instance);

    // a name with characters an object name does not allow bare is quoted
    first.addSource(CaptureFixture.source("shop,eu=1", "elsewhere").build());
    ObjectName quoted = ObjectNames.source(instance, "shop,eu=1");
    assertThat(quoted.getKeyProperty("source")).isEqualTo(ObjectName.quote("shop,eu=1"));
    assertThat(JMX.newMXBeanProxy(jmx, quoted, SourceMXBean.class).getName()).isEqualTo("shop,eu=1");
    await("both sources sampled", () -> managerBean.getCatalogueStatuses().keySet().equals(Set.of("other", "shop,eu=1")));

    first.close();
    first.close();
    assertThat(jmx.queryNames(ObjectNames.allOf(instance), null)).isEmpty();
    assertThat(threadNames()).noneMatch(name -> name.equals("chameleon-" + instance + "-sampler"));
  }

  /**
   * {@code syncTables} reaches the manager through a hook until {@code
   * ReplicaManager.syncTables(String, String...)} exists; once it does, the hook must be
   * connected and the operation must re-copy the table.
   */
  private void syncTables(ReplicaManager manager, SourceMXBean source) throws Exception {
    assertThatThrownBy(() -> source.syncTables(" , ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one table");
    boolean available = Arrays.stream(ReplicaManager.class.getMethods()).anyMatch(m -> m.getName().equals("syncTables"));
    String table = fixture.mysql.name() + ".orders";
    if (!available) {
      assertThatThrownBy(() -> source.syncTables(table)).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("syncTables");
      return;
    }
    fixture.pg.execute("DELETE FROM " + fixture.pgSchema + ".orders WHERE id = 1");
    source.syncTables(table);
    fixture.awaitReplayed("shop");
    fixture.assertTargetEqualsSource();
    await("the table is replicated", () -> source.getTablesReplicated().length == 1
        && source.getTablesExcluded().isEmpty());
  }

  private Map<String, Object> readEveryAttribute() throws Exception {
    Map<String, Object> values = new HashMap<>();
    for (ObjectName name : jmx.queryNames(ObjectNames.allOf(instance), null)) {
      for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(name).getAttributes()) {
        values.put(name.getKeyProperty("type") + "." + attribute.getName(), jmx.getAttribute(name, attribute.getName()));
      }
    }
    return values;
  }

  private static Set<String> expectedAttributes() {
    Set<String> expected = new TreeSet<>();
    for (Class<?> type : new Class<?>[] {ReplicaManagerMXBean.class, SourceMXBean.class, SchemaUpgraderMXBean.class}) {
      String prefix = type.getSimpleName().replace("MXBean", "") + ".";
      Arrays.stream(type.getMethods())
          .filter(m -> m.getParameterCount() == 0 && (m.getName().startsWith("get") || m.getName().startsWith("is")))
          .forEach(m -> expected.add(prefix + m.getName().replaceFirst("^(get|is)", "")));
    }
    return expected;
  }

  @Test
  void everyOperationIsDeclaredWithItsSignature() throws Exception {
    fixture.manager(instance, b -> b.mbeanServer(server));
    fixture.addSource(fixture.source("shop").build());
    assertThat(operations(ObjectNames.manager(instance))).containsExactlyInAnyOrder("startAll()", "stopAll()");
    assertThat(operations(ObjectNames.source(instance, "shop"))).containsExactlyInAnyOrder("startReplica()",
        "stopReplica()", "syncTables(java.lang.String)", "pauseReplay()", "resumeReplay()", "enableReplica()");
    assertThat(operations(ObjectNames.upgrader(instance))).containsExactlyInAnyOrder("validate()", "dryRun()", "upgrade()");
  }

  private Set<String> operations(ObjectName name) throws Exception {
    return Arrays.stream(jmx.getMBeanInfo(name).getOperations())
        .map((MBeanOperationInfo op) -> op.getName() + "(" + Arrays.stream(op.getSignature())
            .map(p -> p.getType()).collect(Collectors.joining(",")) + ")")
        .collect(Collectors.toSet());
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Server sockets for the RMI registry and connector that listen on loopback only. */
  private static final class LoopbackSockets implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return new ServerSocket(port, 0, InetAddress.getLoopbackAddress());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof LoopbackSockets;
    }

    @Override
    public int hashCode() {
      return LoopbackSockets.class.hashCode();
    }
  }
}
