package io.chameleon.internal.capture;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata.DefaultCharset;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.chameleon.ChameleonException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link TableInfo} for a binlog TABLE_MAP event.
 *
 * <p>The wire types and their metadata (in the event) say how values are laid out and give
 * lengths, DECIMAL precision and scale, fractional seconds and BIT widths; they do not tell CHAR
 * from BINARY or TEXT from BLOB, nor give names. Those come from the event's optional metadata
 * when the server writes {@code binlog_row_metadata=FULL} (MariaDB 10.5+, MySQL 8.0.1+): column
 * names, signedness, charsets as collation ids (resolved with {@link MySqlCharsets}, read from the
 * server once), ENUM/SET labels, the simple primary key. Without column names, they come from
 * the reader's own view of the table when the caller has one (its schema model, kept current
 * from the DDL read so far, so it describes the table as it was when the event was written),
 * else from {@link InformationSchemaTables}, which describes the table as it is <em>now</em>: the column
 * count and type families must agree with the event, or the table changed since the event was
 * written and the resolver says so. MariaDB's JSON (a LONGTEXT with a {@code json_valid} check)
 * is not visible in the binlog at all, so a table with a LONGTEXT column costs one
 * {@code CHECK_CONSTRAINTS} query even when metadata is present.
 *
 * <p>Results are cached per (schema, table, column signature): the signature covers the wire
 * types, their metadata, nullability and the optional metadata, so an ALTER that changes any of
 * those gets a new entry (the table id is not part of the key: it changes after every ALTER and
 * says nothing a signature does not). A DDL that the event cannot show (a CHECK added or dropped,
 * a column renamed on a server without FULL metadata) needs {@link #invalidate}.
 *
 * <p>Each lookup that needs the server takes a connection from the {@link ConnectionSource} and
 * closes it. Thread-safe.
 */
public final class TableInfoResolver {

  private static final Logger LOG = LoggerFactory.getLogger(TableInfoResolver.class);

  /** Where the resolver gets a connection to the source server; it closes each one it gets. */
  @FunctionalInterface
  public interface ConnectionSource {
    /** A connection to the source server, which the caller closes. */
    Connection open() throws SQLException;
  }

  private record Key(String schema, String table, String signature) {}

  /** One column as the wire describes it; {@code type} is the real type (ENUM/SET unpacked from STRING). */
  private record WireColumn(ColumnType type, int meta, int length, boolean nullable) {}

  private final ConnectionSource connections;
  private final Map<Key, TableInfo> cache = new ConcurrentHashMap<>();
  private volatile MySqlCharsets charsets;

  /**
   * A resolver for one source server.
   *
   * @param connections opens connections to the source server for information_schema
   */
  public TableInfoResolver(ConnectionSource connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * A resolver with known charsets, for tests and for callers that already loaded them.
   *
   * @param connections opens connections to the source server for information_schema
   * @param charsets the server's charsets
   */
  public TableInfoResolver(ConnectionSource connections, MySqlCharsets charsets) {
    this(connections);
    this.charsets = Objects.requireNonNull(charsets, "charsets");
  }

  /**
   * The table an event maps, from the cache or built now.
   *
   * @param event a TABLE_MAP event
   * @return the table, columns in binlog order
   * @throws UnsupportedColumnException if a column's type or charset cannot be captured
   * @throws ChameleonException if information_schema is needed and cannot be read, or
   *     describes a table that no longer matches the event
   */
  public TableInfo resolve(TableMapEventData event) {
    return resolve(event, () -> null);
  }

  /**
   * The table an event maps, from the cache or built now, named from the reader's own view of
   * the table when the event carries no column names.
   *
   * @param event a TABLE_MAP event
   * @param modelled the table as the reader's schema model has it (kept current from the DDL
   *     read so far), or null to read information_schema instead; asked only on a cache miss,
   *     and used only when its column count agrees with the event
   */
  public TableInfo resolve(TableMapEventData event, Supplier<TableInfo> modelled) {
    Key key = new Key(event.getDatabase(), event.getTable(), signature(event));
    TableInfo cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    TableInfo info = build(event, modelled.get());
    cache.put(key, info);
    return info;
  }

  /** Forgets everything cached for a table; call it after DDL on the table. */
  public void invalidate(String schema, String table) {
    cache.keySet().removeIf(k -> k.schema().equals(schema) && k.table().equals(table));
  }

  /** Forgets every cached table (not the charsets). */
  public void invalidateAll() {
    cache.clear();
  }

  /** The source server's charsets, read on first use. */
  public MySqlCharsets charsets() {
    MySqlCharsets loaded = charsets;
    if (loaded == null) {
      synchronized (this) {
        loaded = charsets;
        if (loaded == null) {
          try (Connection connection = connections.open()) {
            loaded = MySqlCharsets.load(connection);
          } catch (SQLException e) {
            throw new ChameleonException("cannot read the source's collations from information_schema", e);
          }
          charsets = loaded;
        }
      }
    }
    return loaded;
  }

  private TableInfo build(TableMapEventData event, TableInfo modelled) {
    List<WireColumn> wire = wireColumns(event);
    TableMapEventMetadata metadata = event.getEventMetadata();
    if (metadata != null && metadata.getColumnNames() != null
        && metadata.getColumnNames().size() == wire.size()) {
      TableInfo fromMetadata = fromMetadata(event, wire, metadata);
      if (fromMetadata != null) {
        return withMariaDbJson(fromMetadata);
      }
    }
    return fromInformationSchema(event, wire, modelled);
  }

  // ------------------------------------------------------------------------------ full metadata

  /** The table from FULL row metadata, or null when the metadata is incomplete or inconsistent. */
  private TableInfo fromMetadata(TableMapEventData event, List<WireColumn> wire, TableMapEventMetadata metadata) {
    String table = event.getDatabase() + "." + event.getTable();
    List<String> names = metadata.getColumnNames();
    boolean anyCharsets = metadata.getDefaultCharset() != null || metadata.getColumnCharsets() != null
        || metadata.getEnumAndSetDefaultCharset() != null || metadata.getEnumAndSetColumnCharsets() != null;
    MySqlCharsets known = anyCharsets ? charsets() : null;
    boolean geometryHasCharset = known != null && known.mariaDb();
    int characterColumns = 0;
    int enumOrSetColumns = 0;
    for (WireColumn column : wire) {
      if (hasCharset(column.type(), geometryHasCharset)) {
        characterColumns++;
      } else if (column.type() == ColumnType.ENUM || column.type() == ColumnType.SET) {
        enumOrSetColumns++;
      }
    }
    int[] collations = collations(metadata.getDefaultCharset(), metadata.getColumnCharsets(), characterColumns);
    int[] enumCollations = collations(metadata.getEnumAndSetDefaultCharset(),
        metadata.getEnumAndSetColumnCharsets(), enumOrSetColumns);
    if ((characterColumns > 0 && collations == null) || (enumOrSetColumns > 0 && enumCollations == null)) {
      LOG.warn("{}: the table map's charset metadata does not match its columns; using information_schema", table);
      return null;
    }
    BitSet unsignedColumns = metadata.getSignedness() == null ? new BitSet() : metadata.getSignedness();
    List<String[]> enumLabels = metadata.getEnumStrValues() == null ? List.of() : metadata.getEnumStrValues();
    List<String[]> setLabels = metadata.getSetStrValues() == null ? List.of() : metadata.getSetStrValues();

    List<ColumnInfo> columns = new ArrayList<>(wire.size());
    int character = 0;
    int enumOrSet = 0;
    int enumIndex = 0;
    int setIndex = 0;
    for (int i = 0; i < wire.size(); i++) {
      WireColumn column = wire.get(i);
      String name = names.get(i);
      String where = table + "." + name;
      Charset charset = null;
      int maxBytes = 1;
      List<String> labels = List.of();
      if (column.type() == ColumnType.GEOMETRY) {
        character += geometryHasCharset ? 1 : 0;
      } else if (hasCharset(column.type(), false)) {
        int collation = collations[character++];
        charset = known.charset(collation, where);
        maxBytes = collation == MySqlCharsets.BINARY_COLLATION ? 1 : known.maxBytesPerChar(known.charsetName(collation, where));
      } else if (column.type() == ColumnType.ENUM || column.type() == ColumnType.SET) {
        int collation = enumCollations[enumOrSet++];
        charset = known.charset(collation, where);
        String[] values;
        if (column.type() == ColumnType.ENUM) {
          values = enumIndex < enumLabels.size() ? enumLabels.get(enumIndex++) : null;
        } else {
          values = setIndex < setLabels.size() ? setLabels.get(setIndex++) : null;
        }
        if (values == null || !labelsDecodable(values, charset)) {
          LOG.debug("{}: ENUM/SET labels missing or not decodable from the table map; using information_schema", where);
          return null;
        }
        labels = Arrays.asList(values);
      }
      columns.add(column(column, name, where, unsignedColumns.get(i), charset, maxBytes, labels, 0L));
    }
    List<String> key = new ArrayList<>();
    if (metadata.getSimplePrimaryKeys() != null) {
      for (int index : metadata.getSimplePrimaryKeys()) {
        key.add(names.get(index));
      }
    } else if (metadata.getPrimaryKeysWithPrefix() != null) {
      for (int index : metadata.getPrimaryKeysWithPrefix().keySet()) {
        key.add(names.get(index));
      }
    }
    return new TableInfo(event.getDatabase(), event.getTable(), columns, key);
  }

  /**
   * Collation ids for each of {@code count} columns, from DEFAULT_CHARSET (a default plus
   * exceptions by index among those columns) or COLUMN_CHARSET (one per column); null if the
   * metadata lacks them or lists a different number.
   */
  private static int[] collations(DefaultCharset defaults, List<Integer> perColumn, int count) {
    int[] result = new int[count];
    if (defaults != null) {
      Arrays.fill(result, defaults.getDefaultCharsetCollation());
      if (defaults.getCharsetCollations() != null) {
        for (Map.Entry<Integer, Integer> exception : defaults.getCharsetCollations().entrySet()) {
          if (exception.getKey() >= count) {
            return null;
          }
          result[exception.getKey()] = exception.getValue();
        }
      }
      return result;
    }
    if (perColumn == null || perColumn.size() != count) {
      return count == 0 ? result : null;
    }
    for (int i = 0; i < count; i++) {
      result[i] = perColumn.get(i);
    }
    return result;
  }

  /**
   * The connector decodes labels with the JVM's default charset; they are right only when that
   * and the column's charset agree, or when every label is ASCII.
   */
  private static boolean labelsDecodable(String[] labels, Charset charset) {
    if (Objects.equals(charset, Charset.defaultCharset())) {
      return true;
    }
    for (String label : labels) {
      for (int i = 0; i < label.length(); i++) {
        if (label.charAt(i) > 0x7F) {
          return false;
        }
      }
    }
    return true;
  }

  /** Marks MariaDB's JSON alias columns (LONGTEXT with a json_valid check). */
  private TableInfo withMariaDbJson(TableInfo table) {
    boolean anyLongText = false;
    for (ColumnInfo column : table.columns()) {
      anyLongText |= column.type() == MySqlType.TEXT && column.length() == ColumnInfo.LONG_LENGTH;
    }
    if (!anyLongText) {
      return table;
    }
    Set<String> json;
    try (Connection connection = connections.open()) {
      json = InformationSchemaTables.jsonCheckedColumns(connection, table.schema(), table.table());
    } catch (SQLException e) {
      throw new ChameleonException("cannot read the check constraints of " + table.qualifiedName(), e);
    }
    if (json.isEmpty()) {
      return table;
    }
    List<ColumnInfo> columns = new ArrayList<>(table.columns());
    for (int i = 0; i < columns.size(); i++) {
      ColumnInfo column = columns.get(i);
      if (column.type() == MySqlType.TEXT && column.length() == ColumnInfo.LONG_LENGTH && json.contains(column.name())) {
        columns.set(i, column.toBuilder().json(true).build());
      }
    }
    return new TableInfo(table.schema(), table.table(), columns, table.primaryKey());
  }

  // ---------------------------------------------------------------------- information_schema

  private TableInfo fromInformationSchema(TableMapEventData event, List<WireColumn> wire, TableInfo modelled) {
    String table = event.getDatabase() + "." + event.getTable();
    TableInfo now = modelled != null && modelled.columnCount() == wire.size() ? modelled : describe(event, table);
    if (now.columnCount() != wire.size()) {
      throw new ChameleonException("table " + table + " has " + now.columnCount()
          + " columns in information_schema (and in the reader's view) but the binlog event has " + wire.size()
          + ": it changed since the event was written; without binlog_row_metadata=FULL its rows cannot be named");
    }
    List<ColumnInfo> columns = new ArrayList<>(wire.size());
    for (int i = 0; i < wire.size(); i++) {
      WireColumn column = wire.get(i);
      ColumnInfo sql = now.column(i);
      String where = table + "." + sql.name();
      int maxBytes = 1;
      if (sql.charset() != null && (column.type() == ColumnType.STRING || column.type() == ColumnType.VARCHAR
          || column.type() == ColumnType.VAR_STRING) && sql.length() > 0) {
        maxBytes = Math.max(1, (column.type() == ColumnType.STRING ? column.length() : column.meta()) / (int) sql.length());
      }
      ColumnInfo built = column(column, sql.name(), where, sql.unsigned(), sql.charset(), maxBytes, sql.labels(),
          sql.type().isInteger() ? sql.length() : 0L);
      if (built.type() != sql.type()) {
        throw new ChameleonException("column " + where + " is " + sql.type() + " in information_schema but "
            + built.type() + " in the binlog event: the table changed since the event was written");
      }
      columns.add(sql.json() ? built.toBuilder().json(true).build() : built);
    }
    return new TableInfo(event.getDatabase(), event.getTable(), columns, now.primaryKey());
  }

  private TableInfo describe(TableMapEventData event, String table) {
    try (Connection connection = connections.open()) {
      return InformationSchemaTables.read(connection, event.getDatabase(), event.getTable())
          .orElseThrow(() -> new ChameleonException("table " + table
              + " is in the binlog but not in information_schema (dropped since?); its rows cannot be named"));
    } catch (SQLException e) {
      throw new ChameleonException("cannot read the columns of " + table + " from information_schema", e);
    }
  }

  // ------------------------------------------------------------------------------- wire types

  /**
   * Whether the table map's charset metadata lists a column of this wire type: CHAR/BINARY,
   * VARCHAR/VARBINARY, TEXT/BLOB; and GEOMETRY on MariaDB.
   */
  private static boolean hasCharset(ColumnType type, boolean geometryHasCharset) {
    return type == ColumnType.STRING || type == ColumnType.VARCHAR || type == ColumnType.VAR_STRING
        || type == ColumnType.BLOB || (geometryHasCharset && type == ColumnType.GEOMETRY);
  }

  /** The wire columns, with STRING's real type (CHAR/BINARY, ENUM, SET) and byte length unpacked. */
  private static List<WireColumn> wireColumns(TableMapEventData event) {
    byte[] types = event.getColumnTypes();
    int[] metadata = event.getColumnMetadata();
    BitSet nullability = event.getColumnNullability();
    List<WireColumn> columns = new ArrayList<>(types.length);
    for (int i = 0; i < types.length; i++) {
      int code = types[i] & 0xFF;
      int meta = metadata[i];
      int length = 0;
      if (code == ColumnType.STRING.getCode()) {
        // mysql sql/log_event.cc: the high byte is the real type, unless it carries length bits
        if (meta >= 256) {
          int meta0 = meta >> 8;
          int meta1 = meta & 0xFF;
          if ((meta0 & 0x30) != 0x30) {
            code = meta0 | 0x30;
            length = meta1 | (((meta0 & 0x30) ^ 0x30) << 4);
          } else {
            if (meta0 == ColumnType.ENUM.getCode() || meta0 == ColumnType.SET.getCode()) {
              code = meta0;
            }
            length = meta1;
          }
        } else {
          length = meta;
        }
      }
      ColumnType type = ColumnType.byCode(code);
      if (type == null) {
        throw new UnsupportedColumnException("column " + (i + 1) + " of " + event.getDatabase() + "."
            + event.getTable() + " has binlog type code " + code + ", which the connector does not know");
      }
      columns.add(new WireColumn(type, meta, length, nullability != null && nullability.get(i)));
    }
    return columns;
  }

  /** The SQL-level column for a wire column and what the metadata or information_schema says. */
  private static ColumnInfo column(WireColumn wire, String name, String where, boolean unsigned, Charset charset,
      int maxBytesPerChar, List<String> labels, long displayWidth) {
    boolean binary = charset == null;
    ColumnInfo.Builder b;
    switch (wire.type()) {
      case TINY:
        b = integer(name, MySqlType.TINYINT, unsigned, displayWidth);
        break;
      case SHORT:
        b = integer(name, MySqlType.SMALLINT, unsigned, displayWidth);
        break;
      case INT24:
        b = integer(name, MySqlType.MEDIUMINT, unsigned, displayWidth);
        break;
      case LONG:
        b = integer(name, MySqlType.INT, unsigned, displayWidth);
        break;
      case LONGLONG:
        b = integer(name, MySqlType.BIGINT, unsigned, displayWidth);
        break;
      case NEWDECIMAL:
        b = ColumnInfo.builder(name, MySqlType.DECIMAL).unsigned(unsigned)
            .precision(wire.meta() & 0xFF, wire.meta() >> 8);
        break;
      case FLOAT:
        b = ColumnInfo.builder(name, MySqlType.FLOAT).unsigned(unsigned);
        break;
      case DOUBLE:
        b = ColumnInfo.builder(name, MySqlType.DOUBLE).unsigned(unsigned);
        break;
      case BIT:
        b = ColumnInfo.builder(name, MySqlType.BIT).length((wire.meta() >> 8) * 8L + (wire.meta() & 0xFF));
        break;
      case STRING:
        b = binary
            ? ColumnInfo.builder(name, MySqlType.BINARY).length(wire.length())
            : ColumnInfo.builder(name, MySqlType.CHAR).charset(charset).length(wire.length() / maxBytesPerChar);
        break;
      case VARCHAR:
      case VAR_STRING:
        b = binary
            ? ColumnInfo.builder(name, MySqlType.VARBINARY).length(wire.meta())
            : ColumnInfo.builder(name, MySqlType.VARCHAR).charset(charset).length(wire.meta() / maxBytesPerChar);
        break;
      case BLOB:
        long bytes = blobLength(wire.meta(), where);
        b = binary
            ? ColumnInfo.builder(name, MySqlType.BLOB).length(bytes)
            : ColumnInfo.builder(name, MySqlType.TEXT).charset(charset).length(bytes);
        break;
      case ENUM:
        b = ColumnInfo.builder(name, MySqlType.ENUM).charset(charset).labels(labels);
        break;
      case SET:
        b = ColumnInfo.builder(name, MySqlType.SET).charset(charset).labels(labels);
        break;
      case DATE:
      case NEWDATE:
        b = ColumnInfo.builder(name, MySqlType.DATE);
        break;
      case TIME:
        b = ColumnInfo.builder(name, MySqlType.TIME);
        break;
      case TIME_V2:
        b = ColumnInfo.builder(name, MySqlType.TIME).fractionalSeconds(wire.meta());
        break;
      case DATETIME:
        b = ColumnInfo.builder(name, MySqlType.DATETIME);
        break;
      case DATETIME_V2:
        b = ColumnInfo.builder(name, MySqlType.DATETIME).fractionalSeconds(wire.meta());
        break;
      case TIMESTAMP:
        b = ColumnInfo.builder(name, MySqlType.TIMESTAMP);
        break;
      case TIMESTAMP_V2:
        b = ColumnInfo.builder(name, MySqlType.TIMESTAMP).fractionalSeconds(wire.meta());
        break;
      case YEAR:
        b = ColumnInfo.builder(name, MySqlType.YEAR);
        break;
      case JSON:
        b = ColumnInfo.builder(name, MySqlType.JSON);
        break;
      case GEOMETRY:
        b = ColumnInfo.builder(name, MySqlType.GEOMETRY);
        break;
      default:
        throw new UnsupportedColumnException("column " + where + " has binlog type " + wire.type()
            + ", which the replicator cannot capture; exclude the table or change the column");
    }
    return b.nullable(wire.nullable()).build();
  }

  private static ColumnInfo.Builder integer(String name, MySqlType type, boolean unsigned, long displayWidth) {
    return ColumnInfo.builder(name, type).unsigned(unsigned).length(displayWidth);
  }

  private static long blobLength(int packLength, String where) {
    switch (packLength) {
      case 1:
        return ColumnInfo.TINY_LENGTH;
      case 2:
        return ColumnInfo.REGULAR_LENGTH;
      case 3:
        return ColumnInfo.MEDIUM_LENGTH;
      case 4:
        return ColumnInfo.LONG_LENGTH;
      default:
        throw new UnsupportedColumnException("column " + where + " is a BLOB/TEXT with length bytes " + packLength);
    }
  }

  // -------------------------------------------------------------------------------- signature

  /** Everything in the event that shapes the TableInfo, as one string (the table id excluded). */
  private static String signature(TableMapEventData event) {
    StringBuilder s = new StringBuilder(64);
    for (byte type : event.getColumnTypes()) {
      s.append((char) (type & 0xFF));
    }
    s.append('|');
    for (int meta : event.getColumnMetadata()) {
      s.append(meta).append(',');
    }
    s.append('|').append(event.getColumnNullability());
    TableMapEventMetadata m = event.getEventMetadata();
    if (m != null) {
      s.append('|').append(m.getColumnNames())
          .append('|').append(m.getSignedness())
          .append('|').append(charsetSignature(m.getDefaultCharset())).append(m.getColumnCharsets())
          .append('|').append(charsetSignature(m.getEnumAndSetDefaultCharset())).append(m.getEnumAndSetColumnCharsets())
          .append('|').append(m.getSimplePrimaryKeys()).append(m.getPrimaryKeysWithPrefix());
      appendLabels(s.append('|'), m.getEnumStrValues());
      appendLabels(s.append('|'), m.getSetStrValues());
    }
    return s.toString();
  }

  private static String charsetSignature(DefaultCharset charset) {
    return charset == null ? "-" : charset.getDefaultCharsetCollation() + "" + charset.getCharsetCollations();
  }

  private static void appendLabels(StringBuilder s, List<String[]> labels) {
    if (labels != null) {
      for (String[] values : labels) {
        s.append(Arrays.toString(values)).append(values.length);
      }
    }
  }
}
