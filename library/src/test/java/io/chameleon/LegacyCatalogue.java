package io.chameleon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Builds catalogues the way pg_chameleon 1.2 left them: the 1.2 layout without the upgrader's
 * history, sources, batches and unreplayed events in the two shared log tables.
 */
final class LegacyCatalogue {

  private final DataSource dataSource;

  LegacyCatalogue(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs the shipped 1.2 script as pg_chameleon 1.2 would have: no history table. */
  LegacyCatalogue create() throws SQLException, IOException {
    try (InputStream in =
            LegacyCatalogue.class.getResourceAsStream(
                "/io/chameleon/migrations/V1.2__catalogue_of_pg_chameleon_1_2.sql");
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return this;
  }

  long addSource(String name, String destinationSchema) throws SQLException {
    return insertReturningId(
        "INSERT INTO sch_chameleon.t_sources (t_source, t_dest_schema) VALUES (?, ?) RETURNING i_id_source",
        name, destinationSchema);
  }

  /** A batch whose rows live in the given shared log table, as 1.2 recorded it. */
  long addBatch(long sourceId, String binlogName, int position, String logTable) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO sch_chameleon.t_replica_batch (i_id_source, t_binlog_name, i_binlog_position,"
                    + " b_started, b_processed, v_log_table) VALUES (?, ?, ?, true, true, ?) RETURNING i_id_batch")) {
      insert.setLong(1, sourceId);
      insert.setString(2, binlogName);
      insert.setInt(3, position);
      insert.setString(4, logTable);
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }

  /** An insert event for the given batch, written to the given shared log table. */
  long addEvent(String logTable, long batchId, String table, String payloadJson, int position)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO sch_chameleon." + logTable + " (i_id_batch, v_table_name, v_schema_name,"
                    + " enm_binlog_event, t_binlog_name, i_binlog_position, jsb_event_data)"
                    + " VALUES (?, ?, 'shop', 'insert', 'mysql-bin.000001', ?, ?::jsonb) RETURNING i_id_event")) {
      insert.setLong(1, batchId);
      insert.setString(2, table);
      insert.setInt(3, position);
      insert.setString(4, payloadJson);
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }

  private long insertReturningId(String sql, String... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        insert.setString(i + 1, values[i]);
      }
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }
}
