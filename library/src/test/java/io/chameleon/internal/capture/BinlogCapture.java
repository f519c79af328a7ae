package io.chameleon.internal.capture;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.chameleon.sandbox.SourceServer;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Test helper: a {@link BinaryLogClient} on the sandbox source, started at the current binlog
 * position (SHOW MASTER STATUS) with a unique server id and {@link EventDeserializers#create()},
 * that collects the rows of WRITE and UPDATE events by {@code schema.table}.
 */
final class BinlogCapture implements AutoCloseable {

  /** One row image with the TABLE_MAP it was written under. */
  record CapturedRow(TableMapEventData tableMap, BitSet includedColumns, Serializable[] values) {}

  private final BinaryLogClient client;
  private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
  private final Map<String, List<CapturedRow>> rows = new HashMap<>();
  private Exception failure;

  private BinlogCapture(BinaryLogClient client) {
    this.client = client;
  }

  static BinlogCapture start(SourceServer server) throws SQLException, IOException, TimeoutException {
    String file;
    long position;
    try (Connection connection = server.openConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
      if (!rs.next()) {
        throw new IllegalStateException("the source has no binlog");
      }
      file = rs.getString(1);
      position = rs.getLong(2);
    }
    BinaryLogClient client = new BinaryLogClient(server.host(), server.port(), server.user(), server.password());
    long serverId;
    do {
      serverId = ThreadLocalRandom.current().nextLong(100_000, 1L << 30);
    } while (serverId == server.serverId());
    client.setServerId(serverId);
    client.setBinlogFilename(file);
    client.setBinlogPosition(position);
    client.setKeepAlive(false);
    client.setEventDeserializer(EventDeserializers.create());
    BinlogCapture capture = new BinlogCapture(client);
    client.registerEventListener(capture::onEvent);
    client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
      @Override
      public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
        capture.fail(ex);
      }

      @Override
      public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
        capture.fail(ex);
      }
    });
    client.connect(30_000);
    return capture;
  }

  private synchronized void fail(Exception e) {
    failure = e;
    notifyAll();
  }

  private synchronized void onEvent(Event event) {
    EventData data = event.getData();
    EventType type = event.getHeader().getEventType();
    if (data instanceof TableMapEventData map) {
      tableMaps.put(map.getTableId(), map);
    } else if (data instanceof WriteRowsEventData write) {
      TableMapEventData map = tableMaps.get(write.getTableId());
      for (Serializable[] row : write.getRows()) {
        add(map, write.getIncludedColumns(), row);
      }
    } else if (data instanceof UpdateRowsEventData update) {
      TableMapEventData map = tableMaps.get(update.getTableId());
      for (Map.Entry<Serializable[], Serializable[]> row : update.getRows()) {
        add(map, update.getIncludedColumns(), row.getValue());
      }
    } else if (type == EventType.XID) {
      notifyAll();
    }
  }

  private void add(TableMapEventData map, BitSet included, Serializable[] row) {
    rows.computeIfAbsent(map.getDatabase() + "." + map.getTable(), k -> new ArrayList<>())
        .add(new CapturedRow(map, included, row));
    notifyAll();
  }

  /** Waits until the table has at least {@code count} captured rows and returns them in binlog order. */
  synchronized List<CapturedRow> awaitRows(String schema, String table, int count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String key = schema + "." + table;
    while (rows.getOrDefault(key, List.of()).size() < count) {
      if (failure != null) {
        throw new IllegalStateException("the binlog client failed", failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("saw " + rows.getOrDefault(key, List.of()).size() + " of " + count
            + " rows of " + key);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(rows.get(key));
  }

  @Override
  public void close() throws IOException {
    client.disconnect();
  }
}
