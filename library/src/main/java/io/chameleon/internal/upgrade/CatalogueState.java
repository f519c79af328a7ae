package io.chameleon.internal.upgrade;

import static io.chameleon.internal.catalog.generated.Tables.V_VERSION;

import io.chameleon.UpgradeException;
import io.chameleon.internal.catalog.generated.tables.records.TSchemaHistoryRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A catalogue as found in a database: absent, a pg_chameleon catalogue without the upgrader's
 * history (to be baselined at its {@code v_version}), or one with history.
 *
 * @param catalogueVersion what {@code v_version} says; empty when there is no catalogue
 * @param history successful history rows, oldest first; empty when there is no history table
 * @param hasHistoryTable whether the upgrader's history table exists
 */
record CatalogueState(
    Optional<CatalogueVersion> catalogueVersion,
    List<TSchemaHistoryRecord> history,
    boolean hasHistoryTable) {

  static CatalogueState read(DSLContext dsl) {
    boolean hasHistory = HistoryTable.exists(dsl);
    List<TSchemaHistoryRecord> history = hasHistory ? HistoryTable.applied(dsl) : List.of();
    if (!HistoryTable.catalogueExists(dsl)) {
      return new CatalogueState(Optional.empty(), history, hasHistory);
    }
    String version = dsl.fetchValue(V_VERSION.T_VERSION);
    try {
      return new CatalogueState(Optional.of(CatalogueVersion.parse(version)), history, hasHistory);
    } catch (IllegalArgumentException e) {
      throw new UpgradeException.VersionMismatch(
          "sch_chameleon.v_version returns '" + version + "', which is not a catalogue version"
              + " this library knows; restore the catalogue from a backup or recreate it");
    }
  }

  /** A pg_chameleon catalogue the upgrader has never seen: it is baselined at its version. */
  boolean needsBaseline() {
    return catalogueVersion.isPresent() && history.isEmpty();
  }
}
