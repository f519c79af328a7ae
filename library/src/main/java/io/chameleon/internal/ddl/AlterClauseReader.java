package io.chameleon.internal.ddl;

import io.chameleon.internal.ddl.MySqlTokens.Token;
import io.chameleon.internal.ddl.ParsedDdl.AddColumn;
import io.chameleon.internal.ddl.ParsedDdl.AddIndex;
import io.chameleon.internal.ddl.ParsedDdl.AlterAction;
import io.chameleon.internal.ddl.ParsedDdl.IndexSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;

/**
 * Reads {@code ALTER TABLE} (and {@code CREATE INDEX} and {@code DROP INDEX}, which MySQL runs
 * as ALTER TABLE) for {@link DdlParser}: the statement is cut into its clauses at the commas
 * outside parentheses; each clause's leading words say whether it matters to replicated data
 * (a column, a key, a rename, a charset), has no PostgreSQL meaning (table options,
 * {@code ALGORITHM=}, {@code LOCK=}, {@code ORDER BY}, foreign keys, checks, partitioning), or
 * changes rows without row events ({@code DROP/TRUNCATE/EXCHANGE PARTITION}: unreadable, so the
 * table is re-synced). Column and key definitions go through the pre-step and JSqlParser. One
 * per statement; not thread-safe.
 */
final class AlterClauseReader {

  /** ALTER TABLE clauses (by first word) with no PostgreSQL meaning: table options and the like. */
  private static final Set<String> IGNORED_CLAUSES = Set.of("ENGINE", "AUTO_INCREMENT", "ROW_FORMAT", "COMMENT",
      "KEY_BLOCK_SIZE", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "COMPRESSION", "CONNECTION", "DATA", "INDEX",
      "DELAY_KEY_WRITE", "ENCRYPTION", "ENCRYPTED", "ENCRYPTION_KEY_ID", "INSERT_METHOD", "MAX_ROWS", "MIN_ROWS",
      "PACK_KEYS", "PASSWORD", "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "UNION",
      "ALGORITHM", "LOCK", "FORCE", "ORDER", "ENABLE", "DISABLE", "DISCARD", "IMPORT", "WITH", "WITHOUT",
      "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "TRANSACTIONAL", "SEQUENCE", "IETF_QUOTES",
      "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE", "SECONDARY_ENGINE_ATTRIBUTE", "AUTOEXTEND_SIZE", "STORAGE",
      "COALESCE", "REORGANIZE", "ANALYZE", "OPTIMIZE", "REBUILD", "REPAIR", "REMOVE", "PARTITION", "PARTITIONS",
      "SUBPARTITION", "SUBPARTITIONS", "WAIT", "NOWAIT", "SECONDARY_LOAD", "SECONDARY_UNLOAD", "UPGRADE");

  /** Partition operations that change rows without writing row events: the table needs a re-sync. */
  private static final Set<String> PARTITION_DATA_CHANGES = Set.of("DROP", "TRUNCATE", "EXCHANGE", "DISCARD", "IMPORT",
      "CONVERT");

  private final StatementReader r;

  AlterClauseReader(StatementReader reader) {
    this.r = reader;
  }

  ParsedDdl createIndex(boolean orReplace, Optional<String> kind) {
    boolean ifNotExists = r.accept("IF", "NOT", "EXISTS");
    Token indexName = r.name("an index name");
    while (r.pos < r.tokens.size() && !r.tokens.get(r.pos).is("ON")) {
      r.pos++; // USING BTREE before ON
    }
    r.expect("ON");
    TableRef on = r.tableName();
    r.table = Optional.of(on);
    List<Token> key = new ArrayList<>();
    kind.ifPresent(k -> key.add(Token.word(k)));
    key.add(Token.word("KEY"));
    key.add(indexName);
    key.addAll(r.tokens.subList(r.pos, r.tokens.size()));
    List<AlterAction> actions = new ArrayList<>();
    if (orReplace) {
      actions.add(new ParsedDdl.DropIndex(indexName.value(), true));
    }
    actions.add(new AddIndex(r.addKey(key), ifNotExists));
    return new ParsedDdl.AlterTable(on, actions, r.rewriter.ignored());
  }

