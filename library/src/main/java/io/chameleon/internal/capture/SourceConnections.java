package io.chameleon.internal.capture;

import io.chameleon.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens SQL connections to a source with MariaDB Connector/J (it speaks to MySQL too). The
 * password travels in connection properties, never in the URL, so it cannot end up in a logged
 * URL or an exception message.
 */
public final class SourceConnections {

  private SourceConnections() {}

  public static Connection open(SourceConfig config) throws SQLException {
    return DriverManager.getConnection(url(config), properties(config, config.connectTimeout()));
  }

  /** A connection for a few quick statements: connecting and each statement give up after {@code timeout}. */
  static Connection openBriefly(SourceConfig config, Duration timeout) throws SQLException {
    Properties properties = properties(config, timeout);
    properties.setProperty("socketTimeout", Long.toString(timeout.toMillis()));
    return DriverManager.getConnection(url(config), properties);
  }

  private static Properties properties(SourceConfig config, Duration connectTimeout) {
    Properties properties = new Properties();
    properties.setProperty("user", config.user());
    properties.setProperty("password", config.password());
    properties.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
    properties.setProperty("permitMysqlScheme", "true");
    return properties;
  }

  /** The JDBC URL of the source, without credentials. */
  public static String url(SourceConfig config) {
    return "jdbc:mariadb://" + config.host() + ":" + config.port() + "/";
  }
}
