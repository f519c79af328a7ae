package io.chameleon.internal.source;

import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_BATCH;
import static io.chameleon.internal.catalog.generated.Tables.T_REPLICA_TABLES;
import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chameleon.BinlogPosition;
import io.chameleon.ChameleonException;
import io.chameleon.SourceConfig;
import io.chameleon.internal.catalog.Catalogue;
import io.chameleon.internal.catalog.Identifiers;
import io.chameleon.internal.catalog.generated.enums.EnSrcStatus;
import io.chameleon.internal.catalog.generated.tables.records.TReplicaBatchRecord;
import io.chameleon.internal.catalog.generated.tables.records.TReplicaTablesRecord;
import io.chameleon.internal.catalog.generated.tables.records.TSourcesRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The sources in the catalogue ({@code t_sources}) and what belongs to them. */
public final class SourceRegistry {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource catalogue;

  public SourceRegistry(DataSource catalogue) {
    this.catalogue = catalogue;
  }

  public Optional<TSourcesRecord> find(String name) {
    return query(dsl -> dsl.selectFrom(T_SOURCES).where(T_SOURCES.T_SOURCE.eq(name)).fetchOptional());
  }

  public List<TSourcesRecord> all() {
    return query(dsl -> dsl.selectFrom(T_SOURCES).orderBy(T_SOURCES.T_SOURCE).fetch());
  }

  /** Registers the source and creates its two log tables; returns its id. */
  public long add(SourceConfig config) {
    return transaction(dsl -> {
      long id = dsl.insertInto(T_SOURCES)
          .set(T_SOURCES.T_SOURCE, config.name())
          .set(T_SOURCES.T_DEST_SCHEMA, String.join(",", config.schemaMappings().values()))
          .set(T_SOURCES.JSB_SCHEMA_MAPPINGS, JSONB.valueOf(json(config.schemaMappings())))
          .set(T_SOURCES.ENM_STATUS, EnSrcStatus.ready)
          .returning(T_SOURCES.I_ID_SOURCE)
          .fetchOne(T_SOURCES.I_ID_SOURCE);
      dsl.select(DSL.function(DSL.name(Catalogue.SCHEMA, "fn_refresh_parts"), Object.class)).fetch();
      return id;
    });
  }

  /** Removes the source, its batches and its log tables. */
  public void drop(TSourcesRecord source) {
    transaction(dsl -> {
      dsl.deleteFrom(T_SOURCES).where(T_SOURCES.I_ID_SOURCE.eq(source.getIIdSource())).execute();
      for (String table : source.getVLogTable()) {
        dsl.dropTableIfExists(DSL.table(DSL.name(Catalogue.SCHEMA, table))).execute();
      }
      return null;
    });
  }

  public void setStatus(long sourceId, EnSrcStatus status) {
    transaction(dsl -> dsl.update(T_SOURCES)
        .set(T_SOURCES.ENM_STATUS, status)
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .execute());
  }

  /** Records an error (and, with a status, the source's new status). */
  public void recordError(long sourceId, String error, Optional<EnSrcStatus> status) {
    transaction(dsl -> dsl.update(T_SOURCES)
        .set(T_SOURCES.T_LAST_ERROR, error)
        .set(T_SOURCES.TS_LAST_ERROR, OffsetDateTime.now())
        .set(T_SOURCES.ENM_STATUS, status.isPresent() ? DSL.val(status.get()) : T_SOURCES.ENM_STATUS)
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .execute());
  }

  /** Sets an errored source back to stopped and forgets its last error. */
  public void clearError(long sourceId) {
    transaction(dsl -> dsl.update(T_SOURCES)
        .set(T_SOURCES.ENM_STATUS, EnSrcStatus.stopped)
        .setNull(T_SOURCES.T_LAST_ERROR)
        .setNull(T_SOURCES.TS_LAST_ERROR)
        .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
        .execute());
  }

  /** What status reports about a source beyond its t_sources row. */
  public record Details(
      long batchesPending,
      Optional<BinlogPosition> replayedPosition,
      Optional<Instant> lastReplayTime,
      boolean consistent,
      List<String> tablesReplicated,
      Map<String, String> tablesExcluded,
      Map<String, Long> logTableBytes) {}

