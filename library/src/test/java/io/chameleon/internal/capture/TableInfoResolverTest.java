package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata.DefaultCharset;
import io.chameleon.ChameleonException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The FULL-metadata path on hand-built table maps, in MySQL's layout (GEOMETRY has no charset
 * entry) and MariaDB's (it has one); {@code RowEncoderIT} covers MariaDB on a real server.
 */
class TableInfoResolverTest {

  private static final MySqlCharsets MYSQL = MySqlCharsets.of(Map.of(255, "utf8mb4", 8, "latin1", 63, "binary"),
      Map.of("utf8mb4", 4, "latin1", 1), false);
  private static final MySqlCharsets MARIADB = MySqlCharsets.of(Map.of(255, "utf8mb4", 8, "latin1", 63, "binary"),
      Map.of("utf8mb4", 4, "latin1", 1), true);

  private final AtomicInteger connections = new AtomicInteger();

  private TableInfoResolver resolver(MySqlCharsets charsets) {
    return new TableInfoResolver(() -> {
      connections.incrementAndGet();
      throw new SQLException("no server in a unit test", "08001");
    }, charsets);
  }

  private static final String[] NAMES = {"id", "name", "geo", "code", "status", "tags", "body", "raw", "price", "t",
      "flags", "big", "j"};

  /**
   * shop.items: BIGINT UNSIGNED, VARCHAR(20) utf8mb4, GEOMETRY, CHAR(3) latin1, ENUM, SET,
   * TEXT utf8mb4, LONGBLOB, DECIMAL(10,2), TIME(3), BIT(10), CHAR(100) utf8mb4 (400 bytes: the
   * length spills into the type byte), JSON.
   */
  private static TableMapEventData items(Map<Integer, Integer> charsetExceptions) {
    TableMapEventData event = new TableMapEventData();
    event.setTableId(42);
    event.setDatabase("shop");
    event.setTable("items");
    event.setColumnTypes(new byte[] {8, 15, (byte) 255, (byte) 254, (byte) 254, (byte) 254, (byte) 252, (byte) 252,
        (byte) 246, 19, 16, (byte) 254, (byte) 245});
    event.setColumnMetadata(new int[] {0, 80, 4, 0xFE03, 0xF701, 0xF801, 2, 4, 10 | 2 << 8, 3, 1 << 8 | 2, 0xEE90,
        4});
    BitSet nullable = new BitSet();
    nullable.set(1, 13);
    event.setColumnNullability(nullable);
    TableMapEventMetadata metadata = new TableMapEventMetadata();
    metadata.setColumnNames(List.of(NAMES));
    BitSet unsigned = new BitSet();
    unsigned.set(0);
    metadata.setSignedness(unsigned);
    DefaultCharset charsets = new DefaultCharset();
    charsets.setDefaultCharsetCollation(255);
    charsets.setCharsetCollations(charsetExceptions);
    metadata.setDefaultCharset(charsets);
    DefaultCharset enumCharsets = new DefaultCharset();
    enumCharsets.setDefaultCharsetCollation(255);
    metadata.setEnumAndSetDefaultCharset(enumCharsets);
    metadata.setEnumStrValues(List.<String[]>of(new String[] {"new", "done"}));
    metadata.setSetStrValues(List.<String[]>of(new String[] {"a", "b"}));
    metadata.setSimplePrimaryKeys(List.of(0));
    event.setEventMetadata(metadata);
    return event;
  }

