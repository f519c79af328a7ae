package io.chameleon.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits MySQL/MariaDB statement text into tokens the way the server's lexer does for the
 * parts DDL uses, so that the pre-step ({@link DdlRewriter}) can work on words without ever
 * touching the inside of a string or a quoted name.
 *
 * <ul>
 *   <li>Comments ({@code /* *}{@code /}, {@code -- }, {@code #}) are dropped; executable comments
 *       ({@code /*!50100 ... *}{@code /}, MariaDB's {@code /*M!100100 ... *}{@code /}) keep their
 *       body, as the server runs it.
 *   <li>Strings in single or double quotes (double quotes are strings unless {@code ANSI_QUOTES},
 *       which the replicator does not support) are decoded: doubled quotes and backslash escapes;
 *       a charset introducer ({@code _utf8mb4'x'}, {@code N'x'}) is dropped; adjacent strings are
 *       joined, as MySQL does.
 *   <li>Backquoted names are decoded (doubled backquotes).
 *   <li>{@code X'..'} and {@code 0x..} are {@link Kind#HEX}, {@code B'..'} and {@code 0b..} are
 *       {@link Kind#BIT}.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class MySqlTokens {

  /** What a token is. */
  enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, HEX, BIT, SYMBOL }

  /**
   * One token.
   *
   * @param kind what it is
   * @param value WORD: as written; QUOTED_NAME and STRING: decoded; NUMBER: as written; HEX and
   *     BIT: the digits only; SYMBOL: the symbol
   */
  record Token(Kind kind, String value) {

    /** Whether this is the bare word {@code word}, in any case. */
    boolean is(String word) {
      return kind == Kind.WORD && value.equalsIgnoreCase(word);
    }

    /** Whether this is the symbol {@code symbol}. */
    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && value.equals(symbol);
    }

    /** Whether this is a name: a bare word or a backquoted name. */
    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }

    /** The upper-case word, or empty for anything but a bare word. */
    String keyword() {
      return kind == Kind.WORD ? value.toUpperCase(Locale.ROOT) : "";
    }

    static Token word(String value) {
      return new Token(Kind.WORD, value);
    }

    static Token symbol(String value) {
      return new Token(Kind.SYMBOL, value);
    }

    static Token name(String value) {
      return new Token(Kind.QUOTED_NAME, value);
    }

    static Token string(String value) {
      return new Token(Kind.STRING, value);
    }
  }

  private static final String[] TWO_CHAR_SYMBOLS = {"<=", ">=", "<>", "!=", ":=", "||", "&&", "<<", ">>"};

  private MySqlTokens() {}

  /**
   * The tokens of a statement.
   *
   * @throws IllegalArgumentException if a string, quoted name or comment is not closed
   */
  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    boolean inExecutableComment = false;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || (c == '-' && sql.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2))))) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
        i += sql.charAt(i + 2) == 'M' ? 4 : 3;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        inExecutableComment = true;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("comment not closed");
        }
        i = end + 2;
      } else if (inExecutableComment && sql.startsWith("*/", i)) {
        inExecutableComment = false;
        i += 2;
      } else if (c == '\'' || c == '"') {
        StringBuilder value = new StringBuilder();
        i = readString(sql, i, value);
        addString(tokens, value.toString());
      } else if (c == '`') {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("quoted name not closed");
          }
          char d = sql.charAt(i);
          if (d == '`' && i + 1 < n && sql.charAt(i + 1) == '`') {
            value.append('`');
            i += 2;
          } else if (d == '`') {
            i++;
            break;
          } else {
            value.append(d);
            i++;
          }
        }
        tokens.add(Token.name(value.toString()));
      } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        int end = sql.indexOf('\'', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("literal not closed");
        }
        tokens.add(new Token(c == 'x' || c == 'X' ? Kind.HEX : Kind.BIT, sql.substring(i + 2, end)));
        i = end + 1;
      } else if (c == '0' && i + 2 < n && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'b')
          && wordEnd(sql, i) == literalEnd(sql, i + 2, sql.charAt(i + 1) == 'x')) {
        int end = wordEnd(sql, i);
        tokens.add(new Token(sql.charAt(i + 1) == 'x' ? Kind.HEX : Kind.BIT, sql.substring(i + 2, end)));
        i = end;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
          && (tokens.isEmpty() || !tokens.get(tokens.size() - 1).isName()))) {
        int end = numberEnd(sql, i);
        if (end < n && isWordChar(sql.charAt(end)) && Character.isDigit(c)) {
          end = wordEnd(sql, i); // a name may start with digits: 1st_column
          tokens.add(Token.word(sql.substring(i, end)));
        } else {
          tokens.add(new Token(Kind.NUMBER, sql.substring(i, end)));
        }
        i = end;
      } else if (isWordChar(c)) {
        int end = wordEnd(sql, i);
        String word = sql.substring(i, end);
        boolean introducer = end < n && sql.charAt(end) == '\''
            && (word.startsWith("_") || word.equalsIgnoreCase("n"));
        if (!introducer) {
          tokens.add(Token.word(word));
        }
        i = end;
      } else {
        String symbol = String.valueOf(c);
        for (String two : TWO_CHAR_SYMBOLS) {
          if (sql.startsWith(two, i)) {
            symbol = two;
            break;
          }
        }
        tokens.add(Token.symbol(symbol));
        i += symbol.length();
      }
    }
    return tokens;
  }

  /** Reads a quoted string at {@code start}, appending its value; returns the index after it. */
  private static int readString(String sql, int start, StringBuilder value) {
    char quote = sql.charAt(start);
    int n = sql.length();
    int i = start + 1;
    while (true) {
      if (i >= n) {
        throw new IllegalArgumentException("string not closed");
      }
      char d = sql.charAt(i);
      if (d == quote && i + 1 < n && sql.charAt(i + 1) == quote) {
        value.append(quote);
        i += 2;
      } else if (d == quote) {
        return i + 1;
      } else if (d == '\\' && i + 1 < n) {
        char e = sql.charAt(i + 1);
        switch (e) {
          case '0' -> value.append('\0');
          case 'b' -> value.append('\b');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'Z' -> value.append((char) 26);
          case '%', '_' -> value.append('\\').append(e); // kept, as MySQL does
          default -> value.append(e);
        }
        i += 2;
      } else {
        value.append(d);
        i++;
      }
    }
  }

  /** Adds a string, joining it to a string just before it ('a' 'b' is 'ab' in MySQL). */
  private static void addString(List<Token> tokens, String value) {
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == Kind.STRING) {
      Token previous = tokens.remove(tokens.size() - 1);
      tokens.add(Token.string(previous.value() + value));
    } else {
      tokens.add(Token.string(value));
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }

  private static int wordEnd(String sql, int start) {
    int i = start;
    while (i < sql.length() && isWordChar(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int literalEnd(String sql, int start, boolean hex) {
    int i = start;
    while (i < sql.length() && (hex ? Character.digit(sql.charAt(i), 16) >= 0 : sql.charAt(i) == '0' || sql.charAt(i) == '1')) {
      i++;
    }
    return i;
  }

  private static int numberEnd(String sql, int start) {
    int n = sql.length();
    int i = start;
    while (i < n && Character.isDigit(sql.charAt(i))) {
      i++;
    }
    if (i < n && sql.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(sql.charAt(i))) {
        i++;
      }
    }
    if (i + 1 < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (sql.charAt(j) == '+' || sql.charAt(j) == '-') {
        j++;
      }
      if (j < n && Character.isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }

  /**
   * The tokens as SQL text again, one space apart (none around dots), strings in standard form
   * ({@code ''} doubling, backslashes doubled so that a reader that unescapes gets them back),
   * names in backquotes.
   */
  static String render(List<Token> tokens) {
    StringBuilder sql = new StringBuilder();
    Token previous = null;
    for (Token token : tokens) {
      if (previous != null && !previous.isSymbol(".") && !token.isSymbol(".")) {
        sql.append(' ');
      }
      sql.append(render(token));
      previous = token;
    }
    return sql.toString();
  }

  static String render(Token token) {
    return switch (token.kind()) {
      case WORD, NUMBER, SYMBOL -> token.value();
      case QUOTED_NAME -> '`' + token.value() + '`';
      case STRING -> "'" + token.value().replace("\\", "\\\\").replace("'", "''") + "'";
      case HEX -> "X'" + token.value() + "'";
      case BIT -> "B'" + token.value() + "'";
    };
  }
}
