package io.chameleon.internal.ddl;

import static io.chameleon.internal.ddl.DdlTestSupport.MAPPING;
import static io.chameleon.internal.ddl.DdlTestSupport.MARIADB;
import static io.chameleon.internal.ddl.DdlTestSupport.describe;
import static io.chameleon.internal.ddl.DdlTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.internal.snapshot.PgTypeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DDL table: each statement is translated against a fresh copy of the fixture
 * ({@link DdlTestSupport#FIXTURE}: shop.customers, shop.orders, shop.logs, arch.old_orders;
 * shop and arch replicated, other not), and the case checks the outcome kind, the exact
 * PostgreSQL statements (or the exact reason), the affected tables, the notes, and the model
 * afterwards: the tables the case names as described, every other table unchanged. Statements
 * marked "binlog:" are the texts MariaDB 11.4 wrote to its binlog (SHOW BINLOG EVENTS) for the
 * statements {@code DdlBinlogIT} runs.
 */
class DdlTranslatorTest {

  /** One statement and everything expected of its translation. */
  static final class Case {
    final String name;
    final String database;
    final String sql;
    DdlOutcome.Kind kind;
    List<String> statements = List.of();
    String reason;
    List<String> tables = List.of();
    final Map<String, Optional<String>> model = new LinkedHashMap<>();
    List<String> notes = List.of();

    Case(String name, String database, String sql) {
      this.name = name;
      this.database = database;
      this.sql = sql;
    }

    Case apply(String... expected) {
      kind = DdlOutcome.Kind.APPLY;
      statements = List.of(expected);
      return this;
    }

    Case skip(String expected) {
      kind = DdlOutcome.Kind.SKIP;
      reason = expected;
      return this;
    }

    Case fail(String expected) {
      kind = DdlOutcome.Kind.FAIL;
      reason = expected;
      return this;
    }

    Case tables(String... expected) {
      tables = List.of(expected);
      return this;
    }

    /** The table afterwards, as {@link DdlTestSupport#describe(SourceTable)} prints it; null: gone. */
    Case model(String table, String expected) {
      model.put(table, Optional.ofNullable(expected));
      return this;
    }

    Case notes(String... expected) {
      notes = List.of(expected);
      return this;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, String database, String sql) {
    return new Case(name, database, sql);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void translates(Case c) {
    SchemaModel model = fixture();
    Map<String, String> before = snapshot(model);

    DdlOutcome outcome = MARIADB.translate(c.sql, c.database, model, MAPPING, PgTypeMap.exact());

    assertThat(snapshot(model)).as("translate leaves the model alone").isEqualTo(before);
    assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(c.kind);
    if (c.kind == DdlOutcome.Kind.APPLY) {
      assertThat(outcome.statements()).containsExactlyElementsOf(c.statements);
      assertThat(outcome.reason()).isEmpty();
    } else {
      assertThat(outcome.reason()).hasValue(c.reason);
    }
    assertThat(outcome.tables()).extracting(TableRef::toString).containsExactlyElementsOf(c.tables);
    assertThat(outcome.notes()).containsExactlyElementsOf(c.notes);

    model.apply(outcome);
    Map<String, String> after = snapshot(model);
    Map<String, String> expected = new TreeMap<>(before);
    c.model.forEach((table, description) -> {
      if (description.isPresent()) {
        expected.put(table, description.get());
      } else {
        expected.remove(table);
      }
    });
    assertThat(after).isEqualTo(expected);
    if (c.kind != DdlOutcome.Kind.APPLY) {
      assertThat(c.model).as("a SKIP or FAIL changes no table").isEmpty();
    }
  }

  @Test
  void createdTablesCarryTheKeyReplayRegisters() {
    SchemaModel model = fixture();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String sql : List.of(
        "CREATE TABLE k1 (a int, b int NOT NULL, PRIMARY KEY (b, a))",
        "CREATE TABLE k2 (a int, b int NOT NULL, c int NOT NULL, UNIQUE KEY ua (a), UNIQUE KEY ubc (b, c))",
        "CREATE TABLE k3 (a int, b varchar(10) NOT NULL, UNIQUE KEY ua (a), UNIQUE KEY ub (b(5)))",
        "CREATE TABLE k4 LIKE k2")) {
      DdlOutcome outcome = MARIADB.translate(sql, "shop", model, MAPPING, PgTypeMap.exact());
      assertThat(outcome.createdTables()).hasSize(1);
      outcome.createdTables().forEach(t -> keys.put(t.table(), t.replicaKey()));
      model.apply(outcome);
    }
    assertThat(keys).containsExactly(
        Map.entry("k1", List.of("b", "a")),
        Map.entry("k2", List.of("b", "c")), // the first unique key whose columns are all NOT NULL
        Map.entry("k3", List.of()), // a nullable or prefix unique key cannot identify a row
        Map.entry("k4", List.of("b", "c")));
    assertThat(model.table("shop", "k1").orElseThrow().toTableInfo().primaryKey()).containsExactly("b", "a");
  }

  @Test
  void typeOverridesShapeColumnsDefaultsAndConversions() {
    PgTypeMap types = PgTypeMap.withOverrides(Map.of("tinyint(1)", "boolean", "time", "interval",
        "bigint unsigned", "bigint"));
    SchemaModel model = fixture();
    DdlOutcome create = MARIADB.translate("CREATE TABLE flags (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
        + " active tinyint(1) NOT NULL DEFAULT 1, took time DEFAULT '838:59:59')", "shop", model, MAPPING, types);
    assertThat(create.statements()).containsExactly("CREATE TABLE \"shop_pg\".\"flags\" (\"id\" bigint GENERATED BY DEFAULT"
        + " AS IDENTITY NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"took\" interval DEFAULT '838:59:59',"
        + " CONSTRAINT \"flags_pkey\" PRIMARY KEY (\"id\"))");
    model.apply(create);
    DdlOutcome modify = MARIADB.translate("ALTER TABLE flags MODIFY active int NOT NULL", "shop", model, MAPPING, types);
    assertThat(modify.statements()).containsExactly(
        "ALTER TABLE \"shop_pg\".\"flags\" ALTER COLUMN \"active\" DROP DEFAULT",
        "ALTER TABLE \"shop_pg\".\"flags\" ALTER COLUMN \"active\" TYPE integer USING \"active\"::integer::integer");
  }

  @Test
  void mysqlJsonIsItsOwnType() {
    DdlTranslator mysql = new DdlTranslator(DdlParser.Flavor.MYSQL);
    SchemaModel model = new SchemaModel();
    DdlOutcome outcome = mysql.translate("CREATE TABLE docs (id int PRIMARY KEY, body json NOT NULL)", "shop", model,
        MAPPING, PgTypeMap.exact());
    assertThat(outcome.statements()).containsExactly("CREATE TABLE \"shop_pg\".\"docs\" (\"id\" integer NOT NULL,"
        + " \"body\" jsonb NOT NULL, CONSTRAINT \"docs_pkey\" PRIMARY KEY (\"id\"))");
    model.apply(outcome);
    assertThat(describe(model.table("shop", "docs").orElseThrow()))
        .isEqualTo("id int NOT NULL, body json json NOT NULL; PRIMARY PRIMARY(id)=docs_pkey");
  }

  private static Map<String, String> snapshot(SchemaModel model) {
    Map<String, String> tables = new TreeMap<>();
    model.tables().forEach(t -> tables.put(t.ref().toString(), describe(t)));
    return tables;
  }

  static Stream<Case> cases() {
    return Stream.of(
        c("create table with keys, defaults and options", "shop",
            "CREATE TABLE `people` (`id` int(10) unsigned NOT NULL AUTO_INCREMENT, `email` varchar(100) NOT NULL, `name` varchar(50) DEFAULT 'O''Brien', `score` decimal(5,2) NOT NULL DEFAULT -1.50 COMMENT 'points', `born` date DEFAULT NULL, `seen` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), PRIMARY KEY (`id`), UNIQUE KEY `uq_email` (`email`), KEY `idx_name` (`name`(10)) USING BTREE) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci")
            .apply(
                "CREATE TABLE \"shop_pg\".\"people\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, \"email\" varchar(100) NOT NULL, \"name\" varchar(50) DEFAULT 'O''Brien', \"score\" numeric(5,2) NOT NULL DEFAULT -1.50, \"born\" date, \"seen\" timestamp(3) DEFAULT LOCALTIMESTAMP(3), CONSTRAINT \"people_pkey\" PRIMARY KEY (\"id\"))",
                "CREATE UNIQUE INDEX \"people_uq_email\" ON \"shop_pg\".\"people\" (\"email\")",
                "CREATE INDEX \"people_idx_name\" ON \"shop_pg\".\"people\" (left(\"name\", 10))")
            .tables("shop.people")
            .model("shop.people", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50) DEFAULT 'O'Brien', score decimal(5,2) NOT NULL DEFAULT -1.50, born date, seen datetime(3) DEFAULT CURRENT_TIMESTAMP(3); PRIMARY PRIMARY(id)=people_pkey, uq_email UNIQUE(email)=people_uq_email, idx_name INDEX(name(10))=people_idx_name; charset utf8mb4")
            .notes(
                "ignored: ENGINE = InnoDB AUTO_INCREMENT = 7",
                "ignored: COMMENT 'points'",
                "ignored: ON UPDATE CURRENT_TIMESTAMP ( 3 )",
                "ignored: USING BTREE"),
        c("create table if not exists, new", "shop",
            "CREATE TABLE IF NOT EXISTS tags (tag varchar(30) NOT NULL PRIMARY KEY)")
            .apply(
                "CREATE TABLE \"shop_pg\".\"tags\" (\"tag\" varchar(30) NOT NULL, CONSTRAINT \"tags_pkey\" PRIMARY KEY (\"tag\"))")
            .tables("shop.tags")
            .model("shop.tags", "tag varchar(30) NOT NULL; PRIMARY PRIMARY(tag)=tags_pkey"),
        c("create table if not exists, known", "shop",
            "CREATE TABLE IF NOT EXISTS customers (id int)")
            .skip("table shop.customers exists already (CREATE TABLE IF NOT EXISTS)")
            .tables("shop.customers"),
        c("create table over a known table", "shop",
            "CREATE TABLE customers (id int)")
            .fail("table shop.customers exists already in the schema model: the model is stale")
            .tables("shop.customers"),
        c("create table like", "shop",
            "CREATE TABLE customers_copy LIKE customers")
            .apply(
                "CREATE TABLE \"shop_pg\".\"customers_copy\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, \"email\" varchar(100) NOT NULL, \"name\" varchar(50), \"status\" text NOT NULL DEFAULT 'new', CONSTRAINT \"customers_copy_pkey\" PRIMARY KEY (\"id\"))",
                "CREATE UNIQUE INDEX \"customers_copy_uq_email\" ON \"shop_pg\".\"customers_copy\" (\"email\")",
                "CREATE INDEX \"customers_copy_idx_name\" ON \"shop_pg\".\"customers_copy\" (left(\"name\", 10))")
            .tables("shop.customers_copy")
            .model("shop.customers_copy", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_copy_pkey, uq_email UNIQUE(email)=customers_copy_uq_email, idx_name INDEX(name(10))=customers_copy_idx_name"),
        c("create table (like) parenthesised", "shop",
            "CREATE TABLE `customers_copy` (LIKE `customers`)")
            .apply(
                "CREATE TABLE \"shop_pg\".\"customers_copy\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, \"email\" varchar(100) NOT NULL, \"name\" varchar(50), \"status\" text NOT NULL DEFAULT 'new', CONSTRAINT \"customers_copy_pkey\" PRIMARY KEY (\"id\"))",
                "CREATE UNIQUE INDEX \"customers_copy_uq_email\" ON \"shop_pg\".\"customers_copy\" (\"email\")",
                "CREATE INDEX \"customers_copy_idx_name\" ON \"shop_pg\".\"customers_copy\" (left(\"name\", 10))")
            .tables("shop.customers_copy")
            .model("shop.customers_copy", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_copy_pkey, uq_email UNIQUE(email)=customers_copy_uq_email, idx_name INDEX(name(10))=customers_copy_idx_name"),
        c("create table like unknown table", "shop",
            "CREATE TABLE x LIKE nosuch")
            .fail("CREATE TABLE shop.x LIKE shop.nosuch: the schema model does not know shop.nosuch")
            .tables("shop.x"),
        c("create or replace table (MariaDB)", "shop",
            "CREATE OR REPLACE TABLE logs (msg text NOT NULL) ENGINE=InnoDB")
            .apply(
                "DROP TABLE IF EXISTS \"shop_pg\".\"logs\"",
                "CREATE TABLE \"shop_pg\".\"logs\" (\"msg\" text NOT NULL)")
            .tables("shop.logs")
            .model("shop.logs", "msg text NOT NULL; ")
            .notes(
                "ignored: ENGINE = InnoDB"),
        c("binlog: CREATE TABLE ... SELECT as MariaDB 11.4 writes it", "shop",
            "CREATE TABLE `t3` (\n  `id` int(11) NOT NULL DEFAULT 0,\n  `name` varchar(20) DEFAULT 'a''b',\n  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),\n  `e` enum('x','y') DEFAULT NULL\n)")
            .apply(
                "CREATE TABLE \"shop_pg\".\"t3\" (\"id\" integer NOT NULL DEFAULT 0, \"name\" varchar(20) DEFAULT 'a''b', \"j\" jsonb, \"e\" text)")
            .tables("shop.t3")
            .model("shop.t3", "id int(11) NOT NULL DEFAULT 0, name varchar(20) DEFAULT 'a'b', j json json, e enum('x','y'); ")
            .notes(
                "ignored: CHECK ( json_valid ( `j` ) )"),
        c("create table with a latin1 default charset", "shop",
            "CREATE TABLE legacy (code char(3) NOT NULL, label varchar(40) CHARACTER SET utf8mb4, note text) ENGINE=MyISAM DEFAULT CHARSET=latin1")
            .apply(
                "CREATE TABLE \"shop_pg\".\"legacy\" (\"code\" char(3) NOT NULL, \"label\" varchar(40), \"note\" text)")
            .tables("shop.legacy")
            .model("shop.legacy", "code char(3) latin1 NOT NULL, label varchar(40), note text latin1; ; charset latin1")
            .notes(
                "ignored: ENGINE = MyISAM"),
        c("create table: unnamed, inline and constraint keys; fulltext", "shop",
            "CREATE TABLE keyed (a int NOT NULL, b int UNIQUE, c varchar(20), d text, KEY (a), KEY (a, c), CONSTRAINT uc UNIQUE (c), CONSTRAINT pk PRIMARY KEY (a), FULLTEXT KEY ft_d (d), CONSTRAINT fk FOREIGN KEY (b) REFERENCES customers (id) ON DELETE CASCADE, CHECK (a > 0))")
            .apply(
                "CREATE TABLE \"shop_pg\".\"keyed\" (\"a\" integer NOT NULL, \"b\" integer, \"c\" varchar(20), \"d\" text, CONSTRAINT \"keyed_pkey\" PRIMARY KEY (\"a\"))",
                "CREATE UNIQUE INDEX \"keyed_b\" ON \"shop_pg\".\"keyed\" (\"b\")",
                "CREATE INDEX \"keyed_a\" ON \"shop_pg\".\"keyed\" (\"a\")",
                "CREATE INDEX \"keyed_a_2\" ON \"shop_pg\".\"keyed\" (\"a\", \"c\")",
                "CREATE UNIQUE INDEX \"keyed_uc\" ON \"shop_pg\".\"keyed\" (\"c\")")
            .tables("shop.keyed")
            .model("shop.keyed", "a int(11) NOT NULL, b int(11), c varchar(20), d text; PRIMARY PRIMARY(a)=keyed_pkey, b UNIQUE(b)=keyed_b, a INDEX(a)=keyed_a, a_2 INDEX(a,c)=keyed_a_2, uc UNIQUE(c)=keyed_uc, ft_d FULLTEXT(d)=-")
            .notes(
                "FULLTEXT index ft_d has no PostgreSQL counterpart: kept in the model only",
                "ignored: CONSTRAINT fk FOREIGN KEY ( b ) REFERENCES customers ( id ) ON DELETE CASCADE",
                "ignored: CHECK ( a > 0 )"),
        c("create table: every type family and literal kind", "shop",
            "CREATE TABLE types (a serial, b bool DEFAULT true, c bit(3) DEFAULT b'101', d bit(8) DEFAULT 5, e binary(3) DEFAULT 'a', f varbinary(4) DEFAULT x'00ff', g year DEFAULT 2024, h time(3) DEFAULT '10:00:00.5', i float(30), j double(10,2) DEFAULT 1e3, k tinyint(1) NOT NULL DEFAULT '1', l set('x','y','z') DEFAULT 'x,z', m enum('p','q') DEFAULT 2, n json, o mediumblob, p geometry, q timestamp(6) NULL DEFAULT CURRENT_TIMESTAMP(6), r varchar(10) DEFAULT 'back\\\\slash', s char(2) CHARACTER SET binary, t text(300), u int(10) unsigned zerofill, v nvarchar(5), w long varchar)")
            .apply(
                "CREATE TABLE \"shop_pg\".\"types\" (\"a\" numeric(20) NOT NULL, \"b\" smallint DEFAULT 1, \"c\" bit(3) DEFAULT B'101', \"d\" bit(8) DEFAULT B'00000101', \"e\" bytea DEFAULT '\\x610000'::bytea, \"f\" bytea DEFAULT '\\x00ff'::bytea, \"g\" smallint DEFAULT 2024, \"h\" time(3) DEFAULT '10:00:00.5', \"i\" double precision, \"j\" double precision DEFAULT 1e3, \"k\" smallint NOT NULL DEFAULT 1, \"l\" text[] DEFAULT ARRAY['x','z']::text[], \"m\" text DEFAULT 'q', \"n\" jsonb, \"o\" bytea, \"p\" bytea, \"q\" timestamptz(6) DEFAULT CURRENT_TIMESTAMP(6), \"r\" varchar(10) DEFAULT E'back\\\\slash', \"s\" bytea, \"t\" text, \"u\" bigint, \"v\" varchar(5), \"w\" text)",
                "CREATE UNIQUE INDEX \"types_a\" ON \"shop_pg\".\"types\" (\"a\")")
            .tables("shop.types")
            .model("shop.types", "a bigint(20) unsigned NOT NULL AUTO_INCREMENT, b tinyint(1) DEFAULT 1, c bit(3) DEFAULT b'101', d bit(8) DEFAULT 5, e binary(3) DEFAULT 'a', f varbinary(4) DEFAULT x'00ff', g year DEFAULT 2024, h time(3) DEFAULT '10:00:00.5', i double, j double DEFAULT 1e3, k tinyint(1) NOT NULL DEFAULT '1', l set('x','y','z') DEFAULT 'x,z', m enum('p','q') DEFAULT 2, n json json, o mediumblob, p geometry, q timestamp(6) DEFAULT CURRENT_TIMESTAMP(6), r varchar(10) DEFAULT 'back\\slash', s binary(2), t text, u int(10) unsigned, v varchar(5), w mediumtext; a UNIQUE(a)=types_a")
            .notes(
                "column types.a is AUTO_INCREMENT but numeric(20) cannot be an identity column: no sequence"),
        c("create table: the qualifier wins over the default database", "shop",
            "CREATE TABLE arch.archive_runs (id int NOT NULL PRIMARY KEY)")
            .apply(
                "CREATE TABLE \"arch_pg\".\"archive_runs\" (\"id\" integer NOT NULL, CONSTRAINT \"archive_runs_pkey\" PRIMARY KEY (\"id\"))")
            .tables("arch.archive_runs")
            .model("arch.archive_runs", "id int(11) NOT NULL; PRIMARY PRIMARY(id)=archive_runs_pkey"),
        c("create table in an unmapped schema", "shop",
            "CREATE TABLE other.things (id int)")
            .skip("schema other is not replicated")
            .tables("other.things"),
        c("create table: qualified into a mapped schema from an unmapped session", "other",
            "CREATE TABLE `shop`.`things` (`id` int)")
            .apply(
                "CREATE TABLE \"shop_pg\".\"things\" (\"id\" integer)")
            .tables("shop.things")
            .model("shop.things", "id int(11); "),
        c("create table: mysqldump's executable comments and partitions", "shop",
            "CREATE TABLE /*!32312 IF NOT EXISTS*/ `parted` (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d)) ENGINE=InnoDB /*!50100 PARTITION BY RANGE (year(d)) (PARTITION p0 VALUES LESS THAN (2020) ENGINE = InnoDB, PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */")
            .apply(
                "CREATE TABLE \"shop_pg\".\"parted\" (\"id\" integer NOT NULL, \"d\" date NOT NULL, CONSTRAINT \"parted_pkey\" PRIMARY KEY (\"id\", \"d\"))")
            .tables("shop.parted")
            .model("shop.parted", "id int(11) NOT NULL, d date NOT NULL; PRIMARY PRIMARY(id,d)=parted_pkey")
            .notes(
                "ignored: ENGINE = InnoDB",
                "ignored: PARTITION BY RANGE ( year ( d ) ) ( PARTITION p0 VALUES LESS THAN ( 2020 ) ENGINE = InnoDB , PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB )"),
        c("create table: names holding backquotes and keywords", "shop",
            "CREATE TABLE `we``ird` (`x``y` int NOT NULL, `key` int, `order` varchar(3), status int, name int, PRIMARY KEY (`x``y`), KEY `i``dx` (`key`, name))")
            .apply(
                "CREATE TABLE \"shop_pg\".\"we`ird\" (\"x`y\" integer NOT NULL, \"key\" integer, \"order\" varchar(3), \"status\" integer, \"name\" integer, CONSTRAINT \"we`ird_pkey\" PRIMARY KEY (\"x`y\"))",
                "CREATE INDEX \"we`ird_i`dx\" ON \"shop_pg\".\"we`ird\" (\"key\", \"name\")")
            .tables("shop.we`ird")
            .model("shop.we`ird", "x`y int(11) NOT NULL, key int(11), order varchar(3), status int(11), name int(11); PRIMARY PRIMARY(x`y)=we`ird_pkey, i`dx INDEX(key,name)=we`ird_i`dx"),
        c("create table: a long name gets a hashed index name", "shop",
            "CREATE TABLE a_table_name_that_is_quite_long_for_postgresql_identifiers (id int, KEY an_index_name_that_is_long_too (id))")
            .apply(
                "CREATE TABLE \"shop_pg\".\"a_table_name_that_is_quite_long_for_postgresql_identifiers\" (\"id\" integer)",
                "CREATE INDEX \"a_table_name_that_is_quite_long_for_postgresql_identif_7df94756\" ON \"shop_pg\".\"a_table_name_that_is_quite_long_for_postgresql_identifiers\" (\"id\")")
            .tables("shop.a_table_name_that_is_quite_long_for_postgresql_identifiers")
            .model("shop.a_table_name_that_is_quite_long_for_postgresql_identifiers", "id int(11); an_index_name_that_is_long_too INDEX(id)=a_table_name_that_is_quite_long_for_postgresql_identif_7df94756"),
        c("create table: an index name taken by another table", "shop",
            "CREATE TABLE customers_uq (email varchar(10), KEY email (email))")
            .apply(
                "CREATE TABLE \"shop_pg\".\"customers_uq\" (\"email\" varchar(10))",
                "CREATE INDEX \"customers_uq_email_a339477d\" ON \"shop_pg\".\"customers_uq\" (\"email\")")
            .tables("shop.customers_uq")
            .model("shop.customers_uq", "email varchar(10); email INDEX(email)=customers_uq_email_a339477d"),
        c("create temporary table", "shop",
            "CREATE TEMPORARY TABLE tmp (a int)")
            .skip("temporary tables are not replicated")
            .tables("shop.tmp"),
        c("create table ... select in statement form", "shop",
            "CREATE TABLE x AS SELECT * FROM customers")
            .fail("CREATE TABLE without a column list (CREATE TABLE ... SELECT) in a QUERY event: in ROW format the server writes the full definition instead")
            .tables("shop.x"),
        c("add column after", "shop",
            "ALTER TABLE customers ADD COLUMN phone varchar(20) AFTER email")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ADD COLUMN \"phone\" varchar(20)")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, phone varchar(20), name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("add column first", "shop",
            "ALTER TABLE `customers` ADD `rank` smallint FIRST")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ADD COLUMN \"rank\" smallint")
            .tables("shop.customers")
            .model("shop.customers", "rank smallint(6), id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("add column not null without default: MySQL's implicit default", "shop",
            "ALTER TABLE customers ADD COLUMN visits int unsigned NOT NULL")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ADD COLUMN \"visits\" bigint DEFAULT 0 NOT NULL",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"visits\" DROP DEFAULT")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new', visits int(10) unsigned NOT NULL; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("add column if not exists, present", "shop",
            "ALTER TABLE customers ADD COLUMN IF NOT EXISTS email varchar(100)")
            .skip("nothing to do: column email exists: ADD COLUMN IF NOT EXISTS does nothing")
            .tables("shop.customers")
            .notes(
                "column email exists: ADD COLUMN IF NOT EXISTS does nothing"),
        c("binlog: MariaDB IF NOT EXISTS with position, ALGORITHM and LOCK", "shop",
            "ALTER TABLE customers ADD COLUMN IF NOT EXISTS c int AFTER id, ALGORITHM=INPLACE, LOCK=NONE")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ADD COLUMN \"c\" integer")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, c int(11), email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name")
            .notes(
                "ignored: ALGORITHM = INPLACE",
                "ignored: LOCK = NONE"),
        c("add columns in parentheses", "shop",
            "ALTER TABLE logs ADD COLUMN (level tinyint NOT NULL DEFAULT 3, source varchar(20))")
            .apply(
                "ALTER TABLE \"shop_pg\".\"logs\" ADD COLUMN \"level\" smallint DEFAULT 3 NOT NULL",
                "ALTER TABLE \"shop_pg\".\"logs\" ADD COLUMN \"source\" varchar(20)")
            .tables("shop.logs")
            .model("shop.logs", "msg varchar(200), at timestamp, level tinyint(4) NOT NULL DEFAULT 3, source varchar(20); "),
        c("add column with an expression default", "shop",
            "ALTER TABLE orders ADD COLUMN total2 decimal(10,2) NOT NULL DEFAULT (total * 2)")
            .fail("ADD COLUMN total2: the expression default ( total * 2 ) has no PostgreSQL literal; the existing rows would differ from the source")
            .tables("shop.orders"),
        c("add column with a zero-date default", "shop",
            "ALTER TABLE orders ADD COLUMN shipped date NOT NULL DEFAULT '0000-00-00'")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ADD COLUMN \"shipped\" date")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text, shipped date NOT NULL DEFAULT '0000-00-00'; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id")
            .notes(
                "column shipped: zero-date default: nullable in PostgreSQL, existing rows NULL"),
        c("add column with current_timestamp", "shop",
            "ALTER TABLE orders ADD COLUMN created timestamp NOT NULL DEFAULT current_timestamp()")
            .fail("ADD COLUMN created DEFAULT CURRENT_TIMESTAMP: the existing rows take the time of the ALTER on the"
                + " source, which replay cannot know to the microsecond; re-sync the table")
            .tables("shop.orders"),
        c("add column unique", "shop",
            "ALTER TABLE orders ADD COLUMN ref char(8) UNIQUE")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ADD COLUMN \"ref\" char(8)",
                "CREATE UNIQUE INDEX \"orders_ref\" ON \"shop_pg\".\"orders\" (\"ref\")")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text, ref char(8); PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id, ref UNIQUE(ref)=orders_ref"),
        c("add auto_increment column with primary key", "shop",
            "ALTER TABLE logs ADD COLUMN id int NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST")
            .apply(
                "ALTER TABLE \"shop_pg\".\"logs\" ADD COLUMN \"id\" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL",
                "ALTER TABLE \"shop_pg\".\"logs\" ADD CONSTRAINT \"logs_pkey\" PRIMARY KEY (\"id\")")
            .tables("shop.logs")
            .model("shop.logs", "id int(11) NOT NULL AUTO_INCREMENT, msg varchar(200), at timestamp; PRIMARY PRIMARY(id)=logs_pkey")
            .notes(
                "AUTO_INCREMENT column id added: PostgreSQL numbers the existing rows in its own order"),
        c("drop column in an index", "shop",
            "ALTER TABLE customers DROP COLUMN name")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" DROP COLUMN \"name\"")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email"),
        c("drop column shortens a multi-column index", "shop",
            "ALTER TABLE orders DROP total")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" DROP COLUMN \"total\"",
                "CREATE INDEX \"orders_customer_id\" ON \"shop_pg\".\"orders\" (\"customer_id\")")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id)=orders_customer_id"),
        c("drop column if exists, absent", "shop",
            "ALTER TABLE customers DROP COLUMN IF EXISTS nosuch")
            .skip("nothing to do: column nosuch does not exist: DROP COLUMN IF EXISTS does nothing")
            .tables("shop.customers")
            .notes(
                "column nosuch does not exist: DROP COLUMN IF EXISTS does nothing"),
        c("drop column unknown", "shop",
            "ALTER TABLE customers DROP COLUMN nosuch")
            .fail("DROP COLUMN nosuch: the schema model does not know the column")
            .tables("shop.customers"),
        c("modify type and nullability", "shop",
            "ALTER TABLE customers MODIFY name varchar(80) NOT NULL")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"name\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"name\" TYPE varchar(80) USING \"name\"::varchar(80)",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"name\" SET NOT NULL")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(80) NOT NULL, status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("change: rename only", "shop",
            "ALTER TABLE customers CHANGE name full_name varchar(50)")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME COLUMN \"name\" TO \"full_name\"")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, full_name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(full_name(10))=customers_idx_name"),
        c("change with FIRST moves the column in the model only", "shop",
            "ALTER TABLE customers CHANGE COLUMN `name` `name` varchar(50) FIRST")
            .apply()
            .tables("shop.customers")
            .model("shop.customers", "name varchar(50), id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("modify enum labels: the text column stays", "shop",
            "ALTER TABLE customers MODIFY status enum('new','active','closed') NOT NULL DEFAULT 'new'")
            .apply()
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active','closed') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name")
            .notes(
                "column status: labels now [new, active, closed]; the PostgreSQL column (text) is unchanged"),
        c("binlog: MODIFY enum with a new default", "shop",
            "ALTER TABLE customers MODIFY status ENUM('new','active','z') NOT NULL DEFAULT 'z'")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"status\" SET DEFAULT 'z'")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active','z') NOT NULL DEFAULT 'z'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name")
            .notes(
                "column status: labels now [new, active, z]; the PostgreSQL column (text) is unchanged"),
        c("modify enum to set: text to text[]", "shop",
            "ALTER TABLE customers MODIFY COLUMN status set('new','active') NOT NULL")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"status\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"status\" TYPE text[] USING CASE WHEN \"status\" IS NULL THEN NULL WHEN \"status\"::text = '' THEN '{}'::text[] ELSE string_to_array(\"status\"::text, ',')::text[] END")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status set('new','active') NOT NULL; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("modify auto_increment column to bigint unsigned", "shop",
            "ALTER TABLE customers MODIFY id bigint unsigned NOT NULL AUTO_INCREMENT")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"id\" DROP IDENTITY IF EXISTS",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"id\" TYPE numeric(20) USING \"id\"::numeric(20)")
            .tables("shop.customers")
            .model("shop.customers", "id bigint(20) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name")
            .notes(
                "column customers.id is AUTO_INCREMENT but numeric(20) cannot be an identity column: no sequence"),
        c("modify decimal with default", "shop",
            "ALTER TABLE orders MODIFY total decimal(12,3) NOT NULL DEFAULT 0")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ALTER COLUMN \"total\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"orders\" ALTER COLUMN \"total\" TYPE numeric(12,3) USING \"total\"::numeric(12,3)",
                "ALTER TABLE \"shop_pg\".\"orders\" ALTER COLUMN \"total\" SET DEFAULT 0")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(12,3) NOT NULL DEFAULT 0, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("modify to varbinary: bytes", "shop",
            "ALTER TABLE orders MODIFY note varbinary(200)")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ALTER COLUMN \"note\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"orders\" ALTER COLUMN \"note\" TYPE bytea USING convert_to(\"note\"::text, 'UTF8')")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note varbinary(200); PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("rename column", "shop",
            "ALTER TABLE customers RENAME COLUMN name TO full_name")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME COLUMN \"name\" TO \"full_name\"")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, full_name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(full_name(10))=customers_idx_name"),
        c("set default", "shop",
            "ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'active'")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"status\" SET DEFAULT 'active'")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'active'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("drop default", "shop",
            "ALTER TABLE customers ALTER status DROP DEFAULT")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"status\" DROP DEFAULT")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("set default on an identity column", "shop",
            "ALTER TABLE customers ALTER id SET DEFAULT 5")
            .apply()
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT DEFAULT 5, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name")
            .notes(
                "column id is an identity column in PostgreSQL: its default is left alone"),
        c("add index", "shop",
            "ALTER TABLE customers ADD INDEX idx_status (status)")
            .apply(
                "CREATE INDEX \"customers_idx_status\" ON \"shop_pg\".\"customers\" (\"status\")")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name, idx_status INDEX(status)=customers_idx_status"),
        c("add unnamed unique key: MySQL names it after the column", "shop",
            "ALTER TABLE customers ADD UNIQUE (name)")
            .apply(
                "CREATE UNIQUE INDEX \"customers_name\" ON \"shop_pg\".\"customers\" (\"name\")")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name, name UNIQUE(name)=customers_name"),
        c("add unnamed key whose name is taken", "shop",
            "ALTER TABLE orders ADD KEY (customer_id)")
            .apply(
                "CREATE INDEX \"orders_customer_id_2\" ON \"shop_pg\".\"orders\" (\"customer_id\")")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id, customer_id_2 INDEX(customer_id)=orders_customer_id_2"),
        c("binlog: two unnamed keys", "shop",
            "ALTER TABLE customers ADD UNIQUE (name), ADD KEY (status, name)")
            .apply(
                "CREATE UNIQUE INDEX \"customers_name\" ON \"shop_pg\".\"customers\" (\"name\")",
                "CREATE INDEX \"customers_status\" ON \"shop_pg\".\"customers\" (\"status\", \"name\")")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name, name UNIQUE(name)=customers_name, status INDEX(status,name)=customers_status"),
        c("add index if not exists, present (MariaDB)", "shop",
            "ALTER TABLE customers ADD INDEX IF NOT EXISTS idx_name (name)")
            .skip("nothing to do: index idx_name exists: IF NOT EXISTS does nothing")
            .tables("shop.customers")
            .notes(
                "index idx_name exists: IF NOT EXISTS does nothing"),
        c("drop index", "shop",
            "ALTER TABLE customers DROP INDEX idx_name")
            .apply(
                "DROP INDEX \"shop_pg\".\"customers_idx_name\"")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email"),
        c("drop and add a unique key in one statement", "shop",
            "ALTER TABLE customers DROP KEY uq_email, ADD UNIQUE KEY uq_email (email, name)")
            .apply(
                "DROP INDEX \"shop_pg\".\"customers_uq_email\"",
                "CREATE UNIQUE INDEX \"customers_uq_email\" ON \"shop_pg\".\"customers\" (\"email\", \"name\")")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, idx_name INDEX(name(10))=customers_idx_name, uq_email UNIQUE(email,name)=customers_uq_email"),
        c("add primary key: columns become NOT NULL", "shop",
            "ALTER TABLE logs ADD PRIMARY KEY (msg)")
            .apply(
                "ALTER TABLE \"shop_pg\".\"logs\" ADD CONSTRAINT \"logs_pkey\" PRIMARY KEY (\"msg\")")
            .tables("shop.logs")
            .model("shop.logs", "msg varchar(200) NOT NULL, at timestamp; PRIMARY PRIMARY(msg)=logs_pkey"),
        c("drop primary key", "shop",
            "ALTER TABLE orders DROP PRIMARY KEY")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" DROP CONSTRAINT \"orders_pkey\"")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("replace primary key", "shop",
            "ALTER TABLE orders DROP PRIMARY KEY, ADD CONSTRAINT `pk` PRIMARY KEY (id, customer_id)")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" DROP CONSTRAINT \"orders_pkey\"",
                "ALTER TABLE \"shop_pg\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY (\"id\", \"customer_id\")")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id,customer_id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("rename index", "shop",
            "ALTER TABLE customers RENAME INDEX idx_name TO idx_full_name")
            .apply(
                "ALTER INDEX \"shop_pg\".\"customers_idx_name\" RENAME TO \"customers_idx_full_name\"")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_full_name INDEX(name(10))=customers_idx_full_name"),
        c("create index with options", "shop",
            "CREATE INDEX idx_status ON shop.customers (status) USING BTREE ALGORITHM=INPLACE LOCK=NONE")
            .apply(
                "CREATE INDEX \"customers_idx_status\" ON \"shop_pg\".\"customers\" (\"status\")")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name, idx_status INDEX(status)=customers_idx_status")
            .notes(
                "ignored: USING BTREE ALGORITHM = INPLACE LOCK = NONE"),
        c("binlog: create unique index with prefix and DESC", "shop",
            "CREATE UNIQUE INDEX i2 ON customers (name(5) DESC) USING BTREE ALGORITHM=INPLACE LOCK=NONE")
            .apply(
                "CREATE UNIQUE INDEX \"customers_i2\" ON \"shop_pg\".\"customers\" (left(\"name\", 5))")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name, i2 UNIQUE(name(5))=customers_i2")
            .notes(
                "ignored: USING BTREE ALGORITHM = INPLACE LOCK = NONE"),
        c("drop index on table", "shop",
            "DROP INDEX idx_name ON customers")
            .apply(
                "DROP INDEX \"shop_pg\".\"customers_idx_name\"")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email"),
        c("binlog: drop index if exists, absent", "shop",
            "DROP INDEX IF EXISTS i2 ON customers")
            .skip("nothing to do: index i2 does not exist: DROP ... IF EXISTS does nothing")
            .tables("shop.customers")
            .notes(
                "index i2 does not exist: DROP ... IF EXISTS does nothing"),
        c("drop index PRIMARY", "shop",
            "DROP INDEX `PRIMARY` ON orders")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" DROP CONSTRAINT \"orders_pkey\"")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("add fulltext index: model only", "shop",
            "ALTER TABLE orders ADD FULLTEXT INDEX ft_note (note)")
            .apply()
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id, ft_note FULLTEXT(note)=-")
            .notes(
                "FULLTEXT index ft_note has no PostgreSQL counterpart: kept in the model only"),
        c("alter table rename to", "shop",
            "ALTER TABLE customers RENAME TO clients")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME TO \"clients\"")
            .tables("shop.customers", "shop.clients")
            .model("shop.customers", null)
            .model("shop.clients", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("alter table rename into another mapped schema", "shop",
            "ALTER TABLE customers RENAME arch.clients")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME TO \"clients\"",
                "ALTER TABLE \"shop_pg\".\"clients\" SET SCHEMA \"arch_pg\"")
            .tables("shop.customers", "arch.clients")
            .model("shop.customers", null)
            .model("arch.clients", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("rename table chain", "shop",
            "RENAME TABLE customers TO clients, orders TO customers")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME TO \"clients\"",
                "ALTER TABLE \"shop_pg\".\"orders\" RENAME TO \"customers\"")
            .tables("shop.customers", "shop.clients", "shop.orders")
            .model("shop.customers", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id")
            .model("shop.clients", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name")
            .model("shop.orders", null),
        c("rename table swap", "shop",
            "RENAME TABLE customers TO tmp, orders TO customers, tmp TO orders")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME TO \"tmp\"",
                "ALTER TABLE \"shop_pg\".\"orders\" RENAME TO \"customers\"",
                "ALTER TABLE \"shop_pg\".\"tmp\" RENAME TO \"orders\"")
            .tables("shop.customers", "shop.tmp", "shop.orders")
            .model("shop.customers", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id")
            .model("shop.tmp", null)
            .model("shop.orders", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name(10))=customers_idx_name"),
        c("rename table out of the replicated schemas", "shop",
            "RENAME TABLE customers TO other.customers")
            .fail("table shop.customers moves to other.customers, which is not replicated: re-sync or drop it")
            .tables("shop.customers"),
        c("rename table into the replicated schemas", "shop",
            "RENAME TABLE other.x TO shop.x")
            .fail("RENAME other.x TO shop.x brings a table into the replicated schemas: sync it")
            .tables("shop.x"),
        c("rename table in an unmapped schema", "other",
            "RENAME TABLE a TO b")
            .skip("RENAME other.a TO other.b: not replicated")
            .tables("other.a", "other.b"),
        c("drop table", "shop",
            "DROP TABLE logs")
            .apply(
                "DROP TABLE IF EXISTS \"shop_pg\".\"logs\"")
            .tables("shop.logs")
            .model("shop.logs", null),
        c("binlog: drop tables as the server writes them", "shop",
            "DROP TABLE IF EXISTS `nosuch`,`logs` /* generated by server */")
            .apply(
                "DROP TABLE IF EXISTS \"shop_pg\".\"nosuch\"",
                "DROP TABLE IF EXISTS \"shop_pg\".\"logs\"")
            .tables("shop.nosuch", "shop.logs")
            .model("shop.nosuch", null)
            .model("shop.logs", null),
        c("drop table of an unmapped schema", "shop",
            "DROP TABLE other.x")
            .skip("schema other is not replicated")
            .tables("other.x"),
        c("drop temporary table", "shop",
            "DROP TEMPORARY TABLE IF EXISTS tmp")
            .skip("temporary tables are not replicated")
            .tables("shop.tmp"),
        c("truncate", "shop",
            "TRUNCATE orders")
            .apply(
                "TRUNCATE TABLE \"shop_pg\".\"orders\"")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("truncate qualified", "other",
            "TRUNCATE TABLE `shop`.`orders`")
            .apply(
                "TRUNCATE TABLE \"shop_pg\".\"orders\"")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("truncate in an unmapped schema", "shop",
            "TRUNCATE TABLE other.x")
            .skip("schema other is not replicated")
            .tables("other.x"),
        c("truncate unknown table", "shop",
            "TRUNCATE nosuch")
            .fail("TRUNCATE shop.nosuch: the schema model does not know the table")
            .tables("shop.nosuch"),
        c("convert to character set", "shop",
            "ALTER TABLE logs CONVERT TO CHARACTER SET latin1")
            .apply()
            .tables("shop.logs")
            .model("shop.logs", "msg varchar(200) latin1, at timestamp; ; charset latin1")
            .notes(
                "CONVERT TO CHARACTER SET latin1: text columns decode as x-MySQL-latin1"),
        c("default charset then add column", "shop",
            "ALTER TABLE logs DEFAULT CHARSET=latin1, ADD c varchar(3)")
            .apply(
                "ALTER TABLE \"shop_pg\".\"logs\" ADD COLUMN \"c\" varchar(3)")
            .tables("shop.logs")
            .model("shop.logs", "msg varchar(200), at timestamp, c varchar(3) latin1; ; charset latin1"),
        c("several clauses in one statement", "shop",
            "ALTER TABLE customers ADD COLUMN age tinyint unsigned AFTER name, DROP INDEX idx_name, MODIFY name varchar(60), ADD INDEX idx_age (age), ALTER status SET DEFAULT 'active', ENGINE=InnoDB")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" ADD COLUMN \"age\" smallint",
                "DROP INDEX \"shop_pg\".\"customers_idx_name\"",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"name\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"name\" TYPE varchar(60) USING \"name\"::varchar(60)",
                "CREATE INDEX \"customers_idx_age\" ON \"shop_pg\".\"customers\" (\"age\")",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"status\" SET DEFAULT 'active'")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(60), age tinyint(3) unsigned, status enum('new','active') NOT NULL DEFAULT 'active'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_age INDEX(age)=customers_idx_age")
            .notes(
                "ignored: ENGINE = InnoDB"),
        c("binlog: SET STATEMENT prefix (MariaDB)", "shop",
            "SET STATEMENT max_statement_time=100 FOR ALTER TABLE orders ADD COLUMN s int")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ADD COLUMN \"s\" integer")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text, s int(11); PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("alter online ignore", "shop",
            "ALTER ONLINE IGNORE TABLE orders ADD COLUMN s int")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ADD COLUMN \"s\" integer")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text, s int(11); PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("comments everywhere", "shop",
            "/* a comment */ ALTER TABLE `customers` CHANGE `name` `full name` varchar(30) -- tail")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME COLUMN \"name\" TO \"full name\"",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"full name\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"full name\" TYPE varchar(30) USING \"full name\"::varchar(30)")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, full name varchar(30), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(full name(10))=customers_idx_name"),
        c("binlog: CREATE TABLE ... SELECT with text columns, as MariaDB 11.4 writes it", "shop",
            "CREATE TABLE `t3` (\n  `id` int(10) unsigned NOT NULL DEFAULT 0,\n  `email` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,\n  `phone` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,\n  `full name` varchar(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL DEFAULT '',\n  `status` enum('new','active','closed') CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,\n  `visits` int(10) unsigned NOT NULL DEFAULT 3\n)")
            .apply(
                "CREATE TABLE \"shop_pg\".\"t3\" (\"id\" bigint NOT NULL DEFAULT 0, \"email\" varchar(100) NOT NULL, \"phone\" varchar(20) NOT NULL, \"full name\" varchar(80) NOT NULL DEFAULT '', \"status\" text NOT NULL, \"visits\" bigint NOT NULL DEFAULT 3)")
            .tables("shop.t3")
            .model("shop.t3", "id int(10) unsigned NOT NULL DEFAULT 0, email varchar(100) NOT NULL, phone varchar(20) NOT NULL, full name varchar(80) NOT NULL DEFAULT '', status enum('new','active','closed') NOT NULL, visits int(10) unsigned NOT NULL DEFAULT 3; "),
        c("binlog: a name with a space, comments before and after", "shop",
            "/* rename */ ALTER TABLE `customers` CHANGE `name` `full name` varchar(80) NOT NULL DEFAULT '' -- tail")
            .apply(
                "ALTER TABLE \"shop_pg\".\"customers\" RENAME COLUMN \"name\" TO \"full name\"",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"full name\" DROP DEFAULT",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"full name\" TYPE varchar(80) USING \"full name\"::varchar(80)",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"full name\" SET NOT NULL",
                "ALTER TABLE \"shop_pg\".\"customers\" ALTER COLUMN \"full name\" SET DEFAULT ''")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, full name varchar(80) NOT NULL DEFAULT '', status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(full name(10))=customers_idx_name"),
        c("binlog: MODIFY with a new position", "shop",
            "ALTER TABLE orders MODIFY COLUMN total decimal(10,2) NOT NULL DEFAULT 7 FIRST")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ALTER COLUMN \"total\" SET DEFAULT 7")
            .tables("shop.orders")
            .model("shop.orders", "total decimal(10,2) NOT NULL DEFAULT 7, id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("binlog: rename into another database", "shop",
            "ALTER TABLE logs RENAME TO `arch`.logs")
            .apply(
                "ALTER TABLE \"shop_pg\".\"logs\" SET SCHEMA \"arch_pg\"")
            .tables("shop.logs", "arch.logs")
            .model("shop.logs", null)
            .model("arch.logs", "msg varchar(200), at timestamp; "),
        c("add a unique key by constraint name, drop it by constraint name", "shop",
            "ALTER TABLE orders ADD CONSTRAINT uq_note UNIQUE KEY (note(20)), DROP CONSTRAINT uq_note")
            .apply(
                "CREATE UNIQUE INDEX \"orders_uq_note\" ON \"shop_pg\".\"orders\" (left(\"note\", 20))",
                "DROP INDEX \"shop_pg\".\"orders_uq_note\"")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text; PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("drop constraint of a check", "shop",
            "ALTER TABLE orders DROP CONSTRAINT chk_total")
            .skip("nothing to do: DROP CONSTRAINT chk_total: no unique key of that name (a CHECK or FOREIGN KEY constraint)")
            .tables("shop.orders")
            .notes(
                "DROP CONSTRAINT chk_total: no unique key of that name (a CHECK or FOREIGN KEY constraint)"),
        c("create or replace index (MariaDB)", "shop",
            "CREATE OR REPLACE INDEX idx_name ON customers (name, email)")
            .apply(
                "DROP INDEX \"shop_pg\".\"customers_idx_name\"",
                "CREATE INDEX \"customers_idx_name\" ON \"shop_pg\".\"customers\" (\"name\", \"email\")")
            .tables("shop.customers")
            .model("shop.customers", "id int(10) unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL, name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new'; PRIMARY PRIMARY(id)=customers_pkey, uq_email UNIQUE(email)=customers_uq_email, idx_name INDEX(name,email)=customers_idx_name"),
        c("alter table ... if exists (MariaDB)", "shop",
            "ALTER TABLE IF EXISTS orders ADD COLUMN IF NOT EXISTS s int")
            .apply(
                "ALTER TABLE \"shop_pg\".\"orders\" ADD COLUMN \"s\" integer")
            .tables("shop.orders")
            .model("shop.orders", "id bigint(20) NOT NULL, customer_id int(10) unsigned NOT NULL, total decimal(10,2) NOT NULL DEFAULT 0.00, note text, s int(11); PRIMARY PRIMARY(id)=orders_pkey, customer_id INDEX(customer_id,total)=orders_customer_id"),
        c("skip: engine only", "shop",
            "ALTER TABLE orders ENGINE=InnoDB")
            .skip("no PostgreSQL meaning: ENGINE = InnoDB")
            .tables("shop.orders")
            .notes(
                "ignored: ENGINE = InnoDB"),
        c("skip: optimize", "shop",
            "OPTIMIZE TABLE orders")
            .skip("table maintenance (OPTIMIZE) has no PostgreSQL meaning")
            .tables(),
        c("skip: analyze", "shop",
            "ANALYZE TABLE orders")
            .skip("table maintenance (ANALYZE) has no PostgreSQL meaning")
            .tables(),
        c("skip: repair", "shop",
            "REPAIR TABLE orders")
            .skip("table maintenance (REPAIR) has no PostgreSQL meaning")
            .tables(),
        c("binlog: skip a view", "shop",
            "CREATE ALGORITHM=UNDEFINED DEFINER=`chameleon`@`%` SQL SECURITY DEFINER VIEW `v1` AS SELECT 1")
            .skip("views hold no replicated data")
            .tables(),
        c("binlog: skip a trigger", "shop",
            "CREATE DEFINER=`chameleon`@`%` TRIGGER tr BEFORE INSERT ON t1 FOR EACH ROW SET NEW.c = 1")
            .skip("triggers do not run on the replica: their effects arrive as row events")
            .tables(),
        c("binlog: skip a procedure", "shop",
            "CREATE DEFINER=`chameleon`@`%` PROCEDURE `p1`()\nSELECT 1")
            .skip("stored routines are not replicated")
            .tables(),
        c("binlog: skip a function", "shop",
            "CREATE DEFINER=`chameleon`@`%` FUNCTION `f1`() RETURNS int(11)\n    DETERMINISTIC\nRETURN 1")
            .skip("stored routines are not replicated")
            .tables(),
        c("binlog: skip an event", "shop",
            "CREATE DEFINER=`chameleon`@`%` EVENT ev ON SCHEDULE EVERY 1 DAY DO SELECT 1")
            .skip("scheduled events are not replicated")
            .tables(),
        c("binlog: skip a grant", "shop",
            "GRANT SELECT ON *.* TO 'ddlprobe'@'%'")
            .skip("accounts and privileges are not replicated")
            .tables(),
        c("binlog: skip a user", "shop",
            "CREATE USER 'ddlprobe'@'%' IDENTIFIED BY 'secret'")
            .skip("accounts and privileges are not replicated")
            .tables(),
        c("skip: drop view", "shop",
            "DROP VIEW v1")
            .skip("views hold no replicated data")
            .tables(),
        c("skip: create database", "shop",
            "CREATE DATABASE IF NOT EXISTS probe_other")
            .skip("databases are replicated through the schema mapping, not by DDL")
            .tables(),
        c("skip: sequence", "shop",
            "CREATE SEQUENCE sq")
            .skip("sequences are not replicated")
            .tables(),
        c("skip: transaction control", "shop",
            "BEGIN")
            .skip("transaction control, not DDL")
            .tables(),
        c("binlog: skip add partition", "shop",
            "ALTER TABLE orders ADD PARTITION (PARTITION p2 VALUES LESS THAN (30))")
            .skip("no PostgreSQL meaning: ADD PARTITION ( PARTITION p2 VALUES LESS THAN ( 30 ) )")
            .tables("shop.orders")
            .notes(
                "ignored: ADD PARTITION ( PARTITION p2 VALUES LESS THAN ( 30 ) )"),
        c("binlog: fail truncate partition", "shop",
            "ALTER TABLE orders TRUNCATE PARTITION p0")
            .fail("TRUNCATE PARTITION changes rows without row events: re-sync the table")
            .tables("shop.orders"),
        c("binlog: fail drop partition", "shop",
            "ALTER TABLE orders DROP PARTITION p2")
            .fail("DROP PARTITION changes rows without row events: re-sync the table")
            .tables("shop.orders"),
        c("skip: partition maintenance on an unmapped schema", "shop",
            "ALTER TABLE other.t TRUNCATE PARTITION p0")
            .skip("schema other is not replicated")
            .tables("other.t")
            .notes(
                "unreadable: TRUNCATE PARTITION changes rows without row events: re-sync the table"),
        c("fail: garbage", "shop",
            "this is not sql")
            .fail("not a statement the replicator knows: this is not sql")
            .tables(),
        c("fail: unclosed string", "shop",
            "ALTER TABLE orders ADD COLUMN x varchar(3) DEFAULT 'oops")
            .fail("cannot read the statement: string not closed")
            .tables(),
        c("fail: unknown clause", "shop",
            "ALTER TABLE orders FROBNICATE x")
            .fail("ALTER TABLE clause not understood: FROBNICATE x")
            .tables("shop.orders"),
        c("fail: unknown column attribute", "shop",
            "ALTER TABLE orders ADD COLUMN x int SPARKLY")
            .fail("column shop.orders.x: attribute not understood: SPARKLY")
            .tables("shop.orders"),
        c("fail: alter of a table the model does not know", "shop",
            "ALTER TABLE nosuch ADD x int")
            .fail("ALTER TABLE shop.nosuch: the schema model does not know the table")
            .tables("shop.nosuch"),
        c("fail: data change in statement form", "shop",
            "INSERT INTO orders VALUES (1, 2, 3.00, NULL)")
            .fail("INSERT in a QUERY event: a data change in statement form, which replay cannot follow; the source must write the binlog in ROW format")
            .tables(),
        c("fail: no database selected", null,
            "ALTER TABLE orders ADD x int")
            .fail("no database selected and table orders is not qualified")
            .tables(),
        c("fail: unsupported type", "shop",
            "ALTER TABLE orders ADD COLUMN u uuid")
            .fail("column shop.orders.u has type uuid, which the replicator cannot capture; exclude the table or change the column")
            .tables("shop.orders")
    );
  }
}
