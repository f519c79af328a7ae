package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.Identifiers.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chameleon.BinlogPosition;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies a slice one event at a time, in log order. Used for tables without a key (the whole
 * row is the identity: an insert adds one row, a delete removes one row equal to the image, an
 * update does both), and to find the failing event when a set-based apply hits an error.
 */
final class EventApplier {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The event that could not be applied, and why. */
  record Failure(long eventId, BinlogPosition position, String key, String data, SQLException cause) {}

  private EventApplier() {}

  /**
   * Applies every event of the slice in order.
   *
   * @return the first event that failed; empty when all applied. After a failure the
   *     transaction must be rolled back to a savepoint taken before the call.
   */
  static Optional<Failure> apply(Connection connection, TargetTable table, LogSlice slice) throws SQLException {
    String target = table.qualifiedName();
    String image = "SELECT ?::json AS img";
    String row = "SELECT json_populate_record(NULL::" + target + ", ?::json) AS r";
    try (PreparedStatement events = connection.prepareStatement(EventSql.selectEvents(slice,
            "l.i_id_event, l.enm_binlog_event::text, l.jsb_event_data::text, l.jsb_event_update::text,"
                + " l.t_binlog_name, l.i_binlog_position") + " ORDER BY l.i_id_event");
        PreparedStatement insert = connection.prepareStatement(EventSql.upsert(table, image));
        PreparedStatement delete = connection.prepareStatement(deleteStatement(table, row))) {
      events.setFetchSize(1000);
      EventSql.bindSlice(events, 1, table, slice);
      try (ResultSet rows = events.executeQuery()) {
        while (rows.next()) {
          String kind = rows.getString(2);
          String data = rows.getString(3);
          String before = rows.getString(4);
          try {
            switch (kind) {
              case "insert" -> run(insert, data);
              case "delete" -> run(delete, data);
              case "update" -> {
                if (table.key().isEmpty() || !sameKey(table, before, data)) {
                  run(delete, before);
                }
                run(insert, data);
              }
              default -> throw new IllegalStateException("unexpected event kind " + kind);
            }
          } catch (SQLException e) {
            return Optional.of(new Failure(rows.getLong(1), new BinlogPosition(rows.getString(5), rows.getLong(6)),
                keyText(table, "delete".equals(kind) ? data : Objects.requireNonNullElse(data, before)), data, e));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void run(PreparedStatement statement, String payload) throws SQLException {
    statement.setString(1, payload);
    statement.executeUpdate();
  }

  private static String deleteStatement(TargetTable table, String row) {
    String target = table.qualifiedName();
    if (table.key().isEmpty()) {
      String sameRow = table.columns().stream()
          .map(c -> "tgt." + quote(c.name()) + " IS NOT DISTINCT FROM (x.r)." + quote(c.name()))
          .collect(Collectors.joining(" AND "));
      return "DELETE FROM " + target + " WHERE ctid = (SELECT tgt.ctid FROM " + target + " tgt, (" + row
          + ") x WHERE " + sameRow + " LIMIT 1)";
    }
    String sameKey = table.key().stream()
        .map(k -> "tgt." + quote(k) + " = (x.r)." + quote(k))
        .collect(Collectors.joining(" AND "));
    return "DELETE FROM " + target + " tgt USING (" + row + ") x WHERE " + sameKey;
  }

  private static boolean sameKey(TargetTable table, String before, String after) {
    JsonNode a = parse(before);
    JsonNode b = parse(after);
    return table.key().stream().allMatch(k -> Objects.equals(a.get(k), b.get(k)));
  }

  /** The key of an image as {@code col=value, ...}, or the whole image for a keyless table. */
  static String keyText(TargetTable table, String image) {
    if (image == null || table.key().isEmpty()) {
      return image;
    }
    JsonNode node = parse(image);
    return table.key().stream().map(k -> k + "=" + node.get(k)).collect(Collectors.joining(", "));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a log payload is not JSON: " + e.getMessage(), e);
    }
  }
}
