package io.chameleon.internal.ddl;

import io.chameleon.internal.ddl.MySqlTokens.Kind;
import io.chameleon.internal.ddl.MySqlTokens.Token;
import io.chameleon.internal.ddl.ParsedDdl.IndexSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * The state of reading one statement, shared by {@link DdlParser}, {@link AlterClauseReader}
 * and {@link ColumnSpecReader}: the tokens and a cursor, the session's default database, the
 * pre-step ({@link DdlRewriter}) with what it kept aside, the table once known (for the
 * failure), and the helpers that read names and hand definitions to JSqlParser. JSqlParser runs
 * on the calling thread, one parser per call. One per statement; not thread-safe.
 */
class StatementReader {

  /** A statement that cannot be read, with the table when known. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Optional<TableRef> table;

    Failure(String message, Optional<TableRef> table) {
      super(message, null, false, false);
      this.table = table;
    }
  }

  static final Set<String> KEY_STARTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX", "FULLTEXT",
      "SPATIAL", "FOREIGN", "CHECK");

  final List<Token> tokens;
  final Optional<String> database;
  final DdlParser.Flavor flavor;
  final DdlRewriter rewriter = new DdlRewriter();
  /** The cursor in {@link #tokens}. */
  int pos;
  /** The table the statement is about, once read. */
  Optional<TableRef> table = Optional.empty();

  StatementReader(List<Token> tokens, Optional<String> database, DdlParser.Flavor flavor) {
    this.tokens = tokens;
    this.database = database;
    this.flavor = flavor;
  }

  /** A key clause ({@code PRIMARY KEY (..)}, {@code UNIQUE KEY n (..)}, {@code KEY n (..)}) parsed by JSqlParser. */
  IndexSpec keyOf(List<Token> key) {
    Statement parsed = jsql("ALTER TABLE `t` ADD " + MySqlTokens.render(key));
    if (parsed instanceof Alter alter && alter.getAlterExpressions().size() == 1) {
      AlterExpression e = alter.getAlterExpressions().get(0);
      if (e.getPkColumns() != null) {
        return new IndexSpec(Optional.of(SourceIndex.PRIMARY), SourceIndex.Kind.PRIMARY, parts(e.getPkColumns()));
      }
      if (e.getUkColumns() != null) {
        return new IndexSpec(indexName(e.getUkName()), SourceIndex.Kind.UNIQUE, parts(e.getUkColumns()));
      }
      if (e.getIndex() != null) {
        return new IndexSpec(indexName(e.getIndex().getName()), SourceIndex.Kind.INDEX,
            parts(e.getIndex().getColumnsNames()));
      }
    }
    throw fail("cannot read the key definition: " + MySqlTokens.render(key));
  }

  /** A key of CREATE INDEX, by way of the ADD path. */
  IndexSpec addKey(List<Token> key) {
    int specials = rewriter.specialIndexes().size();
    Optional<List<Token>> rewritten = rewriter.keyDefinition(key);
    if (rewritten.isPresent()) {
      return keyOf(rewritten.get());
    }
    if (rewriter.specialIndexes().size() > specials) {
      return List.copyOf(rewriter.specialIndexes().values()).get(specials);
    }
    throw fail("cannot read the index definition");
  }

  IndexSpec index(Index index) {
    String type = String.valueOf(index.getType()).toUpperCase(Locale.ROOT);
    SourceIndex.Kind kind = type.startsWith("PRIMARY") ? SourceIndex.Kind.PRIMARY
        : type.startsWith("UNIQUE") ? SourceIndex.Kind.UNIQUE : SourceIndex.Kind.INDEX;
    List<String> columns = index.getColumns().stream().map(Object::toString).toList();
    Optional<String> name = kind == SourceIndex.Kind.PRIMARY ? Optional.of(SourceIndex.PRIMARY) : indexName(index.getName());
    return new IndexSpec(name, kind, parts(columns));
  }

  Optional<String> indexName(String jsqlName) {
    if (jsqlName == null) {
      return Optional.empty();
    }
    String name = rewriter.name(jsqlName);
    return DdlRewriter.isUnnamed(name) ? Optional.empty() : Optional.of(name);
  }

  /** Index parts from JSqlParser's column strings ({@code `a`(3)}, {@code `a` (3)}, {@code b}). */
  List<SourceIndex.Part> parts(List<String> columns) {
    List<SourceIndex.Part> parts = new ArrayList<>();
    for (String column : columns) {
      List<Token> t = MySqlTokens.of(column);
      if (t.size() == 1 && t.get(0).isName()) {
        parts.add(new SourceIndex.Part(rewriter.name(MySqlTokens.render(t.get(0))), 0));
      } else if (t.size() == 4 && t.get(0).isName() && t.get(2).kind() == Kind.NUMBER) {
        parts.add(new SourceIndex.Part(rewriter.name(MySqlTokens.render(t.get(0))), Integer.parseInt(t.get(2).value())));
      } else {
        throw fail("index part not understood: " + column);
      }
    }
    return parts;
  }

  // ---------------------------------------------------------------------------- columns