  // ---------------------------------------------------------------------------- ALTER TABLE

  ParsedDdl alterTable() {
    r.accept("IF", "EXISTS");
    TableRef name = r.tableName();
    r.table = Optional.of(name);
    if (r.accept("WAIT")) {
      r.pos++;
    }
    r.accept("NOWAIT");
    List<Token> rest = new ArrayList<>(r.tokens.subList(r.pos, r.tokens.size()));
    // partition options follow the clauses without a comma
    for (int i = 0; i + 1 < rest.size(); i++) {
      if (rest.get(i).is("PARTITION") && rest.get(i + 1).is("BY")
          || rest.get(i).is("REMOVE") && rest.get(i + 1).is("PARTITIONING")) {
        r.rewriter.ignore(rest.subList(i, rest.size()));
        rest = new ArrayList<>(rest.subList(0, i));
        break;
      }
    }
    List<AlterAction> actions = new ArrayList<>();
    for (List<Token> clause : DdlRewriter.split(rest)) {
      clause(new ArrayList<>(clause), actions);
    }
    return new ParsedDdl.AlterTable(name, actions, r.rewriter.ignored());
  }

  private void clause(List<Token> clause, List<AlterAction> actions) {
    if (clause.isEmpty()) {
      return;
    }
    boolean ifExists = removeIfExists(clause);
    List<String> k = DdlRewriter.keywords(clause, 3);
    String first = k.get(0);
    String second = k.size() > 1 ? k.get(1) : "";
    if (PARTITION_DATA_CHANGES.contains(first) && second.equals("PARTITION")) {
      throw r.fail(first + " PARTITION changes rows without row events: re-sync the table");
    }
    switch (first) {
      case "ADD" -> add(clause, ifExists, actions);
      case "DROP" -> drop(clause, ifExists, actions);
      case "MODIFY" -> {
        int start = second.equals("COLUMN") ? 2 : 1;
        List<Token> definition = new ArrayList<>(clause.subList(start, clause.size()));
        Optional<ParsedDdl.Position> position = position(definition);
        ColumnSpec column = alterColumn("MODIFY COLUMN", List.of(), definition);
        actions.add(new ParsedDdl.ModifyColumn(column.name(), column, ifExists, position));
      }
      case "CHANGE" -> {
        int start = second.equals("COLUMN") ? 2 : 1;
        Token old = r.nameAt(clause, start, "the column to change");
        List<Token> definition = new ArrayList<>(clause.subList(start + 1, clause.size()));
        Optional<ParsedDdl.Position> position = position(definition);
        ColumnSpec column = alterColumn("CHANGE COLUMN", List.of(r.rewriter.nameToken(old)), definition);
        actions.add(new ParsedDdl.ModifyColumn(old.value(), column, ifExists, position));
      }
      case "RENAME" -> rename(clause, actions);
      case "ALTER" -> alterColumnDefault(clause, actions);
      case "CONVERT" -> {
        int at = DdlRewriter.startsWith(clause, 2, "CHARSET") ? 3 : 4;
        actions.add(new ParsedDdl.ConvertCharset(r.nameAt(clause, at, "a charset").value().toLowerCase(Locale.ROOT)));
      }
      case "DEFAULT", "CHARACTER", "CHARSET", "COLLATE" -> defaultCharset(clause, actions);
      default -> {
        if (!IGNORED_CLAUSES.contains(first)) {
          throw r.fail("ALTER TABLE clause not understood: " + MySqlTokens.render(clause));
        }
        r.rewriter.ignore(clause);
      }
    }
  }

