package io.chameleon.internal.capture;

import io.chameleon.BinlogPosition;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before reading, that a source can be replicated: binary log on, ROW format, FULL row
 * image, the privileges the reader needs, a server id other than the server's own, and a saved
 * position that still exists. Reports every
 * problem at once with what to change.
 */
public final class SourceProbe {

  /** What the probe learnt about the server. */
  public record ServerInfo(
      boolean mariadb,
      String version,
      long serverId,
      boolean fullRowMetadata,
      Map<String, Long> binlogFiles,
      BinlogPosition current) {}

  private SourceProbe() {}

  /**
   * Probes the source.
   *
   * @throws SourceException naming every problem found, or the connection failure
   */
  public static ServerInfo probe(SourceConfig config) {
    try (Connection connection = SourceConnections.open(config);
        Statement statement = connection.createStatement()) {
      Map<String, String> variables = variables(statement);
      String version = variables.getOrDefault("version", "");
      boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
      List<String> problems = new ArrayList<>();
      expect(variables, "log_bin", "ON", "start the server with --log-bin", problems);
      expect(variables, "binlog_format", "ROW", "set binlog_format=ROW (STATEMENT and MIXED logs hold SQL, not rows)", problems);
      expect(variables, "binlog_row_image", "FULL", "set binlog_row_image=FULL (other images lack the columns replay needs)", problems);
      if ("ON".equalsIgnoreCase(variables.get("log_bin_compress"))) {
        problems.add("log_bin_compress is ON: the binlog reader cannot decode MariaDB's compressed row"
            + " events, which would be lost; set log_bin_compress=OFF");
      }
      checkGrants(statement, mariadb, problems);
      long serverId = Long.parseLong(variables.getOrDefault("server_id", "0"));
      if (serverId == config.serverId()) {
        // MySQL's own replicas refuse this too: every member of a topology needs its own id
        problems.add("serverId " + serverId + " is the server's own server_id: give the reader an id that neither"
            + " the server nor any other replica of it uses");
      }
      Map<String, Long> files = problems.isEmpty() ? binlogFiles(statement) : Map.of();
      if (!problems.isEmpty()) {
        throw new SourceException(config.name(), "cannot replicate from " + SourceConnections.url(config)
            + ":\n  " + String.join("\n  ", problems));
      }
      BinlogPosition current = currentPosition(statement, mariadb, config.useGtid());
      boolean fullMetadata = "FULL".equalsIgnoreCase(variables.getOrDefault("binlog_row_metadata", ""));
      return new ServerInfo(mariadb, version, serverId, fullMetadata, files, current);
    } catch (SQLException e) {
      throw new SourceException(config.name(), null,
          "cannot connect to " + SourceConnections.url(config) + " as " + config.user() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails when the position the source would resume from is no longer on the server: resuming
   * anywhere else would lose changes silently.
   */
  public static void checkResumable(SourceConfig config, ServerInfo server, BinlogPosition saved) {
    if (config.useGtid() && saved.gtidSet().isPresent()) {
      return; // the server finds the position from the GTID set, and says so if it cannot
    }
    Long size = server.binlogFiles().get(saved.file());
    if (size == null) {
      throw new SourceException(config.name(), saved,
          "binlog file " + saved.file() + " is no longer on the server (purged?); the oldest there is "
              + server.binlogFiles().keySet().stream().findFirst().orElse("none")
              + ". Resuming elsewhere would lose changes: re-initialise the source (initReplica)", null);
    }
    if (saved.position() > size) {
      throw new SourceException(config.name(), saved,
          "position " + saved.position() + " is past the end of " + saved.file() + " (" + size
              + " bytes): the server's binlog does not match the catalogue", null);
    }
  }

  private static Map<String, String> variables(Statement statement) throws SQLException {
    Map<String, String> variables = new LinkedHashMap<>();
    try (ResultSet rows = statement.executeQuery(
        "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('version', 'log_bin', 'binlog_format',"
            + " 'binlog_row_image', 'binlog_row_metadata', 'server_id', 'log_bin_compress')")) {
      while (rows.next()) {
        variables.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
      }
    }
    return variables;
  }

  private static void expect(Map<String, String> variables, String name, String wanted, String fix,
      List<String> problems) {
    String actual = variables.get(name);
    if (actual == null || !actual.equalsIgnoreCase(wanted)) {
      problems.add(name + " is " + actual + ", must be " + wanted + ": " + fix);
    }
  }

  private static void checkGrants(Statement statement, boolean mariadb, List<String> problems)
      throws SQLException {
    StringBuilder grants = new StringBuilder();
    try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
      while (rows.next()) {
        grants.append(rows.getString(1).toUpperCase(Locale.ROOT)).append('\n');
      }
    }
    String all = grants.toString();
    if (all.contains("ALL PRIVILEGES ON *.*")) {
      return;
    }
    if (!all.contains("REPLICATION SLAVE") && !all.contains("REPLICATION REPLICA")) {
      problems.add("the user lacks REPLICATION SLAVE: GRANT REPLICATION SLAVE ON *.* TO the user");
    }
    if (!all.contains("REPLICATION CLIENT") && !all.contains("BINLOG MONITOR")) {
      problems.add("the user lacks " + (mariadb ? "BINLOG MONITOR" : "REPLICATION CLIENT")
          + ": GRANT it ON *.* to read binlog positions");
    }
  }

  /** MySQL 8.4 renamed SHOW MASTER STATUS; 8.0 before 8.2 knows only the old name. */
  private static ResultSet binlogStatus(Statement statement, boolean mariadb) throws SQLException {
    if (!mariadb) {
      try {
        return statement.executeQuery("SHOW BINARY LOG STATUS");
      } catch (SQLException e) {
        // older MySQL: fall through to the old name
      }
    }
    return statement.executeQuery("SHOW MASTER STATUS");
  }

  private static Map<String, Long> binlogFiles(Statement statement) throws SQLException {
    Map<String, Long> files = new LinkedHashMap<>();
    try (ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
      while (rows.next()) {
        files.put(rows.getString(1), rows.getLong(2));
      }
    }
    return files;
  }

  /**
   * Where the source's binlog ends now: file, position and (with GTIDs) the executed GTID set.
   * Under a global read lock, the coordinates of a consistent snapshot.
   */
  public static BinlogPosition currentPosition(Statement statement, boolean mariadb, boolean useGtid)
      throws SQLException {
    String file;
    long position;
    try (ResultSet rows = binlogStatus(statement, mariadb)) {
      if (!rows.next()) {
        throw new SQLException("the server reports no binlog status: is the binary log enabled?");
      }
      file = rows.getString(1);
      position = rows.getLong(2);
    }
    Optional<String> gtid = Optional.empty();
    if (useGtid) {
      try (ResultSet rows = statement.executeQuery(mariadb ? "SELECT @@gtid_binlog_pos" : "SELECT @@gtid_executed")) {
        rows.next();
        gtid = Optional.ofNullable(rows.getString(1)).map(g -> g.replace("\n", ""));
      }
    }
    return new BinlogPosition(file, position, gtid);
  }
}