  /**
   * A column from JSqlParser's definition: its type text ({@code varchar (3) CHARACTER SET x})
   * and attribute tokens, read again with {@link MySqlTokens}.
   */
  ColumnSpec column(ColumnDefinition definition) {
    String name = rewriter.name(definition.getColumnName());
    String specs = definition.getColumnSpecs() == null ? "" : String.join(" ", definition.getColumnSpecs());
    List<Token> t = MySqlTokens.of(definition.getColDataType().toString() + " " + specs);
    String where = table.map(TableRef::toString).orElse("?") + "." + name;
    return new ColumnSpecReader(this, name, where, t).read();
  }

  /** Names backquoted (so that JSqlParser never takes one for a keyword); symbols kept. */
  List<Token> quoteNames(List<Token> list) {
    List<Token> out = new ArrayList<>();
    for (Token t : list) {
      out.add(t.isName() ? rewriter.nameToken(t) : t);
    }
    return out;
  }

  TableRef tableRef(Table t) {
    String name = rewriter.name(t.getName());
    Optional<String> schema = Optional.ofNullable(t.getSchemaName()).map(rewriter::name);
    return resolve(schema, name);
  }

  boolean isKeyStart(List<Token> element) {
    if (element.isEmpty()) {
      return false;
    }
    Token first = element.get(0);
    return KEY_STARTS.contains(first.keyword())
        || first.is("PERIOD") && element.size() > 1 && element.get(1).is("FOR");
  }

  boolean peekIs(String word) {
    return pos < tokens.size() && tokens.get(pos).is(word);
  }

  boolean peekSymbol(String symbol) {
    return pos < tokens.size() && tokens.get(pos).isSymbol(symbol);
  }

  boolean accept(String... words) {
    if (DdlRewriter.startsWith(tokens, pos, words)) {
      pos += words.length;
      return true;
    }
    return false;
  }

  void expect(String word) {
    if (!accept(word)) {
      throw fail("expected " + word + " in: " + excerpt());
    }
  }

  void expectSymbol(String symbol) {
    if (!peekSymbol(symbol)) {
      throw fail("expected " + symbol + " in: " + excerpt());
    }
    pos++;
  }

  Token name(String what) {
    if (pos >= tokens.size() || !tokens.get(pos).isName()) {
      throw fail("expected " + what + " in: " + excerpt());
    }
    return tokens.get(pos++);
  }

  Token nameAt(List<Token> list, int index, String what) {
    if (index >= list.size() || !list.get(index).isName()) {
      throw fail("expected " + what + " in: " + MySqlTokens.render(list));
    }
    return list.get(index);
  }

  /** {@code [schema.]table} at the cursor. */
  TableRef tableName() {
    TableRef ref = tableNameAt(pos);
    pos += tokens.size() > pos + 1 && tokens.get(pos + 1).isSymbol(".") ? 3 : 1;
    return ref;
  }

  TableRef tableNameAt(int at) {
    return tableNameIn(tokens, at);
  }

  TableRef tableNameIn(List<Token> list, int at) {
    Token first = nameAt(list, at, "a table name");
    if (at + 2 < list.size() && list.get(at + 1).isSymbol(".")) {
      Token second = nameAt(list, at + 2, "a table name");
      return resolve(Optional.of(first.value()), second.value());
    }
    return resolve(Optional.empty(), first.value());
  }

  TableRef resolve(Optional<String> schema, String name) {
    Optional<String> resolved = schema.or(() -> database);
    if (resolved.isEmpty()) {
      throw new Failure("no database selected and table " + name + " is not qualified", Optional.empty());
    }
    return new TableRef(resolved.get(), name);
  }

  Statement jsql(String sql) {
    try {
      CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
      return parser.Statement();
    } catch (ParseException | TokenMgrException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw fail("JSqlParser cannot read \"" + sql + "\": " + message);
    }
  }

  String excerpt() {
    String text = MySqlTokens.render(tokens);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  Failure fail(String message) {
    return new Failure(message, table);
  }

  /** Table options after the body: the default charset is kept, the rest is recorded as ignored. */
  Optional<String> tableOptions(List<Token> options) {
    Optional<String> charset = Optional.empty();
    Optional<String> collation = Optional.empty();
    List<Token> others = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      Token t = options.get(i);
      if (t.is("PARTITION") && i + 1 < options.size() && options.get(i + 1).is("BY")) {
        rewriter.ignore(others);
        others.clear();
        rewriter.ignore(options.subList(i, options.size()));
        break;
      }
      int value = -1;
      boolean isCollation = false;
      if (t.is("CHARSET") || t.is("COLLATE")) {
        value = i + 1;
        isCollation = t.is("COLLATE");
      } else if (t.is("CHARACTER") && i + 1 < options.size() && options.get(i + 1).is("SET")) {
        value = i + 2;
      }
      if (value < 0) {
        if (!t.is("DEFAULT") && !(t.isSymbol(",") && others.isEmpty())) {
          others.add(t);
        }
        continue;
      }
      if (value < options.size() && options.get(value).isSymbol("=")) {
        value++;
      }
      if (value < options.size()) {
        String name = options.get(value).value().toLowerCase(Locale.ROOT);
        if (isCollation) {
          collation = Optional.of(name);
        } else {
          charset = Optional.of(name);
        }
        i = value;
      }
    }
    rewriter.ignore(others);
    Optional<String> fromCollation = collation.map(ColumnSpecReader::charsetOfCollation);
    return charset.or(() -> fromCollation);
  }

}
