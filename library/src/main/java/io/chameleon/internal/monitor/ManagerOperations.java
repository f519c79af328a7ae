package io.chameleon.internal.monitor;

/**
 * The manager's verbs the JMX operations call, by source name. Implementations throw the
 * library's exceptions; the beans translate them for JMX clients.
 */
public interface ManagerOperations {

  void startReplica(String source);

  void stopReplica(String source);

  void syncTables(String source, String... tables);

  void pauseReplay(String source);

  void resumeReplay(String source);

  void enableReplica(String source);

  /** {@code ReplicaManager.syncTables(String, String...)}, handed in by the manager. */
  @FunctionalInterface
  interface SyncTables {
    void syncTables(String source, String... tables);
  }
}
