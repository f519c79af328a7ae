package io.chameleon.internal.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.internal.ddl.MySqlTokens.Kind;
import io.chameleon.internal.ddl.MySqlTokens.Token;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pre-step before JSqlParser: the tokens it reads and each rewrite rule of {@link DdlRewriter}. */
class DdlRewriterTest {

  private static String rendered(String sql) {
    return MySqlTokens.render(MySqlTokens.of(sql));
  }

  // ------------------------------------------------------------------------------------ tokens

  @Test
  void commentsGoAndExecutableCommentsKeepTheirBody() {
    assertThat(rendered("/* a */ DROP -- b\n TABLE # c\n t /*!40101 IF EXISTS */ /*M!100100 x */"))
        .isEqualTo("DROP TABLE t IF EXISTS x");
  }

  @Test
  void stringsAreDecoded() {
    List<Token> tokens = MySqlTokens.of("'it''s' \"dq\", 'a\\'b\\\\c\\n', _utf8mb4'intro', N'nat', 'ad' 'jacent', '\\%'");
    assertThat(tokens).extracting(Token::value).containsExactly(
        "it'sdq", ",", "a'b\\c\n", ",", "intro", ",", "nat", ",", "adjacent", ",", "\\%"); // adjacent strings join
  }

  @Test
  void separateStringsStaySeparate() {
    assertThat(MySqlTokens.of("'a', 'b'")).extracting(Token::value).containsExactly("a", ",", "b");
  }

  @Test
  void quotedNamesLiteralsAndNumbers() {
    assertThat(MySqlTokens.of("`we``ird` x'0F' 0x1f b'101' 0b11 -1.5e3 1st_col (.5 db.t1"))
        .containsExactly(
            Token.name("we`ird"), new Token(Kind.HEX, "0F"), new Token(Kind.HEX, "1f"), new Token(Kind.BIT, "101"),
            new Token(Kind.BIT, "11"), Token.symbol("-"), new Token(Kind.NUMBER, "1.5e3"), Token.word("1st_col"),
            Token.symbol("("), new Token(Kind.NUMBER, ".5"), Token.word("db"), Token.symbol("."), Token.word("t1"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "'open|string not closed",
      "`open|quoted name not closed",
      "/* open|comment not closed"})
  void unclosedThingsAreErrors(String sql, String message) {
    assertThatThrownBy(() -> MySqlTokens.of(sql)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void renderWritesStandardStrings() {
    assertThat(MySqlTokens.render(List.of(Token.string("it's a\\b"), Token.name("n"), Token.symbol("."), Token.word("x"))))
        .isEqualTo("'it''s a\\\\b' `n`.x");
  }

  // ------------------------------------------------------------------------------------ statement

  @Test
  void setStatementPrefixAndSemicolonsGo() {
    assertThat(MySqlTokens.render(DdlRewriter.statement(MySqlTokens.of(
        "SET STATEMENT max_statement_time=100, lock_wait_timeout=(5) FOR ALTER TABLE t ADD c int;;"))))
        .isEqualTo("ALTER TABLE t ADD c int");
  }

  @Test
  void splitRespectsParentheses() {
    assertThat(DdlRewriter.split(MySqlTokens.of("a int, b decimal(10,2), KEY k (a, b)")))
        .extracting(MySqlTokens::render)
        .containsExactly("a int", "b decimal ( 10 , 2 )", "KEY k ( a , b )");
  }

  // ------------------------------------------------------------------------------------ columns

  private static String column(DdlRewriter rewriter, String definition) {
    return MySqlTokens.render(rewriter.columnDefinition(MySqlTokens.of(definition)));
  }

  @Test
  void defaultsBecomePlaceholdersWithTheirValueKept() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(column(rewriter, "n decimal(5,2) NOT NULL DEFAULT -1.50 COMMENT 'x'"))
        .isEqualTo("`n` decimal ( 5 , 2 ) NOT NULL DEFAULT 'chameleon_default_0'");
    assertThat(rewriter.defaultFor("'chameleon_default_0'"))
        .hasValue(new DefaultValue.Literal(DefaultValue.LiteralKind.NUMBER, "-1.50"));
    assertThat(rewriter.ignored()).containsExactly("COMMENT 'x'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "'it''s'|Literal[kind=STRING, value=it's]",
      "-1|Literal[kind=NUMBER, value=-1]",
      "+2.5|Literal[kind=NUMBER, value=2.5]",
      "(7)|Literal[kind=NUMBER, value=7]",
      "('x')|Literal[kind=STRING, value=x]",
      "x'00ff'|Literal[kind=HEX, value=00ff]",
      "b'101'|Literal[kind=BIT, value=101]",
      "TRUE|Literal[kind=NUMBER, value=1]",
      "NULL|Null[]",
      "CURRENT_TIMESTAMP|CurrentTimestamp[precision=0]",
      "current_timestamp()|CurrentTimestamp[precision=0]",
      "NOW(3)|CurrentTimestamp[precision=3]",
      "LOCALTIMESTAMP|CurrentTimestamp[precision=0]",
      "uuid()|Expression[text=uuid ( )]",
      "(a + 1)|Expression[text=( a + 1 )]",
      "CURRENT_DATE|Expression[text=CURRENT_DATE]"})
  void defaultValues(String sql, String expected) {
    DdlRewriter rewriter = new DdlRewriter();
    column(rewriter, "c int DEFAULT " + sql + " NOT NULL");
    assertThat(rewriter.defaultFor("chameleon_default_0")).map(Object::toString).hasValue(expected);
  }

  @Test
  void clausesWithoutPostgresqlMeaningGo() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(column(rewriter, "t timestamp(3) NOT NULL ON UPDATE CURRENT_TIMESTAMP(3) INVISIBLE"
        + " COLUMN_FORMAT FIXED STORAGE DISK WITH SYSTEM VERSIONING"))
        .isEqualTo("`t` timestamp ( 3 ) NOT NULL");
    assertThat(rewriter.ignored()).containsExactly("ON UPDATE CURRENT_TIMESTAMP ( 3 )", "INVISIBLE",
        "COLUMN_FORMAT FIXED", "STORAGE DISK", "WITH SYSTEM VERSIONING");
  }

  @Test
  void jsonChecksMarkTheColumnAndOtherChecksGo() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(column(rewriter, "`j` longtext DEFAULT NULL CHECK (json_valid(`j`))"))
        .isEqualTo("`j` longtext DEFAULT 'chameleon_default_0'");
    assertThat(column(rewriter, "a int CONSTRAINT positive CHECK (a > 0) REFERENCES t (id) ON DELETE CASCADE"))
        .isEqualTo("`a` int");
    assertThat(rewriter.jsonColumns()).containsExactly("j");
  }

  @Test
  void generatedColumnsLoseTheirExpression() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(column(rewriter, "g int GENERATED ALWAYS AS (a + 1) STORED NOT NULL")).isEqualTo("`g` int NOT NULL");
    assertThat(column(rewriter, "h int AS (concat(a, b)) VIRTUAL")).isEqualTo("`h` int");
    assertThat(rewriter.generatedColumns()).containsExactlyInAnyOrder("g", "h");
  }

