package io.chameleon;

import java.time.Duration;

/**
 * A replicating process for crash tests of the whole pipeline: registers the source, copies it
 * when it has never been copied (or a copy was cut short), and replicates until killed; with
 * {@code CHILD_SYNC_TABLES} (comma-separated {@code schema.table}) it re-copies those tables
 * one after the other, over and over, meanwhile. Settings come from environment variables so
 * that no password is on a command line.
 */
public final class ReplicationChild {

  private ReplicationChild() {}

  public static void main(String[] args) throws Exception {
    String name = env("CHILD_SOURCE");
    SourceConfig config = SourceConfig.builder(name)
        .mysql(env("CHILD_MYSQL_HOST"), Integer.parseInt(env("CHILD_MYSQL_PORT")))
        .credentials(env("CHILD_MYSQL_USER"), env("CHILD_MYSQL_PASSWORD"))
        .serverId(Long.parseLong(env("CHILD_SERVER_ID")))
        .mapSchema(env("CHILD_SCHEMA"), env("CHILD_SCHEMA") + "_pg")
        .batchSize(50, 1 << 20) // small batches: the log tables rotate every few seconds
        .typeOverride("time", "interval") // the shop schema holds negative TIME values
        .batchMaxWait(Duration.ofMillis(100))
        .heartbeatInterval(Duration.ofSeconds(1))
        .build();
    ReplicaManager manager = ReplicaManager.builder()
        .postgres(env("CHILD_PG_URL"), env("CHILD_PG_USER"), env("CHILD_PG_PASSWORD"))
        .instanceName("child")
        .build();
    manager.addSource(config);
    String status = manager.status(name).catalogueStatus();
    if (status.equals("ready") || status.equals("initialising")) {
      System.out.println("child copying (catalogue status " + status + ")");
      manager.initReplica(name);
    }
    manager.startReplica(name);
    System.out.println("child replicating");
    String sync = System.getenv("CHILD_SYNC_TABLES");
    if (sync == null) {
      Thread.sleep(Long.MAX_VALUE);
    }
    for (int round = 1; ; round++) {
      for (String table : sync.split(",")) {
        System.out.println("child syncing " + table + " (round " + round + ")");
        manager.syncTables(name, table);
      }
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
