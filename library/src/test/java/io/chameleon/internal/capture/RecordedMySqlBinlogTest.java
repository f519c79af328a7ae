package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.chameleon.ChameleonException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Binary logs written by real MySQL servers (the connector's own test resources, copied under
 * {@code src/test/resources/mysql-binlog}), read with {@code BinaryLogFileReader} and
 * {@link EventDeserializers#create()}, and encoded with {@link RowEncoder}. These logs carry no
 * column names (no FULL row metadata), so the tables are described by stub {@link TableInfo}s
 * (the Sakila schema, or the CREATE TABLE statements found in the log itself): the path a
 * replicator takes when names come from elsewhere than the table map.
 */
class RecordedMySqlBinlogTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Charset UTF8 = StandardCharsets.UTF_8;
  private static final int MAGIC = 4;
  private static final int HEADER = 19;

  /** One row image, with the event type and table map it came with. */
  record Row(EventType type, TableMapEventData table, BitSet included, Serializable[] values, Serializable[] before) {}

  // ----------------------------------------------------------------------------------- sakila

  private static ColumnInfo.Builder col(String name, MySqlType type) {
    return ColumnInfo.builder(name, type).nullable(false);
  }

  private static ColumnInfo varchar(String name, int length) {
    return col(name, MySqlType.VARCHAR).charset(UTF8).length(length).build();
  }

  private static final TableInfo ACTOR = new TableInfo("sakila", "actor", List.of(
      col("actor_id", MySqlType.SMALLINT).unsigned(true).build(),
      varchar("first_name", 45),
      varchar("last_name", 45),
      col("last_update", MySqlType.TIMESTAMP).build()), List.of("actor_id"));

  private static final TableInfo PAYMENT = new TableInfo("sakila", "payment", List.of(
      col("payment_id", MySqlType.SMALLINT).unsigned(true).build(),
      col("customer_id", MySqlType.SMALLINT).unsigned(true).build(),
      col("staff_id", MySqlType.TINYINT).unsigned(true).build(),
      col("rental_id", MySqlType.INT).nullable(true).build(),
      col("amount", MySqlType.DECIMAL).precision(5, 2).build(),
      col("payment_date", MySqlType.DATETIME).build(),
      col("last_update", MySqlType.TIMESTAMP).build()), List.of("payment_id"));

  private static final TableInfo FILM = new TableInfo("sakila", "film", List.of(
      col("film_id", MySqlType.SMALLINT).unsigned(true).build(),
      varchar("title", 255),
      col("description", MySqlType.TEXT).charset(UTF8).length(ColumnInfo.REGULAR_LENGTH).nullable(true).build(),
      col("release_year", MySqlType.YEAR).nullable(true).build(),
      col("language_id", MySqlType.TINYINT).unsigned(true).build(),
      col("original_language_id", MySqlType.TINYINT).unsigned(true).nullable(true).build(),
      col("rental_duration", MySqlType.TINYINT).unsigned(true).build(),
      col("rental_rate", MySqlType.DECIMAL).precision(4, 2).build(),
      col("length", MySqlType.SMALLINT).unsigned(true).nullable(true).build(),
      col("replacement_cost", MySqlType.DECIMAL).precision(5, 2).build(),
      col("rating", MySqlType.ENUM).charset(UTF8).labels(List.of("G", "PG", "PG-13", "R", "NC-17")).nullable(true).build(),
      col("special_features", MySqlType.SET).charset(UTF8)
          .labels(List.of("Trailers", "Commentaries", "Deleted Scenes", "Behind the Scenes")).nullable(true).build(),
      col("last_update", MySqlType.TIMESTAMP).build()), List.of("film_id"));

  private static final TableInfo RENTAL = new TableInfo("sakila", "rental", List.of(
      col("rental_id", MySqlType.INT).build(),
      col("rental_date", MySqlType.DATETIME).build(),
      col("inventory_id", MySqlType.MEDIUMINT).unsigned(true).build(),
      col("customer_id", MySqlType.SMALLINT).unsigned(true).build(),
      col("return_date", MySqlType.DATETIME).nullable(true).build(),
      col("staff_id", MySqlType.TINYINT).unsigned(true).build(),
      col("last_update", MySqlType.TIMESTAMP).build()), List.of("rental_id"));

  private static final TableInfo CUSTOMER = new TableInfo("sakila", "customer", List.of(
      col("customer_id", MySqlType.SMALLINT).unsigned(true).build(),
      col("store_id", MySqlType.TINYINT).unsigned(true).build(),
      varchar("first_name", 45),
      varchar("last_name", 45),
      col("email", MySqlType.VARCHAR).charset(UTF8).length(50).nullable(true).build(),
      col("address_id", MySqlType.SMALLINT).unsigned(true).build(),
      col("active", MySqlType.TINYINT).length(1).build(),
      col("create_date", MySqlType.DATETIME).build(),
      col("last_update", MySqlType.TIMESTAMP).build()), List.of("customer_id"));

  @Test
  void sakilaRowsEncodeWithTheirMySqlValues() throws IOException {
    Map<String, TableInfo> stubs = Map.of("actor", ACTOR, "payment", PAYMENT, "film", FILM, "rental", RENTAL,
        "customer", CUSTOMER);
    Map<String, List<String>> json = new HashMap<>();
    RowEncoder encoder = new RowEncoder();
    for (Row row : rows(read("mysql-bin.sakila.gz"))) {
      TableInfo stub = stubs.get(row.table().getTable());
      if (stub != null) {
        assertWireTypesFit(stub, row.table());
        json.computeIfAbsent(stub.table(), k -> new ArrayList<>())
            .add(encoder.encode(stub, row.values(), row.included()));
      }
    }

    // MySQL 5.6 wrote the pre-5.6.4 TIMESTAMP and DATETIME wire types; the server ran at UTC+1
    // (Sakila's '2006-02-15 04:34:33' local is 03:34:33 UTC).
    assertThat(json.get("actor")).hasSize(200);
    assertThat(json.get("actor").get(0))
        .isEqualTo("{\"actor_id\":1,\"first_name\":\"PENELOPE\",\"last_name\":\"GUINESS\","
            + "\"last_update\":\"2006-02-15 03:34:33+00\"}");
    assertThat(json.get("payment")).hasSize(16049);
    assertThat(json.get("payment").get(0))
        .isEqualTo("{\"payment_id\":1,\"customer_id\":1,\"staff_id\":1,\"rental_id\":76,\"amount\":2.99,"
            + "\"payment_date\":\"2005-05-25 11:30:37\",\"last_update\":\"2006-02-15 21:12:30+00\"}");
    BigDecimal total = BigDecimal.ZERO;
    for (String payment : json.get("payment")) {
      total = total.add(tree(payment).get("amount").decimalValue());
    }
    assertThat(total).as("Sakila's SUM(amount)").isEqualByComparingTo("67416.51");
    assertThat(json.get("film")).hasSize(1000);
    assertThat(json.get("film").get(0))
        .isEqualTo("{\"film_id\":1,\"title\":\"ACADEMY DINOSAUR\",\"description\":\"A Epic Drama of a Feminist"
            + " And a Mad Scientist who must Battle a Teacher in The Canadian Rockies\",\"release_year\":2006,"
            + "\"language_id\":1,\"original_language_id\":null,\"rental_duration\":6,\"rental_rate\":0.99,"
            + "\"length\":86,\"replacement_cost\":20.99,\"rating\":\"PG\","
            + "\"special_features\":[\"Deleted Scenes\",\"Behind the Scenes\"],"
            + "\"last_update\":\"2006-02-15 04:03:42+00\"}");
    assertThat(json.get("rental")).hasSize(16044);
    assertThat(json.get("rental").get(0))
        .isEqualTo("{\"rental_id\":1,\"rental_date\":\"2005-05-24 22:53:30\",\"inventory_id\":367,"
            + "\"customer_id\":130,\"return_date\":\"2005-05-26 22:04:30\",\"staff_id\":1,"
            + "\"last_update\":\"2006-02-15 20:30:53+00\"}");
    assertThat(json.get("customer")).hasSize(599);
    assertThat(json.get("customer").get(0))
        .isEqualTo("{\"customer_id\":1,\"store_id\":1,\"first_name\":\"MARY\",\"last_name\":\"SMITH\","
            + "\"email\":\"MARY.SMITH@sakilacustomer.org\",\"address_id\":5,\"active\":1,"
            + "\"create_date\":\"2006-02-14 22:04:36\",\"last_update\":\"2006-02-15 03:57:20+00\"}");
  }

  // -------------------------------------------------------------------------------- checksums

  /**
   * The two checksum fixtures hold different workloads (not one workload twice), so each is
   * also re-written the other way here: the CRC32 log with its checksums verified and removed,
   * the plain log with CRC32 checksums added. Every log must decode to the same rows both ways.
   */
  @Test
  void checksummedAndPlainLogsGiveTheSameRows() throws IOException {
    byte[] crc32 = bytes("mysql-bin.checksum-crc32");
    byte[] plain = bytes("mysql-bin.checksum-none");
    assertThat(checksumAlgorithm(crc32)).isEqualTo(1);
    assertThat(checksumAlgorithm(plain)).isZero();

    List<Event> crc32Events = read(crc32);
    assertThat(crc32Events).filteredOn(e -> isRowsEvent(e.getHeader().getEventType())).hasSize(34 + 20 + 6);
    List<String> fromCrc32 = encodeAll(crc32Events);
    List<String> fromCrc32Stripped = encodeAll(read(withoutChecksums(crc32)));
    assertThat(fromCrc32).hasSize(63).isEqualTo(fromCrc32Stripped);

    List<Event> plainEvents = read(plain);
    assertThat(plainEvents).filteredOn(e -> isRowsEvent(e.getHeader().getEventType())).hasSize(34 + 2);
    List<String> fromPlain = encodeAll(plainEvents);
    List<String> fromPlainChecksummed = encodeAll(read(withChecksums(plain)));
    assertThat(fromPlain).hasSize(36).isEqualTo(fromPlainChecksummed);
  }

  /** The plain log's own CREATE TABLE statements name its columns: encode with them. */
  @Test
  void plainLogRowsEncodeWithTheTablesItCreates() throws IOException {
    List<Event> events = read("mysql-bin.checksum-none");
    String ddl = events.stream().map(Event::getData).filter(QueryEventData.class::isInstance)
        .map(d -> ((QueryEventData) d).getSql()).filter(sql -> sql.startsWith("create table refresh_token"))
        .findFirst().orElseThrow();
    assertThat(ddl).contains("id CHAR(36) not null", "created_at DATETIME not null", "is_enable TINYINT(1) UNSIGNED",
        "refresh_token VARCHAR(2000)");
    TableInfo refreshToken = new TableInfo("account_db", "refresh_token", List.of(
        col("id", MySqlType.CHAR).charset(UTF8).length(36).build(),
        col("created_at", MySqlType.DATETIME).build(),
        col("updated_at", MySqlType.DATETIME).nullable(true).build(),
        col("account_id", MySqlType.VARCHAR).charset(UTF8).length(36).nullable(true).build(),
        col("is_enable", MySqlType.TINYINT).unsigned(true).length(1).nullable(true).build(),
        col("refresh_token", MySqlType.VARCHAR).charset(UTF8).length(2000).nullable(true).build()), List.of("id"));
    RowEncoder encoder = new RowEncoder();
    List<JsonNode> encoded = new ArrayList<>();
    for (Row row : rows(events)) {
      if (row.table().getTable().equals("refresh_token")) {
        assertWireTypesFit(refreshToken, row.table());
        encoded.add(tree(encoder.encode(refreshToken, row.values(), row.included())));
      }
    }
    assertThat(encoded).hasSize(24).allSatisfy(row -> {
      assertThat(row.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(row.get("created_at").asText()).matches("2018-1[01]-\\d\\d \\d\\d:\\d\\d:\\d\\d");
      assertThat(row.get("is_enable").isNumber()).isTrue();
    });
    assertThat(encoded.get(0).get("created_at").asText()).isEqualTo("2018-10-30 18:31:47");
  }

  // ------------------------------------------------------------------------------ compressed

  /**
   * MySQL 8.0.20+ binlog transaction compression: one TRANSACTION_PAYLOAD holds the whole
   * transaction; the inner TABLE_MAP and UPDATE_ROWS come out decoded with the same rules
   * (VARCHAR as bytes) and encode like any other rows. The table map has MINIMAL metadata (a
   * default charset, no names), so the resolver would need information_schema.
   */
  @Test
  void compressedTransactionsExposeTheirRows() throws IOException {
    List<Event> events = read("mysql-bin.compressed");
    TransactionPayloadEventData payload = events.stream().map(Event::getData)
        .filter(TransactionPayloadEventData.class::isInstance).map(TransactionPayloadEventData.class::cast)
        .findFirst().orElseThrow();
    assertThat(payload.getUncompressedEvents()).extracting(e -> e.getHeader().getEventType())
        .contains(EventType.TABLE_MAP, EventType.EXT_UPDATE_ROWS);

    List<Row> rows = rows(events);
    assertThat(rows).hasSize(1);
    Row update = rows.get(0);
    assertThat(update.values()[1]).isInstanceOf(byte[].class);
    TableMapEventData map = update.table();
    assertThat(map.getEventMetadata().getDefaultCharset().getDefaultCharsetCollation()).isEqualTo(255);
    assertThat(map.getEventMetadata().getColumnNames()).isNull();

    // names inferred from the values: the table is a film list
    List<ColumnInfo> columns = new ArrayList<>();
    String[] names = {"id", "title", "year", "country", "genres", "actors", "directors", "composers",
        "screenwriters", "cinematography", "production_companies"};
    for (int i = 0; i < names.length; i++) {
      boolean number = map.getColumnTypes()[i] == ColumnType.LONG.getCode();
      columns.add(number
          ? col(names[i], MySqlType.INT).build()
          : col(names[i], MySqlType.VARCHAR).charset(UTF8).length(map.getColumnMetadata()[i] / 4).build());
    }
    TableInfo movies = new TableInfo("demo", "movies", columns, List.of("id"));
    RowEncoder encoder = new RowEncoder();
    JsonNode before = tree(encoder.encode(movies, update.before(), update.included()));
    JsonNode after = tree(encoder.encode(movies, update.values(), update.included()));
    assertThat(before.get("title").asText()).isEqualTo("Once Upon a Time in the West");
    assertThat(before.get("year").asInt()).isEqualTo(1968);
    assertThat(before.get("genres").asText()).isEqualTo("Western");
    assertThat(after.get("genres").asText()).isEqualTo("Western|Action");
    assertThat(after.get("actors").asText()).startsWith("Claudia Cardinale|Charles Bronson|Henry Fonda");

    // no column names in the metadata: the resolver goes to information_schema, and says so when it cannot
    TableInfoResolver resolver = new TableInfoResolver(() -> {
      throw new SQLException("no server in a unit test", "08001");
    }, MySqlCharsets.of(Map.of(255, "utf8mb4"), Map.of("utf8mb4", 4), false));
    assertThatThrownBy(() -> resolver.resolve(map))
        .isInstanceOf(ChameleonException.class)
        .hasMessageContaining("information_schema")
        .satisfies(e -> assertThat(((ChameleonException) e).sqlState()).contains("08001"));
  }

  // -------------------------------------------------------------------------- unknown events

  /** Aurora writes a padding event of a type the connector does not know: skipped, reading goes on. */
  @Test
  void auroraPaddingEventIsSkipped() throws IOException {
    List<Event> events = read("mysql-bin.aurora-padding");
    assertThat(events).extracting(e -> e.getHeader().getEventType()).containsExactly(
        EventType.FORMAT_DESCRIPTION, EventType.PREVIOUS_GTIDS, EventType.ANONYMOUS_GTID, EventType.UNKNOWN,
        EventType.QUERY);
    assertThat((Object) events.get(3).getData()).isNull();
    assertThat(((QueryEventData) events.get(4).getData()).getSql()).isEqualTo("BEGIN");
  }

  // ---------------------------------------------------------------------------------- helpers

  private static boolean isRowsEvent(EventType type) {
    return EventType.isWrite(type) || EventType.isUpdate(type) || EventType.isDelete(type);
  }

  private static JsonNode tree(String json) throws IOException {
    return JSON.readTree(json);
  }

  private static byte[] bytes(String resource) throws IOException {
    try (InputStream in = RecordedMySqlBinlogTest.class.getResourceAsStream("/mysql-binlog/" + resource)) {
      if (in == null) {
        throw new IOException("missing test resource /mysql-binlog/" + resource);
      }
      return resource.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
    }
  }

  private static List<Event> read(String resource) throws IOException {
    return read(bytes(resource));
  }

  private static List<Event> read(byte[] log) throws IOException {
    List<Event> events = new ArrayList<>();
    try (BinaryLogFileReader reader = new BinaryLogFileReader(new ByteArrayInputStream(log),
        EventDeserializers.create())) {
      for (Event event = reader.readEvent(); event != null; event = reader.readEvent()) {
        events.add(event);
      }
    }
    return events;
  }

  /** Every row image, transaction payloads unpacked, with the table map in force. */
  private static List<Row> rows(List<Event> events) {
    List<Event> flat = new ArrayList<>();
    for (Event event : events) {
      if (event.getData() instanceof TransactionPayloadEventData payload) {
        flat.addAll(payload.getUncompressedEvents());
      } else {
        flat.add(event);
      }
    }
    Map<Long, TableMapEventData> maps = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (Event event : flat) {
      EventData data = event.getData();
      EventType type = event.getHeader().getEventType();
      if (data instanceof TableMapEventData map) {
        maps.put(map.getTableId(), map);
      } else if (data instanceof WriteRowsEventData write) {
        for (Serializable[] values : write.getRows()) {
          rows.add(new Row(type, maps.get(write.getTableId()), write.getIncludedColumns(), values, null));
        }
      } else if (data instanceof UpdateRowsEventData update) {
        for (Map.Entry<Serializable[], Serializable[]> values : update.getRows()) {
          rows.add(new Row(type, maps.get(update.getTableId()), update.getIncludedColumns(), values.getValue(),
              values.getKey()));
        }
      } else if (data instanceof DeleteRowsEventData delete) {
        for (Serializable[] values : delete.getRows()) {
          rows.add(new Row(type, maps.get(delete.getTableId()), delete.getIncludedColumns(), values, null));
        }
      }
    }
    return rows;
  }

  /** Every row of every table, encoded with a stub built from the table map (columns c0, c1, ...; utf8). */
  private static List<String> encodeAll(List<Event> events) {
    RowEncoder encoder = new RowEncoder();
    List<String> json = new ArrayList<>();
    for (Row row : rows(events)) {
      TableInfo stub = stubFromWireTypes(row.table(), i -> "c" + i);
      String prefix = row.type() + " " + stub.qualifiedName() + " ";
      json.add(prefix + encoder.encode(stub, row.values(), row.included())
          + (row.before() == null ? "" : " before " + encoder.encode(stub, row.before(), row.included())));
    }
    return json;
  }

  /** A stub for a table map without metadata: signed numbers, utf8 text (3 bytes a character). */
  private static TableInfo stubFromWireTypes(TableMapEventData map, Function<Integer, String> names) {
    List<ColumnInfo> columns = new ArrayList<>();
    for (int i = 0; i < map.getColumnTypes().length; i++) {
      int meta = map.getColumnMetadata()[i];
      ColumnType type = ColumnType.byCode(map.getColumnTypes()[i] & 0xFF);
      String name = names.apply(i);
      ColumnInfo.Builder column = switch (type) {
        case TINY -> col(name, MySqlType.TINYINT);
        case SHORT -> col(name, MySqlType.SMALLINT);
        case INT24 -> col(name, MySqlType.MEDIUMINT);
        case LONG -> col(name, MySqlType.INT);
        case LONGLONG -> col(name, MySqlType.BIGINT);
        case FLOAT -> col(name, MySqlType.FLOAT);
        case DOUBLE -> col(name, MySqlType.DOUBLE);
        case NEWDECIMAL -> col(name, MySqlType.DECIMAL).precision(meta & 0xFF, meta >> 8);
        case VARCHAR -> col(name, MySqlType.VARCHAR).charset(UTF8).length(meta / 3);
        case STRING -> col(name, MySqlType.CHAR).charset(UTF8).length((meta & 0xFF) / 3);
        case BLOB -> col(name, MySqlType.TEXT).charset(UTF8).length(ColumnInfo.REGULAR_LENGTH);
        case DATE -> col(name, MySqlType.DATE);
        case DATETIME, DATETIME_V2 -> col(name, MySqlType.DATETIME).fractionalSeconds(meta);
        case TIMESTAMP, TIMESTAMP_V2 -> col(name, MySqlType.TIMESTAMP).fractionalSeconds(meta);
        case TIME, TIME_V2 -> col(name, MySqlType.TIME).fractionalSeconds(meta);
        case YEAR -> col(name, MySqlType.YEAR);
        default -> throw new IllegalArgumentException("no stub for " + type + " in " + map);
      };
      columns.add(column.nullable(map.getColumnNullability().get(i)).build());
    }
    return new TableInfo(map.getDatabase(), map.getTable(), columns, List.of());
  }

  /** Checks that a stub has the table map's columns: count and wire type family. */
  private static void assertWireTypesFit(TableInfo stub, TableMapEventData map) {
    byte[] types = map.getColumnTypes();
    assertThat(stub.columnCount()).as("columns of %s", stub.qualifiedName()).isEqualTo(types.length);
    for (int i = 0; i < types.length; i++) {
      ColumnType wire = ColumnType.byCode(types[i] & 0xFF);
      MySqlType sql = stub.column(i).type();
      MySqlType expected = switch (wire) {
        case TINY -> MySqlType.TINYINT;
        case SHORT -> MySqlType.SMALLINT;
        case INT24 -> MySqlType.MEDIUMINT;
        case LONG -> MySqlType.INT;
        case LONGLONG -> MySqlType.BIGINT;
        case NEWDECIMAL -> MySqlType.DECIMAL;
        case VARCHAR -> MySqlType.VARCHAR;
        case BLOB -> MySqlType.TEXT;
        case YEAR -> MySqlType.YEAR;
        case DATETIME, DATETIME_V2 -> MySqlType.DATETIME;
        case TIMESTAMP, TIMESTAMP_V2 -> MySqlType.TIMESTAMP;
        case STRING -> sql == MySqlType.ENUM || sql == MySqlType.SET ? sql : MySqlType.CHAR;
        default -> null;
      };
      assertThat(sql).as("column %s of %s (wire %s)", stub.column(i).name(), stub.qualifiedName(), wire)
          .isEqualTo(expected);
    }
  }

  /** The checksum algorithm byte of the log's FORMAT_DESCRIPTION event (1 = CRC32). */
  private static int checksumAlgorithm(byte[] log) {
    int size = le32(log, MAGIC + 9);
    return log[MAGIC + size - 5];
  }

  /** A copy of a CRC32 log without checksums; every event's CRC32 is verified on the way. */
  private static byte[] withoutChecksums(byte[] log) {
    ByteBuffer out = ByteBuffer.allocate(log.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(log, 0, MAGIC);
    for (int at = MAGIC; at < log.length; ) {
      int size = le32(log, at + 9);
      CRC32 crc = new CRC32();
      crc.update(log, at, size - 4);
      assertThat((long) le32(log, at + size - 4) & 0xFFFFFFFFL).as("CRC32 of the event at %d", at)
          .isEqualTo(crc.getValue());
      boolean formatDescription = log[at + 4] == 15;
      byte[] event = java.util.Arrays.copyOfRange(log, at, at + (formatDescription ? size : size - 4));
      if (formatDescription) {
        event[size - 5] = 0; // algorithm OFF; the FDE keeps its 4 checksum bytes
      }
      putLe32(event, 9, event.length);
      putLe32(event, 13, out.position() + event.length);
      out.put(event);
      at += size;
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  /** A copy of a log without checksums, with CRC32 checksums added to every event. */
  private static byte[] withChecksums(byte[] log) {
    ByteBuffer out = ByteBuffer.allocate(log.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    out.put(log, 0, MAGIC);
    for (int at = MAGIC; at < log.length; ) {
      int size = le32(log, at + 9);
      boolean formatDescription = log[at + 4] == 15;
      byte[] event = java.util.Arrays.copyOfRange(log, at, at + (formatDescription ? size : size + 4));
      if (formatDescription) {
        event[size - 5] = 1;
      }
      putLe32(event, 9, event.length);
      putLe32(event, 13, out.position() + event.length);
      CRC32 crc = new CRC32();
      crc.update(event, 0, event.length - 4);
      putLe32(event, event.length - 4, (int) crc.getValue());
      out.put(event);
      at += size;
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  private static int le32(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 3] & 0xFF) << 24;
  }

  private static void putLe32(byte[] bytes, int at, int value) {
    bytes[at] = (byte) value;
    bytes[at + 1] = (byte) (value >>> 8);
    bytes[at + 2] = (byte) (value >>> 16);
    bytes[at + 3] = (byte) (value >>> 24);
  }
}
