package io.chameleon.internal.monitor;

import io.chameleon.ReplicaManager;
import io.chameleon.internal.jmx.ManagementBeans;
import io.chameleon.internal.metrics.SourceMeters;
import io.chameleon.internal.source.SourceRegistry;
import io.chameleon.internal.source.SourceRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import javax.sql.DataSource;

/**
 * The manager's JMX beans and Micrometer meters, and the sampler they read the catalogue facts
 * from. All of it exists only when the host asked for it: with neither an {@link MBeanServer}
 * nor a {@link MeterRegistry}, no thread starts and every method does nothing.
 *
 * <p>The manager tells it about each source's life: {@link #sourceAdded} registers the
 * source's bean and meters, {@link #sourceStarted} points them at the new run, {@link
 * #sourceDropped} removes them, {@link #close} removes everything.
 *
 * <p>Thread-safe.
 */
public final class Monitoring implements AutoCloseable {

  /** How often the sampler reads the catalogue. */
  public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

  private final String instance;
  private final CatalogueSampler sampler;
  private final ManagementBeans beans;
  private final MeterRegistry meterRegistry;
  private final Map<String, SourceMonitor> monitors = new ConcurrentHashMap<>();
  private final Map<String, SourceMeters> meters = new ConcurrentHashMap<>();
  private boolean closed;

  private Monitoring(String instance, ReplicaManager manager, MBeanServer mbeanServer, MeterRegistry meterRegistry,
      DataSource catalogue, SourceRegistry registry, ManagerOperations.SyncTables syncTables) {
    this.instance = instance;
    this.meterRegistry = meterRegistry;
    boolean enabled = mbeanServer != null || meterRegistry != null;
    this.sampler = enabled ? new CatalogueSampler(instance, catalogue, registry) : null;
    this.beans = mbeanServer == null ? null
        : new ManagementBeans(mbeanServer, instance, catalogue, sampler, monitors, operations(manager, syncTables));
    if (sampler != null) {
      sampler.start(SAMPLE_INTERVAL);
    }
  }

  /**
   * @param mbeanServer where to register the beans; null for none
   * @param meterRegistry where to register the meters; null for none
   * @param syncTables the manager's {@code syncTables}
   */
  public static Monitoring start(String instance, ReplicaManager manager, MBeanServer mbeanServer,
      MeterRegistry meterRegistry, DataSource catalogue, SourceRegistry registry,
      ManagerOperations.SyncTables syncTables) {
    return new Monitoring(instance, manager, mbeanServer, meterRegistry, catalogue, registry, syncTables);
  }

  /** Registers the source's bean and meters, unless they are there already. */
  public synchronized void sourceAdded(String source) {
    if (sampler == null || closed || monitors.containsKey(source)) {
      return;
    }
    SourceMonitor monitor = new SourceMonitor(source, sampler::snapshot);
    monitors.put(source, monitor);
    if (beans != null) {
      beans.sourceAdded(monitor);
    }
    if (meterRegistry != null) {
      meters.put(source, SourceMeters.register(meterRegistry, instance, monitor));
    }
    sampler.refreshSoon();
  }

  /** Points the source's bean and meters at its new run; call before the run starts. */
  public synchronized void sourceStarted(String source, SourceRuntime runtime) {
    if (sampler == null || closed) {
      return;
    }
    sourceAdded(source);
    monitors.get(source).attach(runtime);
  }

  /** Unregisters the source's bean and removes its meters. */
  public synchronized void sourceDropped(String source) {
    if (sampler == null) {
      return;
    }
    SourceMonitor monitor = monitors.remove(source);
    if (monitor != null && beans != null) {
      beans.sourceDropped(monitor);
    }
    SourceMeters removed = meters.remove(source);
    if (removed != null) {
      removed.remove();
    }
    sampler.refreshSoon();
  }

  /** Unregisters every bean, removes every meter, stops the sampler. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (sampler == null || closed) {
      return;
    }
    closed = true;
    sampler.close();
    if (beans != null) {
      beans.close();
    }
    meters.values().forEach(SourceMeters::remove);
    meters.clear();
    monitors.clear();
  }

  private static ManagerOperations operations(ReplicaManager manager, ManagerOperations.SyncTables syncTables) {
    return new ManagerOperations() {
      @Override
      public void startReplica(String source) {
        manager.startReplica(source);
      }

      @Override
      public void stopReplica(String source) {
        manager.stopReplica(source);
      }

      @Override
      public void syncTables(String source, String... tables) {
        syncTables.syncTables(source, tables);
      }

      @Override
      public void pauseReplay(String source) {
        manager.pauseReplay(source);
      }

      @Override
      public void resumeReplay(String source) {
        manager.resumeReplay(source);
      }

      @Override
      public void enableReplica(String source) {
        manager.enableReplica(source);
      }
    };
  }
}
