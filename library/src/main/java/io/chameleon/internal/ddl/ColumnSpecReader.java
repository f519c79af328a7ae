package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.ColumnTypes;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.ddl.MySqlTokens.Kind;
import io.chameleon.internal.ddl.MySqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one column definition as JSqlParser split it (its type text, such as
 * {@code varchar (3) CHARACTER SET latin1}, and its attribute tokens) into a {@link ColumnSpec}:
 * type aliases ({@code bool}, {@code serial}, {@code int4}, {@code nvarchar}, {@code long
 * varchar}, ...) resolved, lengths, precision, fractional seconds, ENUM/SET labels and the
 * charset read as information_schema would show them (type names and labels by
 * {@link ColumnTypes}, so that a column from DDL and one from information_schema are the same
 * {@link ColumnInfo}), MariaDB's {@code json} as a utf8mb4 LONGTEXT, and the attributes
 * (NULL/NOT NULL, DEFAULT, AUTO_INCREMENT, inline keys). An attribute it does not know makes
 * the statement unreadable rather than guessed at. One per column; not thread-safe.
 */
final class ColumnSpecReader {

  private final StatementReader r;
  private final DdlParser.Flavor flavor;
  private final String name;
  private final String where;
  private final List<Token> t;
  private int i;

  ColumnSpecReader(StatementReader reader, String name, String where, List<Token> t) {
    this.r = reader;
    this.flavor = reader.flavor;
    this.name = name;
    this.where = where;
    this.t = t;
  }

  ColumnSpec read() {
    String typeName = typeName();
    List<Token> args = new ArrayList<>();
    if (i < t.size() && t.get(i).isSymbol("(")) {
      int close = DdlRewriter.closing(t, i);
      if (close < 0) {
        throw r.fail("column " + where + ": unbalanced parentheses");
      }
      for (Token a : t.subList(i + 1, close)) {
        if (!a.isSymbol(",")) {
          args.add(a);
        }
      }
      i = close + 1;
    }
    boolean unsigned = false;
    boolean nullable = true;
    boolean autoIncrement = false;
    boolean primaryKey = false;
    boolean unique = false;
    boolean binaryCharset = false;
    Optional<String> charset = Optional.empty();
    Optional<String> collation = Optional.empty();
    Optional<DefaultValue> defaultValue = Optional.empty();
    while (i < t.size()) {
      String k = t.get(i).keyword();
      switch (k) {
        case "UNSIGNED", "ZEROFILL" -> unsigned = true;
        case "SIGNED", "BINARY" -> { } // BINARY: a _bin collation, nothing for PostgreSQL
        case "ASCII" -> charset = Optional.of("latin1");
        case "UNICODE" -> charset = Optional.of("ucs2");
        case "BYTE" -> binaryCharset = true;
        case "CHARSET" -> charset = Optional.of(word("a charset"));
        case "CHARACTER" -> {
          expectWord("SET");
          charset = Optional.of(word("a charset"));
        }
        case "COLLATE" -> collation = Optional.of(word("a collation"));
        case "NOT" -> {
          expectWord("NULL");
          nullable = false;
        }
        case "NULL" -> nullable = true;
        case "DEFAULT" -> {
          i++;
          if (i >= t.size()) {
            throw r.fail("column " + where + ": DEFAULT without a value");
          }
          defaultValue = r.rewriter.defaultFor(t.get(i).kind() == Kind.STRING ? t.get(i).value() : "")
              .or(() -> Optional.of(DdlRewriter.defaultValue(List.of(t.get(i)))));
        }
        case "AUTO_INCREMENT" -> autoIncrement = true;
        case "PRIMARY" -> {
          expectWord("KEY");
          primaryKey = true;
        }
        case "KEY" -> primaryKey = true; // a bare KEY in a column definition is PRIMARY KEY
        case "UNIQUE" -> {
          unique = true;
          if (i + 1 < t.size() && t.get(i + 1).is("KEY")) {
            i++;
          }
        }
        default -> throw r.fail("column " + where + ": attribute not understood: " + MySqlTokens.render(t.subList(i, t.size())));
      }
      i++;
    }
    if (defaultValue.isPresent() && defaultValue.get() instanceof DefaultValue.Null) {
      defaultValue = Optional.empty();
    }
    Optional<String> fromCollation = collation.map(ColumnSpecReader::charsetOfCollation);
    charset = charset.or(() -> fromCollation).map(c -> c.toLowerCase(Locale.ROOT));
    if (charset.filter("binary"::equals).isPresent()) {
      binaryCharset = true;
      charset = Optional.empty();
    }
    return build(typeName, args, unsigned, charset, binaryCharset, !primaryKey && nullable, defaultValue,
        autoIncrement, primaryKey, unique);
  }

