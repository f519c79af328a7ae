package io.chameleon.internal.capture;

import com.github.luben.zstd.ZstdInputStream;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.LRUCache;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidTaggedEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.IntVarEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MissingTableMapEventException;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RowsQueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the connector's {@link EventDeserializer} the way {@link RowEncoder} expects its values.
 * Use it for {@code BinaryLogClient.setEventDeserializer} and for {@code BinaryLogFileReader}.
 *
 * <p>The connector reads every event but the ROWS events: their row images are decoded here
 * ({@link RowImages}), from the event's bytes in an array. The values are the connector's with
 * its {@code CHAR_AND_BINARY_AS_BYTE_ARRAY} and {@code DATE_AND_TIME_AS_LONG_MICRO} modes, except
 * where those were wrong:
 *
 * <ul>
 *   <li>signed integers as {@code Integer} (TINYINT to INT) and {@code Long} (BIGINT); unsigned
 *       ones as their signed two's complement; DECIMAL as an exact {@code BigDecimal}; FLOAT and
 *       DOUBLE as {@code Float} and {@code Double}; BIT as a {@code BitSet};
 *   <li>CHAR, VARCHAR, BINARY, VARBINARY, TEXT, BLOB, JSON and GEOMETRY as {@code byte[]} (the
 *       connector would otherwise decode every CHAR as UTF-8, whatever the column's charset);
 *       ENUM as its 1-based {@code Integer} index, SET as its {@code Long} bitmask;
 *   <li>temporal types as {@code Long} microseconds ({@link MySqlTemporal}): DATE and DATETIME
 *       since 1970-01-01 on the proleptic Gregorian calendar; TIMESTAMP since the epoch, UTC;
 *       TIME as a <b>signed</b> duration. Zero dates, dates with a zero month or day, impossible
 *       days (ALLOW_INVALID_DATES) and the zero TIMESTAMP are {@code null}.
 *   <li>YEAR is an {@code Integer}; the zero year 0000 is 0.
 *   <li>MySQL 8 compressed transactions ({@code TRANSACTION_PAYLOAD}) are unpacked with these
 *       same rules (the connector's own unpacker would use a default deserializer for the inner
 *       events).
 * </ul>
 *
 * <p>What the connector's own readers (0.41.0, same modes) gave on MariaDB 11.4, and why its
 * temporal decoding is not used: TIME {@code -838:59:59} came out as 185:04:05 and TIME(6) {@code
 * -00:00:00.5} as about +1024 hours (negative TIME is stored as a complement, which it read as
 * sign and magnitude); DATE {@code 1000-01-01} as 1000-01-06 and {@code 1582-10-04} as 1582-10-14
 * on the proleptic calendar (it switches to the Julian calendar before 1582-10-15); YEAR 0000 as
 * 1900. Its row decoding as a whole is not used for speed: it reads each byte through a
 * synchronized {@code InputStream.read()} and looks each cell's type up in a map.
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
    byType.put(EventType.WRITE_ROWS, new WriteRows(tableMaps, false));
    byType.put(EventType.UPDATE_ROWS, new UpdateRows(tableMaps, false));
    byType.put(EventType.DELETE_ROWS, new DeleteRows(tableMaps, false));
    byType.put(EventType.EXT_WRITE_ROWS, new WriteRows(tableMaps, true));
    byType.put(EventType.EXT_UPDATE_ROWS, new UpdateRows(tableMaps, true));
    byType.put(EventType.EXT_DELETE_ROWS, new DeleteRows(tableMaps, true));
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
    return new EventDeserializer(new EventHeaderV4Deserializer(), new NullEventDataDeserializer(), byType, tableMaps);
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

  /**
   * The fields every ROWS event starts with, and the lookup of its table's TABLE_MAP. The event's
   * body is read into an array kept for the next event: the row images are decoded into values
   * of their own, nothing refers to it afterwards.
   */
  private abstract static class Rows<T extends EventData> implements EventDataDeserializer<T> {
    /** An event body past this size is read into an array of its own, not kept. */
    private static final int KEPT_BYTES = 1 << 20;

    private final Map<Long, TableMapEventData> tableMaps;
    private final boolean extraInformation;
    private byte[] body = new byte[16 * 1024];

    Rows(Map<Long, TableMapEventData> tableMaps, boolean extraInformation) {
      this.tableMaps = tableMaps;
      this.extraInformation = extraInformation;
    }

    @Override
    public T deserialize(ByteArrayInputStream stream) throws IOException {
      int length = stream.available();
      if (length > body.length && length <= KEPT_BYTES) {
        body = new byte[length];
      }
      byte[] bytes = length <= body.length ? body : new byte[length];
      stream.fill(bytes, 0, length);
      BinlogBytes in = new BinlogBytes(bytes, length);
      long tableId = in.readLong(6);
      in.skip(2); // flags
      if (extraInformation) {
        in.skip(in.readInteger(2) - 2);
      }
      int columns = in.readPackedInteger();
      TableMapEventData table = tableMaps.get(tableId);
      if (table == null) {
        throw new MissingTableMapEventException("no TABLE_MAP event for table id " + tableId
            + " (reading started inside a transaction, after its TABLE_MAP?)");
      }
      return rows(in, tableId, table, columns);
    }

    abstract T rows(BinlogBytes in, long tableId, TableMapEventData table, int columns) throws IOException;

    /** The row images that fill the rest of the event, each holding the given columns. */
    static List<Serializable[]> images(BinlogBytes in, TableMapEventData table, BitSet columns) throws IOException {
      int count = columns.cardinality();
      List<Serializable[]> rows = new ArrayList<>();
      while (in.available() > 0) {
        rows.add(RowImages.row(in, table, columns, count));
      }
      return rows;
    }
  }

  private static final class WriteRows extends Rows<WriteRowsEventData> {
    WriteRows(Map<Long, TableMapEventData> tableMaps, boolean extraInformation) {
      super(tableMaps, extraInformation);
    }

    @Override
    WriteRowsEventData rows(BinlogBytes in, long tableId, TableMapEventData table, int columns) throws IOException {
      WriteRowsEventData data = new WriteRowsEventData();
      data.setTableId(tableId);
      data.setIncludedColumns(in.readBitmap(columns));
      data.setRows(images(in, table, data.getIncludedColumns()));
      return data;
    }
  }

  private static final class UpdateRows extends Rows<UpdateRowsEventData> {
    UpdateRows(Map<Long, TableMapEventData> tableMaps, boolean extraInformation) {
      super(tableMaps, extraInformation);
    }

    @Override
    UpdateRowsEventData rows(BinlogBytes in, long tableId, TableMapEventData table, int columns) throws IOException {
      UpdateRowsEventData data = new UpdateRowsEventData();
      data.setTableId(tableId);
      BitSet before = in.readBitmap(columns);
      BitSet after = in.readBitmap(columns);
      data.setIncludedColumnsBeforeUpdate(before);
      data.setIncludedColumns(after);
      int beforeCount = before.cardinality();
      int afterCount = after.cardinality();
      List<Map.Entry<Serializable[], Serializable[]>> rows = new ArrayList<>();
      while (in.available() > 0) {
        Serializable[] old = RowImages.row(in, table, before, beforeCount);
        rows.add(new AbstractMap.SimpleEntry<>(old, RowImages.row(in, table, after, afterCount)));
      }
      data.setRows(rows);
      return data;
    }
  }

  private static final class DeleteRows extends Rows<DeleteRowsEventData> {
    DeleteRows(Map<Long, TableMapEventData> tableMaps, boolean extraInformation) {
      super(tableMaps, extraInformation);
    }

    @Override
    DeleteRowsEventData rows(BinlogBytes in, long tableId, TableMapEventData table, int columns) throws IOException {
      DeleteRowsEventData data = new DeleteRowsEventData();
      data.setTableId(tableId);
      data.setIncludedColumns(in.readBitmap(columns));
      data.setRows(images(in, table, data.getIncludedColumns()));
      return data;
    }
  }
}
