package io.chameleon.internal.jmx;

import io.chameleon.ReplicaManagerMXBean;
import io.chameleon.SchemaUpgrader;
import io.chameleon.SchemaUpgraderMXBean;
import io.chameleon.SourceMXBean;
import io.chameleon.internal.monitor.CatalogueSampler;
import io.chameleon.internal.monitor.ManagerOperations;
import io.chameleon.internal.monitor.SourceMonitor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers one manager's beans in an {@link MBeanServer} and unregisters them.
 *
 * <p>A name already registered (a manager of the same instance name in this JVM, or one that
 * was not closed) is left alone: the new bean is <em>skipped</em> with a warning, start goes on,
 * and the other bean is never unregistered by this manager, which unregisters only the names it
 * registered itself. Other registration failures are logged and skipped the same way: JMX is
 * never a reason for replication not to run.
 *
 * <p>Thread-safe.
 */
public final class ManagementBeans implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ManagementBeans.class);

  private final MBeanServer server;
  private final String instance;
  private final CatalogueSampler sampler;
  private final ManagerOperations operations;
  private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();

  public ManagementBeans(MBeanServer server, String instance, DataSource catalogue, CatalogueSampler sampler,
      Map<String, SourceMonitor> monitors, ManagerOperations operations) {
    this.server = server;
    this.instance = instance;
    this.sampler = sampler;
    this.operations = operations;
    register(ObjectNames.manager(instance), new ManagerBean(instance, sampler, monitors, operations),
        ReplicaManagerMXBean.class);
    register(ObjectNames.upgrader(instance),
        new SchemaUpgraderBean(instance, SchemaUpgrader.builder().dataSource(catalogue).build(), sampler),
        SchemaUpgraderMXBean.class);
  }

  public void sourceAdded(SourceMonitor monitor) {
    register(ObjectNames.source(instance, monitor.name()), new SourceBean(instance, monitor, sampler, operations),
        SourceMXBean.class);
  }

  public void sourceDropped(SourceMonitor monitor) {
    unregister(ObjectNames.source(instance, monitor.name()));
  }

  /** Unregisters every bean this object registered. */
  @Override
  public void close() {
    Set.copyOf(registered).forEach(this::unregister);
  }

  private <T> void register(ObjectName name, T bean, Class<T> type) {
    try {
      server.registerMBean(new StandardMBean(bean, type, true), name);
      registered.add(name);
      log.debug("[{}] Registered {}", instance, name);
    } catch (InstanceAlreadyExistsException e) {
      log.warn("[{}] {} is already registered (another manager with instance name '{}' in this JVM?);"
          + " this manager's bean is not registered. Give each manager its own instanceName.", instance, name, instance);
    } catch (JMException | RuntimeException e) {
      log.warn("[{}] Cannot register {}; going on without it: {}", instance, name, e.toString());
    }
  }

  private void unregister(ObjectName name) {
    if (!registered.remove(name)) {
      return;
    }
    try {
      server.unregisterMBean(name);
      log.debug("[{}] Unregistered {}", instance, name);
    } catch (InstanceNotFoundException e) {
      // someone unregistered it already
    } catch (JMException | RuntimeException e) {
      log.warn("[{}] Cannot unregister {}: {}", instance, name, e.toString());
    }
  }
}
