package io.chameleon.internal.snapshot;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.copy.CopyTextBuffer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a MySQL column default ({@code information_schema.COLUMNS.COLUMN_DEFAULT} with
 * {@code EXTRA}) into a PostgreSQL {@code DEFAULT} expression.
 *
 * <p>Literals become escaped PostgreSQL string literals holding the value in the same PostgreSQL
 * input form the copy writes for data ({@link CopyValue}): never the MySQL text pasted raw. The
 * functions MySQL allows as defaults become their PostgreSQL equivalents
 * ({@code CURRENT_TIMESTAMP}/{@code now()} → {@code now()}, {@code CURDATE()} →
 * {@code CURRENT_DATE}, {@code CURTIME()} → {@code LOCALTIME}, {@code UUID()} →
 * {@code gen_random_uuid()::text}); any other expression is reported back as untranslated.
 *
 * <p>MariaDB (10.2.7+) quotes literal defaults ({@code 'abc'}, with {@code ''} and backslash
 * escapes), writes numbers bare, {@code NULL} for an explicit NULL default and expressions as
 * they were declared. MySQL writes literals bare and marks expressions with
 * {@code DEFAULT_GENERATED} in {@code EXTRA}. Stateless; thread-safe.
 */
final class ColumnDefaults {

  /** What became of one default. */
  record Translation(Optional<String> sql, Optional<String> untranslated) {
    static final Translation NONE = new Translation(Optional.empty(), Optional.empty());

    static Translation of(String sql) {
      return new Translation(Optional.of(sql), Optional.empty());
    }

    static Translation untranslated(String expression) {
      return new Translation(Optional.empty(), Optional.of(expression));
    }
  }

  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern BIT_LITERAL = Pattern.compile("[bB]'([01]*)'");
  private static final Pattern HEX_LITERAL = Pattern.compile("(?:[xX]'([0-9a-fA-F]*)'|0x([0-9a-fA-F]+))");
  private static final Pattern FUNCTION = Pattern.compile("([a-z_]+)\\s*(?:\\(\\s*\\d*\\s*\\))?");

  private ColumnDefaults() {}

