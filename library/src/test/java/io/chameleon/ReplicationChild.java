package io.chameleon;

import java.time.Duration;

/**
 * A replicating process for crash tests of the whole pipeline: registers the source, copies it
 * when it has never been copied (or a copy was cut short), and replicates until killed.
 * Settings come from environment variables so that no password is on a command line.
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
        .batchSize(200, 1 << 20)
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
    Thread.sleep(Long.MAX_VALUE);
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
