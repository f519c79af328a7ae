package io.chameleon.internal.snapshot;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.copy.CopyTextBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * How one MySQL column is read for the initial copy and written into {@code COPY}: the
 * expression the {@code SELECT} asks the server for, and how its text or bytes become the
 * PostgreSQL input text. The result is the value that {@link io.chameleon.internal.capture.RowEncoder}
 * gives replay for the same MySQL value, so that events replayed on top of the copy meet exactly
 * the rows they expect.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>MySQL</th><th>selected as</th><th>written as</th></tr>
 *   <tr><td>integers (signed, unsigned), DECIMAL, YEAR, DOUBLE</td><td>{@code CAST(c AS CHAR)}</td>
 *       <td>the server's digits, unchanged (DOUBLE text is the shortest that reads back to the
 *       same double)</td></tr>
 *   <tr><td>FLOAT</td><td>{@code CAST(CAST(c AS DOUBLE) AS CHAR)} (the server prints FLOAT with
 *       only 6 digits)</td><td>{@code Float.toString} of the exact float</td></tr>
 *   <tr><td>BIT(n)</td><td>{@code LPAD(BIN(c), n, '0')}</td><td>n bits, most significant first</td></tr>
 *   <tr><td>CHAR, VARCHAR, TEXT; ENUM</td><td>utf8 columns and ENUM: {@code c};
 *       other charsets: {@code CAST(c AS BINARY)}</td><td>decoded as the binlog reader decodes
 *       (the column's charset; MySQL's latin1 keeps all 256 bytes; invalid UTF-8 becomes
 *       U+FFFD), NUL characters dropped</td></tr>
 *   <tr><td>SET</td><td>{@code c}</td><td>a text[] literal of the labels, in definition order</td></tr>
 *   <tr><td>JSON (MySQL, or MariaDB's LONGTEXT alias)</td><td>MySQL: {@code CAST(c AS CHAR)};
 *       MariaDB: {@code c}</td><td>the JSON text without its <code>&#92;u0000</code> escapes (jsonb
 *       cannot hold NUL; replay drops it too)</td></tr>
 *   <tr><td>BINARY(n), VARBINARY, BLOB</td><td>{@code c}</td><td>bytea hex ({@code \x...}),
 *       BINARY padded to n bytes</td></tr>
 *   <tr><td>GEOMETRY</td><td>{@code c} (SRID then WKB)</td><td>bytea hex of the WKB, SRID dropped</td></tr>
 *   <tr><td>DATE, DATETIME(p)</td><td>{@code CAST(c AS CHAR)}</td><td>the same text; year 0 as
 *       {@code 0001-... BC}; zero dates (zero month or day, days the month lacks) as NULL, or
 *       {@value InitialCopy#ZERO_DATE_IN_NOT_NULL_COLUMN} in a NOT NULL column</td></tr>
 *   <tr><td>TIMESTAMP(p)</td><td>{@code CAST(c AS CHAR)} in a UTC session</td><td>the same text
 *       with {@code +00}; the zero timestamp as for dates</td></tr>
 *   <tr><td>TIME(p)</td><td>{@code CAST(c AS CHAR)}</td><td>{@code [-]HHH:mm:ss[.f]}, unchanged</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; writing uses the caller's buffer.
 */
final class CopyValue {

  private enum Kind { DIGITS, FLOAT, BITS, UTF8_TEXT, CHARSET_TEXT, JSON, SET, BYTES, GEOMETRY, DATE, TIMESTAMP, TIME }

  private static final byte[] NUL_ESCAPE = "\\u0000".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZERO_DATE_BYTES = InitialCopy.ZERO_DATE_IN_NOT_NULL_COLUMN.getBytes(StandardCharsets.US_ASCII);

  private final Kind kind;
  private final ColumnInfo column;
  private final int width;

  private CopyValue(Kind kind, ColumnInfo column, int width) {
    this.kind = kind;
    this.column = column;
    this.width = width;
  }

  /** The format of a column. */
  static CopyValue of(ColumnInfo column) {
    if (column.json()) {
      return new CopyValue(Kind.JSON, column, 0);
    }
    MySqlType type = column.type();
    switch (type) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, DECIMAL, DOUBLE, YEAR:
        return new CopyValue(Kind.DIGITS, column, 0);
      case FLOAT:
        return new CopyValue(Kind.FLOAT, column, 0);
      case BIT:
        return new CopyValue(Kind.BITS, column, (int) column.length());
      case CHAR, VARCHAR, TEXT:
        return new CopyValue(isUtf8(column.charset()) ? Kind.UTF8_TEXT : Kind.CHARSET_TEXT, column, 0);
      case ENUM:
        return new CopyValue(Kind.UTF8_TEXT, column, 0);
      case SET:
        return new CopyValue(Kind.SET, column, 0);
      case BINARY:
        return new CopyValue(Kind.BYTES, column, (int) Math.min(column.length(), Integer.MAX_VALUE));
      case VARBINARY, BLOB:
        return new CopyValue(Kind.BYTES, column, 0);
      case GEOMETRY:
        return new CopyValue(Kind.GEOMETRY, column, 0);
      case DATE, DATETIME:
        return new CopyValue(Kind.DATE, column, 0);
      case TIMESTAMP:
        return new CopyValue(Kind.TIMESTAMP, column, 0);
      case TIME:
        return new CopyValue(Kind.TIME, column, 0);
      default:
        throw new IllegalArgumentException("no copy format for type " + type);
    }
  }

  private static boolean isUtf8(Charset charset) {
    return charset == null || charset == StandardCharsets.UTF_8;
  }

  /** The select-list expression for the column. */
  String select() {
    String c = SqlText.mysql(column.name());
    switch (kind) {
      case DIGITS, DATE, TIMESTAMP, TIME:
        return "CAST(" + c + " AS CHAR)";
      case FLOAT:
        return "CAST(CAST(" + c + " AS DOUBLE) AS CHAR)";
      case BITS:
        return "LPAD(BIN(" + c + "), " + width + ", '0')";
      case CHARSET_TEXT:
        return "CAST(" + c + " AS BINARY)";
      case JSON:
        return column.type() == MySqlType.JSON ? "CAST(" + c + " AS CHAR)" : c;
      default:
        return c;
    }
  }

  /**
   * Writes the value at {@code index} of the current row.
   *
   * @return NUL characters dropped from a text value (0 for other types)
   */
  int write(ResultSet row, int index, CopyTextBuffer out) throws SQLException {
    byte[] bytes = row.getBytes(index);
    if (bytes == null) {
      out.nullValue();
      return 0;
    }
    switch (kind) {
      case DIGITS, BITS, TIME:
        out.encoded(bytes);
        return 0;
      case FLOAT:
        out.ascii(Float.toString((float) Double.parseDouble(ascii(bytes))));
        return 0;
      case UTF8_TEXT:
        return out.utf8(bytes);
      case CHARSET_TEXT:
        return out.text(new String(bytes, column.charset()));
      case JSON:
        byte[] json = withoutNulEscapes(bytes);
        return out.utf8(json) + (bytes.length - json.length) / NUL_ESCAPE.length;
      case SET:
        return out.text(setLiteral(new String(bytes, StandardCharsets.UTF_8)));
      case BYTES:
        out.bytea(bytes, 0, bytes.length, width);
        return 0;
      case GEOMETRY:
        if (bytes.length < 4) {
          throw new IllegalArgumentException("a geometry value needs 4 bytes of SRID, got " + bytes.length);
        }
        out.bytea(bytes, 4, bytes.length - 4, 0);
        return 0;
      case DATE, TIMESTAMP:
        String date = pgDateTime(ascii(bytes), kind == Kind.TIMESTAMP);
        if (date != null) {
          out.ascii(date);
        } else if (column.nullable()) {
          out.nullValue();
        } else {
          out.encoded(ZERO_DATE_BYTES);
        }
        return 0;
      default:
        throw new IllegalStateException("kind " + kind);
    }
  }

  /**
   * JSON text without the escapes that stand for NUL. Every backslash in JSON text starts an
   * escape inside a string, so an escaped backslash is skipped whole and never read as the start
   * of another escape.
   */
  static byte[] withoutNulEscapes(byte[] json) {
    byte[] out = null;
    int length = 0;
    for (int i = 0; i < json.length; i++) {
      if (json[i] != '\\' || i + 1 >= json.length) {
        if (out != null) {
          out[length++] = json[i];
        }
        continue;
      }
      if (startsWith(json, i, NUL_ESCAPE)) {
        if (out == null) {
          out = new byte[json.length];
          System.arraycopy(json, 0, out, 0, i);
          length = i;
        }
        i += NUL_ESCAPE.length - 1;
        continue;
      }
      if (out != null) {
        out[length++] = json[i];
        out[length++] = json[i + 1];
      }
      i++;
    }
    return out == null ? json : java.util.Arrays.copyOf(out, length);
  }

  private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
    if (from + prefix.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /**
   * The PostgreSQL input text of a MySQL DATE, DATETIME or TIMESTAMP text
   * ({@code yyyy-MM-dd[ HH:mm:ss[.f]]}), or null for a zero date: a zero month or day, or a day
   * the month does not have (possible under ALLOW_INVALID_DATES). Year 0 is written as 1 BC, as
   * PostgreSQL has no year 0.
   *
   * @param utc whether the text is a TIMESTAMP read in a UTC session ({@code +00} is appended)
   * @throws IllegalArgumentException if the text is not a MySQL date
   */
  static String pgDateTime(String text, boolean utc) {
    if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      throw new IllegalArgumentException("not a MySQL date: '" + text + "'");
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return null;
    }
    String zone = utc ? "+00" : "";
    return year == 0 ? "0001" + text.substring(4) + zone + " BC" : text + zone;
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a MySQL date: '" + text + "'");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
      case 4, 6, 9, 11:
        return 30;
      default:
        return 31;
    }
  }

  /** {@code a,b} (MySQL's SET text; labels cannot hold commas) as {@code {"a","b"}}; empty as {@code {}}. */
  static String setLiteral(String text) {
    if (text.isEmpty()) {
      return "{}";
    }
    return arrayLiteral(List.of(text.split(",", -1)));
  }

  /** A PostgreSQL array literal of quoted elements: {@code {"a","b \"c\""}}. */
  static String arrayLiteral(List<String> elements) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"');
      String element = elements.get(i);
      for (int j = 0; j < element.length(); j++) {
        char c = element.charAt(j);
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      out.append('"');
    }
    return out.append('}').toString();
  }
}
