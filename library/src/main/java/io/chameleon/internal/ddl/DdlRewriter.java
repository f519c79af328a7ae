package io.chameleon.internal.ddl;

import io.chameleon.internal.ddl.MySqlTokens.Kind;
import io.chameleon.internal.ddl.MySqlTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pre-step before JSqlParser: rewrites the MySQL forms JSqlParser 5.3 cannot read, or
 * reads wrongly, into forms it reads, and takes out the clauses that have no PostgreSQL
 * meaning. It works on {@link MySqlTokens} (so never inside a string or a quoted name), on one
 * table element ({@code CREATE TABLE} body part) or one {@code ALTER TABLE} clause at a time.
 * The rules, each tested in {@code DdlRewriterTest}:
 *
 * <ol>
 *   <li><b>Prefix and end</b>: MariaDB's {@code SET STATEMENT var=value, ... FOR} prefix and
 *       trailing semicolons are removed.
 *   <li><b>Defaults</b>: the value after {@code DEFAULT} (a literal with its sign, a
 *       {@code CURRENT_TIMESTAMP(n)}, a function call or a parenthesised expression) becomes
 *       a placeholder string, and the value is kept aside as a {@link DefaultValue}: JSqlParser
 *       rejects signed numbers, hex and bit literals and most functions there.
 *   <li><b>Names</b>: the names in definitions (column, index, indexed columns) are backquoted
 *       (JSqlParser rejects bare words it takes for keywords, such as {@code name}); a name
 *       holding a backquote becomes a placeholder.
 *   <li><b>No PostgreSQL meaning</b>: {@code COMMENT '...'}, {@code ON UPDATE CURRENT_TIMESTAMP},
 *       {@code INVISIBLE}, {@code COLUMN_FORMAT}, {@code STORAGE}, {@code COMPRESSED},
 *       {@code [NOT] IGNORED}, {@code WITH[OUT] SYSTEM VERSIONING}, {@code NATIONAL}; in index
 *       definitions {@code USING BTREE|HASH|RTREE}, {@code ASC|DESC}, {@code KEY_BLOCK_SIZE},
 *       {@code WITH PARSER}, {@code VISIBLE}; foreign keys ({@code REFERENCES ...}) and
 *       {@code CHECK (...)} constraints, except that {@code CHECK (json_valid(c))} marks
 *       {@code c} as MariaDB JSON; generated-column expressions ({@code [GENERATED ALWAYS] AS
 *       (...) [VIRTUAL|STORED|PERSISTENT]}: the values come with the rows).
 *   <li><b>Keys</b>: {@code CONSTRAINT [s]} before a key is dropped (its symbol names a unique
 *       key that has no name of its own); {@code UNIQUE [INDEX|KEY] [name]} becomes
 *       {@code UNIQUE KEY name}, {@code INDEX|KEY [name]} becomes {@code KEY name}, and
 *       {@code FULLTEXT|SPATIAL [INDEX|KEY] [name]} becomes {@code KEY name} with the kind kept
 *       aside; a key without a name gets a placeholder name (MySQL's own name for it is chosen
 *       later, from the table, see {@link DdlTranslator}).
 *   <li><b>Aliases</b>: {@code SERIAL DEFAULT VALUE} becomes {@code NOT NULL AUTO_INCREMENT
 *       UNIQUE}.
 * </ol>
 *
 * <p>Statement-level rules (what {@code CREATE INDEX} and {@code DROP INDEX} become, which
 * {@code ALTER TABLE} clauses are ignored, table options, partitioning) are in
 * {@link DdlParser}. One instance per statement; not thread-safe.
 */
final class DdlRewriter {

  static final String DEFAULT_PLACEHOLDER = "chameleon_default_";
  static final String NAME_PLACEHOLDER = "chameleon_name_";
  static final String UNNAMED_PLACEHOLDER = "chameleon_unnamed_";

  private static final Set<String> CURRENT_TIMESTAMP =
      Set.of("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP");
  private static final Set<String> INDEX_WORDS = Set.of("KEY", "INDEX");

