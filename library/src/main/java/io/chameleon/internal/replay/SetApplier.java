package io.chameleon.internal.replay;

import static io.chameleon.internal.catalog.Identifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Applies a slice of a keyed table's events as set operations, inside PostgreSQL: the events
 * are folded per key to their net effect (the last event touching a key wins; an update that
 * changes a key deletes the old key), then one statement deletes the keys that ended deleted
 * and inserts-or-updates the final images of the others. One statement per table and slice,
 * however many events.
 *
 * <p>Payloads become rows with {@code json_populate_record(NULL::target, payload)}: the log's
 * JSON values are the PostgreSQL text input of the target types (see {@code RowEncoder}).
 */
final class SetApplier {

  private SetApplier() {}

  /**
   * Applies the slice, one statement per {@code maxRows} events at most (consecutive parts
   * applied in order have the effect of the whole).
   */
  static void apply(Connection connection, TargetTable table, LogSlice slice, int maxRows) throws SQLException {
    String sql = statement(table, slice);
    try (PreparedStatement apply = connection.prepareStatement(sql)) {
      for (LogSlice chunk : slice.chunks(maxRows)) {
        int p = EventSql.bindSlice(apply, 1, table, chunk);
        for (String key : table.key()) {
          apply.setString(p++, key);
        }
        apply.executeUpdate();
      }
    }
  }

  private static String statement(TargetTable table, LogSlice slice) {
    List<String> key = table.key();
    String keyAliases = IntStream.range(0, key.size()).mapToObj(i -> "k" + i).collect(Collectors.joining(", "));
    String keyExpressions = IntStream.range(0, key.size())
        .mapToObj(i -> "(img ->> ?)::" + table.typeOf(key.get(i)) + " AS k" + i)
        .collect(Collectors.joining(", "));
    String keyJoin = IntStream.range(0, key.size())
        .mapToObj(i -> "tgt." + quote(key.get(i)) + " = f.k" + i)
        .collect(Collectors.joining(" AND "));
    String target = table.qualifiedName();
    return "WITH ev AS (" + EventSql.selectEvents(slice, "l.i_id_event AS id, l.enm_binlog_event AS kind,"
            + " l.jsb_event_data AS data, l.jsb_event_update AS before")
        + "), touched AS ("
        + " SELECT id, 1 AS act, data AS img FROM ev WHERE kind <> 'delete'"
        + " UNION ALL SELECT id, 0, data FROM ev WHERE kind = 'delete'"
        + " UNION ALL SELECT id, 0, before FROM ev WHERE kind = 'update'"
        + "), final AS ("
        + " SELECT DISTINCT ON (" + keyAliases + ") act, img, " + keyAliases
        + " FROM (SELECT id, act, img, " + keyExpressions + " FROM touched) t"
        + " ORDER BY " + keyAliases + ", id DESC, act DESC"
        + "), gone AS ("
        + " DELETE FROM " + target + " tgt USING final f WHERE f.act = 0 AND " + keyJoin
        + ") " + EventSql.upsert(table, "SELECT img FROM final WHERE act = 1");
  }
}
