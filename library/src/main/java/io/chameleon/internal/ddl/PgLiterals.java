package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a MySQL DEFAULT into a PostgreSQL default expression: always a properly escaped literal
 * (or {@code CURRENT_TIMESTAMP} and its kin), never text pasted from the statement. The value is
 * the one MySQL stores for the column's type (a number for a BIT, padded bytes for a BINARY, a
 * label for an ENUM index, an array for a SET), then written for the PostgreSQL type the
 * column has. Stateless; thread-safe.
 */
final class PgLiterals {

  /** A default PostgreSQL cannot have. */
  static final class Untranslatable extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean zeroDate;

    Untranslatable(String message, boolean zeroDate) {
      super(message, null, false, false);
      this.zeroDate = zeroDate;
    }

    /** Whether the value is a zero date, which replication turns into NULL. */
    boolean zeroDate() {
      return zeroDate;
    }
  }

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\s*(\\d{1,4})-(\\d{1,2})-(\\d{1,2}).*", Pattern.DOTALL);
  private static final Set<String> NUMERIC = Set.of("smallint", "integer", "int", "bigint", "numeric", "decimal", "real",
      "double precision", "float4", "float8", "int2", "int4", "int8");
  private static final Set<String> IDENTITY_TYPES = Set.of("smallint", "integer", "bigint", "int2", "int4", "int8", "int");

  private PgLiterals() {}

  /** {@code 'text'} with quotes doubled; {@code E'...'} with backslashes doubled when it holds one. */
  static String string(String value) {
    String quoted = value.replace("'", "''");
    if (value.indexOf('\\') >= 0) {
      return "E'" + quoted.replace("\\", "\\\\") + "'";
    }
    return "'" + quoted + "'";
  }

  /** The type name without its modifiers: {@code numeric(10,2)} is {@code numeric}. */
  static String baseType(String pgType) {
    int paren = pgType.indexOf('(');
    return (paren < 0 ? pgType : pgType.substring(0, paren)).strip().toLowerCase(Locale.ROOT);
  }

  /** Whether a PostgreSQL type can be an identity column. */
  static boolean identityCapable(String pgType) {
    return IDENTITY_TYPES.contains(baseType(pgType));
  }

  /**
   * The PostgreSQL default for a MySQL default.
   *
   * @param value the MySQL default
   * @param column the MySQL column
   * @param pgType the column's PostgreSQL type
   * @return the default expression; empty for DEFAULT NULL
   * @throws Untranslatable if PostgreSQL cannot have it (an expression, a zero date, a NUL)
   */
  static Optional<String> render(DefaultValue value, ColumnInfo column, String pgType) throws Untranslatable {
    String base = baseType(pgType);
    if (value instanceof DefaultValue.Null) {
      return Optional.empty();
    }
    if (value instanceof DefaultValue.Expression expression) {
      throw new Untranslatable("the expression default " + expression.text() + " has no PostgreSQL literal", false);
    }
    if (value instanceof DefaultValue.CurrentTimestamp now) {
      String precision = now.precision() > 0 ? "(" + now.precision() + ")" : "";
      return Optional.of(switch (base) {
        case "timestamptz", "timestamp with time zone" -> "CURRENT_TIMESTAMP" + precision;
        case "timestamp", "timestamp without time zone" -> "LOCALTIMESTAMP" + precision;
        case "date" -> "CURRENT_DATE";
        case "time", "time without time zone" -> "LOCALTIME" + precision;
        default -> throw new Untranslatable("CURRENT_TIMESTAMP cannot be the default of a " + pgType + " column", false);
      });
    }
    DefaultValue.Literal literal = (DefaultValue.Literal) value;
    MySqlType type = column.type();
    if (type == MySqlType.BIT) {
      String bits = bits(literal, column.length());
      if (base.equals("bit") || base.equals("bit varying") || base.equals("varbit")) {
        return Optional.of("B'" + bits + "'");
      }
      return Optional.of(forType(new BigInteger(bits.isEmpty() ? "0" : bits, 2).toString(), base));
    }
    if (type.isBinary() || type == MySqlType.GEOMETRY) {
      byte[] bytes = bytes(literal);
      if (type == MySqlType.BINARY && bytes.length < column.length()) {
        byte[] padded = new byte[(int) column.length()];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        bytes = padded;
      }
      if (base.equals("bytea")) {
        return Optional.of("'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea");
      }
      return Optional.of(forType(text(bytes), base));
    }
    if (type == MySqlType.SET) {
      List<String> members = setMembers(literal, column.labels());
      if (base.equals("text[]") || pgType.strip().endsWith("[]")) {
        return Optional.of(members.isEmpty() ? "'{}'::text[]"
            : members.stream().map(PgLiterals::checked).map(PgLiterals::string)
                .collect(Collectors.joining(",", "ARRAY[", "]::text[]")));
      }
      return Optional.of(forType(String.join(",", members), base));
    }
    if (type == MySqlType.ENUM && literal.kind() == DefaultValue.LiteralKind.NUMBER) {
      int index = new java.math.BigDecimal(literal.value()).intValue();
      String label = index >= 1 && index <= column.labels().size() ? column.labels().get(index - 1) : "";
      return Optional.of(forType(label, base));
    }
    String text = switch (literal.kind()) {
      case STRING, NUMBER -> literal.value();
      case HEX -> type.isInteger() || type == MySqlType.DECIMAL || type == MySqlType.YEAR
          ? new BigInteger(literal.value().isEmpty() ? "0" : literal.value(), 16).toString() : text(bytes(literal));
      case BIT -> new BigInteger(literal.value().isEmpty() ? "0" : literal.value(), 2).toString();
    };
    if (type == MySqlType.DATE || type == MySqlType.DATETIME || type == MySqlType.TIMESTAMP) {
      if (zeroDate(text)) {
        throw new Untranslatable("the zero date " + text + " has no PostgreSQL value", true);
      }
    }
    return Optional.of(forType(text, base));
  }

  /**
   * The value MySQL gives existing rows when a NOT NULL column without DEFAULT is added: 0, the
   * empty string, the first ENUM label, the empty SET, zero bytes for BINARY(n), midnight for
   * TIME, the zero date for the other temporal types.
   *
   * @return the value; empty when there is none (JSON, geometry)
   */
  static Optional<DefaultValue> implicitDefault(ColumnInfo column) {
    DefaultValue.LiteralKind string = DefaultValue.LiteralKind.STRING;
    DefaultValue.LiteralKind number = DefaultValue.LiteralKind.NUMBER;
    return Optional.ofNullable(switch (column.type()) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, DECIMAL, FLOAT, DOUBLE, BIT, YEAR ->
          new DefaultValue.Literal(number, "0");
      case CHAR, VARCHAR, BINARY, VARBINARY, BLOB, SET -> new DefaultValue.Literal(string, "");
      case TEXT -> column.json() ? null : new DefaultValue.Literal(string, "");
      case ENUM -> new DefaultValue.Literal(string, column.labels().isEmpty() ? "" : column.labels().get(0));
      case TIME -> new DefaultValue.Literal(string, "00:00:00");
      case DATE -> new DefaultValue.Literal(string, "0000-00-00");
      case DATETIME, TIMESTAMP -> new DefaultValue.Literal(string, "0000-00-00 00:00:00");
      case JSON, GEOMETRY -> null;
    });
  }

  /** A value written for a PostgreSQL type: numbers bare, booleans as true/false, the rest quoted. */
  private static String forType(String value, String base) throws Untranslatable {
    String v = checked(value);
    if (NUMERIC.contains(base)) {
      String stripped = v.strip();
      if (NUMBER.matcher(stripped).matches()) {
        return stripped.startsWith("+") ? stripped.substring(1) : stripped;
      }
    }
    if (base.equals("boolean") || base.equals("bool")) {
      String stripped = v.strip();
      if (NUMBER.matcher(stripped).matches()) {
        return new java.math.BigDecimal(stripped).signum() != 0 ? "true" : "false";
      }
    }
    return string(v);
  }

  private static String checked(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("NUL");
    }
    return value;
  }

  private static boolean zeroDate(String text) {
    String t = text.strip();
    if (NUMBER.matcher(t).matches()) {
      return new java.math.BigDecimal(t).signum() == 0;
    }
    Matcher m = DATE.matcher(t);
    return m.matches() && (Integer.parseInt(m.group(2)) == 0 || Integer.parseInt(m.group(3)) == 0);
  }

  /** A BIT literal as binary digits, padded (or cut) to the column's width. */
  private static String bits(DefaultValue.Literal literal, long width) throws Untranslatable {
    BigInteger value = switch (literal.kind()) {
      case BIT -> new BigInteger(literal.value().isEmpty() ? "0" : literal.value(), 2);
      case HEX -> new BigInteger(literal.value().isEmpty() ? "0" : literal.value(), 16);
      case NUMBER -> {
        if (!literal.value().matches("\\d+")) {
          throw new Untranslatable("BIT default " + literal.value() + " is not a whole number", false);
        }
        yield new BigInteger(literal.value());
      }
      case STRING -> new BigInteger(1, literal.value().getBytes(StandardCharsets.UTF_8));
    };
    String bits = value.toString(2);
    int n = (int) Math.max(1, width);
    if (bits.length() > n) {
      bits = bits.substring(bits.length() - n);
    }
    return "0".repeat(n - bits.length()) + bits;
  }

  private static byte[] bytes(DefaultValue.Literal literal) {
    return switch (literal.kind()) {
      case HEX -> HexFormat.of().parseHex(literal.value().length() % 2 == 1 ? "0" + literal.value() : literal.value());
      case BIT -> {
        byte[] raw = new BigInteger(literal.value().isEmpty() ? "0" : literal.value(), 2).toByteArray();
        int bytes = (literal.value().length() + 7) / 8;
        byte[] out = new byte[bytes];
        System.arraycopy(raw, Math.max(0, raw.length - bytes), out, Math.max(0, bytes - raw.length), Math.min(bytes, raw.length));
        yield out;
      }
      case STRING, NUMBER -> literal.value().getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bytes that are not UTF-8 text");
    }
  }

  private static List<String> setMembers(DefaultValue.Literal literal, List<String> labels) {
    List<String> members = new ArrayList<>();
    if (literal.kind() == DefaultValue.LiteralKind.NUMBER && literal.value().matches("\\d+")) {
      long mask = Long.parseLong(literal.value());
      for (int i = 0; i < labels.size() && i < 64; i++) {
        if ((mask & (1L << i)) != 0) {
          members.add(labels.get(i));
        }
      }
      return members;
    }
    String value = literal.kind() == DefaultValue.LiteralKind.STRING ? literal.value() : text(bytes(literal));
    if (!value.isEmpty()) {
      members.addAll(List.of(value.split(",", -1)));
    }
    return members;
  }

  /** {@link #render} with the problems of bad bytes (NUL, not UTF-8) as {@link Untranslatable}. */
  static Optional<String> renderChecked(DefaultValue value, ColumnInfo column, String pgType) throws Untranslatable {
    try {
      return render(value, column, pgType);
    } catch (IllegalArgumentException e) {
      throw new Untranslatable("the default holds " + e.getMessage() + ", which PostgreSQL text cannot", false);
    }
  }
}
