package io.chameleon;

import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a replicating child JVM for crash tests, on this JVM's class path, pointed at the
 * fixture's databases through environment variables (no password on a command line).
 */
final class ChildProcesses {

  private ChildProcesses() {}

  static Process start(Class<?> main, CaptureFixture fixture, String source, long serverId, Path output,
      Map<String, String> extraEnvironment) throws Exception {
    SourceServer mysql = Sandbox.get().source();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        main.getName());
    Map<String, String> env = builder.environment();
    env.put("CHILD_SOURCE", source);
    env.put("CHILD_MYSQL_HOST", mysql.host());
    env.put("CHILD_MYSQL_PORT", Integer.toString(mysql.port()));
    env.put("CHILD_MYSQL_USER", mysql.user());
    env.put("CHILD_MYSQL_PASSWORD", mysql.password());
    env.put("CHILD_SERVER_ID", Long.toString(serverId));
    env.put("CHILD_SCHEMA", fixture.mysql.name());
    env.put("CHILD_PG_URL", fixture.pg.jdbcUrl());
    env.put("CHILD_PG_USER", fixture.pg.user());
    env.put("CHILD_PG_PASSWORD", fixture.pg.password());
    env.putAll(extraEnvironment);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    return builder.start();
  }
}
