package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_TABLES;

import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.Identifiers;
import io.chameleon.internal.catalog.generated.tables.records.TReplicaTablesRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resets the sequences behind the replicated tables' identity and serial columns to follow the
 * data, so that a detached replica can take writes of its own: while replicating, rows arrive
 * with their source ids and the sequences never move.
 */
public final class TargetSequences {

  private TargetSequences() {}

  /** Resets every sequence of the source's tables; returns how many were reset. */
  public static int reset(Connection connection, long sourceId) throws SQLException {
    int reset = 0;
    for (TReplicaTablesRecord table : Catalogue.on(connection).selectFrom(T_REPLICA_TABLES)
        .where(T_REPLICA_TABLES.I_ID_SOURCE.eq(sourceId)).fetch()) {
      String qualified = Identifiers.qualified(table.getVSchemaNamePg(), table.getVTableNamePg());
      for (String column : sequencedColumns(connection, qualified)) {
        try (PreparedStatement setval = connection.prepareStatement(
            "SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(" + Identifiers.quote(column) + "), 0) + 1, false)"
                + " FROM " + qualified)) {
          setval.setString(1, qualified);
          setval.setString(2, column);
          setval.execute();
        }
        reset++;
      }
    }
    return reset;
  }

  private static List<String> sequencedColumns(Connection connection, String qualifiedTable) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT a.attname FROM pg_catalog.pg_attribute a"
            + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND pg_get_serial_sequence(?, a.attname) IS NOT NULL")) {
      query.setString(1, qualifiedTable);
      query.setString(2, qualifiedTable);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }
}
