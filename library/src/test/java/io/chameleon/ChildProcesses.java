package io.chameleon;

import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts a replicating child JVM for crash tests, on this JVM's class path, pointed at the
 * fixture's databases through environment variables (no password on a command line).
 */
final class ChildProcesses {

  /**
   * A source for the child to replicate.
   *
   * @param schema the MariaDB database it replicates (into {@code schema_pg})
   */
  record ChildSource(String name, String schema, long serverId) {}

  private ChildProcesses() {}

  /** A child replicating one source, the fixture's MariaDB database. */
  static Process start(Class<?> main, CaptureFixture fixture, String source, long serverId, Path output,
      Map<String, String> extraEnvironment) throws Exception {
    return start(main, fixture, List.of(new ChildSource(source, fixture.mysql.name(), serverId)), output,
        extraEnvironment);
  }

  /**
   * A child replicating several sources: {@code CHILD_SOURCE}, {@code CHILD_SCHEMA} and
   * {@code CHILD_SERVER_ID} list them comma-separated, in the same order.
   */
  static Process start(Class<?> main, CaptureFixture fixture, List<ChildSource> sources, Path output,
      Map<String, String> extraEnvironment) throws Exception {
    SourceServer mysql = Sandbox.get().source();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        main.getName());
    Map<String, String> env = builder.environment();
    env.put("CHILD_SOURCE", sources.stream().map(ChildSource::name).collect(Collectors.joining(",")));
    env.put("CHILD_MYSQL_HOST", mysql.host());
    env.put("CHILD_MYSQL_PORT", Integer.toString(mysql.port()));
    env.put("CHILD_MYSQL_USER", mysql.user());
    env.put("CHILD_MYSQL_PASSWORD", mysql.password());
    env.put("CHILD_SERVER_ID", sources.stream().map(s -> Long.toString(s.serverId())).collect(Collectors.joining(",")));
    env.put("CHILD_SCHEMA", sources.stream().map(ChildSource::schema).collect(Collectors.joining(",")));
    env.put("CHILD_PG_URL", fixture.pg.jdbcUrl());
    env.put("CHILD_PG_USER", fixture.pg.user());
    env.put("CHILD_PG_PASSWORD", fixture.pg.password());
    env.putAll(extraEnvironment);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    return builder.start();
  }
}
