package io.chameleon.jmh.support;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.chameleon.BinlogPosition;
import io.chameleon.internal.capture.EventDeserializers;
import io.chameleon.sandbox.SourceServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The physical limit of the reader: N concurrent {@link BinaryLogClient}s, each with the
 * deserializer the capture uses ({@link EventDeserializers#create()}) and a listener that only
 * counts row events, reading the backlog from its start to its end coordinates.
 *
 * <p>Use: {@link #prepare} (untimed) builds the clients, {@link #run} (timed) connects them and
 * returns once each has read the backlog's last transaction, {@link #finish()} (untimed)
 * disconnects them and checks what each decoded. One instance per run; not thread-safe.
 */
public final class RawDecode {

  private final Backlog backlog;
  private final List<Reader> readers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch finished;

  private RawDecode(Backlog backlog, int clients) {
    this.backlog = backlog;
    this.finished = new CountDownLatch(clients);
  }

  /** Builds {@code clients} clients positioned at the backlog's start; none is connected yet. */
  public static RawDecode prepare(SourceServer server, Backlog backlog, int clients) {
    RawDecode run = new RawDecode(backlog, clients);
    for (int i = 0; i < clients; i++) {
      run.readers.add(run.new Reader(server, backlog));
    }
    return run;
  }

  /**
   * Connects every client, each on its own thread, and waits until each has read up to the
   * backlog's end.
   *
   * @throws IllegalStateException when the timeout passes
   */
  public void run(Duration timeout) throws InterruptedException {
    for (Reader reader : readers) {
      Thread thread = new Thread(reader::connect, "bench-raw-decode");
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      finish();
      throw new IllegalStateException("the binlog clients did not reach " + backlog.end() + " within " + timeout);
    }
  }

  /**
   * Disconnects every client and checks that each decoded every row event of the backlog.
   *
   * @return row events decoded over all clients
   * @throws IllegalStateException when a client failed or decoded another number of row events
   */
  public long finish() throws InterruptedException {
    for (Reader reader : readers) {
      reader.disconnect();
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    long total = 0;
    for (Reader reader : readers) {
      if (reader.failure != null) {
        throw new IllegalStateException("a binlog client failed: " + reader.failure, reader.failure);
      }
      if (reader.rows != backlog.events()) {
        throw new IllegalStateException("a binlog client decoded " + reader.rows + " row events, the backlog has "
            + backlog.events());
      }
      total += reader.rows;
    }
    return total;
  }

  private final class Reader {
    private final BinaryLogClient client;
    private final BinlogPosition end;
    private volatile Exception failure;
    private String file;
    private long rows;
    private boolean reachedEnd;

    Reader(SourceServer server, Backlog backlog) {
      this.end = backlog.end();
      this.file = backlog.start().file();
      client = new BinaryLogClient(server.host(), server.port(), server.user(), server.password());
      client.setServerId(ServerIds.next());
      client.setKeepAlive(false);
      client.setEventDeserializer(EventDeserializers.create());
      client.setBinlogFilename(backlog.start().file());
      client.setBinlogPosition(backlog.start().position());
      client.registerEventListener(event -> {
        EventHeaderV4 header = event.getHeader();
        switch (header.getEventType()) {
          case ROTATE -> file = ((RotateEventData) event.getData()).getBinlogFilename();
          case WRITE_ROWS, EXT_WRITE_ROWS -> rows += ((WriteRowsEventData) event.getData()).getRows().size();
          case UPDATE_ROWS, EXT_UPDATE_ROWS -> rows += ((UpdateRowsEventData) event.getData()).getRows().size();
          case DELETE_ROWS, EXT_DELETE_ROWS -> rows += ((DeleteRowsEventData) event.getData()).getRows().size();
          default -> { }
        }
        // MariaDB 11.4 writes end_log_pos 0 inside transactions; the transaction's last event has it
        long next = header.getNextPosition();
        if (!reachedEnd && next > 0 && (file.compareTo(end.file()) > 0
            || (file.equals(end.file()) && next >= end.position()))) {
          reachedEnd = true;
          finished.countDown();
        }
      });
      client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
        @Override
        public void onEventDeserializationFailure(BinaryLogClient c, Exception e) {
          fail(e);
        }

        @Override
        public void onCommunicationFailure(BinaryLogClient c, Exception e) {
          fail(e);
        }
      });
    }

    void connect() {
      try {
        client.connect();
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
    }

    void disconnect() {
      try {
        client.disconnect();
      } catch (IOException e) {
        // the run is over; a failing disconnect changes nothing
      }
    }

    private void fail(Exception e) {
      if (!reachedEnd && failure == null) {
        failure = e;
        finished.countDown();
      }
    }
  }
}