  private String typeName() {
    if (i >= t.size() || t.get(i).kind() != Kind.WORD) {
      throw r.fail("column " + where + ": no type");
    }
    String first = t.get(i++).value().toLowerCase(Locale.ROOT);
    String next = i < t.size() ? t.get(i).keyword() : "";
    switch (first) {
      case "double":
        if (next.equals("PRECISION")) {
          i++;
        }
        return "double";
      case "character":
      case "char":
      case "nchar":
        if (next.equals("VARYING")) {
          i++;
          return "varchar";
        }
        if (next.equals("VARCHAR")) {
          i++;
          return "varchar";
        }
        return "char";
      case "long":
        if (next.equals("VARCHAR")) {
          i++;
          return "mediumtext";
        }
        if (next.equals("VARBINARY")) {
          i++;
          return "mediumblob";
        }
        return "mediumtext";
      default:
        return first;
    }
  }

  private String word(String what) {
    i++;
    if (i < t.size() && t.get(i).isSymbol("=")) {
      i++;
    }
    if (i >= t.size() || !(t.get(i).isName() || t.get(i).kind() == Kind.STRING)) {
      throw r.fail("column " + where + ": expected " + what);
    }
    return t.get(i).value();
  }

  private void expectWord(String word) {
    i++;
    if (i >= t.size() || !t.get(i).is(word)) {
      throw r.fail("column " + where + ": expected " + word);
    }
  }

  private ColumnSpec build(String typeName, List<Token> args, boolean unsigned, Optional<String> charset,
      boolean binaryCharset, boolean nullable, Optional<DefaultValue> defaultValue, boolean autoIncrement,
      boolean primaryKey, boolean unique) {
    long length = 0;
    int precision = 0;
    int scale = 0;
    int fractionalSeconds = 0;
    List<String> labels = List.of();
    boolean json = false;
    String dataType = switch (typeName) {
      case "bool", "boolean" -> "tinyint";
      case "serial" -> "bigint";
      case "int1" -> "tinyint";
      case "int2" -> "smallint";
      case "int3", "middleint" -> "mediumint";
      case "int4" -> "int";
      case "int8" -> "bigint";
      case "float4" -> "float";
      case "float8" -> "double";
      case "dec", "fixed" -> "decimal";
      case "nvarchar", "varcharacter" -> "varchar";
      case "real" -> "double";
      default -> typeName;
    };
    if (typeName.equals("serial")) {
      unsigned = true;
      nullable = false;
      autoIncrement = true;
      unique = true;
    }
    if (dataType.equals("float") && args.size() == 1 && number(args.get(0)) > 24) {
      dataType = "double";
    }
    if (dataType.equals("json") && flavor == DdlParser.Flavor.MARIADB) {
      dataType = "longtext";
      json = true;
      charset = Optional.of("utf8mb4");
    }
    if (binaryCharset) {
      dataType = switch (dataType) {
        case "char" -> "binary";
        case "varchar" -> "varbinary";
        case "tinytext", "text", "mediumtext", "longtext" -> dataType.replace("text", "blob");
        default -> dataType;
      };
    }
    MySqlType type = ColumnTypes.typeOf(dataType, where);
    switch (type) {
      case CHAR, BINARY -> length = args.isEmpty() ? 1 : number(args.get(0));
      case VARCHAR, VARBINARY -> {
        if (args.isEmpty()) {
          throw r.fail("column " + where + ": " + dataType + " needs a length");
        }
        length = number(args.get(0));
      }
      case TEXT, BLOB -> length = textLength(dataType, args, charset);
      case BIT -> length = args.isEmpty() ? 1 : number(args.get(0));
      case DECIMAL -> {
        precision = args.isEmpty() ? 10 : (int) number(args.get(0));
        scale = args.size() < 2 ? 0 : (int) number(args.get(1));
      }
      case TIME, DATETIME, TIMESTAMP -> fractionalSeconds = args.isEmpty() ? 0 : (int) number(args.get(0));
      case ENUM, SET -> labels = ColumnTypes.labels(dataType + args.stream().map(MySqlTokens::render)
          .collect(Collectors.joining(",", "(", ")")));
      case JSON -> json = true;
      default -> {
        if (type.isInteger()) {
          length = typeName.startsWith("bool") ? 1 : !args.isEmpty() ? number(args.get(0))
              : flavor == DdlParser.Flavor.MARIADB ? mariaDbDisplayWidth(type, unsigned) : 0;
        }
      }
    }
    if (r.rewriter.jsonColumns().contains(name) && type == MySqlType.TEXT) {
      json = true;
    }
    return new ColumnSpec(name, type, unsigned, length, precision, scale, fractionalSeconds, labels, charset,
        nullable, defaultValue, autoIncrement, primaryKey, unique, json, r.rewriter.generatedColumns().contains(name));
  }

