package io.chameleon.internal.capture;

import com.github.luben.zstd.ZstdInputStream;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.LRUCache;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidTaggedEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.IntVarEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RowsQueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the connector's {@link EventDeserializer} the way {@link RowEncoder} expects its values.
 * Use it for {@code BinaryLogClient.setEventDeserializer} and for {@code BinaryLogFileReader}.
 *
 * <p>What the values look like (on top of the connector's usual Integer/Long/BigDecimal/
 * Float/Double/BitSet/byte[] mapping):
 *
 * <ul>
 *   <li>{@code CHAR_AND_BINARY_AS_BYTE_ARRAY}: CHAR, VARCHAR, BINARY, VARBINARY arrive as
 *       {@code byte[]} (the connector would otherwise decode every CHAR as UTF-8, whatever the
 *       column's charset), like TEXT, BLOB, JSON and GEOMETRY always do.
 *   <li>Temporal types are decoded here, not by the connector, as {@code Long} microseconds
 *       ({@code DATE_AND_TIME_AS_LONG_MICRO} is set too, but every temporal reader is replaced):
 *       DATE and DATETIME since 1970-01-01 on the proleptic Gregorian calendar; TIMESTAMP since
 *       the epoch, UTC; TIME as a <b>signed</b> duration. Zero dates, dates with a zero month or
 *       day, impossible days (ALLOW_INVALID_DATES) and the zero TIMESTAMP are {@code null}.
 *   <li>YEAR is an {@code Integer}; the zero year 0000 is 0.
 *   <li>MySQL 8 compressed transactions ({@code TRANSACTION_PAYLOAD}) are unpacked with these
 *       same rules (the connector's own unpacker would use a default deserializer for the inner
 *       events).
 * </ul>
 *
 * <p>What the connector's own readers (0.41.0, same modes) gave on MariaDB 11.4, and why they
 * are replaced: TIME {@code -838:59:59} came out as 185:04:05 and TIME(6) {@code -00:00:00.5} as
 * about +1024 hours (negative TIME is stored as a complement, which it read as sign and
 * magnitude); DATE {@code 1000-01-01} as 1000-01-06 and {@code 1582-10-04} as 1582-10-14 on the
 * proleptic calendar (it switches to the Julian calendar before 1582-10-15); YEAR 0000 as 1900.
 *
 * <p>Each call returns a new deserializer with its own table-map cache; a deserializer is used
 * by one reader thread.
 */
public final class EventDeserializers {

  private static final int MYSQL_COMPRESSION_ZSTD = 0;
  private static final int MYSQL_COMPRESSION_NONE = 255;

  private EventDeserializers() {}

  /** A new deserializer for one binlog stream or file. */
  @SuppressWarnings("rawtypes") // the connector's constructor takes a map of raw deserializers
  public static EventDeserializer create() {
    Map<Long, TableMapEventData> tableMaps = new LRUCache<>(100, 0.75f, 10_000);
    Map<EventType, EventDataDeserializer> byType = new EnumMap<>(EventType.class);
    byType.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
    byType.put(EventType.ROTATE, new RotateEventDataDeserializer());
    byType.put(EventType.INTVAR, new IntVarEventDataDeserializer());
    byType.put(EventType.QUERY, new QueryEventDataDeserializer());
    byType.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
    byType.put(EventType.XID, new XidEventDataDeserializer());
    byType.put(EventType.WRITE_ROWS, new WriteRows(tableMaps));
    byType.put(EventType.UPDATE_ROWS, new UpdateRows(tableMaps));
    byType.put(EventType.DELETE_ROWS, new DeleteRows(tableMaps));
    byType.put(EventType.EXT_WRITE_ROWS, new WriteRows(tableMaps).setMayContainExtraInformation(true));
    byType.put(EventType.EXT_UPDATE_ROWS, new UpdateRows(tableMaps).setMayContainExtraInformation(true));
    byType.put(EventType.EXT_DELETE_ROWS, new DeleteRows(tableMaps).setMayContainExtraInformation(true));
    byType.put(EventType.ROWS_QUERY, new RowsQueryEventDataDeserializer());
    byType.put(EventType.GTID, new GtidEventDataDeserializer());
    byType.put(EventType.GTID_TAGGED, new GtidTaggedEventDataDeserializer());
    byType.put(EventType.PREVIOUS_GTIDS, new PreviousGtidSetDeserializer());
    byType.put(EventType.XA_PREPARE, new XAPrepareEventDataDeserializer());
    byType.put(EventType.ANNOTATE_ROWS, new AnnotateRowsEventDataDeserializer());
    byType.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
    byType.put(EventType.BINLOG_CHECKPOINT, new BinlogCheckpointEventDataDeserializer());
    byType.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
    byType.put(EventType.TRANSACTION_PAYLOAD, new TransactionPayload());
    EventDeserializer deserializer = new EventDeserializer(
        new EventHeaderV4Deserializer(), new NullEventDataDeserializer(), byType, tableMaps);
    deserializer.setCompatibilityMode(
        CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY, CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO);
    return deserializer;
  }

  /**
   * MySQL 8.0.20+ {@code TRANSACTION_PAYLOAD}: a header of (type, length, value) fields, then the
   * transaction's events, zstd-compressed, without checksums. The inner events are read with a
   * fresh deserializer from {@link #create()}, so their rows follow the same rules.
   */
  static final class TransactionPayload implements EventDataDeserializer<TransactionPayloadEventData> {

    @Override
    public TransactionPayloadEventData deserialize(ByteArrayInputStream in) throws IOException {
      TransactionPayloadEventData data = new TransactionPayloadEventData();
      int compression = MYSQL_COMPRESSION_ZSTD;
      while (in.available() > 0) {
        int field = in.readPackedInteger();
        if (field == 0) {
          break;
        }
        int length = in.readPackedInteger();
        switch (field) {
          case 1:
            data.setPayloadSize(in.readPackedInteger());
            break;
          case 2:
            compression = in.readPackedInteger();
            data.setCompressionType(compression);
            break;
          case 3:
            data.setUncompressedSize(in.readPackedLong());
            break;
          default:
            in.read(length);
            break;
        }
      }
      data.setPayload(in.read(data.getPayloadSize()));
      InputStream events;
      if (compression == MYSQL_COMPRESSION_ZSTD) {
        events = new ZstdInputStream(new java.io.ByteArrayInputStream(data.getPayload()));
      } else if (compression == MYSQL_COMPRESSION_NONE) {
        events = new java.io.ByteArrayInputStream(data.getPayload());
      } else {
        throw new IOException("TRANSACTION_PAYLOAD with unknown compression type " + compression);
      }
      ArrayList<Event> inner = new ArrayList<>();
      try (events) {
        EventDeserializer deserializer = create();
        ByteArrayInputStream stream = new ByteArrayInputStream(events);
        for (Event event = deserializer.nextEvent(stream); event != null; event = deserializer.nextEvent(stream)) {
          inner.add(event);
        }
      }
      data.setUncompressedEvents(inner);
      return data;
    }
  }

  static final class WriteRows extends WriteRowsEventDataDeserializer {
    WriteRows(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.date(in);
    }

    @Override
    protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.datetimeV1(in);
    }

    @Override
    protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.datetimeV2(meta, in);
    }

    @Override
    protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timestampV1(in);
    }

    @Override
    protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timestampV2(meta, in);
    }

    @Override
    protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timeV1(in);
    }

    @Override
    protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timeV2(meta, in);
    }

    @Override
    protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.year(in);
    }
  }

  static final class UpdateRows extends UpdateRowsEventDataDeserializer {
    UpdateRows(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.date(in);
    }

    @Override
    protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.datetimeV1(in);
    }

    @Override
    protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.datetimeV2(meta, in);
    }

    @Override
    protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timestampV1(in);
    }

    @Override
    protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timestampV2(meta, in);
    }

    @Override
    protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timeV1(in);
    }

    @Override
    protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timeV2(meta, in);
    }

    @Override
    protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.year(in);
    }
  }

  static final class DeleteRows extends DeleteRowsEventDataDeserializer {
    DeleteRows(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.date(in);
    }

    @Override
    protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.datetimeV1(in);
    }

    @Override
    protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.datetimeV2(meta, in);
    }

    @Override
    protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timestampV1(in);
    }

    @Override
    protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timestampV2(meta, in);
    }

    @Override
    protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timeV1(in);
    }

    @Override
    protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.timeV2(meta, in);
    }

    @Override
    protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
      return MySqlTemporal.year(in);
    }
  }
}
