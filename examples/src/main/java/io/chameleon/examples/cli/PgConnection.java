package io.chameleon.examples.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database of the catalogue and the targets: the configuration's {@code pg_conn}.
 *
 * @param host host name or address
 * @param port TCP port
 * @param user role to connect as
 * @param password the role's password; never part of {@link #toString()} or of the JDBC URL
 * @param database database name
 */
public record PgConnection(String host, int port, String user, String password, String database) {

  public PgConnection {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(database, "database");
  }

  /** The JDBC URL, without credentials. */
  public String jdbcUrl() {
    String address = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + address + ":" + port + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20")
        + "?ApplicationName=chameleon";
  }

  /** A connection-per-call data source, for the few short catalogue queries the command line runs itself. */
  DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {host});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setDatabaseName(database);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    dataSource.setApplicationName("chameleon");
    return dataSource;
  }

  @Override
  public String toString() {
    return "PgConnection{" + user + "@" + host + ":" + port + "/" + database + ", password=****}";
  }
}
