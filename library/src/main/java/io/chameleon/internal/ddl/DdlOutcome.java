package io.chameleon.internal.ddl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do about one DDL statement, as {@link DdlTranslator} decided. Immutable.
 *
 * <ul>
 *   <li>{@link Kind#APPLY}: run {@link #statements()} on PostgreSQL, in order, in the replay
 *       transaction of the batch (between the DML before and after the statement), then
 *       {@link SchemaModel#apply(DdlOutcome)}. The list may be empty when only the reader's
 *       view changes (an ENUM label added: the PostgreSQL column is text).
 *   <li>{@link Kind#SKIP}: nothing to do for replicated data; record the statement and the
 *       {@link #reason()}.
 *   <li>{@link Kind#FAIL}: the statement cannot be read or translated; record it with the
 *       reason and exclude {@link #tables()} (when known) until they are re-synced. The model
 *       is unchanged.
 * </ul>
 *
 * @param kind what to do
 * @param statements the PostgreSQL statements, in order (APPLY only)
 * @param tables the source tables the statement touches (for FAIL: the ones to exclude)
 * @param changes the model changes, in order (APPLY only)
 * @param created the tables the statement creates (CREATE TABLE, CREATE TABLE LIKE): replay
 *     registers them, with {@link SourceTable#replicaKey()} as their key, from their first row
 * @param reason why a statement is skipped or failed; empty for APPLY
 * @param notes what was accepted with a caveat or ignored (a clause without PostgreSQL
 *     meaning, a default PostgreSQL cannot have, ...), for the log
 */
public record DdlOutcome(Kind kind, List<String> statements, List<TableRef> tables, List<ModelChange> changes,
    List<TableRef> created, Optional<String> reason, List<String> notes) {

  /** What to do. */
  public enum Kind { APPLY, SKIP, FAIL }

  /** One change to the {@link SchemaModel}. */
  public sealed interface ModelChange {}

  /** The table now has this definition (new, altered, or renamed into this name). */
  public record Put(SourceTable table) implements ModelChange {}

  /** The table is gone (dropped, or renamed away). */
  public record Remove(TableRef table) implements ModelChange {}

  /** Checks the components and copies the lists. */
  public DdlOutcome {
    Objects.requireNonNull(kind, "kind");
    statements = List.copyOf(statements);
    tables = List.copyOf(tables);
    changes = List.copyOf(changes);
    created = List.copyOf(created);
    Objects.requireNonNull(reason, "reason");
    notes = List.copyOf(notes);
    if (kind != Kind.APPLY && (!statements.isEmpty() || !changes.isEmpty())) {
      throw new IllegalArgumentException(kind + " carries no statements or model changes");
    }
    if (kind != Kind.APPLY && reason.isEmpty()) {
      throw new IllegalArgumentException(kind + " needs a reason");
    }
  }

  static DdlOutcome skip(String reason, List<TableRef> tables, List<String> notes) {
    return new DdlOutcome(Kind.SKIP, List.of(), tables, List.of(), List.of(), Optional.of(reason), notes);
  }

  static DdlOutcome fail(String reason, List<TableRef> tables) {
    return new DdlOutcome(Kind.FAIL, List.of(), tables, List.of(), List.of(), Optional.of(reason), List.of());
  }

  /** The definitions of the tables this statement created, from the model changes. */
  public List<SourceTable> createdTables() {
    return changes.stream()
        .filter(c -> c instanceof Put)
        .map(c -> ((Put) c).table())
        .filter(t -> created.contains(t.ref()))
        .toList();
  }
}
