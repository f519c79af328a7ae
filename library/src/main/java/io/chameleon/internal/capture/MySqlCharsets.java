package io.chameleon.internal.capture;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The character sets of one MySQL/MariaDB server: collation id (as the binlog's table map
 * metadata gives it) to MySQL charset name, and MySQL charset name to the Java {@link Charset}
 * that decodes its bytes exactly.
 *
 * <p>Collation ids differ between servers (MariaDB and MySQL number their newer collations
 * differently), so the id table is read from the server once, with {@link #load(Connection)}.
 * The name table is fixed: {@code latin1} is MySQL's cp1252 variant ({@link MySqlLatin1Charset})
 * that keeps every byte; {@code utf8}, {@code utf8mb3} and {@code utf8mb4} are UTF-8; and so on
 * (see {@link #javaCharset(String)}). Charsets Java has no exact decoder for ({@code dec8},
 * {@code hp8}, {@code swe7}, {@code armscii8}, {@code keybcs2}, {@code geostd8}, ...) are not
 * guessed at: asking for them throws {@link UnsupportedColumnException} naming the column.
 *
 * <p>Immutable and thread-safe.
 */
public final class MySqlCharsets {

  /** The collation id of {@code binary}: the column holds bytes, not text. */
  public static final int BINARY_COLLATION = 63;

  /** MySQL's latin1 (cp1252 with every byte kept). */
  public static final Charset LATIN1 = MySqlLatin1Charset.INSTANCE;

  private static final Map<String, String> JAVA_NAMES = new HashMap<>();

  static {
    // MySQL charset name -> Java charset name. latin1 and binary are handled apart.
    JAVA_NAMES.put("utf8", "UTF-8");
    JAVA_NAMES.put("utf8mb3", "UTF-8");
    JAVA_NAMES.put("utf8mb4", "UTF-8");
    JAVA_NAMES.put("ascii", "US-ASCII");
    JAVA_NAMES.put("ucs2", "UTF-16BE");
    JAVA_NAMES.put("utf16", "UTF-16BE");
    JAVA_NAMES.put("utf16le", "UTF-16LE");
    JAVA_NAMES.put("utf32", "UTF-32BE");
    JAVA_NAMES.put("cp1250", "windows-1250");
    JAVA_NAMES.put("cp1251", "windows-1251");
    JAVA_NAMES.put("cp1256", "windows-1256");
    JAVA_NAMES.put("cp1257", "windows-1257");
    JAVA_NAMES.put("latin2", "ISO-8859-2");
    JAVA_NAMES.put("latin5", "ISO-8859-9");
    JAVA_NAMES.put("latin7", "ISO-8859-13");
    JAVA_NAMES.put("greek", "ISO-8859-7");
    JAVA_NAMES.put("hebrew", "ISO-8859-8");
    JAVA_NAMES.put("koi8r", "KOI8-R");
    JAVA_NAMES.put("koi8u", "KOI8-U");
    JAVA_NAMES.put("sjis", "Shift_JIS");
    JAVA_NAMES.put("cp932", "windows-31j");
    JAVA_NAMES.put("ujis", "EUC-JP");
    JAVA_NAMES.put("eucjpms", "x-eucJP-Open");
    JAVA_NAMES.put("euckr", "EUC-KR");
    JAVA_NAMES.put("gbk", "GBK");
    JAVA_NAMES.put("gb2312", "GB2312");
    JAVA_NAMES.put("gb18030", "GB18030");
    JAVA_NAMES.put("big5", "Big5");
    JAVA_NAMES.put("tis620", "TIS-620");
    JAVA_NAMES.put("cp850", "IBM850");
    JAVA_NAMES.put("cp852", "IBM852");
    JAVA_NAMES.put("cp866", "IBM866");
    JAVA_NAMES.put("macroman", "x-MacRoman");
    JAVA_NAMES.put("macce", "x-MacCentralEurope");
  }

  private final Map<Integer, String> charsetByCollation;
  private final Map<String, Integer> maxBytesByCharset;
  private final boolean mariaDb;

  private MySqlCharsets(Map<Integer, String> charsetByCollation, Map<String, Integer> maxBytesByCharset,
      boolean mariaDb) {
    this.charsetByCollation = Map.copyOf(charsetByCollation);
    this.maxBytesByCharset = Map.copyOf(maxBytesByCharset);
    this.mariaDb = mariaDb;
  }

  /**
   * Reads the server's collation and charset tables ({@code information_schema.COLLATIONS},
   * MariaDB's {@code COLLATION_CHARACTER_SET_APPLICABILITY} for the ids of its UCA 14.0
   * collations, and {@code CHARACTER_SETS} for the bytes per character).
   *
   * @param connection a connection to the source server; not closed
   * @return the server's tables
   * @throws SQLException if information_schema cannot be read
   */
  public static MySqlCharsets load(Connection connection) throws SQLException {
    Map<Integer, String> byCollation = new HashMap<>();
    Map<String, Integer> maxBytes = new HashMap<>();
    boolean mariaDb;
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
        mariaDb = rs.next() && rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS"
              + " WHERE ID IS NOT NULL AND CHARACTER_SET_NAME IS NOT NULL")) {
        while (rs.next()) {
          byCollation.put(rs.getInt(1), rs.getString(2).toLowerCase(Locale.ROOT));
        }
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT CHARACTER_SET_NAME, MAXLEN FROM information_schema.CHARACTER_SETS")) {
        while (rs.next()) {
          maxBytes.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getInt(2));
        }
      }
    }
    // MariaDB 10.10+ lists the ids of collations shared by several charsets only here.
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY"
                + " WHERE ID IS NOT NULL AND CHARACTER_SET_NAME IS NOT NULL")) {
      while (rs.next()) {
        byCollation.putIfAbsent(rs.getInt(1), rs.getString(2).toLowerCase(Locale.ROOT));
      }
    } catch (SQLException noIdColumnOnThisServer) {
      // MySQL and older MariaDB: COLLATIONS already had every id.
    }
    return new MySqlCharsets(byCollation, maxBytes, mariaDb);
  }

  /**
   * Tables given directly, for tests and for callers that know the server's ids.
   *
   * @param charsetByCollation collation id to MySQL charset name
   * @param maxBytesByCharset MySQL charset name to the most bytes one character takes
   * @param mariaDb whether the server is MariaDB (see {@link #mariaDb()})
   */
  public static MySqlCharsets of(Map<Integer, String> charsetByCollation, Map<String, Integer> maxBytesByCharset,
      boolean mariaDb) {
    return new MySqlCharsets(charsetByCollation, maxBytesByCharset, mariaDb);
  }

  /**
   * Whether the server is MariaDB. It matters for reading table-map metadata: MariaDB lists a
   * charset (binary) for GEOMETRY columns among the character columns, MySQL does not.
   */
  public boolean mariaDb() {
    return mariaDb;
  }

  /**
   * The MySQL charset name of a collation id.
   *
   * @param collationId the id from the table map (63 is binary)
   * @param column {@code schema.table.column}, for the error message
   * @return e.g. {@code utf8mb4}, {@code latin1}, {@code binary}
   * @throws UnsupportedColumnException if the server has no such collation
   */
  public String charsetName(int collationId, String column) {
    String name = charsetByCollation.get(collationId);
    if (name == null) {
      throw new UnsupportedColumnException(
          "column " + column + " uses collation id " + collationId + ", which the server does not list");
    }
    return name;
  }

  /**
   * The Java charset of a collation id, or null for {@code binary} (id 63).
   *
   * @param collationId the id from the table map
   * @param column {@code schema.table.column}, for the error message
   * @throws UnsupportedColumnException if the collation or its charset is unknown
   */
  public Charset charset(int collationId, String column) {
    if (collationId == BINARY_COLLATION) {
      return null;
    }
    return javaCharset(charsetName(collationId, column), column);
  }

  /**
   * The most bytes one character of a MySQL charset takes (4 for utf8mb4, 1 for latin1).
   *
   * @param mysqlCharset a MySQL charset name
   * @return the width, 1 if the server did not list the charset
   */
  public int maxBytesPerChar(String mysqlCharset) {
    return maxBytesByCharset.getOrDefault(mysqlCharset.toLowerCase(Locale.ROOT), 1);
  }

  /**
   * The Java charset of a MySQL charset name.
   *
   * @param mysqlCharset e.g. {@code latin1}, {@code utf8mb4}
   * @param column {@code schema.table.column}, for the error message
   * @return the charset; null for {@code binary}
   * @throws UnsupportedColumnException if Java has no exact decoder for it
   */
  public static Charset javaCharset(String mysqlCharset, String column) {
    String name = mysqlCharset.toLowerCase(Locale.ROOT);
    switch (name) {
      case "binary":
        return null;
      case "latin1":
        return LATIN1;
      case "utf8":
      case "utf8mb3":
      case "utf8mb4":
        return StandardCharsets.UTF_8;
      default:
        break;
    }
    String javaName = JAVA_NAMES.get(name);
    if (javaName == null) {
      throw new UnsupportedColumnException("column " + column + " uses character set " + mysqlCharset
          + ", which has no exact Java decoder; convert the column to utf8mb4 or exclude the table");
    }
    try {
      return Charset.forName(javaName);
    } catch (IllegalArgumentException notInThisJvm) {
      throw new UnsupportedColumnException("column " + column + " uses character set " + mysqlCharset
          + ", whose Java decoder " + javaName + " this JVM lacks (module jdk.charsets)", notInThisJvm);
    }
  }

  /** Whether Java can decode a MySQL charset name (binary counts as decodable: it is bytes). */
  public static boolean isSupported(String mysqlCharset) {
    try {
      javaCharset(mysqlCharset, "?");
      return true;
    } catch (UnsupportedColumnException e) {
      return false;
    }
  }
}
