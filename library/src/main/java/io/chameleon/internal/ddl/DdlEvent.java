package io.chameleon.internal.ddl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A translated DDL statement as the reader stores it in the log (the payload of a {@code ddl}
 * log row) for replay: what to do, the PostgreSQL statements, and how the replicated tables
 * change. Replay needs nothing else from the reader's {@link SchemaModel}. Immutable.
 *
 * @param kind what to do
 * @param reason why the statement is skipped or failed; null for APPLY
 * @param statements the PostgreSQL statements, in order
 * @param tables the source tables the statement touches
 * @param changes how the set of replicated tables changes, in order
 */
public record DdlEvent(DdlOutcome.Kind kind, String reason, List<String> statements, List<TableRef> tables,
    List<Change> changes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One change to a replicated table: {@code key} is null for a table that is gone, else the
   * columns replay identifies its rows by (empty: the whole row).
   */
  public record Change(String schema, String table, List<String> key) {
    /** The table's name. */
    public TableRef ref() {
      return new TableRef(schema, table);
    }

    /** Whether the table is gone (dropped or renamed away). */
    public boolean removed() {
      return key == null;
    }
  }

  /** Checks the components and copies the lists. */
  public DdlEvent {
    Objects.requireNonNull(kind, "kind");
    statements = List.copyOf(statements);
    tables = List.copyOf(tables);
    changes = List.copyOf(changes);
  }

  /** The event for a translator's outcome. */
  public static DdlEvent of(DdlOutcome outcome) {
    List<Change> changes = outcome.changes().stream().map(change -> {
      if (change instanceof DdlOutcome.Put put) {
        return new Change(put.table().schema(), put.table().table(), put.table().replicaKey());
      }
      TableRef removed = ((DdlOutcome.Remove) change).table();
      return new Change(removed.schema(), removed.table(), null);
    }).toList();
    return new DdlEvent(outcome.kind(), outcome.reason().orElse(null), outcome.statements(), outcome.tables(), changes);
  }

  /** The reason, if skipped or failed. */
  public Optional<String> reasonText() {
    return Optional.ofNullable(reason);
  }

  /** This event as JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a DDL event as JSON", e);
    }
  }

  /** An event from {@link #toJson()}'s text. */
  public static DdlEvent fromJson(String json) {
    try {
      return JSON.readValue(json, DdlEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a DDL event: " + e.getOriginalMessage(), e);
    }
  }
}
