package io.chameleon.internal.capture;

import io.chameleon.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens SQL connections to a source with MariaDB Connector/J (it speaks to MySQL too). The
 * password travels in connection properties, never in the URL, so it cannot end up in a logged
 * URL or an exception message.
 */
public final class SourceConnections {

  private SourceConnections() {}

  public static Connection open(SourceConfig config) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", config.user());
    properties.setProperty("password", config.password());
    properties.setProperty("connectTimeout", Long.toString(config.connectTimeout().toMillis()));
    properties.setProperty("permitMysqlScheme", "true");
    return DriverManager.getConnection(url(config), properties);
  }

  /** The JDBC URL of the source, without credentials. */
  public static String url(SourceConfig config) {
    return "jdbc:mariadb://" + config.host() + ":" + config.port() + "/";
  }
}
