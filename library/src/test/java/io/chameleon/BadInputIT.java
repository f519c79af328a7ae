package io.chameleon;

import static io.chameleon.internal.catalog.Identifiers.qualified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Input at the edges of what MySQL accepts and PostgreSQL can hold, each with a defined outcome:
 * either the target ends equal to the source ({@link TableComparison}), both after the initial
 * copy and after live changes, or the one table is excluded with its reason in status and in
 * {@code t_error_log} while everything else goes on.
 *
 * <p>The value and name cases share one source, copied once: each test first checks its tables
 * as the copy left them, then changes them live and checks again. The source maps into a
 * PostgreSQL schema whose name holds an emoji. Server ids and the purged binlog need sources of
 * their own; the purge runs last because it removes the binlog files every earlier source read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String SOURCE = "bad";
  /** Zero dates and days a month lacks are accepted only outside strict mode. */
  private static final String LAX_DATES = "ALLOW_INVALID_DATES";
  private static final String INJECTION = "x\"; DROP TABLE y; --";
  private static final String ODD_TABLE = "Mixed Case.Table \"q\" `b`";
  private static final String WIDE_COLUMNS = IntStream.rangeClosed(1, 998).mapToObj(i -> "c" + i)
      .collect(Collectors.joining(", "));

  private CaptureFixture fixture;
  private String pgSchema;
  /** Every PostgreSQL table outside the target schema once the copy was done, {@code schema / table}. */
  private Set<String> otherTablesAfterCopy;

  @BeforeAll
  void copyEveryCase() throws Exception {
    fixture = CaptureFixture.create("bad");
    pgSchema = fixture.mysql.name() + "_😀";
    createTables();
    fixture.manager.addSource(CaptureFixture.source(SOURCE, fixture.mysql.name())
        .mapSchema(fixture.mysql.name(), pgSchema)
        .onError(SourceConfig.OnError.SKIP_TABLE)
        .build());
    fixture.manager.initReplica(SOURCE);
    // what the injection must not reach: a y in the target schema and one on the search path
    fixture.pg.execute(
        "CREATE TABLE public.y (id int PRIMARY KEY, v text)", "INSERT INTO public.y VALUES (1, 'public y')",
        "CREATE TABLE " + qualified(pgSchema, "y") + " (id int PRIMARY KEY, v text)",
        "INSERT INTO " + qualified(pgSchema, "y") + " VALUES (1, 'target y')");
    otherTablesAfterCopy = pgTablesOutside(pgSchema);
    fixture.manager.startReplica(SOURCE);
  }

  @AfterAll
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private void createTables() throws Exception {
    String allBytes = allBytesHex();
    mysql(null,
        "CREATE TABLE dates (id INT NOT NULL, d_nn DATE NOT NULL, d DATE NULL, dt DATETIME(3) NULL,"
            + " dt_nn DATETIME(3) NOT NULL, ts TIMESTAMP NULL DEFAULT NULL,"
            + " ts_nn TIMESTAMP NOT NULL DEFAULT '0000-00-00 00:00:00', PRIMARY KEY (id, d_nn))",
        "CREATE TABLE dates_nokey (d DATE NULL, d_nn DATE NOT NULL, dt_nn DATETIME NOT NULL)",
        "CREATE TABLE nul_text (id INT PRIMARY KEY, v VARCHAR(20) CHARACTER SET utf8mb4, t TEXT,"
            + " c CHAR(5), l VARCHAR(20) CHARACTER SET latin1, j JSON)",
        "CREATE TABLE nul_nokey (v VARCHAR(10) CHARACTER SET utf8mb4, n INT)",
        "CREATE TABLE latin1_bytes (id INT PRIMARY KEY, t TEXT CHARACTER SET latin1,"
            + " v VARCHAR(300) CHARACTER SET latin1, c CHAR(1) CHARACTER SET latin1)",
        "CREATE TABLE utf8_replaced (id INT PRIMARY KEY, v VARCHAR(20) CHARACTER SET utf8mb4)",
        "CREATE TABLE emoji (k VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY,"
            + " v VARCHAR(20) CHARACTER SET utf8mb4, t TEXT CHARACTER SET utf8mb4, j JSON,"
            + " e ENUM('é','表') CHARACTER SET utf8mb4, s SET('ä','ß') CHARACTER SET utf8mb4)",
        "CREATE TABLE `tàble_表` (`ключ` INT PRIMARY KEY, `cöl_€` VARCHAR(10) CHARACTER SET utf8mb4)",
        "CREATE TABLE unsigned_max (k BIGINT UNSIGNED NOT NULL PRIMARY KEY, ti TINYINT UNSIGNED,"
            + " si SMALLINT UNSIGNED, mi MEDIUMINT UNSIGNED, i INT UNSIGNED, bi BIGINT UNSIGNED,"
            + " d DECIMAL(65,30) UNSIGNED, d0 DECIMAL(65,0) UNSIGNED, d2 DECIMAL(10,2) UNSIGNED,"
            + " f FLOAT UNSIGNED, x DOUBLE UNSIGNED)",
        "CREATE TABLE big_blob (id INT PRIMARY KEY, b LONGBLOB, note VARCHAR(20))",
        "CREATE TABLE wide (id INT PRIMARY KEY, "
            + IntStream.rangeClosed(1, 998).mapToObj(i -> "c" + i + " TINYINT").collect(Collectors.joining(", "))
            + ", flag BIT(1))",
        "CREATE TABLE " + my(ODD_TABLE) + " (`select` VARCHAR(10) NOT NULL, `from` INT NOT NULL,"
            + " `Col Space` VARCHAR(10), `a.b` INT, `we\"ird` VARCHAR(10), `back``tick` INT, `MiXeD` INT,"
            + " `'` INT, `--` VARCHAR(5), PRIMARY KEY (`select`, `from`), KEY `in dex` (`Col Space`))",
        "CREATE TABLE `order` (`group` INT PRIMARY KEY, `user` VARCHAR(10), `table` INT)",
        "CREATE TABLE `CaseTab` (id INT PRIMARY KEY, v VARCHAR(10))",
        "CREATE TABLE `casetab` (id INT PRIMARY KEY, v VARCHAR(10))",
        "CREATE TABLE " + my(INJECTION) + " (id INT PRIMARY KEY, `v\"; DROP TABLE y; --` VARCHAR(60),"
            + " KEY `i\"; DROP TABLE y; --` (`v\"; DROP TABLE y; --`))",
        "CREATE TABLE before_rename (id INT PRIMARY KEY, v VARCHAR(20))",
        "CREATE TABLE times (id INT PRIMARY KEY, t TIME)",
        "CREATE TABLE bystander (id INT PRIMARY KEY, v VARCHAR(20))");
    mysql(LAX_DATES,
        "INSERT INTO dates VALUES"
            + " (1, '0000-00-00', '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',"
            + " '0000-00-00 00:00:00'),"
            + " (2, '2020-00-15', '2020-05-00', '2021-02-30 10:00:00', '2020-01-01 10:00:00.25', NULL, '2001-02-03 04:05:06'),"
            + " (3, '2024-02-29', NULL, NULL, '1000-01-01 00:00:00', '1970-01-02 00:00:01', '2030-01-01 00:00:00')",
        "INSERT INTO dates_nokey VALUES ('0000-00-00', '0000-00-00', '0000-00-00 00:00:00'),"
            + " ('0000-00-00', '0000-00-00', '0000-00-00 00:00:00'), (NULL, '2021-02-30', '2020-00-00 12:00:00'),"
            + " ('1999-12-31', '1999-12-31', '1999-12-31 23:59:59')");
    mysql(null,
        "INSERT INTO nul_text VALUES (1, CONCAT('a', CHAR(0), 'b'), CONCAT(CHAR(0), 'lead'), CONCAT('c', CHAR(0)),"
            + " CONCAT('é', CHAR(0), 'x'), '{\"k\": \"x\\\\u0000y\"}'), (2, CHAR(0), REPEAT(CHAR(0), 3), NULL, NULL, NULL)",
        "INSERT INTO nul_nokey VALUES (CONCAT('a', CHAR(0), 'b'), 1), (CONCAT(CHAR(0), CHAR(0)), 2)",
        "INSERT INTO latin1_bytes VALUES (0, X'" + allBytes + "', X'" + allBytes + "', NULL)");
    StringBuilder singleBytes = new StringBuilder("INSERT INTO latin1_bytes VALUES ");
    for (int b = 1; b < 256; b++) {
      singleBytes.append(b > 1 ? ", " : "").append('(').append(b).append(", NULL, X'").append(hex(b)).append("', X'")
          .append(hex(b)).append("')");
    }
    mysql(null, singleBytes.toString());
    mysql("", "INSERT INTO utf8_replaced VALUES (1, X'C328FF'), (2, CONCAT('ok ', X'F09F98'))");
    mysql(null,
        "INSERT INTO emoji VALUES ('😀', 'a 😀 b', REPEAT('🐘', 1000), '{\"😀\": [\"🐬\"]}', '表', 'ä,ß'),"
            + " ('🐘k', '𝄞 clef', '', '\"𝄞\"', 'é', '')",
        "INSERT INTO `tàble_表` VALUES (1, 'é 😀'), (2, NULL)",
        "INSERT INTO unsigned_max VALUES " + unsignedRow("18446744073709551615", true) + ", "
            + unsignedRow("0", false) + ", (9223372036854775808, 128, 32768, 8388608, 2147483648, 9223372036854775808,"
            + " 0.000000000000000000000000000001, 1, 0.01, 1.5, 2.5)",
        "INSERT INTO big_blob VALUES (1, REPEAT(UNHEX('" + allBytes + "'), 65536), 'seed')",
        "INSERT INTO wide VALUES " + wideRow(1) + ", (2" + ", NULL".repeat(999) + ")",
        "INSERT INTO " + my(ODD_TABLE) + " VALUES ('from', 1, 'a b', 1, 'q\"q', 2, 3, 4, '--'),"
            + " ('select', -1, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        "INSERT INTO `order` VALUES (1, 'user', 2)",
        "INSERT INTO `CaseTab` VALUES (1, 'upper')",
        "INSERT INTO `casetab` VALUES (1, 'lower')",
        "INSERT INTO " + my(INJECTION) + " VALUES (1, '''); DROP TABLE y; --'), (2, '$$; DROP TABLE y; $$'),"
            + " (3, 'back\\\\slash \"q\" `b`')",
        "INSERT INTO before_rename VALUES (1, 'one'), (2, 'two'), (3, 'three')",
        "INSERT INTO times VALUES (1, '23:59:59'), (2, '-00:00:00')",
        "INSERT INTO bystander VALUES (1, 'seed')");
  }

  // ----------------------------------------------------------------------------------- values

  @Test
  void zeroDatesBecomeNullInNullableColumnsAndMinusInfinityInNotNullOnes() throws Exception {
    assertSame("dates", "dates_nokey");
    assertThat(pgStrings("SELECT d_nn::text || '|' || coalesce(d::text, 'NULL') FROM " + qualified(pgSchema, "dates")
        + " WHERE id = 1")).containsExactly("-infinity|NULL");

    mysql(LAX_DATES,
        "INSERT INTO dates VALUES (4, '0000-00-00', '0000-00-00', '0000-00-00 00:00:00', '2021-04-31 00:00:00',"
            + " '0000-00-00 00:00:00', '0000-00-00 00:00:00')",
        "INSERT INTO dates VALUES (5, '2000-02-30', '0000-01-01', '2020-02-29 23:59:59.999', '0000-00-00 00:00:00',"
            + " NULL, '2030-06-01 12:00:00')",
        "UPDATE dates SET d = '0000-00-00', dt_nn = '0000-00-00 00:00:00', ts = '0000-00-00 00:00:00' WHERE id = 3",
        "UPDATE dates SET d_nn = '2022-02-02', d = '2022-02-02', ts_nn = '2031-01-01 00:00:00' WHERE id = 1", // key leaves -infinity
        "DELETE FROM dates WHERE id = 2", // its key holds a zero-month date
        "INSERT INTO dates_nokey VALUES ('0000-00-00', '2020-02-30', '0000-00-00 00:00:00')",
        "DELETE FROM dates_nokey WHERE d_nn = '0000-00-00' LIMIT 1",
        "UPDATE dates_nokey SET d = '0000-00-00' WHERE d_nn = '1999-12-31'");
    awaitReplayed();
    assertSame("dates", "dates_nokey");
    assertHealthy();
  }

  @Test
  void nulCharactersInTextAreDroppedAndTheRestReplicates() throws Exception {
    assertSame("nul_text", "nul_nokey");
    assertThat(pgStrings("SELECT v FROM " + qualified(pgSchema, "nul_text") + " ORDER BY id")).containsExactly("ab", "");

    mysql(null,
        "INSERT INTO nul_text VALUES (3, CONCAT(CHAR(0), 'x', CHAR(0)), CONCAT('t', CHAR(0)), CHAR(0),"
            + " CONCAT(X'E9', CHAR(0)), '[\"\\\\u0000\", \"a\\\\u0000\"]')",
        "UPDATE nul_text SET v = CONCAT('new', CHAR(0)), j = '{\"k\": \"\\\\u0000\"}' WHERE id = 2",
        "INSERT INTO nul_nokey VALUES (CONCAT('c', CHAR(0)), 3)",
        "DELETE FROM nul_nokey WHERE n = 1", // the row's identity holds a NUL: it is found without it
        "UPDATE nul_nokey SET v = CONCAT(v, CHAR(0), 'z') WHERE n = 2");
    awaitReplayed();
    assertSame("nul_text", "nul_nokey");
    assertHealthy();
  }

  @Test
  void everyLatin1ByteReplicatesAndInvalidUtf8IsReplacedByTheServer() throws Exception {
    assertSame("latin1_bytes", "utf8_replaced");
    // MariaDB never stores invalid UTF-8: strict mode refuses it, otherwise each bad byte becomes '?'
    assertThatThrownBy(() -> mysql("STRICT_TRANS_TABLES", "INSERT INTO utf8_replaced VALUES (9, X'C328FF')"))
        .isInstanceOf(SQLException.class).hasMessageContaining("Incorrect string value");
    assertThat(mysqlStrings("SELECT HEX(v) FROM utf8_replaced ORDER BY id")).containsExactly("3F283F", "6F6B203F3F3F");

    StringBuilder bytes = new StringBuilder("INSERT INTO latin1_bytes VALUES ");
    for (int b = 0; b < 256; b++) {
      bytes.append(b > 0 ? ", " : "").append('(').append(1000 + b).append(", X'").append(hex(b)).append(hex(255 - b))
          .append("', X'").append(hex(b)).append("', NULL)");
    }
    mysql(null, bytes.toString(),
        "UPDATE latin1_bytes SET v = REVERSE(v), c = X'81' WHERE id = 0",
        "DELETE FROM latin1_bytes WHERE id BETWEEN 120 AND 140");
    mysql("", "INSERT INTO utf8_replaced VALUES (3, X'FFFE'), (4, CONCAT('é', X'80'))",
        "UPDATE utf8_replaced SET v = X'EDA080' WHERE id = 1");
    awaitReplayed();
    assertSame("latin1_bytes", "utf8_replaced");
    assertThat(pgStrings("SELECT v FROM " + qualified(pgSchema, "utf8_replaced") + " WHERE id = 3")).containsExactly("??");
    assertHealthy();
  }

  @Test
  void fourByteUtf8ReplicatesInValuesAndTheServerRefusesItInNames() throws Exception {
    assertSame("emoji", "tàble_表");

    // MariaDB keeps names and ENUM labels in utf8mb3: a 4-byte character cannot be part of them
    assertThatThrownBy(() -> mysql(null, "CREATE TABLE `t😀` (id INT)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("Invalid utf8mb4 character string");
    assertThatThrownBy(() -> mysql(null, "CREATE TABLE t_emoji_column (`c😀` INT)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("Invalid utf8mb4 character string");
    assertThatThrownBy(() -> mysql(null, "CREATE TABLE t_emoji_enum (e ENUM('😀','🐘') CHARACTER SET utf8mb4)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("duplicated value '?' in ENUM");

    mysql(null,
        "INSERT INTO emoji VALUES ('🐬🐘', '😀😀😀', '𝄞𝄞', '[\"😀\", {\"🐘\": \"🐬\"}]', 'é', 'ß')",
        "UPDATE emoji SET k = '😀😀', v = CONCAT(v, '🐬') WHERE k = '😀'",
        "DELETE FROM emoji WHERE k = '🐘k'",
        "INSERT INTO `tàble_表` VALUES (3, '表 😀 ключ')",
        "UPDATE `tàble_表` SET `cöl_€` = '€🐘' WHERE `ключ` = 2");
    awaitReplayed();
    assertSame("emoji", "tàble_表");
    assertHealthy();
  }

  @Test
  void unsignedMaximaReplicateExactly() throws Exception {
    assertSame("unsigned_max");

    mysql(null,
        "INSERT INTO unsigned_max VALUES " + unsignedRow("18446744073709551614", true),
        "UPDATE unsigned_max SET k = 18446744073709551613, ti = ti - 1 WHERE k = 18446744073709551615",
        "UPDATE unsigned_max SET bi = 18446744073709551615, d = 99999999999999999999999999999999999.999999999999999999999999999999"
            + " WHERE k = 0",
        "DELETE FROM unsigned_max WHERE k = 9223372036854775808");
    awaitReplayed();
    assertSame("unsigned_max");
    assertThat(pgStrings("SELECT k::text || '|' || bi::text FROM " + qualified(pgSchema, "unsigned_max") + " ORDER BY k"))
        .containsExactly("0|18446744073709551615", "18446744073709551613|18446744073709551615",
            "18446744073709551614|18446744073709551615");
    assertHealthy();
  }

  @Test
  void aSixteenMegabyteBlobReplicatesWhole() throws Exception {
    assertSame("big_blob");

    mysql(null,
        "INSERT INTO big_blob VALUES (2, REPEAT(REVERSE(UNHEX('" + allBytesHex() + "')), 65536), 'live')",
        "UPDATE big_blob SET note = 'updated' WHERE id = 1"); // before and after images: 32 MiB in one event
    awaitReplayed();
    assertSame("big_blob");
    assertThat(pgStrings("SELECT id || ':' || octet_length(b) || ':' || note FROM " + qualified(pgSchema, "big_blob")
        + " ORDER BY id")).containsExactly("1:16777216:updated", "2:16777216:live");
    assertHealthy();
  }

  @Test
  void aTableWithAThousandColumnsReplicates() throws Exception {
    assertSame("wide");
    assertThat(pgStrings("SELECT count(*)::text FROM pg_attribute WHERE attrelid = to_regclass('"
        + qualified(pgSchema, "wide").replace("'", "''") + "') AND attnum > 0 AND NOT attisdropped"))
        .containsExactly("1000");

    mysql(null,
        "INSERT INTO wide VALUES " + wideRow(3),
        "UPDATE wide SET c500 = -128, c998 = 127, flag = b'0' WHERE id = 1",
        "UPDATE wide SET c1 = 1 WHERE id = 2",
        "DELETE FROM wide WHERE id = 3",
        "INSERT INTO wide (id, " + WIDE_COLUMNS + ") SELECT 4, " + WIDE_COLUMNS + " FROM wide WHERE id = 1");
    awaitReplayed();
    assertSame("wide");
    assertHealthy();
  }

  @Test
  void oddIdentifiersReplicateUnderTheirExactNames() throws Exception {
    assertSame(ODD_TABLE, "order", "CaseTab", "casetab");

    mysql(null,
        "INSERT INTO " + my(ODD_TABLE) + " VALUES ('where', 2, 'x y', 5, '\"', 6, 7, 8, ';')",
        "UPDATE " + my(ODD_TABLE) + " SET `select` = 'group', `we\"ird` = 'w' WHERE `select` = 'from' AND `from` = 1",
        "DELETE FROM " + my(ODD_TABLE) + " WHERE `select` = 'select'",
        "ALTER TABLE " + my(ODD_TABLE) + " ADD COLUMN `new \"col\"` INT",
        "INSERT INTO " + my(ODD_TABLE) + " (`select`, `from`, `new \"col\"`) VALUES ('having', 3, 9)",
        "UPDATE `order` SET `user` = 'me', `table` = 3 WHERE `group` = 1",
        "INSERT INTO `CaseTab` VALUES (2, 'UPPER')",
        "INSERT INTO `casetab` VALUES (2, 'lower')",
        "DELETE FROM `casetab` WHERE id = 1");
    awaitReplayed();
    assertSame(ODD_TABLE, "order", "CaseTab", "casetab");
    assertHealthy();
  }

  @Test
  void aTableNamedLikeAnInjectionReplicatesUnderThatNameAndTouchesNothingElse() throws Exception {
    assertSame(INJECTION);
    assertThat(pgTablesIn(pgSchema)).contains(INJECTION);

    mysql(null,
        "INSERT INTO " + my(INJECTION) + " VALUES (4, CONCAT('DROP TABLE y', CHAR(9), 'tab', CHAR(10), 'nl',"
            + " CHAR(13), 'cr \\\\ backslash \\\\N \\\\u0041 ', CHAR(1)))",
        "UPDATE " + my(INJECTION) + " SET `v\"; DROP TABLE y; --` = '\"; DROP TABLE y; --' WHERE id = 1",
        "DELETE FROM " + my(INJECTION) + " WHERE id = 2",
        "ALTER TABLE " + my(INJECTION) + " ADD COLUMN `w'); DROP TABLE y; --` INT",
        "CREATE TABLE `y\"; DROP TABLE y; --` (id INT PRIMARY KEY)",
        "INSERT INTO `y\"; DROP TABLE y; --` VALUES (1)");
    awaitReplayed();
    fixture.manager.syncTables(SOURCE, fixture.mysql.name() + "." + INJECTION);
    mysql(null, "INSERT INTO " + my(INJECTION) + " VALUES (5, 'after the re-sync', 5)");
    awaitReplayed();

    assertSame(INJECTION, "y\"; DROP TABLE y; --");
    assertThat(pgStrings("SELECT v FROM public.y")).containsExactly("public y");
    assertThat(pgStrings("SELECT v FROM " + qualified(pgSchema, "y"))).containsExactly("target y");
    // nothing else appeared or went: the target schema holds the MySQL tables and y, the rest is as copied
    Set<String> expected = new TreeSet<>(mysqlStrings("SELECT TABLE_NAME FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = DATABASE()"));
    expected.add("y");
    assertThat(pgTablesIn(pgSchema)).isEqualTo(expected);
    assertThat(pgTablesOutside(pgSchema)).isEqualTo(otherTablesAfterCopy);
    assertHealthy();
  }

  @Test
  void aTableRenamedWhileItsRowsWaitForReplayEndsUnderItsNewName() throws Exception {
    assertSame("before_rename");
    fixture.manager.pauseReplay(SOURCE);
    try {
      mysql(null,
          "INSERT INTO before_rename VALUES (4, 'four'), (5, 'five')",
          "UPDATE before_rename SET v = 'ONE' WHERE id = 1",
          "DELETE FROM before_rename WHERE id = 2",
          "RENAME TABLE before_rename TO `After Rename`",
          "INSERT INTO `After Rename` VALUES (6, 'six')",
          "UPDATE `After Rename` SET v = 'FOUR' WHERE id = 4");
      fixture.awaitCaughtUp(SOURCE, WAIT);
      // all of it is logged and none of it applied
      assertThat(fixture.manager.status(SOURCE).batchesPending()).isPositive();
      assertThat(pgStrings("SELECT v FROM " + qualified(pgSchema, "before_rename") + " ORDER BY id"))
          .containsExactly("one", "two", "three");
    } finally {
      fixture.manager.resumeReplay(SOURCE);
    }
    awaitReplayed();
    assertSame("After Rename");
    assertThat(pgTablesIn(pgSchema)).contains("After Rename").doesNotContain("before_rename");
    assertHealthy();
  }

  /**
   * The one case that excludes its table: a TIME beyond a day fits MySQL's range but not
   * PostgreSQL's {@code time} (override the type to {@code interval} to replicate it).
   */
  @Test
  void aTimePostgresCannotHoldExcludesItsTableAndNothingElse() throws Exception {
    assertSame("times", "bystander");

    mysql(null, "INSERT INTO times VALUES (4, '838:59:59')",
        "INSERT INTO bystander VALUES (2, 'after')");
    awaitReplayed();
    String times = fixture.mysql.name() + ".times";
    SourceStatus status = fixture.manager.status(SOURCE);
    assertThat(status.state()).isEqualTo(SourceState.RUNNING);
    assertThat(status.tablesExcluded()).containsOnlyKeys(times);
    assertThat(status.tablesExcluded().get(times)).contains("key id=4").contains("22008");
    assertThat(pgStrings("SELECT v_table_name || ' ' || t_key || ' ' || t_sql_state FROM sch_chameleon.t_error_log"))
        .containsExactly("times id=4 22008");
    // the table keeps what it had, the rest of the source goes on
    assertThat(pgStrings("SELECT t::text FROM " + qualified(pgSchema, "times") + " ORDER BY id"))
        .containsExactly("23:59:59", "00:00:00");
    mysql(null, "INSERT INTO bystander VALUES (3, 'later')");
    awaitReplayed();
    assertSame("bystander");

    // a re-copy cannot hold the value either, and says so; once the value is gone, it brings the table back
    assertThatThrownBy(() -> fixture.manager.syncTables(SOURCE, times))
        .isInstanceOf(SourceException.class).hasMessageContaining(times).hasMessageContaining("does not fit");
    assertThat(fixture.manager.status(SOURCE).tablesExcluded()).containsOnlyKeys(times);
    mysql(null, "DELETE FROM times WHERE id = 4");
    fixture.manager.syncTables(SOURCE, times);
    awaitReplayed();
    assertSame("times");
    assertThat(fixture.manager.status(SOURCE).tablesExcluded()).isEmpty();
  }

  // ----------------------------------------------------------------------------- server ids

  @Test
  void aSecondSourceOfTheManagerWithTheSameServerIdIsRefusedAndTheFirstGoesOn() throws Exception {
    try (CaptureFixture first = CaptureFixture.create("same_id")) {
      SourceDatabase secondSchema = Sandbox.get().source().createDatabase("same_id_second");
      first.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      long id = CaptureFixture.nextServerId();
      first.manager.addSource(first.source("first").serverId(id).build());
      first.manager.addSource(CaptureFixture.source("second", secondSchema.name()).serverId(id).build());
      first.manager.startReplica("first");

      assertThatThrownBy(() -> first.manager.startReplica("second"))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("serverId " + id)
          .hasMessageContaining("source 'first' already uses");
      assertThat(first.manager.status("second").state()).isEqualTo(SourceState.STOPPED);
      first.mysql.execute("INSERT INTO t VALUES (1)");
      first.awaitCaughtUp("first", WAIT);
      assertThat(first.manager.status("first").state()).isEqualTo(SourceState.RUNNING);
      assertThat(first.manager.status("first").lastError().orElse("")).doesNotContain("server_id").doesNotContain("serverId");
    }
  }

  /**
   * Two managers stand for two processes: the server drops the older reader when the newer one
   * connects with its id. The older one stops with the id named instead of reconnecting, which
   * would drop the newer one in turn, for ever.
   */
  @Test
  void aReplicaElsewhereWithTheSameServerIdStopsThisOneWithAnErrorNamingTheId() throws Exception {
    try (CaptureFixture older = CaptureFixture.create("taken_id"); CaptureFixture newer = CaptureFixture.create("taking_id")) {
      long id = CaptureFixture.nextServerId();
      older.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      newer.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      older.manager.addSource(older.source("older").serverId(id).build());
      newer.manager.addSource(newer.source("newer").serverId(id).build());
      older.manager.startReplica("older");
      older.mysql.execute("INSERT INTO t VALUES (1)");
      older.awaitCaughtUp("older", WAIT);

      newer.manager.startReplica("newer");
      CaptureFixture.awaitState(older.manager, "older", SourceState.FAILED, WAIT);
      SourceStatus status = older.manager.status("older");
      assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
          .contains("serverId " + id + " is used by another replica")
          .contains("give every replica of the server its own serverId"));
      // the catalogue follows the reader's state a moment later
      awaitCatalogueStatus(older.manager, "older", "error");
      assertThat(older.queryLong("SELECT count(*) FROM sch_chameleon.t_sources WHERE t_last_error LIKE '%serverId "
          + id + " is used by another replica%'")).isEqualTo(1);

      // the newer reader is left alone: it reads on and was never disconnected for its id
      newer.mysql.execute("INSERT INTO t VALUES (2)");
      newer.awaitCaughtUp("newer", WAIT);
      assertThat(newer.manager.status("newer").state()).isEqualTo(SourceState.RUNNING);
      assertThat(newer.manager.status("newer").lastError().orElse("")).doesNotContain("server_id").doesNotContain("serverId");
      assertThat(older.manager.status("older").state()).isEqualTo(SourceState.FAILED);
    }
  }

  @Test
  void theSourceServersOwnServerIdIsRefused() throws Exception {
    long own = Sandbox.get().source().serverId();
    try (CaptureFixture f = CaptureFixture.create("own_id")) {
      f.manager.addSource(f.source("own").serverId(own).build());
      assertThatThrownBy(() -> f.manager.startReplica("own"))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("serverId " + own + " is the server's own server_id");
      assertThat(f.manager.status("own").state()).isEqualTo(SourceState.STOPPED);
    }
  }

  // ---------------------------------------------------------------------------------- purged

  /** Last: it purges every binlog file but the newest, and stops the shared source first. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aBinlogPurgedWhileTheSourceWasStoppedIsAFatalErrorThatSaysToReinitialise() throws Exception {
    fixture.manager.stopReplica(SOURCE); // a reader holding an old file open would keep it from the purge
    try (CaptureFixture f = CaptureFixture.create("purged")) {
      f.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO t VALUES (1, 'copied')");
      f.manager.addSource(f.source("purged").build());
      f.manager.initReplica("purged");
      f.manager.startReplica("purged");
      f.mysql.execute("INSERT INTO t VALUES (2, 'replayed')");
      ReplicationSupport.awaitReplayed(f, "purged", WAIT);
      f.manager.stopReplica("purged");
      String stoppedIn = f.manager.status("purged").readPosition().orElseThrow().file();

      f.mysql.execute("INSERT INTO t VALUES (3, 'written meanwhile')");
      Sandbox.get().source().execute("FLUSH BINARY LOGS");
      String newest = CaptureFixture.masterPosition().file();
      awaitNoBinlogReader();
      purgeBinlogsBefore(newest);

      assertThatThrownBy(() -> f.manager.startReplica("purged"))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("binlog file " + stoppedIn + " is no longer on the server")
          .hasMessageContaining("re-initialise the source (initReplica)");
      assertThat(f.manager.status("purged").state()).isEqualTo(SourceState.STOPPED);

      // what the message says works: a new copy, then replication from there
      f.manager.initReplica("purged");
      f.manager.startReplica("purged");
      f.mysql.execute("INSERT INTO t VALUES (4, 'after the re-init')");
      ReplicationSupport.awaitReplayed(f, "purged", WAIT);
      TableComparison.assertSameData(f.mysql, "t", f.pg.dataSource(), f.mysql.name() + "_pg", "t");
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private static void awaitCatalogueStatus(ReplicaManager manager, String source, String expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!manager.status(source).catalogueStatus().equals(expected)) {
      assertThat(System.nanoTime()).as("catalogue status of " + source + " " + expected + " by now").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /**
   * Purges every binlog file older than {@code newest}. MariaDB keeps a file that InnoDB crash
   * recovery may still need until its checkpoint is written, shortly after the rotation: the
   * purge is repeated until the files are gone.
   */
  private static void purgeBinlogsBefore(String newest) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try (Connection connection = Sandbox.get().source().openConnection(); Statement statement = connection.createStatement()) {
      while (true) {
        statement.execute("PURGE BINARY LOGS TO '" + newest + "'");
        List<String> warnings = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SHOW WARNINGS")) {
          while (rows.next()) {
            warnings.add(rows.getString("Message"));
          }
        }
        List<String> files = strings(connection, "SHOW BINARY LOGS");
        if (files.equals(List.of(newest))) {
          return;
        }
        assertThat(System.nanoTime()).as("binlog files before " + newest + " purged by now; the server has " + files
            + ", warnings " + warnings).isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }

  /**
   * The server ends the dump thread of a stopped reader only when it next writes to it (the
   * rotation wakes them all); until then the thread keeps its file from being purged.
   */
  private static void awaitNoBinlogReader() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try (Connection connection = Sandbox.get().source().openConnection()) {
      while (!strings(connection, "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'").isEmpty()) {
        assertThat(System.nanoTime()).as("binlog dump threads gone by now").isLessThan(deadline);
        Thread.sleep(100);
      }
    }
  }

  private void assertSame(String... tables) {
    for (String table : tables) {
      TableComparison.assertSameData(fixture.mysql, table, fixture.pg.dataSource(), pgSchema, table);
    }
  }

  /** The shared source runs, excludes nothing and logged no replay error. */
  private void assertHealthy() throws SQLException {
    SourceStatus status = fixture.manager.status(SOURCE);
    assertThat(status.state()).isEqualTo(SourceState.RUNNING);
    assertThat(status.tablesExcluded()).isEmpty();
    assertThat(pgStrings("SELECT v_table_name || ': ' || t_message FROM sch_chameleon.t_error_log"
        + " WHERE v_table_name <> 'times'")).isEmpty();
  }

  private void awaitReplayed() throws Exception {
    ReplicationSupport.awaitReplayed(fixture, SOURCE, WAIT);
  }

  /** Runs statements on the test database, under {@code sqlMode} when it is not null. */
  private void mysql(String sqlMode, String... sql) throws SQLException {
    try (Connection connection = fixture.mysql.openConnection(); Statement statement = connection.createStatement()) {
      if (sqlMode != null) {
        statement.execute("SET SESSION sql_mode = '" + sqlMode + "'");
      }
      for (String one : sql) {
        statement.execute(one);
      }
    }
  }

  private List<String> mysqlStrings(String sql) throws SQLException {
    try (Connection connection = fixture.mysql.openConnection()) {
      return strings(connection, sql);
    }
  }

  private List<String> pgStrings(String sql) throws SQLException {
    try (Connection connection = fixture.pg.openConnection()) {
      return strings(connection, sql);
    }
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }

  private Set<String> pgTablesIn(String schema) throws SQLException {
    try (Connection connection = fixture.pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p')")) {
      statement.setString(1, schema);
      Set<String> names = new TreeSet<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return names;
    }
  }

  private Set<String> pgTablesOutside(String schema) throws SQLException {
    try (Connection connection = fixture.pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT n.nspname || ' / ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname <> ? AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
      statement.setString(1, schema);
      Set<String> names = new TreeSet<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return names;
    }
  }

  private static String my(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String hex(int b) {
    return String.format("%02X", b);
  }

  private static String allBytesHex() {
    byte[] all = new byte[256];
    for (int b = 0; b < 256; b++) {
      all[b] = (byte) b;
    }
    return HexFormat.of().withUpperCase().formatHex(all);
  }

  /** A row of unsigned_max with every column at its maximum, or at zero. */
  private static String unsignedRow(String key, boolean max) {
    if (!max) {
      return "(" + key + ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)";
    }
    return "(" + key + ", 255, 65535, 16777215, 4294967295, 18446744073709551615,"
        + " 99999999999999999999999999999999999.999999999999999999999999999999, " + "9".repeat(65) + ","
        + " 99999999.99, 3.4028234663852886E38, 1.7976931348623157E308)";
  }

  private static String wideRow(int id) {
    return "(" + id + IntStream.rangeClosed(1, 998).mapToObj(i -> ", " + ((i * 7 + id) % 256 - 128))
        .collect(Collectors.joining()) + ", b'1')";
  }
}