  private void add(List<Token> clause, boolean ifNotExists, List<AlterAction> actions) {
    String second = DdlRewriter.keywords(clause, 2).get(1);
    if (second.equals("PARTITION") || second.equals("PERIOD") || second.equals("SYSTEM")
        || second.equals("FOREIGN") || second.equals("CHECK")) {
      if (second.equals("CHECK")) {
        r.rewriter.keyDefinition(clause.subList(1, clause.size())); // records json_valid checks
      } else {
        r.rewriter.ignore(clause);
      }
      return;
    }
    if (StatementReader.KEY_STARTS.contains(second)) {
      List<Token> key = clause.subList(1, clause.size());
      int specials = r.rewriter.specialIndexes().size();
      Optional<List<Token>> rewritten = r.rewriter.keyDefinition(key);
      if (rewritten.isPresent()) {
        actions.add(new AddIndex(r.keyOf(rewritten.get()), ifNotExists));
      } else if (r.rewriter.specialIndexes().size() > specials) {
        IndexSpec special = List.copyOf(r.rewriter.specialIndexes().values()).get(specials);
        actions.add(new AddIndex(special, ifNotExists));
      }
      return;
    }
    int start = second.equals("COLUMN") ? 2 : 1;
    List<Token> definitions = clause.subList(start, clause.size());
    if (!definitions.isEmpty() && definitions.get(0).isSymbol("(")) {
      int close = DdlRewriter.closing(definitions, 0);
      if (close < 0) {
        throw r.fail("unbalanced parentheses");
      }
      for (List<Token> definition : DdlRewriter.split(definitions.subList(1, close))) {
        if (r.isKeyStart(definition)) {
          Optional<List<Token>> rewritten = r.rewriter.keyDefinition(definition);
          if (rewritten.isPresent()) {
            actions.add(new AddIndex(r.keyOf(rewritten.get()), ifNotExists));
          }
        } else {
          actions.add(new AddColumn(alterColumn("ADD COLUMN", List.of(), definition), ifNotExists, Optional.empty()));
        }
      }
      return;
    }
    List<Token> definition = new ArrayList<>(definitions);
    Optional<ParsedDdl.Position> position = position(definition);
    actions.add(new AddColumn(alterColumn("ADD COLUMN", List.of(), definition), ifNotExists, position));
  }

  private void drop(List<Token> clause, boolean ifExists, List<AlterAction> actions) {
    List<String> k = DdlRewriter.keywords(clause, 3);
    switch (k.size() > 1 ? k.get(1) : "") {
      case "PRIMARY" -> actions.add(new ParsedDdl.DropIndex(SourceIndex.PRIMARY, ifExists));
      case "INDEX", "KEY" -> {
        String index = r.nameAt(clause, 2, "an index name").value();
        actions.add(new ParsedDdl.DropIndex(index, ifExists));
      }
      case "CONSTRAINT" -> {
        actions.add(new ParsedDdl.DropConstraint(r.nameAt(clause, 2, "a constraint name").value()));
      }
      case "FOREIGN", "CHECK", "PERIOD", "SYSTEM" -> r.rewriter.ignore(clause);
      case "COLUMN" -> actions.add(new ParsedDdl.DropColumn(r.nameAt(clause, 2, "a column name").value(), ifExists));
      default -> actions.add(new ParsedDdl.DropColumn(r.nameAt(clause, 1, "a column name").value(), ifExists));
    }
  }

  private void rename(List<Token> clause, List<AlterAction> actions) {
    String second = DdlRewriter.keywords(clause, 2).size() > 1 ? DdlRewriter.keywords(clause, 2).get(1) : "";
    if (second.equals("COLUMN") || second.equals("INDEX") || second.equals("KEY")) {
      String from = r.nameAt(clause, 2, "a name").value();
      if (clause.size() != 5 || !clause.get(3).is("TO")) {
        throw r.fail("RENAME " + second + " not understood: " + MySqlTokens.render(clause));
      }
      String to = r.nameAt(clause, 4, "a name").value();
      actions.add(second.equals("COLUMN")
          ? new ParsedDdl.RenameColumn(from, to, false)
          : new ParsedDdl.RenameIndex(from, to));
      return;
    }
    int at = second.equals("TO") || second.equals("AS") || (clause.size() > 1 && clause.get(1).isSymbol("=")) ? 2 : 1;
    TableRef to = r.tableNameIn(clause, at);
    if (clause.size() != at + (clause.size() > at + 1 && clause.get(at + 1).isSymbol(".") ? 3 : 1)) {
      throw r.fail("RENAME not understood: " + MySqlTokens.render(clause));
    }
    actions.add(new ParsedDdl.RenameTable(to));
  }

