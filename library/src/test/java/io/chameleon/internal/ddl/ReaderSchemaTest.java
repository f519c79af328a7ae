package io.chameleon.internal.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chameleon.SourceConfig;
import io.chameleon.internal.capture.ColumnInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderSchemaTest {

  private static ReaderSchema schema() {
    SourceConfig config = SourceConfig.builder("shop")
        .mysql("localhost", 3306).credentials("replicator", "secret").serverId(7)
        .mapSchema("shop", "shop_pg").mapSchema("arch", "arch_pg")
        .skipTables("shop.logs")
        .build();
    return new ReaderSchema(config, DdlParser.Flavor.MARIADB, DdlTestSupport.fixture());
  }

  @Test
  void appliedStatementsMoveTheModelAndTravelAsJson() {
    ReaderSchema schema = schema();
    DdlEvent event = schema.read("ALTER TABLE orders ADD COLUMN shipped date, DROP PRIMARY KEY,"
        + " ADD PRIMARY KEY (id, customer_id)", "shop").orElseThrow();

    assertThat(event.kind()).isEqualTo(DdlOutcome.Kind.APPLY);
    assertThat(event.changes()).containsExactly(new DdlEvent.Change("shop", "orders", List.of("id", "customer_id")));
    assertThat(DdlEvent.fromJson(event.toJson())).isEqualTo(event);
    assertThat(schema.table("shop", "orders").orElseThrow().columns()).extracting(ColumnInfo::name)
        .containsExactly("id", "customer_id", "total", "note", "shipped");
  }

  @Test
  void renamesAndDropsTravelAsRemovalsAndPuts() {
    DdlEvent rename = schema().read("RENAME TABLE customers TO clients", "shop").orElseThrow();
    assertThat(rename.changes()).extracting(DdlEvent.Change::ref, DdlEvent.Change::removed)
        .containsExactlyInAnyOrder(
            tuple(new TableRef("shop", "customers"), true),
            tuple(new TableRef("shop", "clients"), false));
    DdlEvent drop = schema().read("DROP TABLE IF EXISTS orders", "shop").orElseThrow();
    assertThat(DdlEvent.fromJson(drop.toJson()).changes()).singleElement()
        .satisfies(c -> assertThat(c.removed()).isTrue());
  }

  @Test
  void aFailedStatementMarksItsTableAndForgetsItsColumns() {
    ReaderSchema schema = schema();
    DdlEvent event = schema.read("ALTER TABLE orders FROBNICATE x", "shop").orElseThrow();

    assertThat(event.kind()).isEqualTo(DdlOutcome.Kind.FAIL);
    assertThat(event.reasonText()).hasValueSatisfying(r -> assertThat(r).contains("FROBNICATE"));
    assertThat(schema.failed("shop", "orders")).isTrue();
    assertThat(schema.failed("shop", "customers")).isFalse();
    assertThat(schema.table("shop", "orders")).as("rows are then named from information_schema").isEmpty();
  }

  @Test
  void statementsOnOtherSchemasOrSkippedTablesAreNotLogged() {
    ReaderSchema schema = schema();
    assertThat(schema.read("CREATE TABLE other.x (a int)", "shop")).isEmpty();
    assertThat(schema.read("ALTER TABLE logs ADD COLUMN b int", "shop")).isEmpty();
    assertThat(schema.read("CREATE USER u", "other")).isEmpty();
    assertThat(schema.read("CREATE USER u", "shop")).hasValueSatisfying(
        e -> assertThat(e.kind()).isEqualTo(DdlOutcome.Kind.SKIP));
  }

  @Test
  void aReconnectGoesBackToTheModelOfTheLastCommittedBatch() {
    ReaderSchema schema = schema();
    schema.read("ALTER TABLE orders ADD COLUMN a int", "shop");
    schema.committed();
    schema.read("ALTER TABLE orders ADD COLUMN b int", "shop");
    schema.read("ALTER TABLE customers FROBNICATE x", "shop");

    schema.rollback();

    assertThat(schema.table("shop", "orders").orElseThrow().columns()).extracting(ColumnInfo::name).endsWith("a");
    assertThat(schema.failed("shop", "customers")).isFalse();
    assertThat(schema.read("ALTER TABLE orders ADD COLUMN b int", "shop")).hasValueSatisfying(
        e -> assertThat(e.kind()).as("read again, the statement applies again").isEqualTo(DdlOutcome.Kind.APPLY));
  }
}