  /**
   * The PostgreSQL default for a column.
   *
   * @param column the column
   * @param columnDefault {@code COLUMN_DEFAULT}, null when the column has none
   * @param extra {@code EXTRA}, e.g. {@code auto_increment}, {@code DEFAULT_GENERATED}
   * @param mariadb whether the server is MariaDB (its quoting rules differ from MySQL's)
   */
  static Translation translate(ColumnInfo column, String columnDefault, String extra, boolean mariadb) {
    if (columnDefault == null) {
      return Translation.NONE;
    }
    String text = columnDefault.strip();
    String lowerExtra = extra == null ? "" : extra.toLowerCase(Locale.ROOT);
    if (lowerExtra.contains("auto_increment") || (lowerExtra.contains("generated") && !lowerExtra.contains("default_generated"))) {
      return Translation.NONE;
    }
    if (mariadb) {
      if (text.equalsIgnoreCase("NULL")) {
        return Translation.NONE;
      }
      if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
        return literal(column, unquote(text.substring(1, text.length() - 1)));
      }
      if (NUMBER.matcher(text).matches() || BIT_LITERAL.matcher(text).matches() || HEX_LITERAL.matcher(text).matches()) {
        return literal(column, text);
      }
      return expression(column, text);
    }
    if (lowerExtra.contains("default_generated") || text.toLowerCase(Locale.ROOT).startsWith("current_timestamp")) {
      return expression(column, text);
    }
    return literal(column, text);
  }

  private static Translation expression(ColumnInfo column, String text) {
    String lower = text.toLowerCase(Locale.ROOT).strip();
    while (lower.startsWith("(") && lower.endsWith(")")) {
      lower = lower.substring(1, lower.length() - 1).strip();
    }
    Matcher function = FUNCTION.matcher(lower);
    if (function.matches()) {
      switch (function.group(1)) {
        case "current_timestamp", "now", "localtime", "localtimestamp":
          return Translation.of(column.type() == MySqlType.TIME ? "LOCALTIME" : "now()");
        case "curdate", "current_date":
          return Translation.of("CURRENT_DATE");
        case "curtime", "current_time":
          return Translation.of("LOCALTIME");
        case "utc_timestamp":
          return Translation.of("(now() AT TIME ZONE 'UTC')");
        case "uuid":
          return Translation.of("gen_random_uuid()::text");
        default:
          break;
      }
    }
    return Translation.untranslated(text);
  }

  /** A literal default, given as MySQL's text of the value, as a PostgreSQL literal. */
  private static Translation literal(ColumnInfo column, String value) {
    String pg;
    switch (column.type()) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, DECIMAL, FLOAT, DOUBLE, YEAR:
        if (!NUMBER.matcher(value.strip()).matches()) {
          return Translation.untranslated(value);
        }
        pg = value.strip();
        break;
      case BIT:
        pg = bits(value, (int) column.length());
        if (pg == null) {
          return Translation.untranslated(value);
        }
        break;
      case SET:
        pg = CopyValue.setLiteral(value);
        break;
      case BINARY, VARBINARY, BLOB:
        byte[] bytes = hexBytes(value);
        if (bytes == null) {
          bytes = value.getBytes(StandardCharsets.UTF_8);
        }
        int width = column.type() == MySqlType.BINARY ? (int) column.length() : 0;
        CopyTextBuffer buffer = new CopyTextBuffer();
        buffer.bytea(bytes, 0, bytes.length, width);
        pg = buffer.contents().substring(1); // the buffer doubles the backslash for COPY
        break;
      case GEOMETRY:
        return Translation.untranslated(value);
      case DATE, DATETIME, TIMESTAMP:
        try {
          pg = CopyValue.pgDateTime(value.strip(), column.type() == MySqlType.TIMESTAMP);
        } catch (IllegalArgumentException e) {
          return Translation.untranslated(value);
        }
        if (pg == null) {
          return column.nullable() ? Translation.NONE : Translation.of(SqlText.pgLiteral(InitialCopy.ZERO_DATE_IN_NOT_NULL_COLUMN));
        }
        break;
      default:
        pg = value;
        break;
    }
    return Translation.of(SqlText.pgLiteral(pg));
  }

  /** {@code b'101'}, or a number, as exactly {@code width} bits; null if neither. */
  private static String bits(String value, int width) {
    String text = value.strip();
    String digits;
    Matcher bit = BIT_LITERAL.matcher(text);
    if (bit.matches()) {
      digits = bit.group(1).isEmpty() ? "0" : bit.group(1);
    } else if (text.matches("\\d+")) {
      digits = new BigInteger(text).toString(2);
    } else {
      return null;
    }
    digits = digits.replaceFirst("^0+(?=.)", "");
    if (digits.length() > width) {
      return null;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  private static byte[] hexBytes(String value) {
    Matcher hex = HEX_LITERAL.matcher(value.strip());
    if (!hex.matches()) {
      return null;
    }
    String digits = hex.group(1) != null ? hex.group(1) : hex.group(2);
    if (digits.length() % 2 != 0) {
      digits = "0" + digits;
    }
    return HexFormat.of().parseHex(digits);
  }

  /** Undoes MariaDB's quoting inside a literal default: {@code ''} and backslash escapes. */
  static String unquote(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\'' && i + 1 < quoted.length() && quoted.charAt(i + 1) == '\'') {
        out.append('\'');
        i++;
      } else if (c == '\\' && i + 1 < quoted.length()) {
        char next = quoted.charAt(++i);
        switch (next) {
          case '0' -> out.append('\0');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'Z' -> out.append((char) 26);
          default -> out.append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