  private final Map<String, DefaultValue> defaults = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  private final Set<String> jsonColumns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  private final Set<String> generatedColumns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, ParsedDdl.IndexSpec> specialIndexes = new LinkedHashMap<>();
  private final List<String> ignored = new ArrayList<>();
  private int unnamed;

  // ------------------------------------------------------------------------- statement level

  /** The statement without MariaDB's {@code SET STATEMENT ... FOR} prefix and trailing semicolons. */
  static List<Token> statement(List<Token> tokens) {
    List<Token> body = new ArrayList<>(tokens);
    while (!body.isEmpty() && body.get(body.size() - 1).isSymbol(";")) {
      body.remove(body.size() - 1);
    }
    if (body.size() > 2 && body.get(0).is("SET") && body.get(1).is("STATEMENT")) {
      int depth = 0;
      for (int i = 2; i < body.size(); i++) {
        Token t = body.get(i);
        depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        if (depth == 0 && t.is("FOR")) {
          return new ArrayList<>(body.subList(i + 1, body.size()));
        }
      }
    }
    return body;
  }

  /** The parts of a list separated by commas outside parentheses. */
  static List<List<Token>> split(List<Token> tokens) {
    List<List<Token>> parts = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    for (Token t : tokens) {
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      }
      if (depth == 0 && t.isSymbol(",")) {
        parts.add(current);
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      parts.add(current);
    }
    return parts;
  }

