package io.chameleon.internal.ddl;

import io.chameleon.internal.snapshot.PgTypeMap;

/** PostgreSQL's own spelling ({@code format_type}) of the type names {@link PgTypeMap} writes, for tests. */
public final class PgTypeSpelling {

  private PgTypeSpelling() {}

  public static String of(String type) {
    return type
        .replaceAll("^timestamptz\\((\\d)\\)$", "timestamp($1) with time zone")
        .replaceAll("^timestamp\\((\\d)\\)$", "timestamp($1) without time zone")
        .replaceAll("^time\\((\\d)\\)$", "time($1) without time zone")
        .replaceAll("^varchar\\(", "character varying(")
        .replaceAll("^char\\(", "character(")
        .replaceAll("^numeric\\((\\d+)\\)$", "numeric($1,0)");
  }
}
