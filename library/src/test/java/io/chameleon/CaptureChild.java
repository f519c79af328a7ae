package io.chameleon;

import java.time.Duration;

/**
 * A replicating process for crash tests: registers and starts one source, then runs until it
 * is killed. Settings come from environment variables so that no password is on a command line.
 */
public final class CaptureChild {

  private CaptureChild() {}

  public static void main(String[] args) throws Exception {
    SourceConfig config = SourceConfig.builder(env("CHILD_SOURCE"))
        .mysql(env("CHILD_MYSQL_HOST"), Integer.parseInt(env("CHILD_MYSQL_PORT")))
        .credentials(env("CHILD_MYSQL_USER"), env("CHILD_MYSQL_PASSWORD"))
        .serverId(Long.parseLong(env("CHILD_SERVER_ID")))
        .mapSchema(env("CHILD_SCHEMA"), env("CHILD_SCHEMA") + "_pg")
        .batchSize(Integer.parseInt(env("CHILD_BATCH_EVENTS")), 1 << 20)
        .batchMaxWait(Duration.ofMillis(100))
        .heartbeatInterval(Duration.ofSeconds(1))
        .build();
    ReplicaManager manager = ReplicaManager.builder()
        .postgres(env("CHILD_PG_URL"), env("CHILD_PG_USER"), env("CHILD_PG_PASSWORD"))
        .instanceName("child")
        .build();
    manager.addSource(config);
    manager.startReplica(config.name());
    // the crash test reads the log itself: keep replay (and so rotation) from emptying it
    manager.pauseReplay(config.name());
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
