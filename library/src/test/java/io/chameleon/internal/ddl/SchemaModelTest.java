package io.chameleon.internal.ddl;

import static io.chameleon.internal.ddl.DdlTestSupport.MAPPING;
import static io.chameleon.internal.ddl.DdlTestSupport.MARIADB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlCharsets;
import io.chameleon.internal.capture.MySqlType;
import io.chameleon.internal.capture.TableInfo;
import io.chameleon.internal.snapshot.PgTypeMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaModelTest {

  private static final TableInfo ITEMS = new TableInfo("shop", "items", List.of(
      ColumnInfo.builder("id", MySqlType.INT).nullable(false).length(11).build(),
      ColumnInfo.builder("label", MySqlType.VARCHAR).charset(StandardCharsets.UTF_8).length(20).build()),
      List.of("id"));

  @Test
  void seededTablesKeepTheirColumnsAndGetTheirPrimaryKeyName() {
    SchemaModel model = SchemaModel.of(List.of(ITEMS));
    SourceTable items = model.table("shop", "items").orElseThrow();
    assertThat(items.toTableInfo()).isEqualTo(ITEMS);
    assertThat(items.primaryKey()).map(SourceIndex::pgName).hasValue(Optional.of("items_pkey"));
    assertThat(items.replicaKey()).containsExactly("id");
  }

  @Test
  void rowEventsAfterAnAlterDecodeWithTheNewColumnList() {
    SchemaModel model = SchemaModel.of(List.of(ITEMS));
    DdlOutcome outcome = MARIADB.translate("ALTER TABLE items ADD COLUMN price decimal(8,2) AFTER id, DROP label",
        "shop", model, MAPPING, PgTypeMap.exact());
    model.apply(outcome);
    assertThat(model.table("shop", "items").orElseThrow().toTableInfo().columns())
        .extracting(ColumnInfo::name).containsExactly("id", "price");
  }

  @Test
  void textColumnsTakeTheTableThenTheDatabaseThenTheServerCharset() {
    SchemaModel model = new SchemaModel();
    model.serverCharset("latin1");
    model.schemaCharset("arch", "utf8mb4");
    for (String sql : List.of("CREATE TABLE s1 (a varchar(3))", "CREATE TABLE arch.s2 (a varchar(3))",
        "CREATE TABLE s3 (a varchar(3)) CHARSET=utf8mb4")) {
      model.apply(MARIADB.translate(sql, "shop", model, MAPPING, PgTypeMap.exact()));
    }
    assertThat(model.table("shop", "s1").orElseThrow().columns().get(0).info().charset()).isEqualTo(MySqlCharsets.LATIN1);
    assertThat(model.table("arch", "s2").orElseThrow().columns().get(0).info().charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(model.table("shop", "s3").orElseThrow().columns().get(0).info().charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void copiesAreIndependentAndSkipsChangeNothing() {
    SchemaModel model = SchemaModel.of(List.of(ITEMS));
    SchemaModel copy = model.copy();
    copy.remove(new TableRef("shop", "items"));
    assertThat(model.tables()).hasSize(1);
    assertThat(copy.tables()).isEmpty();
    model.apply(MARIADB.translate("OPTIMIZE TABLE items", "shop", model, MAPPING, PgTypeMap.exact()));
    assertThat(model.tables()).hasSize(1);
  }

  @Test
  void tablesCheckTheirNames() {
    SourceColumn a = SourceColumn.of(ColumnInfo.builder("a", MySqlType.INT).build());
    SourceColumn upperA = SourceColumn.of(ColumnInfo.builder("A", MySqlType.INT).build());
    assertThatThrownBy(() -> new SourceTable("s", "t", List.of(a, upperA), List.of(), Optional.empty()))
        .hasMessageContaining("column A appears twice");
    assertThatThrownBy(() -> new SourceTable("s", "t", List.of(a), List.of(new SourceIndex("k", SourceIndex.Kind.INDEX,
        List.of(new SourceIndex.Part("b", 0)), Optional.of("t_k"))), Optional.empty()))
        .hasMessageContaining("names column b");
  }
}
