package io.chameleon.internal.ddl;

import io.chameleon.SourceConfig;
import io.chameleon.internal.capture.TableInfo;
import io.chameleon.internal.snapshot.PgTypeMap;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's reader-side view of DDL: the {@link SchemaModel} of its replicated schemas,
 * kept current by translating each DDL statement as it is read, and the tables whose DDL could
 * not be translated (excluded until re-synced).
 *
 * <p>A statement concerns the replica when it touches a table of a mapped schema that the
 * configuration replicates, or, when the tables it touches are unknown (it could not be read),
 * when the session's default database is mapped or the statement names a mapped schema. Every
 * such statement becomes a {@link DdlEvent}, whatever its outcome, so replay records it; others
 * are ignored.
 *
 * <p>The model follows the reader: it is seeded from {@code information_schema} when the
 * source starts, moves with each statement read, and goes back to its state at the last
 * committed batch when the reader reconnects and reads from there again. (Seeded from the
 * server as it is at start, it is ahead of the binlog when DDL ran on the source while the
 * replica was stopped: such statements fail when read again, and their tables are excluded
 * until {@code syncTables}.)
 *
 * <p>Not thread-safe: owned by the source's reader.
 */
public final class ReaderSchema {

  private static final Logger log = LoggerFactory.getLogger(ReaderSchema.class);

  private final SourceConfig config;
  private final DdlTranslator translator;
  private final PgTypeMap types;
  private SchemaModel model;
  private Set<TableRef> failed = new HashSet<>();
  private SchemaModel committedModel;
  private Set<TableRef> committedFailed = Set.of();
  private boolean changed;

  /**
   * @param model the replicated schemas as they are now ({@link SchemaModelLoader})
   */
  public ReaderSchema(SourceConfig config, DdlParser.Flavor flavor, SchemaModel model) {
    this.config = config;
    this.translator = new DdlTranslator(flavor);
    this.types = PgTypeMap.withOverrides(config.typeOverrides());
    this.model = model;
    this.committedModel = model.copy();
  }

  /** Reads the model of the source's mapped schemas from the server. */
  public static ReaderSchema load(SourceConfig config, DdlParser.Flavor flavor, Connection connection)
      throws SQLException {
    return new ReaderSchema(config, flavor, SchemaModelLoader.load(connection, config.schemaMappings().keySet()));
  }

  /**
   * Translates a statement read from the binlog and moves the model past it.
   *
   * @param sql the statement as the QUERY event carries it
   * @param defaultDatabase the session's default database; null or empty when none
   * @return the event to log, or empty when the statement does not concern the replica
   */
  public Optional<DdlEvent> read(String sql, String defaultDatabase) {
    DdlOutcome outcome = translator.translate(sql, defaultDatabase, model,
        schema -> Optional.ofNullable(config.schemaMappings().get(schema)), types);
    if (!concernsReplica(outcome, sql, defaultDatabase)) {
      return Optional.empty();
    }
    changed = true;
    switch (outcome.kind()) {
      case APPLY -> {
        model.apply(outcome);
        outcome.created().forEach(failed::remove);
      }
      case FAIL -> {
        // the model no longer knows these tables: their rows are named from information_schema
        outcome.tables().forEach(model::remove);
        failed.addAll(outcome.tables());
        log.warn("Source '{}': DDL cannot be replicated ({}); excluding {} until re-synced: {}",
            config.name(), outcome.reason().orElse("?"), outcome.tables(), sql);
      }
      case SKIP -> log.info("Source '{}': DDL skipped ({}): {}", config.name(), outcome.reason().orElse("?"), sql);
    }
    return Optional.of(DdlEvent.of(outcome));
  }

  /** The table as the model has it; empty when unknown, or when its DDL failed. */
  public Optional<TableInfo> table(String schema, String table) {
    return model.table(schema, table).map(SourceTable::toTableInfo);
  }

  /** Whether a DDL statement on the table could not be replicated since it was last copied. */
  public boolean failed(String schema, String table) {
    return !failed.isEmpty() && failed.contains(new TableRef(schema, table));
  }

  /** Whether a statement changed the model since the last {@link #committed()}. */
  public boolean changedSinceCommit() {
    return changed;
  }

  /** The statements read so far are committed to the log: a reconnect goes back to here. */
  public void committed() {
    if (changed) {
      committedModel = model.copy();
      committedFailed = Set.copyOf(failed);
      changed = false;
    }
  }

  /** Forgets the statements read since the last {@link #committed()}: the reader reads them again. */
  public void rollback() {
    model = committedModel.copy();
    failed = new HashSet<>(committedFailed);
    changed = false;
  }

  /** The tables were copied again: describe them afresh and stop treating them as failed. */
  public void resynced(Connection connection, Collection<TableRef> tables) throws SQLException {
    for (TableRef table : tables) {
      SchemaModelLoader.reload(connection, model, table);
      SchemaModelLoader.reload(connection, committedModel, table);
      failed.remove(table);
    }
    committedFailed = committedFailed.stream().filter(t -> !tables.contains(t)).collect(Collectors.toUnmodifiableSet());
  }

  private boolean concernsReplica(DdlOutcome outcome, String sql, String defaultDatabase) {
    if (!outcome.tables().isEmpty()) {
      return outcome.tables().stream().anyMatch(t -> config.replicates(t.schema(), t.table()));
    }
    if (defaultDatabase != null && config.schemaMappings().containsKey(defaultDatabase)) {
      return true;
    }
    String lower = sql.toLowerCase(Locale.ROOT);
    return config.schemaMappings().keySet().stream().anyMatch(s -> lower.contains(s.toLowerCase(Locale.ROOT)));
  }
}