  @Test
  void serialDefaultValueIsSpelledOut() {
    assertThat(column(new DdlRewriter(), "id bigint SERIAL DEFAULT VALUE"))
        .isEqualTo("`id` bigint NOT NULL AUTO_INCREMENT UNIQUE");
  }

  @Test
  void namesHoldingABackquoteBecomePlaceholders() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(column(rewriter, "`x``y` int")).isEqualTo("`chameleon_name_0` int");
    assertThat(rewriter.name("`chameleon_name_0`")).isEqualTo("x`y");
    assertThat(rewriter.name("`plain`")).isEqualTo("plain");
  }

  // ------------------------------------------------------------------------------------ keys

  private static Optional<String> key(DdlRewriter rewriter, String definition) {
    return rewriter.keyDefinition(MySqlTokens.of(definition)).map(MySqlTokens::render);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "PRIMARY KEY USING BTREE (a, b)|PRIMARY KEY ( `a` , `b` )",
      "CONSTRAINT pk PRIMARY KEY (a)|PRIMARY KEY ( `a` )",
      "UNIQUE INDEX u (a(10) DESC) USING HASH COMMENT 'x'|UNIQUE KEY `u` ( `a` ( 10 ) )",
      "UNIQUE u (a)|UNIQUE KEY `u` ( `a` )",
      "CONSTRAINT uc UNIQUE (a)|UNIQUE KEY `uc` ( `a` )",
      "CONSTRAINT uc UNIQUE KEY named (a)|UNIQUE KEY `named` ( `a` )",
      "INDEX i (name ASC, b) KEY_BLOCK_SIZE=8 VISIBLE|KEY `i` ( `name` , `b` )",
      "KEY (a)|KEY `chameleon_unnamed_0` ( `a` )",
      "UNIQUE (a)|UNIQUE KEY `chameleon_unnamed_0` ( `a` )"})
  void keysAreNormalised(String definition, String expected) {
    assertThat(key(new DdlRewriter(), definition)).hasValue(expected);
  }

  @Test
  void foreignKeysAndChecksGo() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(key(rewriter, "CONSTRAINT fk FOREIGN KEY (a) REFERENCES t (id)")).isEmpty();
    assertThat(key(rewriter, "CHECK (json_valid(`j`))")).isEmpty();
    assertThat(rewriter.jsonColumns()).containsExactly("j");
    assertThat(rewriter.ignored()).hasSize(2);
  }

  @Test
  void fulltextSpatialAndFunctionalKeysAreKeptAside() {
    DdlRewriter rewriter = new DdlRewriter();
    assertThat(key(rewriter, "FULLTEXT KEY ft (body)")).isEmpty();
    assertThat(key(rewriter, "SPATIAL INDEX (g)")).isEmpty();
    assertThat(key(rewriter, "INDEX fn ((lower(name)))")).isEmpty();
    assertThat(rewriter.specialIndexes().values()).containsExactly(
        new ParsedDdl.IndexSpec(Optional.of("ft"), SourceIndex.Kind.FULLTEXT, List.of(new SourceIndex.Part("body", 0))),
        new ParsedDdl.IndexSpec(Optional.empty(), SourceIndex.Kind.SPATIAL, List.of(new SourceIndex.Part("g", 0))),
        new ParsedDdl.IndexSpec(Optional.of("fn"), SourceIndex.Kind.INDEX, List.of()));
  }
}