  public Details details(TSourcesRecord source) {
    long id = source.getIIdSource();
    return query(dsl -> {
      long pending = dsl.fetchCount(T_REPLICA_BATCH, T_REPLICA_BATCH.I_ID_SOURCE.eq(id)
          .and(T_REPLICA_BATCH.B_PROCESSED.isTrue()).and(T_REPLICA_BATCH.B_REPLAYED.isFalse()));
      TReplicaBatchRecord lastReplayed = dsl.selectFrom(T_REPLICA_BATCH)
          .where(T_REPLICA_BATCH.I_ID_SOURCE.eq(id)).and(T_REPLICA_BATCH.B_REPLAYED.isTrue())
          .orderBy(T_REPLICA_BATCH.I_ID_BATCH.desc()).limit(1).fetchOne();
      Optional<BinlogPosition> replayed = Optional.ofNullable(lastReplayed)
          .map(b -> new BinlogPosition(b.getTBinlogName(), b.getIBinlogPosition(), Optional.ofNullable(b.getTGtidSet())));
      List<String> replicated = new ArrayList<>();
      Map<String, String> excluded = new TreeMap<>();
      BinlogPosition earliestSnapshot = null;
      BinlogPosition latestSnapshot = null;
      for (TReplicaTablesRecord table : dsl.selectFrom(T_REPLICA_TABLES).where(T_REPLICA_TABLES.I_ID_SOURCE.eq(id))
          .orderBy(T_REPLICA_TABLES.V_SCHEMA_NAME, T_REPLICA_TABLES.V_TABLE_NAME).fetch()) {
        String name = table.getVSchemaName() + "." + table.getVTableName();
        if (Boolean.TRUE.equals(table.getBReplicaEnabled())) {
          replicated.add(name);
        } else {
          excluded.put(name, Objects.requireNonNullElse(table.getTExclusion(), "excluded"));
        }
        if (table.getTBinlogName() != null) {
          BinlogPosition snapshot = new BinlogPosition(table.getTBinlogName(), table.getIBinlogPosition());
          earliestSnapshot = earliestSnapshot == null || before(snapshot, earliestSnapshot) ? snapshot : earliestSnapshot;
          latestSnapshot = latestSnapshot == null || before(latestSnapshot, snapshot) ? snapshot : latestSnapshot;
        }
      }
      BinlogPosition reached = replayed.orElse(earliestSnapshot);
      boolean consistent = latestSnapshot == null || (reached != null && !before(reached, latestSnapshot));
      Map<String, Long> sizes = new TreeMap<>();
      for (String table : source.getVLogTable()) {
        sizes.put(table, dsl.fetchValue(DSL.field("pg_total_relation_size(to_regclass({0}))", Long.class,
            DSL.val(Catalogue.SCHEMA + "." + Identifiers.quote(table)))));
      }
      return new Details(pending, replayed,
          Optional.ofNullable(lastReplayed).map(b -> b.getTsReplayed()).map(t -> t.toInstant(ZoneOffset.UTC)),
          consistent, replicated, excluded, sizes);
    });
  }

  /** Binlog order of two positions (file names sort in creation order). */
  private static boolean before(BinlogPosition a, BinlogPosition b) {
    int byFile = a.file().compareTo(b.file());
    return byFile < 0 || (byFile == 0 && a.position() < b.position());
  }

  /** The MySQL to PostgreSQL schema mappings the source was registered with. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> schemaMappings(TSourcesRecord source) {
    try {
      return JSON.readValue(source.getJsbSchemaMappings().data(), Map.class);
    } catch (JsonProcessingException e) {
      throw new ChameleonException("t_sources.jsb_schema_mappings of " + source.getTSource() + " is not a JSON object", e);
    }
  }

  private static String json(Map<String, String> mappings) {
    try {
      return JSON.writeValueAsString(mappings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  private <T> T query(Work<T> work) {
    try (Connection connection = catalogue.getConnection()) {
      return work.run(Catalogue.on(connection));
    } catch (SQLException | DataAccessException e) {
      throw new ChameleonException("catalogue database error: " + e.getMessage(), e);
    }
  }

  private <T> T transaction(Work<T> work) {
    return query(dsl -> dsl.transactionResult(configuration -> work.run(configuration.dsl())));
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(DSLContext dsl) throws SQLException;
  }
}