  private long number(Token token) {
    try {
      return Long.parseLong(token.value());
    } catch (NumberFormatException e) {
      throw r.fail("column " + where + ": " + token.value() + " is not a length");
    }
  }

  /** TINY/-/MEDIUM/LONG by name; {@code TEXT(n)} and {@code BLOB(n)} take the smallest that holds n. */
  private long textLength(String dataType, List<Token> args, Optional<String> charset) {
    if (dataType.startsWith("tiny")) {
      return ColumnInfo.TINY_LENGTH;
    } else if (dataType.startsWith("medium")) {
      return ColumnInfo.MEDIUM_LENGTH;
    } else if (dataType.startsWith("long")) {
      return ColumnInfo.LONG_LENGTH;
    }
    if (args.isEmpty()) {
      return ColumnInfo.REGULAR_LENGTH;
    }
    long bytes = number(args.get(0)) * (dataType.equals("blob") ? 1 : maxBytesPerChar(charset.orElse("utf8mb4")));
    return bytes <= ColumnInfo.TINY_LENGTH ? ColumnInfo.TINY_LENGTH
        : bytes <= ColumnInfo.REGULAR_LENGTH ? ColumnInfo.REGULAR_LENGTH
        : bytes <= ColumnInfo.MEDIUM_LENGTH ? ColumnInfo.MEDIUM_LENGTH : ColumnInfo.LONG_LENGTH;
  }

  /** The charset a collation belongs to: the part before the first underscore ({@code binary} is its own). */
  static String charsetOfCollation(String collation) {
    String lower = collation.toLowerCase(Locale.ROOT);
    int underscore = lower.indexOf('_');
    return underscore < 0 ? lower : lower.substring(0, underscore);
  }

  /** How many bytes a character may take in a MySQL charset. */
  static int maxBytesPerChar(String charset) {
    return switch (charset.toLowerCase(Locale.ROOT)) {
      case "utf8mb4", "utf16", "utf16le", "utf32" -> 4;
      case "utf8", "utf8mb3", "ujis", "eucjpms" -> 3;
      case "ucs2", "big5", "cp932", "euckr", "gb2312", "gbk", "sjis" -> 2;
      default -> 1;
    };
  }

  /** MariaDB's information_schema shows these display widths when the statement gave none. */
  private static long mariaDbDisplayWidth(MySqlType type, boolean unsigned) {
    return switch (type) {
      case TINYINT -> unsigned ? 3 : 4;
      case SMALLINT -> unsigned ? 5 : 6;
      case MEDIUMINT -> unsigned ? 8 : 9;
      case INT -> unsigned ? 10 : 11;
      case BIGINT -> 20;
      default -> 0;
    };
  }
}
