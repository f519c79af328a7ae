package io.chameleon.internal.catalog;

/**
 * PostgreSQL identifier quoting for the SQL the pipeline builds from table and column names.
 * Every identifier is quoted, whatever it contains; values are never put into SQL text, they
 * are bound as parameters.
 */
public final class Identifiers {

  private Identifiers() {}

  /** {@code "name"} with inner double quotes doubled. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."table"}. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }
}
