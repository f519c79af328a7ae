package io.chameleon.internal.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Identifiers and literals written into SQL text, for the few places where SQL cannot take a
 * bound parameter (DDL). Every identifier is quoted, whatever it looks like; every literal is an
 * escape string with its quotes and backslashes doubled. Stateless; thread-safe.
 */
final class SqlText {

  /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1). */
  static final int MAX_PG_IDENTIFIER_BYTES = 63;

  private SqlText() {}

  /** A PostgreSQL quoted identifier: {@code "My ""odd"" name"}. */
  static String pg(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."name"}. */
  static String pg(String schema, String name) {
    return pg(schema) + '.' + pg(name);
  }

  /** A MySQL quoted identifier: {@code `My ``odd`` name`}. */
  static String mysql(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  /** {@code `schema`.`name`}. */
  static String mysql(String schema, String name) {
    return mysql(schema) + '.' + mysql(name);
  }

  /**
   * A PostgreSQL escape-string literal holding {@code value} exactly (NUL characters, which
   * PostgreSQL text cannot hold, are left out): {@code E'it''s a \\ b'}. Correct whatever
   * {@code standard_conforming_strings} says.
   */
  static String pgLiteral(String value) {
    StringBuilder out = new StringBuilder(value.length() + 4).append("E'");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\'' -> out.append("''");
        case '\\' -> out.append("\\\\");
        case '\0' -> { }
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /** How many bytes the name takes in UTF-8 (PostgreSQL's limit is in bytes). */
  static int utf8Length(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * A relation name for {@code base} that fits in 63 bytes and is not in {@code used} (which it
   * is then added to). A name too long, or taken, is cut and given a suffix made from a hash of
   * the full name and a counter, so the same inputs give the same name.
   */
  static String uniqueRelationName(String base, Set<String> used) {
    if (utf8Length(base) <= MAX_PG_IDENTIFIER_BYTES && used.add(base)) {
      return base;
    }
    CRC32 crc = new CRC32();
    crc.update(base.getBytes(StandardCharsets.UTF_8));
    String hash = HexFormat.of().toHexDigits((int) crc.getValue());
    for (int attempt = 0; ; attempt++) {
      String suffix = "_" + hash + (attempt == 0 ? "" : "_" + attempt);
      String name = cut(base, MAX_PG_IDENTIFIER_BYTES - suffix.length()) + suffix;
      if (used.add(name)) {
        return name;
      }
    }
  }

  /** The longest prefix of {@code name} that fits in {@code bytes} UTF-8 bytes, whole characters only. */
  static String cut(String name, int bytes) {
    int used = 0;
    int end = 0;
    while (end < name.length()) {
      int cp = name.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + size > bytes) {
        break;
      }
      used += size;
      end += Character.charCount(cp);
    }
    return name.substring(0, end);
  }
}
