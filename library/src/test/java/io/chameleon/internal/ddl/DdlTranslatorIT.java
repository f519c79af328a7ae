package io.chameleon.internal.ddl;

import static io.chameleon.internal.catalog.Identifiers.qualified;
import static io.chameleon.internal.catalog.Identifiers.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.EventDeserializers;
import io.chameleon.internal.capture.InformationSchemaTables;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.capture.TableInfo;
import io.chameleon.internal.snapshot.PgTypeMap;
import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DDL path end to end against the sandbox: each statement runs on MariaDB (with rows in
 * the tables), the QUERY events it writes are read back from the binlog with a
 * {@link BinaryLogClient}, translated from the event's own text and default database, and the
 * PostgreSQL statements run on the sandbox PostgreSQL (on the same rows, inserted on both
 * sides). After every statement:
 *
 * <ul>
 *   <li>the model's view of every table equals what {@link InformationSchemaTables} reads from
 *       MariaDB (the reader's column list, types, charsets, labels, nullability, primary key);
 *   <li>the model's keys equal MariaDB's {@code STATISTICS} (names, columns, prefixes, unique);
 *   <li>PostgreSQL has the same tables, each column with the type {@link PgTypeMap} gives and
 *       the same nullability (zero-date columns may be nullable), the same primary key, and
 *       exactly the indexes the model names, unique where MySQL's are.
 * </ul>
 */
class DdlTranslatorIT {

  private static SourceServer server;
  private static SourceDatabase main;
  private static SourceDatabase arch;
  private static SourceDatabase other;
  private static PostgresDatabase target;
  private static QueryEvents events;
  private static final List<String> TEXTS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Sandbox sandbox = Sandbox.get();
    server = sandbox.source();
    main = server.createDatabase("ddl_main");
    arch = server.createDatabase("ddl_arch");
    other = server.createDatabase("ddl_other");
    target = sandbox.postgres().createDatabase("ddl");
    target.execute("CREATE SCHEMA " + quote(main.name() + "_pg"), "CREATE SCHEMA " + quote(arch.name() + "_pg"));
    events = QueryEvents.start(server);
  }

  @AfterAll
  static void stop() throws Exception {
    if (events != null) {
      events.close();
    }
  }

  /** A source statement, or rows inserted on both sides ({@code rows}). */
  private record Step(String sql, boolean rows, boolean expectFailure) {}

  private static Step ddl(String sql) {
    return new Step(sql, false, false);
  }

  private static Step failing(String sql) {
    return new Step(sql, false, true);
  }

  /** {@code INSERT INTO table (columns) VALUES ...} with literals both servers read alike. */
  private static Step rows(String table, String columns, String values) {
    return new Step(table + "|" + columns + "|" + values, true, false);
  }

  private static List<Step> steps() {
    String a = arch.name();
    String o = other.name();
    return List.of(
        ddl("CREATE TABLE customers (id int unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL,"
            + " name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new', PRIMARY KEY (id),"
            + " UNIQUE KEY uq_email (email), KEY idx_name (name(10))) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
        ddl("CREATE TABLE orders (id bigint NOT NULL, customer_id int unsigned NOT NULL,"
            + " total decimal(10,2) NOT NULL DEFAULT 0.00, note text, PRIMARY KEY (id), KEY customer_id (customer_id, total))"),
        ddl("CREATE TABLE logs (msg varchar(200), at timestamp NULL)"),
        rows("customers", "email, name, status", "('ann@example.com', 'Ann', 'new'), ('bob@example.com', 'Bob', 'active')"),
        rows("orders", "id, customer_id, total, note", "(1, 1, 9.99, 'first'), (2, 2, 19.50, NULL)"),
        rows("logs", "msg", "('hello'), ('world')"),
        ddl("ALTER TABLE customers ADD COLUMN phone varchar(20) NOT NULL AFTER email"),
        ddl("ALTER TABLE customers ADD COLUMN IF NOT EXISTS phone varchar(20)"),
        ddl("ALTER TABLE customers ADD COLUMN visits int unsigned NOT NULL DEFAULT 3, ADD COLUMN `rank` smallint FIRST,"
            + " ALGORITHM=COPY, LOCK=SHARED"),
        ddl("ALTER TABLE customers MODIFY name varchar(80) NOT NULL"),
        ddl("/* rename */ ALTER TABLE `customers` CHANGE `name` `full name` varchar(80) NOT NULL DEFAULT '' -- tail"),
        ddl("ALTER TABLE customers MODIFY status enum('new','active','closed') NOT NULL DEFAULT 'new'"),
        ddl("ALTER TABLE customers ALTER status SET DEFAULT 'active'"),
        ddl("ALTER TABLE customers ALTER COLUMN status DROP DEFAULT"),
        ddl("ALTER TABLE customers ADD INDEX idx_status (status), ADD UNIQUE (email, phone), ADD KEY (visits)"),
        ddl("CREATE INDEX idx_visits ON customers (visits) USING BTREE ALGORITHM=INPLACE LOCK=NONE"),
        ddl("CREATE UNIQUE INDEX i2 ON customers (`full name`(5) DESC, id)"),
        ddl("DROP INDEX idx_visits ON customers"),
        ddl("ALTER TABLE customers RENAME INDEX idx_status TO idx_state"),
        ddl("ALTER TABLE customers DROP COLUMN `rank`"),
        ddl("ALTER TABLE orders DROP COLUMN total"),
        ddl("ALTER TABLE orders ADD COLUMN total decimal(12,3) NOT NULL DEFAULT 1.5, ADD COLUMN tags set('a','b') DEFAULT 'a',"
            + " ADD COLUMN flags bit(4) NOT NULL DEFAULT b'101',"
            + " ADD COLUMN shipped date NOT NULL, ADD COLUMN code binary(4) NOT NULL"),
        ddl("ALTER TABLE orders MODIFY note varbinary(200)"),
        ddl("ALTER TABLE orders MODIFY tags set('a','b','c') NOT NULL DEFAULT ''"),
        ddl("ALTER TABLE orders MODIFY COLUMN flags bit(8) NOT NULL DEFAULT 7 FIRST"),
        ddl("ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)"),
        ddl("ALTER TABLE logs ADD COLUMN id int NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST"),
        ddl("ALTER TABLE logs CONVERT TO CHARACTER SET latin1"),
        ddl("ALTER TABLE logs DEFAULT CHARSET=utf8mb4, ADD COLUMN level tinyint NOT NULL DEFAULT 3, ADD source varchar(20)"),
        ddl("ALTER TABLE logs ENGINE=InnoDB"),
        ddl("CREATE TABLE customers_copy LIKE customers"),
        ddl("CREATE TABLE types (a serial, b bool DEFAULT true, c bit(3) DEFAULT b'101', d binary(3) DEFAULT 'a',"
            + " e varbinary(4) DEFAULT x'00ff', f year DEFAULT 2024, g time(3) DEFAULT '10:00:00.5', h float, i double,"
            + " j tinyint(1) NOT NULL DEFAULT '1', k set('x','y','z') DEFAULT 'x,z', l enum('p','q') DEFAULT 'q', m json,"
            + " n mediumblob, o timestamp(6) NULL DEFAULT CURRENT_TIMESTAMP(6), p varchar(10) DEFAULT 'back\\\\slash',"
            + " q char(2) CHARACTER SET binary, r text(300), s int(10) unsigned zerofill, t decimal(30,10) DEFAULT -1.5,"
            + " u longtext CHARACTER SET latin1, v tinyblob, w mediumint, x bigint unsigned, y geometry)"),
        ddl("CREATE TABLE keyed (a int NOT NULL, b int UNIQUE, c varchar(20), d text, KEY (a), KEY (a, c),"
            + " CONSTRAINT uc UNIQUE (c), CONSTRAINT pk PRIMARY KEY (a), FULLTEXT KEY ft_d (d), CHECK (a > 0))"),
        ddl("CREATE TABLE t3 AS SELECT * FROM customers"),
        ddl("CREATE OR REPLACE TABLE t3 (a int, b varchar(3) DEFAULT 'x')"),
        ddl("RENAME TABLE customers_copy TO cc, t3 TO t4"),
        ddl("RENAME TABLE cc TO tmp, t4 TO cc, tmp TO t4"),
        ddl("ALTER TABLE t4 RENAME TO `" + a + "`.t4"),
        ddl("CREATE TABLE `" + a + "`.`we``ird` (`x``y` int NOT NULL PRIMARY KEY, `key` int, KEY `i``dx` (`key`))"),
        ddl("TRUNCATE orders"),
        ddl("DROP TABLE IF EXISTS nosuch, cc"),
        ddl("CREATE TEMPORARY TABLE tt (a int)"),
        ddl("DROP TEMPORARY TABLE tt"),
        ddl("CREATE VIEW v AS SELECT 1 AS one"),
        ddl("DROP VIEW v"),
        ddl("OPTIMIZE TABLE logs"),
        ddl("CREATE TABLE `" + o + "`.x (a int)"),
        ddl("CREATE TABLE parted (id int NOT NULL, PRIMARY KEY (id)) PARTITION BY RANGE (id)"
            + " (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20))"),
        ddl("ALTER TABLE parted ADD PARTITION (PARTITION p2 VALUES LESS THAN (30))"),
        failing("ALTER TABLE parted TRUNCATE PARTITION p0"),
        ddl("SET STATEMENT max_statement_time=100 FOR ALTER TABLE logs ADD COLUMN s int"));
  }

  @Test
  void everyStatementLeavesPostgresqlAndTheModelLikeTheSource() throws Exception {
    Map<String, String> schemas = Map.of(main.name(), main.name() + "_pg", arch.name(), arch.name() + "_pg");
    Function<String, Optional<String>> mapping = s -> Optional.ofNullable(schemas.get(s));
    PgTypeMap types = PgTypeMap.exact();
    DdlTranslator translator = new DdlTranslator(DdlParser.Flavor.MARIADB);
    SchemaModel model = new SchemaModel();
    Set<TableRef> excluded = new HashSet<>();
    try (Connection mysql = main.openConnection(); Connection pg = target.openConnection();
        Statement my = mysql.createStatement()) {
      try (ResultSet rs = my.executeQuery("SELECT @@character_set_server")) {
        rs.next();
        model.serverCharset(rs.getString(1));
      }
      for (Step step : steps()) {
        if (step.rows()) {
          String[] parts = step.sql().split("\\|", 3);
          my.execute("INSERT INTO `" + parts[0] + "` (" + parts[1] + ") VALUES " + parts[2]);
          try (Statement s = pg.createStatement()) {
            String columns = List.of(parts[1].split(",")).stream().map(String::strip).map(c -> quote(c))
                .collect(Collectors.joining(", "));
            s.execute("INSERT INTO " + qualified(main.name() + "_pg", parts[0]) + " (" + columns + ") VALUES " + parts[2]);
          }
          continue;
        }
        Position before = position(my);
        my.execute(step.sql());
        Position after = position(my);
        List<QueryEventData> queries = events.between(before, after);
        for (QueryEventData query : queries) {
          if (query.getSql().equals("BEGIN") || query.getSql().equals("COMMIT")) {
            continue;
          }
          TEXTS.add(query.getDatabase() + ": " + query.getSql());
          DdlOutcome outcome = translator.translate(query.getSql(), query.getDatabase(), model, mapping, types);
          String what = step.sql() + "\n  binlog: " + query.getSql() + "\n  outcome: " + outcome;
          if (step.expectFailure()) {
            assertThat(outcome.kind()).as(what).isEqualTo(DdlOutcome.Kind.FAIL);
            excluded.addAll(outcome.tables());
            continue;
          }
          assertThat(outcome.kind()).as(what).isNotEqualTo(DdlOutcome.Kind.FAIL);
          pg.setAutoCommit(false);
          try (Statement s = pg.createStatement()) {
            for (String sql : outcome.statements()) {
              try {
                s.execute(sql);
              } catch (SQLException e) {
                throw new AssertionError(what + "\n  failed on PostgreSQL: " + sql + ": " + e.getMessage(), e);
              }
            }
            pg.commit();
          } finally {
            pg.setAutoCommit(true);
          }
          model.apply(outcome);
        }
        for (SourceDatabase database : List.of(main, arch)) {
          compare(step.sql(), mysql, pg, model, database.name(), schemas.get(database.name()), types, excluded);
        }
      }
      assertThat(rows(mysql, "SELECT id, email, phone, `full name`, status, visits FROM customers ORDER BY id"))
          .isEqualTo(rows(pg, "SELECT id, email, phone, \"full name\", status, visits FROM "
              + qualified(main.name() + "_pg", "customers") + " ORDER BY id"));
    }
    assertThat(TEXTS).anyMatch(t -> t.contains("CREATE TABLE `t3` (\n  `id` int(10) unsigned NOT NULL DEFAULT 0,"))
        .anyMatch(t -> t.endsWith("DROP TABLE IF EXISTS `nosuch`,`cc` /* generated by server */"))
        .noneMatch(t -> t.contains("TEMPORARY"));
  }

  // -------------------------------------------------------------------------------- comparing

  private static void compare(String step, Connection mysql, Connection pg, SchemaModel model, String schema,
      String pgSchema, PgTypeMap types, Set<TableRef> excluded) throws SQLException {
    Set<String> source = new TreeSet<>(strings(mysql, "SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", schema));
    source.removeIf(t -> excluded.contains(new TableRef(schema, t)));
    Set<String> modelled = model.tables().stream().filter(t -> t.schema().equals(schema))
        .filter(t -> !excluded.contains(t.ref())).map(SourceTable::table).collect(Collectors.toCollection(TreeSet::new));
    Set<String> replica = new TreeSet<>(strings(pg, "SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = ?", pgSchema));
    replica.removeIf(t -> excluded.contains(new TableRef(schema, t)));
    assertThat(modelled).as("model tables after: " + step).isEqualTo(source);
    assertThat(replica).as("PostgreSQL tables after: " + step).isEqualTo(source);
    for (String table : source) {
      String where = schema + "." + table + " after: " + step;
      SourceTable modelTable = model.table(schema, table).orElseThrow();
      TableInfo expected = InformationSchemaTables.read(mysql, schema, table).orElseThrow();
      assertThat(modelTable.toTableInfo()).as("the reader's view of " + where).isEqualTo(expected);
      assertThat(keys(modelTable)).as("keys of " + where).isEqualTo(mysqlKeys(mysql, schema, table));
      comparePg(where, pg, pgSchema, modelTable, types);
    }
  }

  private static void comparePg(String where, Connection pg, String pgSchema, SourceTable table, PgTypeMap types)
      throws SQLException {
    Map<String, String> columns = new TreeMap<>();
    try (PreparedStatement q = pg.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull"
        + " FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped")) {
      q.setString(1, qualified(pgSchema, table.table()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? " NOT NULL" : ""));
        }
      }
    }
    Map<String, String> expected = new TreeMap<>();
    for (SourceColumn column : table.columns()) {
      ColumnInfo info = column.info();
      String type = PgTypeSpelling.of(types.pgType(info));
      boolean zeroDate = info.type() == MySqlType.DATE || info.type() == MySqlType.DATETIME
          || info.type() == MySqlType.TIMESTAMP;
      String actual = columns.get(info.name());
      boolean notNull = !info.nullable() && !(zeroDate && actual != null && !actual.endsWith(" NOT NULL"));
      expected.put(info.name(), type + (notNull ? " NOT NULL" : ""));
    }
    assertThat(columns).as("PostgreSQL columns of " + where).isEqualTo(expected);

    Map<String, String> indexes = new TreeMap<>();
    try (PreparedStatement q = pg.prepareStatement("SELECT c.relname, i.indisunique, i.indisprimary"
        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass(?)")) {
      q.setString(1, qualified(pgSchema, table.table()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          indexes.put(rs.getString(1), rs.getBoolean(3) ? "PRIMARY" : rs.getBoolean(2) ? "UNIQUE" : "INDEX");
        }
      }
    }
    Map<String, String> expectedIndexes = new TreeMap<>();
    table.indexes().forEach(i -> i.pgName().ifPresent(n -> expectedIndexes.put(n, i.kind().toString())));
    assertThat(indexes).as("PostgreSQL indexes of " + where).isEqualTo(expectedIndexes);
  }

  private static Map<String, String> keys(SourceTable table) {
    Map<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    table.indexes().forEach(i -> keys.put(i.name(), (i.kind() == SourceIndex.Kind.INDEX ? "INDEX" : i.kind().toString())
        + i.parts().stream().map(SourceIndex.Part::toString).collect(Collectors.joining(",", "(", ")"))));
    return keys;
  }

  private static Map<String, String> mysqlKeys(Connection mysql, String schema, String table) throws SQLException {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    try (PreparedStatement q = mysql.prepareStatement("SELECT INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART"
        + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
      q.setString(1, schema);
      q.setString(2, table);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String kind = name.equals("PRIMARY") ? "PRIMARY" : rs.getString(3).equals("FULLTEXT") ? "FULLTEXT"
              : rs.getString(3).equals("SPATIAL") ? "SPATIAL" : rs.getInt(2) == 0 ? "UNIQUE" : "INDEX";
          kinds.put(name, kind);
          String column = rs.getString(4);
          long sub = rs.getLong(5);
          String part = rs.wasNull() ? column : column + "(" + sub + ")";
          parts.computeIfAbsent(name, n -> new ArrayList<>()).add(part);
        }
      }
    }
    Map<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    kinds.forEach((name, kind) -> keys.put(name, kind + "(" + String.join(",", parts.get(name)) + ")"));
    return keys;
  }

  private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, parameter);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------- binlog

  private record Position(String file, long offset) {}

  private static Position position(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
      rs.next();
      return new Position(rs.getString(1), rs.getLong(2));
    }
  }

  /** The QUERY events of the binlog, with where each ends. */
  private static final class QueryEvents implements AutoCloseable {
    private record Seen(String file, long end, QueryEventData query) {}

    private final BinaryLogClient client;
    private final List<Seen> seen = new ArrayList<>();
    private final List<QueryEventData> pending = new ArrayList<>();
    private long lastEnd;
    private String lastFile;
    private Exception failure;

    private QueryEvents(BinaryLogClient client) {
      this.client = client;
    }

    static QueryEvents start(SourceServer server) throws Exception {
      Position start;
      try (Connection c = server.openConnection(); Statement s = c.createStatement()) {
        start = position(s);
      }
      BinaryLogClient client = new BinaryLogClient(server.host(), server.port(), server.user(), server.password());
      long serverId;
      do {
        serverId = ThreadLocalRandom.current().nextLong(100_000, 1L << 30);
      } while (serverId == server.serverId());
      client.setServerId(serverId);
      client.setBinlogFilename(start.file());
      client.setBinlogPosition(start.offset());
      client.setKeepAlive(false);
      client.setEventDeserializer(EventDeserializers.create());
      QueryEvents events = new QueryEvents(client);
      client.registerEventListener(events::onEvent);
      client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
        @Override
        public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
          events.fail(ex);
        }

        @Override
        public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
          events.fail(ex);
        }
      });
      client.connect(30_000);
      return events;
    }

    private synchronized void fail(Exception e) {
      failure = e;
      notifyAll();
    }

    private synchronized void onEvent(Event event) {
      if (!(event.getHeader() instanceof EventHeaderV4 header)) {
        return;
      }
      // MariaDB writes 0 as the end of the events inside some groups (CREATE TABLE ... SELECT):
      // they end with the group, at the next event that carries a position
      if (event.getData() instanceof QueryEventData query) {
        pending.add(query);
      }
      if (header.getNextPosition() == 0) {
        return;
      }
      lastFile = client.getBinlogFilename();
      lastEnd = header.getNextPosition();
      for (QueryEventData query : pending) {
        seen.add(new Seen(lastFile, lastEnd, query));
      }
      pending.clear();
      notifyAll();
    }

    /** The QUERY events after {@code from} up to {@code to}, waiting for the client to reach {@code to}. */
    synchronized List<QueryEventData> between(Position from, Position to) throws Exception {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!to.equals(from) && !(to.file().equals(lastFile) && lastEnd >= to.offset())) {
        if (failure != null) {
          throw new IllegalStateException("the binlog client failed", failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("the binlog client did not reach " + to + "; it is at " + lastFile + ":" + lastEnd);
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return seen.stream()
          .filter(s -> s.file().equals(to.file()) && s.end() <= to.offset()
              && (!s.file().equals(from.file()) || s.end() > from.offset()))
          .map(Seen::query)
          .toList();
    }

    @Override
    public void close() throws Exception {
      client.disconnect();
    }
  }
}
