package io.chameleon.internal.ddl;

import java.util.Objects;

/**
 * A column's DEFAULT clause as the MySQL statement wrote it, before any PostgreSQL meaning is
 * given to it ({@link PgLiterals} does that). Immutable.
 */
public sealed interface DefaultValue {

  /** {@code DEFAULT NULL}. */
  record Null() implements DefaultValue {}

  /** What kind of literal a {@link Literal} was. */
  enum LiteralKind {
    /** a quoted string; the value is decoded */
    STRING,
    /** a number, with its sign; the value is the digits as written ({@code -1.5}, {@code 1e3}) */
    NUMBER,
    /** {@code X'0F'} or {@code 0x0F}; the value is the hex digits */
    HEX,
    /** {@code B'101'} or {@code 0b101}; the value is the binary digits */
    BIT
  }

  /**
   * A literal value.
   *
   * @param kind what kind of literal
   * @param value the value, as described by the kind
   */
  record Literal(LiteralKind kind, String value) implements DefaultValue {
    /** Checks the components. */
    public Literal {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@code CURRENT_TIMESTAMP}, {@code NOW()}, {@code LOCALTIMESTAMP} and their synonyms.
   *
   * @param precision the fractional seconds asked for, 0..6
   */
  record CurrentTimestamp(int precision) implements DefaultValue {}

  /**
   * Anything else (an expression such as {@code (a + 1)} or {@code uuid()}): it has no literal
   * value the replicator could give PostgreSQL.
   *
   * @param text the expression as written (tokens one space apart)
   */
  record Expression(String text) implements DefaultValue {}
}