  /** The index of the {@code )} that closes the {@code (} at {@code open}, or -1. */
  static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        depth++;
      } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code tokens} start with these words (bare, any case) at {@code start}. */
  static boolean startsWith(List<Token> tokens, int start, String... words) {
    if (start + words.length > tokens.size()) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(start + i).is(words[i])) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------- side information

  /** The default kept aside for a placeholder found in JSqlParser's output, if it is one. */
  Optional<DefaultValue> defaultFor(String jsqlToken) {
    String value = jsqlToken.startsWith("'") && jsqlToken.endsWith("'") && jsqlToken.length() >= 2
        ? jsqlToken.substring(1, jsqlToken.length() - 1) : jsqlToken;
    return Optional.ofNullable(defaults.get(value));
  }

  /** A name as JSqlParser returns it, unquoted and with placeholders resolved. */
  String name(String jsqlName) {
    String name = jsqlName;
    if (name.length() >= 2 && (name.startsWith("`") && name.endsWith("`") || name.startsWith("\"") && name.endsWith("\""))) {
      name = name.substring(1, name.length() - 1);
    }
    return names.getOrDefault(name, name);
  }

  /** Whether a resolved name is a placeholder for a key the statement left unnamed. */
  static boolean isUnnamed(String name) {
    return name.startsWith(UNNAMED_PLACEHOLDER);
  }

  /** Columns with a {@code CHECK (json_valid(column))}: MariaDB's JSON. */
  Set<String> jsonColumns() {
    return jsonColumns;
  }

  /** Generated columns (their expressions were taken out). */
  Set<String> generatedColumns() {
    return generatedColumns;
  }

  /** FULLTEXT, SPATIAL and functional indexes, by the (placeholder) name JSqlParser sees. */
  Map<String, ParsedDdl.IndexSpec> specialIndexes() {
    return specialIndexes;
  }

  /** What was taken out as having no PostgreSQL meaning, as written. */
  List<String> ignored() {
    return ignored;
  }

  void ignore(List<Token> tokens) {
    if (!tokens.isEmpty()) {
      ignored.add(MySqlTokens.render(tokens));
    }
  }

  // ------------------------------------------------------------------------- element level

  /** A name token as JSqlParser must see it: backquoted, or a placeholder if it holds a backquote. */
  Token nameToken(Token token) {
    if (token.value().contains("`")) {
      String placeholder = NAME_PLACEHOLDER + names.size();
      names.put(placeholder, token.value());
      return Token.name(placeholder);
    }
    return Token.name(token.value());
  }

  /**
   * A column definition ({@code name type attributes}) rewritten by rules 2 to 6.
   *
   * @param element the tokens, starting with the column name
   */
  List<Token> columnDefinition(List<Token> element) {
    List<Token> out = new ArrayList<>();
    if (element.isEmpty()) {
      return out;
    }
    String column = element.get(0).value();
    out.add(nameToken(element.get(0)));
    int i = 1;
    while (i < element.size()) {
      Token t = element.get(i);
      String k = t.keyword();
      if (k.equals("DEFAULT")) {
        int end = defaultEnd(element, i + 1);
        String placeholder = DEFAULT_PLACEHOLDER + defaults.size();
        defaults.put(placeholder, defaultValue(element.subList(i + 1, end)));
        out.add(t);
        out.add(Token.string(placeholder));
        i = end;
      } else if (k.equals("COMMENT") || k.equals("COLUMN_FORMAT") || k.equals("STORAGE")) {
        int j = i + 1 < element.size() && element.get(i + 1).isSymbol("=") ? i + 2 : i + 1;
        ignore(element.subList(i, Math.min(j + 1, element.size())));
        i = j + 1;
      } else if (k.equals("ON") && startsWith(element, i + 1, "UPDATE")) {
        int end = i + 3;
        if (end < element.size() && element.get(end).isSymbol("(")) {
          end = closing(element, end) + 1;
        }
        ignore(element.subList(i, end));
        i = end;
      } else if (k.equals("CHECK") && i + 1 < element.size() && element.get(i + 1).isSymbol("(")) {
        int end = closing(element, i + 1) + 1;
        check(element.subList(i, end));
        i = end;
      } else if (k.equals("CONSTRAINT") && i + 2 < element.size() && element.get(i + 2).is("CHECK")) {
        i += 2; // CONSTRAINT name CHECK (...): the CHECK rule follows
      } else if (k.equals("REFERENCES")) {
        ignore(element.subList(i, element.size()));
        i = element.size();
      } else if ((k.equals("GENERATED") && startsWith(element, i + 1, "ALWAYS", "AS")) || k.equals("AS")) {
        int open = k.equals("AS") ? i + 1 : i + 3;
        int end = open < element.size() && element.get(open).isSymbol("(") ? closing(element, open) + 1 : open;
        if (end < element.size() && Set.of("VIRTUAL", "STORED", "PERSISTENT").contains(element.get(end).keyword())) {
          end++;
        }
        generatedColumns.add(column);
        ignore(element.subList(i, end));
        i = end;
      } else if (k.equals("INVISIBLE") || k.equals("VISIBLE") || k.equals("NATIONAL")
          || k.equals("COMPRESSED") && !(i + 1 < element.size() && element.get(i + 1).isSymbol("="))) {
        ignore(element.subList(i, i + 1));
        i++;
      } else if (k.equals("COMPRESSED")) {
        ignore(element.subList(i, Math.min(i + 3, element.size())));
        i += 3;
      } else if ((k.equals("WITH") || k.equals("WITHOUT")) && startsWith(element, i + 1, "SYSTEM", "VERSIONING")) {
        ignore(element.subList(i, i + 3));
        i += 3;
      } else if (k.equals("SERIAL") && startsWith(element, i + 1, "DEFAULT", "VALUE")) {
        out.add(Token.word("NOT"));
        out.add(Token.word("NULL"));
        out.add(Token.word("AUTO_INCREMENT"));
        out.add(Token.word("UNIQUE"));
        i += 3;
      } else {
        out.add(t);
        i++;
      }
    }
    return out;
  }

  /** A CHECK constraint: ignored, but {@code CHECK (json_valid(c))} marks c as JSON. */
  private void check(List<Token> check) {
    // CHECK ( json_valid ( c ) )
    if (check.size() == 7 && check.get(2).is("json_valid") && check.get(3).isSymbol("(")
        && check.get(4).isName() && check.get(5).isSymbol(")")) {
      jsonColumns.add(check.get(4).value());
    }
    ignore(check);
  }

  /** Where the value after DEFAULT ends (exclusive). */
  private static int defaultEnd(List<Token> tokens, int start) {
    int i = start;
    if (i < tokens.size() && (tokens.get(i).isSymbol("-") || tokens.get(i).isSymbol("+"))) {
      i++;
    }
    if (i >= tokens.size()) {
      return i;
    }
    if (tokens.get(i).isSymbol("(")) {
      int close = closing(tokens, i);
      return close < 0 ? tokens.size() : close + 1;
    }
    i++;
    if (i < tokens.size() && tokens.get(i).isSymbol("(") && tokens.get(i - 1).kind() == Kind.WORD) {
      int close = closing(tokens, i);
      return close < 0 ? tokens.size() : close + 1;
    }
    return i;
  }

  /** The value of a DEFAULT clause's tokens. */
  static DefaultValue defaultValue(List<Token> value) {
    if (value.size() >= 3 && value.get(0).isSymbol("(") && closing(value, 0) == value.size() - 1) {
      DefaultValue inner = defaultValue(value.subList(1, value.size() - 1));
      if (!(inner instanceof DefaultValue.Expression)) {
        return inner;
      }
      return new DefaultValue.Expression(MySqlTokens.render(value));
    }
    if (value.size() == 1) {
      Token t = value.get(0);
      switch (t.kind()) {
        case STRING:
          return new DefaultValue.Literal(DefaultValue.LiteralKind.STRING, t.value());
        case NUMBER:
          return new DefaultValue.Literal(DefaultValue.LiteralKind.NUMBER, t.value());
        case HEX:
          return new DefaultValue.Literal(DefaultValue.LiteralKind.HEX, t.value());
        case BIT:
          return new DefaultValue.Literal(DefaultValue.LiteralKind.BIT, t.value());
        default:
          break;
      }
      switch (t.keyword()) {
        case "NULL":
          return new DefaultValue.Null();
        case "TRUE":
          return new DefaultValue.Literal(DefaultValue.LiteralKind.NUMBER, "1");
        case "FALSE":
          return new DefaultValue.Literal(DefaultValue.LiteralKind.NUMBER, "0");
        default:
          break;
      }
    }
    if (value.size() == 2 && (value.get(0).isSymbol("-") || value.get(0).isSymbol("+"))
        && value.get(1).kind() == Kind.NUMBER) {
      String sign = value.get(0).value().equals("-") ? "-" : "";
      return new DefaultValue.Literal(DefaultValue.LiteralKind.NUMBER, sign + value.get(1).value());
    }
    if (!value.isEmpty() && CURRENT_TIMESTAMP.contains(value.get(0).keyword())) {
      if (value.size() == 1 || value.size() == 3 && value.get(1).isSymbol("(") && value.get(2).isSymbol(")")) {
        return new DefaultValue.CurrentTimestamp(0);
      }
      if (value.size() == 4 && value.get(1).isSymbol("(") && value.get(2).kind() == Kind.NUMBER
          && value.get(3).isSymbol(")")) {
        return new DefaultValue.CurrentTimestamp(Integer.parseInt(value.get(2).value()));
      }
    }
    return new DefaultValue.Expression(MySqlTokens.render(value));
  }

  /**
   * A key definition rewritten by rules 3 to 5, or empty when it has no PostgreSQL meaning
   * (foreign keys, checks), or when JSqlParser need not see it (FULLTEXT, SPATIAL and
   * functional indexes, kept in {@link #specialIndexes()}).
   *
   * @param element the tokens, from the {@code CONSTRAINT}, {@code PRIMARY}, {@code UNIQUE},
   *     {@code KEY}, {@code INDEX}, {@code FULLTEXT}, {@code SPATIAL}, {@code FOREIGN} or
   *     {@code CHECK} that starts it
   */
  Optional<List<Token>> keyDefinition(List<Token> element) {
    int i = 0;
    Optional<String> symbol = Optional.empty();
    if (startsWith(element, 0, "CONSTRAINT")) {
      i = 1;
      if (i < element.size() && element.get(i).isName() && !isKeyWord(element.get(i))) {
        symbol = Optional.of(element.get(i).value());
        i++;
      }
    }
    if (i >= element.size()) {
      ignore(element);
      return Optional.empty();
    }
    String k = element.get(i).keyword();
    if (k.equals("FOREIGN") || k.equals("REFERENCES") || k.equals("PERIOD")) {
      ignore(element);
      return Optional.empty();
    }
    if (k.equals("CHECK")) {
      check(element.subList(i, element.size()));
      return Optional.empty();
    }
    SourceIndex.Kind kind;
    List<Token> out = new ArrayList<>();
    if (k.equals("PRIMARY")) {
      kind = SourceIndex.Kind.PRIMARY;
      out.add(Token.word("PRIMARY"));
      out.add(Token.word("KEY"));
      i += 2;
    } else if (k.equals("UNIQUE")) {
      kind = SourceIndex.Kind.UNIQUE;
      out.add(Token.word("UNIQUE"));
      out.add(Token.word("KEY"));
      i++;
    } else if (k.equals("FULLTEXT") || k.equals("SPATIAL")) {
      kind = k.equals("FULLTEXT") ? SourceIndex.Kind.FULLTEXT : SourceIndex.Kind.SPATIAL;
      out.add(Token.word("KEY"));
      i++;
    } else if (INDEX_WORDS.contains(k)) {
      kind = SourceIndex.Kind.INDEX;
      out.add(Token.word("KEY"));
    } else {
      return Optional.of(element); // not a key: JSqlParser will say what it is
    }
    if (i < element.size() && INDEX_WORDS.contains(element.get(i).keyword())) {
      i++;
    }
    Optional<String> name = Optional.empty();
    if (i < element.size() && element.get(i).isName() && !element.get(i).is("USING")) {
      name = Optional.of(element.get(i).value());
      i++;
    }
    if (name.isEmpty() && kind == SourceIndex.Kind.UNIQUE) {
      name = symbol;
    }
    while (i < element.size() && !element.get(i).isSymbol("(")) {
      i++; // USING BTREE before the parts
    }
    int close = i < element.size() ? closing(element, i) : -1;
    if (close < 0) {
      return Optional.of(element); // malformed: JSqlParser will say so
    }
    ignore(element.subList(close + 1, element.size()));
    List<SourceIndex.Part> parts = new ArrayList<>();
    List<Token> partTokens = new ArrayList<>();
    boolean functional = false;
    for (List<Token> part : split(element.subList(i + 1, close))) {
      List<Token> kept = new ArrayList<>(part);
      kept.removeIf(t -> t.is("ASC") || t.is("DESC"));
      if (kept.isEmpty() || !kept.get(0).isName() || kept.size() != 1 && kept.size() != 4) {
        functional = true;
        break;
      }
      int prefix = kept.size() == 4 ? Integer.parseInt(kept.get(2).value()) : 0;
      parts.add(new SourceIndex.Part(kept.get(0).value(), prefix));
      if (!partTokens.isEmpty()) {
        partTokens.add(Token.symbol(","));
      }
      partTokens.add(nameToken(kept.get(0)));
      if (prefix > 0) {
        partTokens.addAll(List.of(Token.symbol("("), kept.get(2), Token.symbol(")")));
      }
    }
    if (functional || !kind.replicated()) {
      String key = name.orElseGet(() -> UNNAMED_PLACEHOLDER + unnamed++);
      specialIndexes.put(key, new ParsedDdl.IndexSpec(name, kind, functional ? List.of() : parts));
      return Optional.empty();
    }
    if (kind != SourceIndex.Kind.PRIMARY) {
      out.add(nameToken(Token.name(name.orElseGet(() -> UNNAMED_PLACEHOLDER + unnamed++))));
    }
    out.add(Token.symbol("("));
    out.addAll(partTokens);
    out.add(Token.symbol(")"));
    return Optional.of(out);
  }

  private static boolean isKeyWord(Token t) {
    return Set.of("PRIMARY", "UNIQUE", "KEY", "INDEX", "FULLTEXT", "SPATIAL", "FOREIGN", "CHECK").contains(t.keyword());
  }

  /** Upper-case words of a token list, for classification. */
  static List<String> keywords(List<Token> tokens, int count) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < Math.min(count, tokens.size()); i++) {
      words.add(tokens.get(i).kind() == Kind.WORD ? tokens.get(i).value().toUpperCase(Locale.ROOT) : "");
    }
    return words;
  }
}
