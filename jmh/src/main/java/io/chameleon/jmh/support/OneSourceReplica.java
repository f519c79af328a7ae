package io.chameleon.jmh.support;

import io.chameleon.BinlogPosition;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceConfig;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A {@link ReplicaManager} on a fresh catalogue database with one source, {@value #SOURCE},
 * that maps one MariaDB database to the PostgreSQL schema of the same name plus {@code _pg}.
 *
 * <p>Not thread-safe: driven by one benchmark thread.
 */
public final class OneSourceReplica implements AutoCloseable {

  /** The source's name. */
  public static final String SOURCE = "src";

  private final PostgresDatabase database;
  private final ReplicaManager manager;
  private final String targetSchema;

  private OneSourceReplica(PostgresDatabase database, ReplicaManager manager, String targetSchema) {
    this.database = database;
    this.manager = manager;
    this.targetSchema = targetSchema;
  }

  /** Creates the catalogue database, the catalogue and the source; copies nothing yet. */
  public static OneSourceReplica create(Sandbox sandbox, SourceDatabase mysql) throws SQLException {
    PostgresDatabase database = sandbox.postgres().createDatabase("replica");
    ReplicaManager manager = ReplicaManager.builder()
        .postgres(database.jdbcUrl(), database.user(), database.password())
        .instanceName("bench-" + database.name()) // unique: managers of one JVM register their own MXBeans
        .maxPoolSize(8)
        .build();
    OneSourceReplica replica = new OneSourceReplica(database, manager, mysql.name() + "_pg");
    manager.createReplicaSchema();
    SourceServer server = sandbox.source();
    manager.addSource(SourceConfig.builder(SOURCE)
        .mysql(server.host(), server.port())
        .credentials(server.user(), server.password())
        .serverId(ServerIds.next())
        .mapSchema(mysql.name(), replica.targetSchema)
        .build());
    return replica;
  }

  /** The initial copy of the source's tables ({@link ReplicaManager#initReplica}). */
  public BinlogPosition initReplica() {
    return manager.initReplica(SOURCE);
  }

  /** The manager. */
  public ReplicaManager manager() {
    return manager;
  }

  /** The catalogue database, which holds the targets too. */
  public PostgresDatabase database() {
    return database;
  }

  /** The qualified PostgreSQL name of a copied table, e.g. {@code replay_1_pg.orders}. */
  public String target(String table) {
    return targetSchema + "." + table;
  }

  /** Stops the source if it runs and closes the manager and its pool. */
  @Override
  public void close() {
    manager.close();
  }

  /** {@link #close()}, then drops the catalogue database with everything copied into it. */
  public void drop() throws SQLException {
    close();
    Properties credentials = new Properties();
    credentials.setProperty("user", database.user());
    credentials.setProperty("password", database.password());
    try (Connection admin = DriverManager.getConnection(database.server().jdbcUrl("postgres"), credentials);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE \"" + database.name() + "\" WITH (FORCE)");
    }
  }
}
