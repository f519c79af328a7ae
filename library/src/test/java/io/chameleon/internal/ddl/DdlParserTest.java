package io.chameleon.internal.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.ddl.ParsedDdl.AddColumn;
import io.chameleon.internal.ddl.ParsedDdl.AlterTable;
import io.chameleon.internal.ddl.ParsedDdl.CreateTable;
import io.chameleon.internal.ddl.ParsedDdl.ModifyColumn;
import io.chameleon.internal.ddl.ParsedDdl.Position;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the parser makes of statements, below the translator. */
class DdlParserTest {

  private static final DdlParser MARIADB = new DdlParser(DdlParser.Flavor.MARIADB);
  private static final DdlParser MYSQL = new DdlParser(DdlParser.Flavor.MYSQL);

  private static ColumnSpec only(ParsedDdl parsed) {
    assertThat(parsed).isInstanceOf(CreateTable.class);
    return ((CreateTable) parsed).columns().get(0);
  }

  @Test
  void jsonDependsOnTheServer() {
    ColumnSpec maria = only(MARIADB.parse("CREATE TABLE j (a json)", "db"));
    assertThat(maria.type()).isEqualTo(MySqlType.TEXT);
    assertThat(maria.length()).isEqualTo(ColumnInfo.LONG_LENGTH);
    assertThat(maria.json()).isTrue();
    assertThat(maria.charset()).hasValue("utf8mb4");
    ColumnSpec mysql = only(MYSQL.parse("CREATE TABLE j (a json)", "db"));
    assertThat(mysql.type()).isEqualTo(MySqlType.JSON);
    assertThat(mysql.json()).isTrue();
  }

  @Test
  void displayWidthsFollowInformationSchema() {
    assertThat(only(MARIADB.parse("CREATE TABLE t (a int unsigned)", "db")).length()).isEqualTo(10);
    assertThat(only(MARIADB.parse("CREATE TABLE t (a tinyint(1))", "db")).length()).isEqualTo(1);
    assertThat(only(MYSQL.parse("CREATE TABLE t (a int unsigned)", "db")).length()).isZero();
  }

  @Test
  void charsetsComeFromCharsetCollateOrBinary() {
    assertThat(only(MARIADB.parse("CREATE TABLE t (a varchar(3) COLLATE latin1_bin)", "db")).charset()).hasValue("latin1");
    assertThat(only(MARIADB.parse("CREATE TABLE t (a varchar(3) CHARSET ascii)", "db")).charset()).hasValue("ascii");
    ColumnSpec binary = only(MARIADB.parse("CREATE TABLE t (a varchar(3) CHARACTER SET binary)", "db"));
    assertThat(binary.type()).isEqualTo(MySqlType.VARBINARY);
    assertThat(binary.charset()).isEmpty();
    assertThat(((CreateTable) MARIADB.parse("CREATE TABLE t (a int) COLLATE=utf8mb3_bin", "db")).charset())
        .hasValue("utf8mb3");
  }

  @Test
  void positionsAreKeptForTheModel() {
    AlterTable alter = (AlterTable) MARIADB.parse(
        "ALTER TABLE t ADD a int FIRST, ADD b int AFTER `first`, MODIFY c int AFTER a, ADD `first` int", "db");
    assertThat(alter.actions()).hasSize(4);
    assertThat(((AddColumn) alter.actions().get(0)).position()).hasValue(Position.FIRST);
    assertThat(((AddColumn) alter.actions().get(1)).position()).hasValue(new Position(Optional.of("first")));
    assertThat(((ModifyColumn) alter.actions().get(2)).position()).hasValue(new Position(Optional.of("a")));
    assertThat(((AddColumn) alter.actions().get(3)).column().name()).isEqualTo("first");
    assertThat(((AddColumn) alter.actions().get(3)).position()).isEmpty();
  }

  @Test
  void createAndDropIndexAreTheAlterTableMysqlRuns() {
    assertThat(MARIADB.parse("CREATE INDEX i ON other.t (a)", "db")).isEqualTo(new AlterTable(new TableRef("other", "t"),
        List.of(new ParsedDdl.AddIndex(new ParsedDdl.IndexSpec(Optional.of("i"), SourceIndex.Kind.INDEX,
            List.of(new SourceIndex.Part("a", 0))), false)), List.of()));
    assertThat(MARIADB.parse("DROP INDEX IF EXISTS i ON t ALGORITHM=INPLACE", "db")).isEqualTo(new AlterTable(
        new TableRef("db", "t"), List.of(new ParsedDdl.DropIndex("i", true)), List.of("ALGORITHM = INPLACE")));
  }

  @Test
  void unreadableStatementsNameTheTableWhenKnown() {
    assertThat(MARIADB.parse("ALTER TABLE s.t ADD COLUMN x int WHATEVER", "db"))
        .isEqualTo(new ParsedDdl.Unreadable("column s.t.x: attribute not understood: WHATEVER",
            Optional.of(new TableRef("s", "t"))));
    assertThat(MARIADB.parse("", "db")).isEqualTo(new ParsedDdl.Unreadable("empty statement", Optional.empty()));
    assertThat(MARIADB.parse("CREATE TABLE t (a int,, b int)", "db")).isInstanceOf(ParsedDdl.Unreadable.class);
  }
}
