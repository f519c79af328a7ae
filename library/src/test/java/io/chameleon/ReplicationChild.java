package io.chameleon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A replicating process for crash tests of the whole pipeline: registers its sources (one
 * manager; {@code CHILD_SOURCE}, {@code CHILD_SCHEMA} and {@code CHILD_SERVER_ID} may each list
 * several, comma-separated, in the same order), and for each at once, in a thread of its own,
 * copies it when it has never been copied (or a copy was cut short) and starts replicating it;
 * then replicates until killed. With {@code CHILD_SYNC_TABLES} (comma-separated {@code
 * schema.table}, each re-copied by the source that maps its schema) it re-copies those tables
 * one after the other, over and over, meanwhile. Settings come from environment variables so
 * that no password is on a command line.
 */
public final class ReplicationChild {

  private ReplicationChild() {}

  public static void main(String[] args) throws Exception {
    String[] names = env("CHILD_SOURCE").split(",");
    String[] schemas = env("CHILD_SCHEMA").split(",");
    String[] serverIds = env("CHILD_SERVER_ID").split(",");
    if (schemas.length != names.length || serverIds.length != names.length) {
      throw new IllegalStateException("CHILD_SOURCE, CHILD_SCHEMA and CHILD_SERVER_ID list different numbers of sources");
    }
    ReplicaManager manager = ReplicaManager.builder()
        .postgres(env("CHILD_PG_URL"), env("CHILD_PG_USER"), env("CHILD_PG_PASSWORD"))
        .instanceName("child")
        .build();
    List<SourceConfig> configs = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      SourceConfig config = SourceConfig.builder(names[i])
          .mysql(env("CHILD_MYSQL_HOST"), Integer.parseInt(env("CHILD_MYSQL_PORT")))
          .credentials(env("CHILD_MYSQL_USER"), env("CHILD_MYSQL_PASSWORD"))
          .serverId(Long.parseLong(serverIds[i]))
          .mapSchema(schemas[i], schemas[i] + "_pg")
          .batchSize(50, 1 << 20) // small batches: the log tables rotate every few seconds
          .typeOverride("time", "interval") // the shop schema holds negative TIME values
          .batchMaxWait(Duration.ofMillis(100))
          .heartbeatInterval(Duration.ofSeconds(1))
          .build();
      manager.addSource(config);
      configs.add(config);
    }
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (SourceConfig config : configs) {
      CompletableFuture<Void> started = new CompletableFuture<>();
      new Thread(() -> {
        try {
          copyIfNeededAndStart(manager, config.name());
          started.complete(null);
        } catch (RuntimeException e) {
          started.completeExceptionally(e);
        }
      }, "child-start-" + config.name()).start();
      starts.add(started);
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      e.printStackTrace(System.out);
      System.exit(1);
    }
    String sync = System.getenv("CHILD_SYNC_TABLES");
    if (sync == null) {
      Thread.sleep(Long.MAX_VALUE);
    }
    for (int round = 1; ; round++) {
      for (String table : sync.split(",")) {
        String schema = table.substring(0, table.indexOf('.'));
        SourceConfig config = configs.stream().filter(c -> c.schemaMappings().containsKey(schema)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no source maps " + table));
        System.out.println("child syncing " + table + " (round " + round + ")");
        manager.syncTables(config.name(), table);
      }
    }
  }

  private static void copyIfNeededAndStart(ReplicaManager manager, String name) {
    String status = manager.status(name).catalogueStatus();
    if (status.equals("ready") || status.equals("initialising")) {
      System.out.println("child copying " + name + " (catalogue status " + status + ")");
      manager.initReplica(name);
    }
    manager.startReplica(name);
    System.out.println("child replicating " + name);
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
