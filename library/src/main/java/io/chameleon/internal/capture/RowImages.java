package io.chameleon.internal.capture;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.BitSet;

/**
 * Decodes the row images of a ROWS event, cell by cell, into the values {@link RowEncoder} reads
 * (see {@link EventDeserializers}), after the table's TABLE_MAP column types and metadata. The
 * layout follows the connector's {@code AbstractRowsEventDataDeserializer} and MySQL's {@code
 * log_event.cc}: a null bitmap over the image's columns, then each non-null cell.
 *
 * <p>Stateless; thread-safe.
 */
final class RowImages {

  // column type codes of the TABLE_MAP event (MySQL's enum_field_types)
  private static final int TINY = 1;
  private static final int SHORT = 2;
  private static final int LONG = 3;
  private static final int FLOAT = 4;
  private static final int DOUBLE = 5;
  private static final int TIMESTAMP = 7;
  private static final int LONGLONG = 8;
  private static final int INT24 = 9;
  private static final int DATE = 10;
  private static final int TIME = 11;
  private static final int DATETIME = 12;
  private static final int YEAR = 13;
  private static final int VARCHAR = 15;
  private static final int BIT = 16;
  private static final int TIMESTAMP_V2 = 17;
  private static final int DATETIME_V2 = 18;
  private static final int TIME_V2 = 19;
  private static final int VECTOR = 242;
  private static final int JSON = 245;
  private static final int NEWDECIMAL = 246;
  private static final int ENUM = 247;
  private static final int SET = 248;
  private static final int BLOB = 252;
  private static final int VAR_STRING = 253;
  private static final int STRING = 254;
  private static final int GEOMETRY = 255;

  private static final int DIGITS_PER_WORD = 9;
  private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};
  /** The most digits an unscaled long always holds. */
  private static final int LONG_DIGITS = 18;

  private RowImages() {}

  /**
   * One row image.
   *
   * @param columns which of the table's columns the image holds
   * @param count how many they are
   */
  static Serializable[] row(BinlogBytes in, TableMapEventData table, BitSet columns, int count) throws IOException {
    byte[] types = table.getColumnTypes();
    int[] metadata = table.getColumnMetadata();
    Serializable[] row = new Serializable[count];
    int nulls = in.position();
    in.skip((count + 7) >>> 3);
    int index = 0;
    for (int column = columns.nextSetBit(0); column >= 0; column = columns.nextSetBit(column + 1), index++) {
      if (column >= types.length) {
        throw new IOException("the row image names column " + (column + 1) + " but the TABLE_MAP of table id "
            + table.getTableId() + " has " + types.length);
      }
      if (!in.bit(nulls, index)) {
        row[index] = cell(in, types[column] & 0xFF, metadata[column]);
      }
    }
    return row;
  }

  private static Serializable cell(BinlogBytes in, int type, int meta) throws IOException {
    switch (type) {
      case TINY:
        return (int) (byte) in.read();
      case SHORT:
        return (int) (short) in.readInteger(2);
      case INT24:
        return (in.readInteger(3) << 8) >> 8;
      case LONG:
        return in.readInteger(4);
      case LONGLONG:
        return in.readLong(8);
      case FLOAT:
        return Float.intBitsToFloat(in.readInteger(4));
      case DOUBLE:
        return Double.longBitsToDouble(in.readLong(8));
      case NEWDECIMAL:
        return decimal(in, meta & 0xFF, meta >> 8);
      case DATE:
        return MySqlTemporal.date(in);
      case TIME:
        return MySqlTemporal.timeV1(in);
      case TIME_V2:
        return MySqlTemporal.timeV2(meta, in);
      case TIMESTAMP:
        return MySqlTemporal.timestampV1(in);
      case TIMESTAMP_V2:
        return MySqlTemporal.timestampV2(meta, in);
      case DATETIME:
        return MySqlTemporal.datetimeV1(in);
      case DATETIME_V2:
        return MySqlTemporal.datetimeV2(meta, in);
      case YEAR:
        return MySqlTemporal.year(in);
      case BIT:
        return bits(in, (meta >> 8) * 8 + (meta & 0xFF));
      case VARCHAR:
      case VAR_STRING:
        return in.read(in.readInteger(meta < 256 ? 1 : 2));
      case BLOB:
      case GEOMETRY:
      case JSON:
      case VECTOR:
        return in.read(in.readInteger(meta));
      case STRING:
        return fixedLength(in, meta);
      default:
        throw new IOException("unsupported column type code " + type + " (metadata " + meta + ")");
    }
  }

  /**
   * A STRING column: CHAR or BINARY, or ENUM or SET, whose real type and length hide in the
   * metadata's high byte (mysql-5.6 log_event.cc log_event_print_value).
   */
  private static Serializable fixedLength(BinlogBytes in, int meta) throws IOException {
    int length = meta;
    if (meta >= 256) {
      int realType = meta >> 8;
      length = meta & 0xFF;
      if ((realType & 0x30) != 0x30) {
        length |= ((realType & 0x30) ^ 0x30) << 4; // CHAR longer than 255 bytes
      } else if (realType == ENUM) {
        return in.readInteger(length);
      } else if (realType == SET) {
        return in.readLong(length);
      }
    }
    return in.read(in.readInteger(length < 256 ? 1 : 2));
  }

  /** BIT(n): big-endian bytes, bit i of the value at {@code 1 << i % 8} of the i / 8-th byte from the end. */
  private static BitSet bits(BinlogBytes in, int width) throws IOException {
    byte[] bytes = in.read((width + 7) >>> 3);
    BitSet value = new BitSet(width);
    for (int i = 0; i < width; i++) {
      if ((bytes[bytes.length - 1 - (i >>> 3)] & (1 << (i & 7))) != 0) {
        value.set(i);
      }
    }
    return value;
  }

  /**
   * DECIMAL(precision, scale) in MySQL's binary form (decimal2bin): the integer and the fraction
   * digits in big-endian words of nine digits, the leftover digits of each part in the fewest
   * bytes, the integer part's leftover first and the fraction's last; the first bit flipped, and
   * every bit inverted for a negative value.
   */
  static BigDecimal decimal(BinlogBytes in, int precision, int scale) throws IOException {
    int integerDigits = precision - scale;
    int leadingDigits = integerDigits % DIGITS_PER_WORD;
    int words = integerDigits / DIGITS_PER_WORD + scale / DIGITS_PER_WORD;
    int trailingDigits = scale % DIGITS_PER_WORD;
    boolean negative = (in.peek() & 0x80) == 0;
    long flip = 0x80; // the first byte's first bit, then every bit of a negative value
    // the unscaled value, group by group: in a long up to 18 digits, else in a BigInteger
    boolean wide = precision > LONG_DIGITS;
    long small = 0;
    BigInteger large = BigInteger.ZERO;
    for (int group = -1; group <= words; group++) {
      int digits = group < 0 ? leadingDigits : group == words ? trailingDigits : DIGITS_PER_WORD;
      int size = BYTES_FOR_DIGITS[digits];
      if (size == 0) {
        continue;
      }
      long all = (1L << (8 * size)) - 1;
      long value = in.bigEndian(size) ^ (flip << (8 * (size - 1))) ^ (negative ? all : 0);
      flip = 0;
      if (wide) {
        large = large.multiply(BigInteger.valueOf(POWERS_OF_TEN[digits])).add(BigInteger.valueOf(value));
      } else {
        small = small * POWERS_OF_TEN[digits] + value;
      }
    }
    if (wide) {
      return new BigDecimal(negative ? large.negate() : large, scale);
    }
    return BigDecimal.valueOf(negative ? -small : small, scale);
  }
}
