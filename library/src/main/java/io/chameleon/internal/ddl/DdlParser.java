package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.UnsupportedColumnException;
import io.chameleon.internal.ddl.MySqlTokens.Kind;
import io.chameleon.internal.ddl.MySqlTokens.Token;
import io.chameleon.internal.ddl.ParsedDdl.IndexSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;

/**
 * Reads one MySQL/MariaDB DDL statement as a binlog QUERY event carries it (the client's text,
 * or the server's rewrite of it: backquotes, {@code /* comments *}{@code /}, {@code IF EXISTS},
 * {@code ALGORITHM=INPLACE}, {@code LOCK=NONE}, {@code FIRST}/{@code AFTER c}, charset and
 * collate clauses, table options, MariaDB's {@code IF NOT EXISTS} on columns and indexes and
 * its {@code SET STATEMENT ... FOR} prefix) into a {@link ParsedDdl}.
 *
 * <p>How: {@link MySqlTokens} splits the text (comments out, strings decoded); the statement's
 * leading words say what it is ({@code CREATE TABLE}, {@code ALTER TABLE}, a view, a grant,
 * ...); {@code CREATE INDEX} and {@code DROP INDEX} become the {@code ALTER TABLE} MySQL runs
 * for them, read clause by clause by {@link AlterClauseReader}; column definitions are read by
 * {@link ColumnSpecReader}. The
 * definitions, the grammar-heavy part (columns with their types and attributes, keys, the
 * table body, RENAME/DROP/TRUNCATE lists), are parsed by JSqlParser after the pre-step
 * {@link DdlRewriter}. Each table's schema is the statement's qualifier, else the session's
 * default database.
 *
 * <p>Never throws for bad input: what cannot be read is a {@link ParsedDdl.Unreadable} with the
 * reason. Immutable; thread-safe (each call has its own JSqlParser, on the calling thread).
 */
public final class DdlParser {

  /** Which server wrote the statement: the JSON type differs. */
  public enum Flavor {
    /** MySQL: {@code json} is the binary JSON type. */
    MYSQL,
    /** MariaDB: {@code json} is a LONGTEXT (utf8mb4) holding JSON text. */
    MARIADB
  }

  /** First words of statements with no meaning for replicated data, and why. */
  private static final Map<String, String> OBJECTS = Map.ofEntries(
      Map.entry("VIEW", "views hold no replicated data"),
      Map.entry("TRIGGER", "triggers do not run on the replica: their effects arrive as row events"),
      Map.entry("PROCEDURE", "stored routines are not replicated"),
      Map.entry("FUNCTION", "stored routines are not replicated"),
      Map.entry("PACKAGE", "stored routines are not replicated"),
      Map.entry("EVENT", "scheduled events are not replicated"),
      Map.entry("USER", "accounts and privileges are not replicated"),
      Map.entry("ROLE", "accounts and privileges are not replicated"),
      Map.entry("DATABASE", "databases are replicated through the schema mapping, not by DDL"),
      Map.entry("SCHEMA", "databases are replicated through the schema mapping, not by DDL"),
      Map.entry("SEQUENCE", "sequences are not replicated"),
      Map.entry("SERVER", "server objects are not replicated"),
      Map.entry("TABLESPACE", "server objects are not replicated"),
      Map.entry("LOGFILE", "server objects are not replicated"),
      Map.entry("INSTANCE", "server objects are not replicated"),
      Map.entry("RESOURCE", "server objects are not replicated"),
      Map.entry("SYNONYM", "synonyms are not replicated"));

