package io.chameleon.internal.log;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.PreparedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log table a new batch goes into, switching a source between its two tables the
 * way PgQ rotates queue tables: when the active table has taken enough batches and every batch
 * of the standby table has been replayed, the standby table is emptied with {@code TRUNCATE}
 * (its replayed batch rows deleted with it) and becomes the active one. Replay never deletes
 * log rows one by one, so the log tables hold no dead tuples and their size stays bounded.
 *
 * <p>Runs inside the writer's batch transaction: the switch commits with the batch or not at all.
 */
final class LogRotation {

  private static final Logger log = LoggerFactory.getLogger(LogRotation.class);
  /** Batches the active table takes before the writer moves to a drained standby table. */
  static final int BATCHES_PER_TABLE = 8;

  private static final Field<String> ACTIVE =
      DSL.field("{0}[{1}]", String.class, T_SOURCES.V_LOG_TABLE, T_SOURCES.I_ACTIVE_LOG);
  private static final Field<String> STANDBY =
      DSL.field("{0}[3 - {1}]", String.class, T_SOURCES.V_LOG_TABLE, T_SOURCES.I_ACTIVE_LOG);
  /** Where the source's log stands: one query per batch. */
  private static final Query STATE = DSL.select(
          T_SOURCES.I_ACTIVE_LOG,
          ACTIVE,
          STANDBY,
          DSL.field(DSL.selectCount().from(T_REPLICA_BATCH).where(
              T_REPLICA_BATCH.I_ID_SOURCE.eq(T_SOURCES.I_ID_SOURCE), T_REPLICA_BATCH.V_LOG_TABLE.eq(ACTIVE))),
          DSL.field(DSL.notExists(DSL.selectOne().from(T_REPLICA_BATCH).where(
              T_REPLICA_BATCH.I_ID_SOURCE.eq(T_SOURCES.I_ID_SOURCE),
              T_REPLICA_BATCH.V_LOG_TABLE.eq(STANDBY),
              T_REPLICA_BATCH.B_REPLAYED.isFalse()))))
      .from(T_SOURCES)
      .where(T_SOURCES.I_ID_SOURCE.eq(DSL.param("source", Long.class)));

  private record State(short activeIndex, String active, String standby, int batchesInActive, boolean standbyDrained) {}

  private final long sourceId;
  private final PreparedQuery state;

  LogRotation(Connection connection, long sourceId) throws SQLException {
    this.sourceId = sourceId;
    this.state = PreparedQuery.prepare(connection, STATE).set("source", sourceId);
  }

  /** The table the next batch goes into, after rotating if it is time to. */
  String activeTable(DSLContext dsl) throws SQLException {
    State now = state.fetchFirst(row -> new State(
        row.getShort(1), row.getString(2), row.getString(3), row.getInt(4), row.getBoolean(5)));
    if (now == null) {
      throw new SQLException("source " + sourceId + " is no longer in the catalogue");
    }
    if (now.batchesInActive() < BATCHES_PER_TABLE || !now.standbyDrained()) {
      return now.active();
    }
    dsl.truncate(DSL.table(DSL.name(Catalogue.SCHEMA, now.standby()))).execute();
    dsl.deleteFrom(T_REPLICA_BATCH)
        .where(T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId))
        .and(T_REPLICA_BATCH.V_LOG_TABLE.eq(now.standby()))
        .execute();
    dsl.update(T_SOURCES)
        .set(T_SOURCES.I_ACTIVE_LOG, (short) (3 - now.activeIndex()))
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .execute();
    log.debug("Source {} rotated its log from {} to {}", sourceId, now.active(), now.standby());
    return now.standby();
  }
}