  private static Map<Integer, Integer> exceptions(int... indexAndCollation) {
    Map<Integer, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < indexAndCollation.length; i += 2) {
      map.put(indexAndCollation[i], indexAndCollation[i + 1]);
    }
    return map;
  }

  private static void assertItems(TableInfo table) {
    assertThat(table.columns()).extracting(ColumnInfo::name).containsExactly(NAMES);
    assertThat(table.primaryKey()).containsExactly("id");
    assertThat(table.column(0)).isEqualTo(ColumnInfo.builder("id", MySqlType.BIGINT).unsigned(true).nullable(false)
        .build());
    assertThat(table.column(1)).isEqualTo(ColumnInfo.builder("name", MySqlType.VARCHAR)
        .charset(StandardCharsets.UTF_8).length(20).build());
    assertThat(table.column(2)).isEqualTo(ColumnInfo.builder("geo", MySqlType.GEOMETRY).build());
    assertThat(table.column(3)).isEqualTo(ColumnInfo.builder("code", MySqlType.CHAR)
        .charset(MySqlCharsets.LATIN1).length(3).build());
    assertThat(table.column(4)).isEqualTo(ColumnInfo.builder("status", MySqlType.ENUM)
        .charset(StandardCharsets.UTF_8).labels(List.of("new", "done")).build());
    assertThat(table.column(5)).isEqualTo(ColumnInfo.builder("tags", MySqlType.SET)
        .charset(StandardCharsets.UTF_8).labels(List.of("a", "b")).build());
    assertThat(table.column(6)).isEqualTo(ColumnInfo.builder("body", MySqlType.TEXT)
        .charset(StandardCharsets.UTF_8).length(ColumnInfo.REGULAR_LENGTH).build());
    assertThat(table.column(7)).isEqualTo(ColumnInfo.builder("raw", MySqlType.BLOB)
        .length(ColumnInfo.LONG_LENGTH).build());
    assertThat(table.column(8)).isEqualTo(ColumnInfo.builder("price", MySqlType.DECIMAL).precision(10, 2).build());
    assertThat(table.column(9)).isEqualTo(ColumnInfo.builder("t", MySqlType.TIME).fractionalSeconds(3).build());
    assertThat(table.column(10)).isEqualTo(ColumnInfo.builder("flags", MySqlType.BIT).length(10).build());
    assertThat(table.column(11)).isEqualTo(ColumnInfo.builder("big", MySqlType.CHAR)
        .charset(StandardCharsets.UTF_8).length(100).build());
    assertThat(table.column(12)).isEqualTo(ColumnInfo.builder("j", MySqlType.JSON).build());
  }

  @Test
  void mysqlListsNoCharsetForGeometry() {
    // character columns: name, code, body, raw, big
    TableInfo table = resolver(MYSQL).resolve(items(exceptions(1, 8, 3, 63)));
    assertItems(table);
    assertThat(connections).hasValue(0);
  }

  @Test
  void mariaDbListsGeometryAmongTheCharacterColumns() {
    // character columns: name, geo, code, body, raw, big
    TableInfo table = resolver(MARIADB).resolve(items(exceptions(1, 63, 2, 8, 4, 63)));
    assertItems(table);
    assertThat(connections).hasValue(0);
  }

  @Test
  void perColumnCharsetsOfTheWrongCountSendTheResolverToInformationSchema() {
    TableMapEventData event = items(null);
    event.getEventMetadata().setDefaultCharset(null);
    event.getEventMetadata().setColumnCharsets(List.of(255, 8, 255));
    assertThatThrownBy(() -> resolver(MYSQL).resolve(event))
        .isInstanceOf(ChameleonException.class).hasMessageContaining("information_schema");
    assertThat(connections).hasValue(1);

    event.getEventMetadata().setColumnCharsets(List.of(255, 8, 255, 63, 255));
    assertItems(resolver(MYSQL).resolve(event));
  }

  @Test
  void resultsAreCachedBySignatureNotByTableId() {
    TableInfoResolver resolver = resolver(MYSQL);
    TableInfo first = resolver.resolve(items(exceptions(1, 8, 3, 63)));
    TableMapEventData afterAlter = items(exceptions(1, 8, 3, 63));
    afterAlter.setTableId(43);
    assertThat(resolver.resolve(afterAlter)).isSameAs(first);

    TableMapEventData renamed = items(exceptions(1, 8, 3, 63));
    List<String> names = new ArrayList<>(List.of(NAMES));
    names.set(1, "title");
    renamed.getEventMetadata().setColumnNames(names);
    assertThat(resolver.resolve(renamed).column(1).name()).isEqualTo("title");

    TableMapEventData relabelled = items(exceptions(1, 8, 3, 63));
    relabelled.getEventMetadata().setEnumStrValues(List.<String[]>of(new String[] {"done", "new"}));
    assertThat(resolver.resolve(relabelled).column(4).labels()).containsExactly("done", "new");

    resolver.invalidate("shop", "items");
    TableInfo rebuilt = resolver.resolve(items(exceptions(1, 8, 3, 63)));
    assertThat(rebuilt).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void typesWithoutACaptureAreErrorsNamingTheColumn() {
    TableMapEventData event = items(exceptions(1, 8, 3, 63));
    byte[] types = event.getColumnTypes().clone();
    types[8] = 0; // the pre-5.0 DECIMAL
    event.setColumnTypes(types);
    assertThatThrownBy(() -> resolver(MYSQL).resolve(event))
        .isInstanceOf(UnsupportedColumnException.class).hasMessageContaining("shop.items.price");
  }
}
