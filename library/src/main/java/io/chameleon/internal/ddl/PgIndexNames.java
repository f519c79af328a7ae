package io.chameleon.internal.ddl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * PostgreSQL names for MySQL indexes. MySQL index names are per table, PostgreSQL's are per
 * schema (and shared with tables), and PostgreSQL truncates names to 63 bytes. The name is
 * {@code <table>_<index>} ({@code <table>_pkey} for the primary key) when that fits in 63
 * bytes and is free; otherwise it is cut at a character boundary and ends with {@code _} and
 * 8 hex digits of a SHA-256 of the table and index names (and a counter, in the unlikely case
 * that is taken too). The same inputs give the same name, so the name is stable; the
 * {@link SchemaModel} keeps it, so later statements find it even after renames. Stateless;
 * thread-safe.
 */
public final class PgIndexNames {

  /** PostgreSQL's longest identifier, in bytes (NAMEDATALEN - 1). */
  public static final int MAX_BYTES = 63;

  private static final int HASH_CHARS = 8;

  private PgIndexNames() {}

  /**
   * The PostgreSQL name for an index.
   *
   * @param table the MySQL table name
   * @param index the MySQL index name ({@link SourceIndex#PRIMARY} for the primary key)
   * @param taken whether a name is already used in the target schema (by an index or a table)
   * @return a name of at most 63 bytes that {@code taken} does not hold
   */
  public static String derive(String table, String index, Predicate<String> taken) {
    String suffix = index.equalsIgnoreCase(SourceIndex.PRIMARY) ? "pkey" : index;
    String base = table + "_" + suffix;
    if (bytes(base) <= MAX_BYTES && !taken.test(base)) {
      return base;
    }
    String head = truncate(base, MAX_BYTES - HASH_CHARS - 1);
    for (int attempt = 0; ; attempt++) {
      String name = head + "_" + hash(table + "\u0000" + index + (attempt == 0 ? "" : "\u0000" + attempt));
      if (!taken.test(name)) {
        return name;
      }
    }
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes, never splitting a character. */
  static String truncate(String s, int maxBytes) {
    int end = 0;
    int used = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int size = bytes(new String(Character.toChars(cp)));
      if (used + size > maxBytes) {
        break;
      }
      used += size;
      end += Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  private static String hash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
