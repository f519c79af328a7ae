package io.chameleon.internal.capture;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

/**
 * Writes one binlog row image as a JSON object keyed by column name, in the <b>stated
 * encoding</b>: every value is a JSON number, boolean, array or object, or a JSON string that is
 * exactly the PostgreSQL text input of the column's target type (see
 * {@link io.chameleon.internal.snapshot.PgTypeMap}), so that
 * {@code json_populate_record(NULL::target_table, payload)} restores the value exactly.
 *
 * <p>Values must come from a deserializer made by {@link EventDeserializers#create()}.
 *
 * <table>
 *   <caption>Stated encoding</caption>
 *   <tr><th>MySQL type</th><th>binlog value</th><th>JSON</th><th>PostgreSQL type</th></tr>
 *   <tr><td>TINYINT..BIGINT signed</td><td>Integer/Long</td><td>number</td>
 *       <td>smallint/integer/bigint</td></tr>
 *   <tr><td>TINYINT..BIGINT UNSIGNED</td><td>Integer/Long, signed two's complement</td>
 *       <td>number, widened back by width: 255, 65535, 16777215, 4294967295,
 *       18446744073709551615</td><td>smallint/integer/integer/bigint/numeric(20)</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>BigDecimal</td><td>number, every digit
 *       ({@code toPlainString})</td><td>numeric(p,s)</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>Float, Double</td><td>number that parses back to the same
 *       float/double ({@code Float.toString}/{@code Double.toString}, e.g.
 *       {@code 3.4028235E38})</td><td>real, double precision</td></tr>
 *   <tr><td>BIT(n)</td><td>BitSet</td><td>string of n {@code 0}/{@code 1}, most significant
 *       first</td><td>bit(n)</td></tr>
 *   <tr><td>CHAR, VARCHAR, TEXT</td><td>byte[]</td><td>string, decoded with the column's
 *       charset (latin1 keeps all 256 bytes; 4-byte UTF-8 kept); NUL characters dropped
 *       </td><td>char(n), varchar(n), text</td></tr>
 *   <tr><td>BINARY(n)</td><td>byte[], trailing 0x00 stripped by the server</td>
 *       <td>{@code "\\x<hex>"} padded back to n bytes</td><td>bytea</td></tr>
 *   <tr><td>VARBINARY, BLOB</td><td>byte[]</td><td>{@code "\\x<hex>"}</td><td>bytea</td></tr>
 *   <tr><td>DATE</td><td>Long micros</td><td>{@code "yyyy-MM-dd"} ({@code "0001-01-01 BC"} for
 *       MySQL's year 0)</td><td>date</td></tr>
 *   <tr><td>DATETIME(p)</td><td>Long micros</td>
 *       <td>{@code "yyyy-MM-dd HH:mm:ss[.ffffff]"}, fraction without trailing zeros</td>
 *       <td>timestamp(p)</td></tr>
 *   <tr><td>TIMESTAMP(p)</td><td>Long epoch micros</td>
 *       <td>{@code "yyyy-MM-dd HH:mm:ss[.ffffff]+00"} (UTC)</td><td>timestamptz(p)</td></tr>
 *   <tr><td>TIME(p)</td><td>Long signed micros</td><td>{@code "[-]HH:mm:ss[.ffffff]"}, hours
 *       up to 838</td><td>time(p); interval by override (time holds only 00:00..24:00)</td></tr>
 *   <tr><td>YEAR</td><td>Integer</td><td>number (0 for the zero year)</td><td>smallint</td></tr>
 *   <tr><td>zero dates</td><td>null</td><td>null, or {@code "-infinity"} in a NOT NULL column</td>
 *       <td>NULL / -infinity</td></tr>
 *   <tr><td>ENUM</td><td>Integer 1-based index</td><td>label string; index 0 (MySQL's value for
 *       invalid input) is {@code ""}</td><td>text</td></tr>
 *   <tr><td>SET</td><td>Long bitmask</td><td>array of labels in definition order</td>
 *       <td>text[]</td></tr>
 *   <tr><td>JSON (MySQL binary, MariaDB text)</td><td>byte[]</td><td>the JSON value itself,
 *       numbers with their exact digits</td><td>jsonb</td></tr>
 *   <tr><td>GEOMETRY</td><td>byte[]: 4-byte little-endian SRID, then WKB</td>
 *       <td>{@code "\\x<hex of the WKB>"}; the SRID is dropped</td><td>bytea</td></tr>
 *   <tr><td>NULL</td><td>null</td><td>null</td><td>NULL</td></tr>
 * </table>
 *
 * <p><b>Decisions.</b> Zero dates ({@code 0000-00-00}, dates with a zero month or day, days the
 * month lacks under ALLOW_INVALID_DATES, the zero DATETIME and TIMESTAMP) have no PostgreSQL
 * value: they are written as JSON null (SQL NULL) in a nullable column, and as {@code
 * -infinity} in a NOT NULL one, as the initial copy writes them. NUL characters in text columns
 * and in the strings and keys of JSON values are dropped, as the initial copy drops them:
 * PostgreSQL {@code text}/{@code varchar}/{@code char} and {@code jsonb} cannot hold NUL, and
 * {@code json_populate_record} would fail on <code>&#92;u0000</code> (SQLSTATE 22P05). A TIME outside
 * 00:00:00..24:00:00 fails the same way against {@code time} (SQLSTATE 22008); map TIME to
 * {@code interval} to keep it. A JSON null literal stored in a JSON column becomes SQL NULL
 * ({@code json_populate_record} turns JSON null into NULL for every type). Columns missing from
 * a MINIMAL or NOBLOB row image are left out of the object, which is not the same as null.
 * Invalid UTF-8 in a utf8 column (the server normally refuses it) decodes to U+FFFD.
 *
 * <p>Not thread-safe: one encoder per reader thread. It keeps a cache of the last table's
 * member names.
 */
