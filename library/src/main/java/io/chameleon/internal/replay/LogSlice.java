package io.chameleon.internal.replay;

import io.chameleon.internal.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one table between two DDL statements of a batch (or one DDL event): the unit
 * replay applies at once.
 *
 * @param logTable the log table holding the batch
 * @param firstBlock the block of the log table from which the batch's rows lie (0: anywhere)
 * @param firstEvent the first event id of the slice
 * @param lastEvent the last event id of the slice
 * @param schema MySQL schema of the events
 * @param table MySQL table of the events ({@code ""} for a DDL event)
 * @param events how many events the slice holds
 * @param ddl whether this is a DDL event
 * @param kinds how many of the events are inserts, updates and deletes
 */
record LogSlice(String logTable, long firstBlock, long firstEvent, long lastEvent, String schema, String table, long events, boolean ddl,
    ReplayStats.EventCounts kinds) {

  /**
   * The slice cut into consecutive parts of at most {@code maxIds} event ids each (fewer events
   * when other tables' events lie in between), in order.
   */
  List<LogSlice> chunks(int maxIds) {
    List<LogSlice> chunks = new ArrayList<>();
    for (long from = firstEvent; from <= lastEvent; from += maxIds) {
      long to = Math.min(lastEvent, from + maxIds - 1);
      chunks.add(new LogSlice(logTable, firstBlock, from, to, schema, table, events, ddl, kinds));
    }
    return chunks;
  }

  /** A condition on the log table's rows that keeps this slice's blocks (a TID range scan); one parameter. */
  static String blocksFrom(String alias) {
    return alias + "ctid >= ('(' || ?::bigint || ',0)')::tid";
  }

  String qualifiedLogTable() {
    return "ONLY " + Identifiers.qualified("sch_chameleon", logTable);
  }
}