  private static final Set<String> MAINTENANCE = Set.of("OPTIMIZE", "ANALYZE", "REPAIR", "CHECK", "CHECKSUM");
  private static final Set<String> TRANSACTION = Set.of("BEGIN", "COMMIT", "ROLLBACK", "XA", "SAVEPOINT", "RELEASE", "START");
  private static final Set<String> ADMIN = Set.of("FLUSH", "RESET", "PURGE", "INSTALL", "UNINSTALL", "SET", "LOCK",
      "UNLOCK", "DO", "USE", "KILL", "SHUTDOWN", "CACHE", "HANDLER", "SHOW", "HELP", "BINLOG", "CHANGE", "STOP");
  private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "CALL", "SELECT", "WITH",
      "VALUES", "TABLE");

  private final Flavor flavor;

  /**
   * A parser for statements written by one kind of server.
   *
   * @param flavor MySQL or MariaDB
   */
  public DdlParser(Flavor flavor) {
    this.flavor = Objects.requireNonNull(flavor, "flavor");
  }

  /** Which server's statements it reads. */
  public Flavor flavor() {
    return flavor;
  }

  /**
   * Reads a statement.
   *
   * @param sql the statement text, as the QUERY event carries it
   * @param defaultDatabase the session's default database (the QUERY event's schema); null or
   *     empty when none was selected
   * @return what the statement is; never null
   */
  public ParsedDdl parse(String sql, String defaultDatabase) {
    Objects.requireNonNull(sql, "sql");
    List<Token> tokens;
    try {
      tokens = DdlRewriter.statement(MySqlTokens.of(sql));
    } catch (IllegalArgumentException e) {
      return new ParsedDdl.Unreadable("cannot read the statement: " + e.getMessage(), Optional.empty());
    }
    if (tokens.isEmpty()) {
      return new ParsedDdl.Unreadable("empty statement", Optional.empty());
    }
    Optional<String> database = Optional.ofNullable(defaultDatabase).filter(d -> !d.isEmpty());
    Reader reader = new Reader(tokens, database, flavor);
    try {
      return reader.statement();
    } catch (StatementReader.Failure e) {
      return new ParsedDdl.Unreadable(e.getMessage(), e.table);
    } catch (UnsupportedColumnException e) {
      return new ParsedDdl.Unreadable(e.getMessage(), reader.table);
    } catch (RuntimeException e) {
      // never let a parser bug kill the reader: say what failed instead
      return new ParsedDdl.Unreadable("cannot read the statement: " + e, reader.table);
    }
  }

  /** Reads one statement; one per call to {@link #parse}. */
  private static final class Reader extends StatementReader {

    Reader(List<Token> tokens, Optional<String> database, Flavor flavor) {
      super(tokens, database, flavor);
    }

    ParsedDdl statement() {
      String first = tokens.get(0).keyword();
      pos = 1;
      switch (first) {
        case "CREATE":
          return create();
        case "ALTER":
          accept("ONLINE");
          accept("OFFLINE");
          accept("IGNORE");
          if (accept("TABLE")) {
            return new AlterClauseReader(this).alterTable();
          }
          return objectStatement("ALTER");
        case "DROP":
          boolean temporary = accept("TEMPORARY");
          if (accept("TABLE") || accept("TABLES")) {
            return dropTables(temporary);
          }
          if (accept("INDEX")) {
            return new AlterClauseReader(this).dropIndex();
          }
          return objectStatement("DROP");
        case "TRUNCATE":
          return truncate();
        case "RENAME":
          if (peekIs("TABLE") || peekIs("TABLES")) {
            return renameTables();
          }
          return objectStatement("RENAME");
        case "GRANT":
        case "REVOKE":
          return skip("accounts and privileges are not replicated");
        default:
          break;
      }
      if (MAINTENANCE.contains(first)) {
        return skip("table maintenance (" + first + ") has no PostgreSQL meaning");
      }
      if (TRANSACTION.contains(first)) {
        return skip("transaction control, not DDL");
      }
      if (ADMIN.contains(first)) {
        return skip("server or session administration (" + first + "), not DDL");
      }
      if (DML.contains(first)) {
        throw fail(first + " in a QUERY event: a data change in statement form, which replay cannot follow;"
            + " the source must write the binlog in ROW format");
      }
      throw fail("not a statement the replicator knows: " + excerpt());
    }

    // ---------------------------------------------------------------------------- CREATE

    private ParsedDdl create() {
      boolean orReplace = accept("OR", "REPLACE");
      boolean temporary = accept("TEMPORARY");
      if (accept("TABLE")) {
        return createTable(orReplace, temporary);
      }
      int start = pos;
      Optional<String> kind = Optional.empty();
      for (String k : List.of("UNIQUE", "FULLTEXT", "SPATIAL")) {
        if (accept(k)) {
          kind = Optional.of(k);
        }
      }
      accept("ONLINE");
      accept("OFFLINE");
      if (accept("INDEX")) {
        return new AlterClauseReader(this).createIndex(orReplace, kind);
      }
      pos = start;
      return objectStatement("CREATE");
    }

    private ParsedDdl createTable(boolean orReplace, boolean temporary) {
      boolean ifNotExists = accept("IF", "NOT", "EXISTS");
      TableRef name = tableName();
      table = Optional.of(name);
      if (temporary) {
        return new ParsedDdl.NoReplicaMeaning("temporary tables are not replicated", List.of(name));
      }
      if (accept("LIKE")) {
        return new ParsedDdl.CreateTableLike(name, tableName(), orReplace, ifNotExists);
      }
      if (peekSymbol("(") && pos + 1 < tokens.size() && tokens.get(pos + 1).is("LIKE")) {
        pos += 2;
        TableRef like = tableName();
        expectSymbol(")");
        return new ParsedDdl.CreateTableLike(name, like, orReplace, ifNotExists);
      }
      if (!peekSymbol("(")) {
        throw fail("CREATE TABLE without a column list (CREATE TABLE ... SELECT) in a QUERY event:"
            + " in ROW format the server writes the full definition instead");
      }
      int close = DdlRewriter.closing(tokens, pos);
      if (close < 0) {
        throw fail("unbalanced parentheses");
      }
      List<List<Token>> elements = DdlRewriter.split(tokens.subList(pos + 1, close));
      List<Token> options = tokens.subList(close + 1, tokens.size());
      for (Token t : options) {
        if (t.is("SELECT")) {
          throw fail("CREATE TABLE ... SELECT in a QUERY event: in ROW format the server writes the full"
              + " definition instead");
        }
      }
      Optional<String> charset = tableOptions(options);
      List<Token> body = new ArrayList<>();
      for (List<Token> element : elements) {
        Optional<List<Token>> rewritten = isKeyStart(element)
            ? rewriter.keyDefinition(element)
            : Optional.of(rewriter.columnDefinition(element));
        if (rewritten.isPresent()) {
          if (!body.isEmpty()) {
            body.add(Token.symbol(","));
          }
          body.addAll(rewritten.get());
        }
      }
      if (body.isEmpty()) {
        throw fail("CREATE TABLE without columns");
      }
      Statement parsed = jsql("CREATE TABLE `t` ( " + MySqlTokens.render(body) + " )");
      if (!(parsed instanceof CreateTable create) || create.getColumnDefinitions() == null) {
        throw fail("cannot read the table definition");
      }
      List<ColumnSpec> columns = new ArrayList<>();
      for (ColumnDefinition definition : create.getColumnDefinitions()) {
        columns.add(column(definition));
      }
      List<IndexSpec> indexes = new ArrayList<>();
      if (create.getIndexes() != null) {
        for (Index index : create.getIndexes()) {
          indexes.add(index(index));
        }
      }
      indexes.addAll(rewriter.specialIndexes().values());
      return new ParsedDdl.CreateTable(name, orReplace, ifNotExists, columns, indexes, charset, rewriter.ignored());
    }

    // ---------------------------------------------------------------------------- DROP, TRUNCATE, RENAME

    private ParsedDdl dropTables(boolean temporary) {
      boolean ifExists = accept("IF", "EXISTS");
      List<TableRef> tables = new ArrayList<>();
      for (List<Token> part : DdlRewriter.split(tokens.subList(pos, tokens.size()))) {
        List<Token> name = new ArrayList<>(part);
        while (!name.isEmpty() && Set.of("RESTRICT", "CASCADE", "NOWAIT", "FORCE").contains(name.get(name.size() - 1).keyword())) {
          name.remove(name.size() - 1);
        }
        if (name.size() >= 2 && name.get(name.size() - 2).is("WAIT")) {
          name.subList(name.size() - 2, name.size()).clear();
        }
        Statement parsed = jsql("DROP TABLE " + MySqlTokens.render(quoteNames(name)));
        if (!(parsed instanceof Drop drop) || drop.getName() == null) {
          throw fail("cannot read the table list");
        }
        tables.add(tableRef(drop.getName()));
      }
      if (tables.isEmpty()) {
        throw fail("DROP TABLE without tables");
      }
      if (temporary) {
        return new ParsedDdl.NoReplicaMeaning("temporary tables are not replicated", tables);
      }
      return new ParsedDdl.DropTables(tables, ifExists);
    }

    private ParsedDdl truncate() {
      accept("TABLE");
      Statement parsed = jsql("TRUNCATE TABLE " + MySqlTokens.render(quoteNames(tokens.subList(pos, tokens.size()))));
      if (!(parsed instanceof Truncate truncate) || truncate.getTables() == null || truncate.getTables().size() != 1) {
        throw fail("cannot read the TRUNCATE statement");
      }
      TableRef truncated = tableRef(truncate.getTables().get(0));
      return new ParsedDdl.TruncateTable(truncated);
    }

    private ParsedDdl renameTables() {
      pos++; // TABLE or TABLES
      List<Token> rest = new ArrayList<>();
      for (Token t : tokens.subList(pos, tokens.size())) {
        rest.add(t.kind() == Kind.WORD && !t.is("TO") ? rewriter.nameToken(t) : t.kind() == Kind.QUOTED_NAME ? rewriter.nameToken(t) : t);
      }
      Statement parsed = jsql("RENAME TABLE " + MySqlTokens.render(rest));
      if (!(parsed instanceof RenameTableStatement rename)) {
        throw fail("cannot read the RENAME TABLE statement");
      }
      List<ParsedDdl.Rename> renames = new ArrayList<>();
      for (Map.Entry<Table, Table> pair : rename.getTableNames()) {
        renames.add(new ParsedDdl.Rename(tableRef(pair.getKey()), tableRef(pair.getValue())));
      }
      return new ParsedDdl.RenameTables(renames);
    }

    // ---------------------------------------------------------------------------- other objects

    private ParsedDdl objectStatement(String verb) {
      for (int i = pos; i < Math.min(tokens.size(), pos + 16); i++) {
        String reason = OBJECTS.get(tokens.get(i).keyword());
        if (reason != null) {
          return skip(reason);
        }
        if (tokens.get(i).isSymbol("(")) {
          break;
        }
      }
      throw fail(verb + " statement not understood: " + excerpt());
    }

    private ParsedDdl skip(String reason) {
      return new ParsedDdl.NoReplicaMeaning(reason, List.of());
    }

  }
}
