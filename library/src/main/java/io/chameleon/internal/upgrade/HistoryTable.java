package io.chameleon.internal.upgrade;

import static io.chameleon.internal.catalog.generated.Tables.T_SCHEMA_HISTORY;

import io.chameleon.internal.catalog.generated.tables.records.TSchemaHistoryRecord;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The upgrader's record of what ran: {@code sch_chameleon.t_schema_history}. A version counts
 * as applied when it has a successful row; failed attempts stay as rows for the record.
 */
final class HistoryTable {

  static final String KIND_BASELINE = "baseline";
  static final String KIND_MIGRATION = "migration";

  private HistoryTable() {}

  static boolean exists(DSLContext dsl) {
    return relationExists(dsl, "sch_chameleon.t_schema_history");
  }

  /** True when a pg_chameleon catalogue (any version) is present. */
  static boolean catalogueExists(DSLContext dsl) {
    return relationExists(dsl, "sch_chameleon.v_version");
  }

  static void create(DSLContext dsl) {
    dsl.execute(Migrations.historyTableSql());
  }

  /** Successful rows, oldest first. */
  static List<TSchemaHistoryRecord> applied(DSLContext dsl) {
    return dsl.selectFrom(T_SCHEMA_HISTORY)
        .where(T_SCHEMA_HISTORY.B_SUCCESS.isTrue())
        .orderBy(T_SCHEMA_HISTORY.I_ID_HISTORY)
        .fetch();
  }

  static void recordBaseline(DSLContext dsl, CatalogueVersion version) {
    dsl.insertInto(T_SCHEMA_HISTORY)
        .set(T_SCHEMA_HISTORY.V_VERSION, version.toString())
        .set(T_SCHEMA_HISTORY.T_DESCRIPTION, "catalogue found at version " + version)
        .set(T_SCHEMA_HISTORY.T_KIND, KIND_BASELINE)
        .set(T_SCHEMA_HISTORY.B_SUCCESS, true)
        .execute();
  }

  static void recordMigration(
      DSLContext dsl, Migration migration, Duration took, boolean success, String error) {
    dsl.insertInto(T_SCHEMA_HISTORY)
        .set(T_SCHEMA_HISTORY.V_VERSION, migration.version().toString())
        .set(T_SCHEMA_HISTORY.T_DESCRIPTION, migration.description())
        .set(T_SCHEMA_HISTORY.T_SCRIPT, migration.script())
        .set(T_SCHEMA_HISTORY.T_CHECKSUM, migration.checksum())
        .set(T_SCHEMA_HISTORY.T_KIND, KIND_MIGRATION)
        .set(T_SCHEMA_HISTORY.I_EXECUTION_MS, took.toMillis())
        .set(T_SCHEMA_HISTORY.B_SUCCESS, success)
        .set(T_SCHEMA_HISTORY.T_ERROR, error)
        .execute();
  }

  private static boolean relationExists(DSLContext dsl, String name) {
    return dsl.fetchValue(DSL.field("to_regclass({0}) IS NOT NULL", Boolean.class, DSL.val(name)));
  }
}
