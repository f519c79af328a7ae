package io.chameleon.internal.log;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.generated.tables.records.TSourcesRecord;
import org.jooq.DSLContext;
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

  private final long sourceId;

  LogRotation(long sourceId) {
    this.sourceId = sourceId;
  }

  /** The table the next batch goes into, after rotating if it is time to. */
  String activeTable(DSLContext dsl) {
    TSourcesRecord source = dsl.selectFrom(T_SOURCES).where(T_SOURCES.I_ID_SOURCE.eq(sourceId)).fetchSingle();
    int activeIndex = source.getIActiveLog();
    String active = source.getVLogTable()[activeIndex - 1];
    String standby = source.getVLogTable()[2 - activeIndex];
    int batchesInActive = dsl.fetchCount(T_REPLICA_BATCH,
        T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId).and(T_REPLICA_BATCH.V_LOG_TABLE.eq(active)));
    if (batchesInActive < BATCHES_PER_TABLE) {
      return active;
    }
    boolean standbyDrained = !dsl.fetchExists(T_REPLICA_BATCH,
        T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId)
            .and(T_REPLICA_BATCH.V_LOG_TABLE.eq(standby))
            .and(T_REPLICA_BATCH.B_REPLAYED.isFalse()));
    if (!standbyDrained) {
      return active;
    }
    dsl.truncate(DSL.table(DSL.name(Catalogue.SCHEMA, standby))).execute();
    dsl.deleteFrom(T_REPLICA_BATCH)
        .where(T_REPLICA_BATCH.I_ID_SOURCE.eq(sourceId))
        .and(T_REPLICA_BATCH.V_LOG_TABLE.eq(standby))
        .execute();
    dsl.update(T_SOURCES)
        .set(T_SOURCES.I_ACTIVE_LOG, (short) (3 - activeIndex))
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .execute();
    log.debug("Source {} rotated its log from {} to {}", sourceId, active, standby);
    return standby;
  }
}