public final class RowEncoder {

  private final JsonWriter plain = JsonWriter.plain();
  private TableInfo keysTable;
  private boolean keysForCopyText;
  private byte[][] keys;

  /** A new encoder. */
  public RowEncoder() {}

  /**
   * The row as a JSON object text.
   *
   * @param table the table, with columns in binlog order
   * @param row the row image: one value per included column, in column order
   * @param includedColumns which of the table's columns the image holds (FULL images: all)
   * @return e.g. {@code {"id":1,"name":"café"}}
   * @throws RowEncodingException if a value does not fit its column
   */
  public String encode(TableInfo table, Serializable[] row, BitSet includedColumns) {
    encode(table, row, includedColumns, plain);
    return plain.toString();
  }

  /**
   * Writes the row as a JSON object into {@code into}, emptied first: plain JSON, or JSON in
   * COPY text form, as the writer makes it. On an exception, what was written is incomplete.
   *
   * @throws RowEncodingException if a value does not fit its column
   */
  void encode(TableInfo table, Serializable[] row, BitSet includedColumns, JsonWriter into) {
    byte[][] names = keys(table, into);
    if (includedColumns.length() > names.length) {
      throw new RowEncodingException(table.qualifiedName() + ": the row has column " + includedColumns.length()
          + " but the table info only " + names.length + " (stale table info?)");
    }
    JsonWriter json = into.reset();
    json.beginObject();
    int index = 0;
    for (int column = includedColumns.nextSetBit(0); column >= 0; column = includedColumns.nextSetBit(column + 1)) {
      if (index >= row.length) {
        throw new RowEncodingException(table.qualifiedName() + ": the row image has " + row.length
            + " values but its column bitmap " + includedColumns.cardinality());
      }
      json.rawName(names[column]);
      Serializable value = row[index++];
      ColumnInfo info = table.column(column);
      if (value == null && !info.nullable() && isDateOrTime(info.type())) {
        // a NOT NULL column can hold no NULL: this is a zero date, which becomes -infinity as
        // in the initial copy
        json.string("-infinity");
      } else if (value == null) {
        json.nullValue();
      } else {
        try {
          writeValue(json, info, value);
        } catch (ClassCastException | IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
          throw new RowEncodingException("cannot encode " + table.qualifiedName() + "." + info.name() + " ("
              + info.type() + ") value of class " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
      }
    }
    json.endObject();
  }

  private static boolean isDateOrTime(MySqlType type) {
    return type == MySqlType.DATE || type == MySqlType.DATETIME || type == MySqlType.TIMESTAMP;
  }

  static String withoutNul(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  /** The member keys of the table's columns for this kind of writer, kept for the next row. */
  private byte[][] keys(TableInfo table, JsonWriter writer) {
    if (table != keysTable || writer.copyText() != keysForCopyText) {
      byte[][] names = new byte[table.columnCount()][];
      for (int i = 0; i < names.length; i++) {
        names[i] = writer.memberKey(table.column(i).name());
      }
      keys = names;
      keysTable = table;
      keysForCopyText = writer.copyText();
    }
    return keys;
  }

  private static void writeValue(JsonWriter json, ColumnInfo column, Serializable value) throws IOException {
    switch (column.type()) {
      case TINYINT:
      case SMALLINT:
      case MEDIUMINT:
      case INT:
        long number = ((Number) value).longValue();
        json.number(column.unsigned() ? number & unsignedMask(column.type()) : number);
        break;
      case BIGINT:
        long big = ((Number) value).longValue();
        if (column.unsigned() && big < 0) {
          json.literal(Long.toUnsignedString(big));
        } else {
          json.number(big);
        }
        break;
      case DECIMAL:
        json.decimal((BigDecimal) value);
        break;
      case FLOAT:
        writeFloatingPoint(json, Float.toString((Float) value));
        break;
      case DOUBLE:
        writeFloatingPoint(json, Double.toString((Double) value));
        break;
      case BIT:
        writeBits(json, column, (BitSet) value);
        break;
      case CHAR:
      case VARCHAR:
      case TEXT:
        if (column.json()) {
          JsonValues.writeText(json, (byte[]) value, column.charset());
        } else {
          writeText(json, column, value);
        }
        break;
      case BINARY:
        byte[] fixed = (byte[]) value;
        json.byteaHex(fixed, 0, fixed.length, (int) Math.min(column.length(), Integer.MAX_VALUE));
        break;
      case VARBINARY:
      case BLOB:
        byte[] bytes = (byte[]) value;
        json.byteaHex(bytes, 0, bytes.length, 0);
        break;
      case DATE:
        json.openString();
        MySqlTemporal.appendDate(json, Math.floorDiv((Long) value, MySqlTemporal.MICROS_PER_DAY));
        json.closeString();
        break;
      case DATETIME:
        json.openString();
        MySqlTemporal.appendDateTime(json, (Long) value);
        json.closeString();
        break;
      case TIMESTAMP:
        json.openString();
        MySqlTemporal.appendDateTime(json, (Long) value);
        json.ascii("+00");
        json.closeString();
        break;
      case TIME:
        json.openString();
        MySqlTemporal.appendDuration(json, (Long) value);
        json.closeString();
        break;
      case YEAR:
        json.number(((Number) value).longValue());
        break;
      case ENUM:
        int enumIndex = ((Number) value).intValue();
        json.string(enumIndex == 0 ? "" : label(column, enumIndex - 1));
        break;
      case SET:
        writeSet(json, column, ((Number) value).longValue());
        break;
      case JSON:
        JsonValues.writeBinary(json, (byte[]) value);
        break;
      case GEOMETRY:
        byte[] geometry = (byte[]) value;
        if (geometry.length < 4) {
          throw new IllegalArgumentException("a geometry value needs 4 bytes of SRID, got " + geometry.length);
        }
        json.byteaHex(geometry, 4, geometry.length - 4, 0);
        break;
      default:
        throw new IllegalArgumentException("no encoding for type " + column.type());
    }
  }

  /** The bits an unsigned value of the type has: the connector sign-extends them. */
  private static long unsignedMask(MySqlType type) {
    switch (type) {
      case TINYINT:
        return 0xFFL;
      case SMALLINT:
        return 0xFFFFL;
      case MEDIUMINT:
        return 0xFF_FFFFL;
      default:
        return 0xFFFF_FFFFL;
    }
  }

  /** Finite values are JSON numbers; NaN and infinities (MySQL stores none) are PostgreSQL's words. */
  private static void writeFloatingPoint(JsonWriter json, String text) {
    char last = text.charAt(text.length() - 1);
    if (last == 'N' || last == 'y') {
      json.string(text); // "NaN", "Infinity", "-Infinity": valid real/double precision input
    } else {
      json.literal(text);
    }
  }

  private static void writeBits(JsonWriter json, ColumnInfo column, BitSet bits) {
    int width = (int) column.length();
    if (width < 1 || width > 64) {
      throw new IllegalArgumentException("BIT column without a width 1..64 (length " + column.length() + ")");
    }
    if (bits.length() > width) {
      throw new IllegalArgumentException("value has " + bits.length() + " bits, the column " + width);
    }
    json.openString();
    for (int i = width - 1; i >= 0; i--) {
      json.ascii(bits.get(i) ? '1' : '0');
    }
    json.closeString();
  }

  private static void writeSet(JsonWriter json, ColumnInfo column, long mask) {
    List<String> labels = column.labels();
    if (labels.size() < 64 && (mask >>> labels.size()) != 0) {
      throw new IllegalArgumentException("SET bitmask " + Long.toHexString(mask) + " names labels beyond the "
          + labels.size() + " known (stale table info?)");
    }
    json.beginArray();
    for (int i = 0; i < labels.size(); i++) {
      if ((mask & (1L << i)) != 0) {
        json.string(labels.get(i));
      }
    }
    json.endArray();
  }

  private static String label(ColumnInfo column, int index) {
    List<String> labels = column.labels();
    if (index >= labels.size()) {
      throw new IllegalArgumentException("ENUM index " + (index + 1) + " beyond the " + labels.size()
          + " known labels (stale table info?)");
    }
    return labels.get(index);
  }

  private static void writeText(JsonWriter json, ColumnInfo column, Serializable value) {
    if (value instanceof byte[] bytes && asciiCompatible(column.charset()) && json.plainAsciiString(bytes)) {
      return; // the common case: nothing to decode, escape or drop
    }
    // PostgreSQL text cannot hold NUL: dropped, as the initial copy drops them
    json.string(withoutNul(value instanceof String s ? s : decode((byte[]) value, column.charset())));
  }

  /** Whether ASCII bytes mean the same characters in the charset (null: UTF-8, as {@link #decode} reads it). */
  private static boolean asciiCompatible(Charset charset) {
    return charset == null || charset == StandardCharsets.UTF_8 || charset == MySqlCharsets.LATIN1
        || charset == StandardCharsets.US_ASCII || charset == StandardCharsets.ISO_8859_1;
  }

  private static String decode(byte[] bytes, Charset charset) {
    if (charset == MySqlCharsets.LATIN1) {
      char[] chars = new char[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        chars[i] = MySqlLatin1Charset.decode(bytes[i]);
      }
      return new String(chars);
    }
    return new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
  }
}