  private void alterColumnDefault(List<Token> clause, List<AlterAction> actions) {
    String second = DdlRewriter.keywords(clause, 2).get(1);
    if (second.equals("INDEX") || second.equals("KEY") || second.equals("CHECK") || second.equals("CONSTRAINT")) {
      r.rewriter.ignore(clause);
      return;
    }
    int at = second.equals("COLUMN") ? 2 : 1;
    String column = r.nameAt(clause, at, "a column name").value();
    if (DdlRewriter.startsWith(clause, at + 1, "DROP", "DEFAULT")) {
      actions.add(new ParsedDdl.AlterDefault(column, Optional.empty()));
    } else if (DdlRewriter.startsWith(clause, at + 1, "SET", "DEFAULT") && clause.size() > at + 3) {
      DefaultValue value = DdlRewriter.defaultValue(clause.subList(at + 3, clause.size()));
      actions.add(new ParsedDdl.AlterDefault(column, value instanceof DefaultValue.Null
          ? Optional.empty() : Optional.of(value)));
    } else if (DdlRewriter.startsWith(clause, at + 1, "SET")) {
      r.rewriter.ignore(clause); // SET VISIBLE / INVISIBLE
    } else {
      throw r.fail("ALTER COLUMN not understood: " + MySqlTokens.render(clause));
    }
  }

  private void defaultCharset(List<Token> clause, List<AlterAction> actions) {
    Optional<String> charset = r.tableOptions(clause);
    charset.ifPresent(c -> actions.add(new ParsedDdl.DefaultCharset(c)));
  }

  /** Removes MariaDB's {@code IF [NOT] EXISTS} from the head of a clause; says whether it was there. */
  private boolean removeIfExists(List<Token> clause) {
    for (int i = 1; i < Math.min(clause.size(), 5); i++) {
      if (DdlRewriter.startsWith(clause, i, "IF", "NOT", "EXISTS")) {
        clause.subList(i, i + 3).clear();
        return true;
      }
      if (DdlRewriter.startsWith(clause, i, "IF", "EXISTS")) {
        clause.subList(i, i + 2).clear();
        return true;
      }
    }
    return false;
  }

  /** Takes a trailing {@code FIRST} or {@code AFTER c} off a column definition. */
  private Optional<ParsedDdl.Position> position(List<Token> definition) {
    int n = definition.size();
    if (n > 1 && definition.get(n - 1).is("FIRST")) {
      definition.remove(n - 1);
      return Optional.of(ParsedDdl.Position.FIRST);
    }
    if (n > 2 && definition.get(n - 2).is("AFTER") && definition.get(n - 1).isName()) {
      String after = definition.get(n - 1).value();
      definition.subList(n - 2, n).clear();
      return Optional.of(new ParsedDdl.Position(Optional.of(after)));
    }
    return Optional.empty();
  }

  /** A column definition of an ALTER clause, parsed by JSqlParser. */
  private ColumnSpec alterColumn(String verb, List<Token> before, List<Token> definition) {
    if (definition.isEmpty() || !definition.get(0).isName()) {
      throw r.fail(verb + " without a column definition");
    }
    List<Token> text = new ArrayList<>(before);
    text.addAll(r.rewriter.columnDefinition(definition));
    Statement parsed = r.jsql("ALTER TABLE `t` " + verb + " " + MySqlTokens.render(text));
    if (parsed instanceof Alter alter && alter.getAlterExpressions().size() == 1) {
      AlterExpression e = alter.getAlterExpressions().get(0);
      if (e.getColDataTypeList() != null && e.getColDataTypeList().size() == 1) {
        return r.column(e.getColDataTypeList().get(0));
      }
    }
    throw r.fail("cannot read the column definition: " + MySqlTokens.render(definition));
  }

  ParsedDdl dropIndex() {
    boolean ifExists = r.accept("IF", "EXISTS");
    String index = r.name("an index name").value();
    r.expect("ON");
    TableRef on = r.tableName();
    r.table = Optional.of(on);
    r.rewriter.ignore(r.tokens.subList(r.pos, r.tokens.size())); // ALGORITHM=..., LOCK=...
    return new ParsedDdl.AlterTable(on, List.of(new ParsedDdl.DropIndex(index, ifExists)), r.rewriter.ignored());
  }

}
