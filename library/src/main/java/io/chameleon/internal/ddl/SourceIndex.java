package io.chameleon.internal.ddl;

import io.chameleon.internal.catalog.Identifiers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One index (or key) of a source table, with the name of the PostgreSQL index that stands for
 * it. MySQL index names are per table, PostgreSQL's per schema: {@link PgIndexNames} derives a
 * unique, stable PostgreSQL name once, and the model keeps it, so that a later
 * {@code DROP INDEX} or a table rename finds the right one. Immutable.
 *
 * @param name the MySQL name; {@code PRIMARY} for the primary key
 * @param kind what kind of index
 * @param parts the indexed columns in order
 * @param pgName the PostgreSQL index (for the primary key: constraint) name; empty for index
 *     kinds PostgreSQL does not build ({@link Kind#FULLTEXT}, {@link Kind#SPATIAL}) and for
 *     functional indexes
 */
public record SourceIndex(String name, Kind kind, List<Part> parts, Optional<String> pgName) {

  /** The MySQL name of every primary key. */
  public static final String PRIMARY = "PRIMARY";

  /** What kind of index. */
  public enum Kind {
    PRIMARY,
    UNIQUE,
    INDEX,
    /** a full-text index: no PostgreSQL counterpart is built */
    FULLTEXT,
    /** a spatial index: no PostgreSQL counterpart is built */
    SPATIAL;

    /** Whether PostgreSQL gets a counterpart. */
    public boolean replicated() {
      return this == PRIMARY || this == UNIQUE || this == INDEX;
    }
  }

  /**
   * One indexed column.
   *
   * @param column the column name
   * @param prefixLength MySQL's prefix length ({@code name(10)}): characters for text, bytes for
   *     binary columns; 0 for the whole value
   */
  public record Part(String column, int prefixLength) {
    /** Checks the components. */
    public Part {
      Objects.requireNonNull(column, "column");
      if (prefixLength < 0) {
        throw new IllegalArgumentException("prefix length " + prefixLength);
      }
    }

    @Override
    public String toString() {
      return prefixLength == 0 ? column : column + "(" + prefixLength + ")";
    }
  }

  /** Checks the components and copies the parts. */
  public SourceIndex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    parts = List.copyOf(parts);
    Objects.requireNonNull(pgName, "pgName");
  }

  /** The column names in key order. */
  public List<String> columns() {
    return parts.stream().map(Part::column).toList();
  }

  /** This index with another MySQL name. */
  public SourceIndex withName(String newName) {
    return new SourceIndex(newName, kind, parts, pgName);
  }

  /** This index with other parts. */
  public SourceIndex withParts(List<Part> newParts) {
    return new SourceIndex(name, kind, newParts, pgName);
  }

  /** This index with another PostgreSQL name. */
  public SourceIndex withPgName(Optional<String> newPgName) {
    return new SourceIndex(name, kind, parts, newPgName);
  }

  /** e.g. {@code uq_email UNIQUE(email) -> "customers_uq_email"}, for messages and tests. */
  @Override
  public String toString() {
    return name + " " + kind + parts.stream().map(Part::toString).collect(Collectors.joining(",", "(", ")"))
        + pgName.map(n -> " -> " + Identifiers.quote(n)).orElse(" (not in PostgreSQL)");
  }
}
