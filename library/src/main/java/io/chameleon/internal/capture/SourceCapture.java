package io.chameleon.internal.capture;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.chameleon.BinlogPosition;
import io.chameleon.ChameleonException;
import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.SourceState;
import io.chameleon.internal.ddl.DdlParser;
import io.chameleon.internal.ddl.ReaderSchema;
import io.chameleon.internal.ddl.TableRef;
import io.chameleon.internal.log.PgCopyLogWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of one source: a thread that connects a {@link BinaryLogClient} at the last
 * committed position, feeds its events to a {@link ChangeCapture}, and, when the connection to
 * either database is lost, throws the uncommitted batch away and reconnects from the last
 * committed position with growing backoff. Errors that retrying cannot fix (bad credentials, a
 * purged binlog, a row that cannot be decoded) stop it in {@link SourceState#FAILED}.
 *
 * <p>Thread-safety: {@link #start}, {@link #stop} and {@link #tick} may be called from any
 * thread; the state and statistics are safe to read at any time.
 */
public final class SourceCapture {

  private static final Logger log = LoggerFactory.getLogger(SourceCapture.class);
  /** MariaDB's error for a replica dropped because another one connected with its server id. */
  private static final int ER_SLAVE_SAME_ID = 4052;
  /**
   * MySQL errors that no retry can fix: access denied, missing privilege, binlog position
   * unusable (MySQL also reports a duplicate server id so), server id taken by another replica:
   * reconnecting would drop that replica in turn, and the two would take turns forever.
   */
  private static final Set<Integer> FATAL_SERVER_ERRORS = Set.of(1045, 1227, 1236, ER_SLAVE_SAME_ID);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  /** How long stopping waits to end the server's dump thread; past that the server ends it by itself. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(2);

  /** Receives state changes and errors; called on the reader thread. */
  public interface Listener {
    void stateChanged(SourceState state, Optional<String> error);
  }

  private final SourceConfig config;
  private final long sourceId;
  private final DataSource catalogue;
  private final String threadName;
  private final PositionStore positions;
  private final TableInfoResolver tables;
  private final RowEncoder encoder = new RowEncoder();
  private final CaptureStats stats = new CaptureStats();
  private final Listener listener;
  private final AtomicReference<SourceState> state = new AtomicReference<>(SourceState.STOPPED);

  private volatile Thread thread;
  private volatile boolean stopRequested;
  private volatile BinaryLogClient client;
  private volatile ChangeCapture capture;
  /** The reader's view of the replicated schemas, kept across reconnects; null until read. */
  private volatile ReaderSchema schema;
  private volatile long lastPacketNanos;
  /** The server's id of the last binlog connection (its dump thread), 0 before the first. */
  private volatile long dumpConnectionId;
  private volatile Failure failure;

  private record Failure(String message, boolean fatal, Throwable cause) {}

  public SourceCapture(SourceConfig config, long sourceId, DataSource catalogue, String threadName,
      Listener listener) {
    this.config = config;
    this.sourceId = sourceId;
    this.catalogue = catalogue;
    this.threadName = threadName;
    this.positions = new PositionStore(catalogue, sourceId);
    this.tables = new TableInfoResolver(() -> SourceConnections.open(config));
    this.listener = listener;
  }

  public SourceState state() {
    return state.get();
  }

  public CaptureStats stats() {
    return stats;
  }

  /** Starts the reader thread; the source must have a saved position by now. */
  public void start() {
    if (!state.compareAndSet(SourceState.STOPPED, SourceState.STARTING)
        && !state.compareAndSet(SourceState.FAILED, SourceState.STARTING)) {
      throw new IllegalStateException("source '" + config.name() + "' is already " + state.get());
    }
    stopRequested = false;
    failure = null;
    listener.stateChanged(SourceState.STARTING, Optional.empty());
    try {
      // now, so that DDL run right after the start is read against the tables as they were
      schema = readerSchema();
    } catch (ChameleonException e) {
      schema = null;
      log.warn("Source '{}': {}; the reader tries again when it connects", config.name(), e.getMessage());
    }
    Thread reader = new Thread(this::run, threadName);
    reader.setDaemon(true);
    thread = reader;
    reader.start();
  }

  /** Commits what is complete, disconnects and waits for the thread to end. */
  public void stop(Duration timeout) {
    stopRequested = true;
    Thread reader = thread;
    if (reader == null) {
      return;
    }
    boolean connected = state.get() == SourceState.RUNNING;
    moveTo(SourceState.STOPPING, Optional.empty());
    disconnect();
    reader.interrupt(); // wakes a backoff sleep; the client's socket read ignores it
    try {
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reader.isAlive()) {
      log.warn("Reader of source '{}' did not stop within {} ms", config.name(), timeout.toMillis());
    }
    if (connected) {
      endDumpThread();
    }
  }

  /**
   * Ends the server's side of the closed binlog connection. Its dump thread notices the closed
   * socket only at its next write, when an event or heartbeat comes; until then it keeps its
   * binlog file open (PURGE cannot remove it), and the next reader with this server id waits for
   * the server to end it: about 100 ms on MariaDB 11.4 before the first event arrives. Only a
   * binlog dump is ended: after a server restart the id may name another connection.
   */
  private void endDumpThread() {
    long id = dumpConnectionId;
    if (id == 0) {
      return;
    }
    dumpConnectionId = 0;
    Duration timeout = config.connectTimeout().compareTo(KILL_TIMEOUT) < 0 ? config.connectTimeout() : KILL_TIMEOUT;
    try (Connection connection = SourceConnections.openBriefly(config, timeout);
        PreparedStatement dump = connection.prepareStatement(
            "SELECT 1 FROM information_schema.processlist WHERE id = ? AND command LIKE 'Binlog Dump%'")) {
      dump.setLong(1, id);
      try (ResultSet found = dump.executeQuery(); Statement kill = connection.createStatement()) {
        if (found.next()) {
          kill.execute("KILL CONNECTION " + id);
        }
      }
    } catch (SQLException e) {
      // 1094 (no such thread): it has ended meanwhile; anything else leaves it to end by itself
      log.debug("Source '{}': could not end the server's binlog dump thread {}: {}", config.name(), id, e.getMessage());
    }
  }

  /** Called by the manager's timer: flushes a batch that waited long enough, spots a dead connection. */
  public void tick() {
    ChangeCapture current = capture;
    if (current == null || state.get() != SourceState.RUNNING) {
      return;
    }
    try {
      current.flushIfDue();
    } catch (SQLException | RuntimeException e) {
      fail(new Failure("writing to the log tables failed: " + e.getMessage(), false, e));
    }
    long silentNanos = System.nanoTime() - lastPacketNanos;
    if (silentNanos > 3 * config.heartbeatInterval().toNanos()) {
      fail(new Failure("no event or heartbeat from the source for "
          + TimeUnit.NANOSECONDS.toSeconds(silentNanos) + " s: connection presumed lost", false, null));
    }
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    while (!stopRequested) {
      boolean received = readOnce();
      Failure f = failure;
      if (stopRequested) {
        break;
      }
      if (f != null && f.fatal()) {
        moveTo(SourceState.FAILED, Optional.of(f.message()));
        log.error("Source '{}' stopped: {}", config.name(), f.message(), f.cause());
        thread = null;
        return;
      }
      String reason = f != null ? f.message() : "the source closed the binlog connection";
      moveTo(SourceState.RECONNECTING, Optional.of(reason));
      backoff = received ? FIRST_BACKOFF : backoff;
      log.warn("Source '{}': {}; reconnecting in {} ms", config.name(), reason, backoff.toMillis());
      if (!sleep(backoff)) {
        break;
      }
      backoff = backoff.multipliedBy(2).compareTo(config.maxReconnectBackoff()) > 0
          ? config.maxReconnectBackoff() : backoff.multipliedBy(2);
    }
    moveTo(SourceState.STOPPED, Optional.empty());
    thread = null;
  }

  /** One connection's life; returns whether any event arrived. */
  private boolean readOnce() {
    failure = null;
    PgCopyLogWriter writer = null;
    long eventsBefore = stats.transactions();
    try {
      BinlogPosition start = positions.load()
          .orElseThrow(() -> new SourceException(config.name(), "has no saved binlog position"));
      writer = new PgCopyLogWriter(catalogue.getConnection(), sourceId, Thread.currentThread().getName() + "-log-writer");
      BinaryLogClient binlog = BinlogClients.create(config, start);
      if (schema == null) {
        schema = readerSchema();
      } else {
        schema.rollback();
      }
      ChangeCapture handler = new ChangeCapture(config, writer, tables, schema, encoder, stats, start,
          () -> config.useGtid() ? Optional.ofNullable(binlog.getGtidSet()) : Optional.empty());
      binlog.registerEventListener(event -> {
        lastPacketNanos = System.nanoTime();
        try {
          handler.onEvent(event);
        } catch (SourceException e) {
          fail(new Failure(e.getMessage(), true, e));
        } catch (SQLException | RuntimeException e) {
          fail(new Failure("writing to the log tables failed: " + e.getMessage(), false, e));
        }
      });
      binlog.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
        @Override
        public void onConnect(BinaryLogClient c) {
          dumpConnectionId = c.getConnectionId();
          moveTo(SourceState.RUNNING, Optional.empty());
        }

        @Override
        public void onEventDeserializationFailure(BinaryLogClient c, Exception e) {
          fail(new Failure("cannot decode the binlog event after " + handler.committedPosition()
              + ": " + e.getMessage(), true, e));
        }

        @Override
        public void onCommunicationFailure(BinaryLogClient c, Exception e) {
          fail(new Failure(connectionFailure(e), isFatal(e), e));
        }
      });
      tables.invalidateAll();
      lastPacketNanos = System.nanoTime();
      client = binlog;
      capture = handler;
      if (stopRequested) {
        return false;
      }
      binlog.connect();
      handler.finish();
    } catch (SourceException e) {
      failure = new Failure(e.getMessage(), true, e);
    } catch (ChameleonException e) {
      failure = new Failure(e.getMessage(), false, e);
    } catch (IOException e) {
      failure = new Failure("cannot read the binlog from " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), isFatal(e), e);
    } catch (SQLException | RuntimeException e) {
      failure = new Failure("cannot write to the log tables: " + e.getMessage(), false, e);
    } finally {
      capture = null;
      client = null;
      if (writer != null) {
        writer.close();
      }
    }
    return stats.transactions() > eventsBefore;
  }

  /**
   * Some tables were copied again (syncTables): the reader describes them afresh.
   */
  public void resynced(Collection<TableRef> copied) {
    ReaderSchema known = schema;
    if (known == null) {
      return;
    }
    try (Connection connection = SourceConnections.open(config)) {
      ChangeCapture current = capture;
      if (current != null) {
        current.resynced(connection, copied);
      } else {
        known.resynced(connection, copied);
      }
    } catch (SQLException e) {
      fail(new Failure("cannot describe the re-copied tables " + copied + ": " + e.getMessage(), false, e));
    }
  }

  /** The reader's view of the replicated schemas, as they are now. */
  private ReaderSchema readerSchema() {
    DdlParser.Flavor flavor = tables.charsets().mariaDb() ? DdlParser.Flavor.MARIADB : DdlParser.Flavor.MYSQL;
    try (Connection connection = SourceConnections.open(config)) {
      return ReaderSchema.load(config, flavor, connection);
    } catch (SQLException e) {
      throw new ChameleonException("cannot read the replicated schemas' tables from " + config.host() + ":"
          + config.port() + ": " + e.getMessage(), e);
    }
  }

  private void fail(Failure f) {
    if (failure == null || (f.fatal() && !failure.fatal())) {
      failure = f;
    }
    disconnect();
  }

  private void disconnect() {
    BinaryLogClient c = client;
    if (c != null) {
      try {
        c.disconnect();
      } catch (IOException e) {
        log.debug("Disconnecting source '{}' failed", config.name(), e);
      }
    }
  }

  private void moveTo(SourceState next, Optional<String> error) {
    SourceState previous = state.getAndSet(next);
    if (previous != next || error.isPresent()) {
      listener.stateChanged(next, error);
    }
  }

  private String connectionFailure(Exception e) {
    if (e instanceof ServerException server && (server.getErrorCode() == ER_SLAVE_SAME_ID
        || String.valueOf(server.getMessage()).contains("same server_uuid/server_id"))) {
      return "serverId " + config.serverId() + " is used by another replica of " + config.host() + ":" + config.port()
          + ", which connected after this reader, so the server disconnected this one (" + e.getMessage()
          + "); give every replica of the server its own serverId";
    }
    return "binlog connection failed: " + e.getMessage();
  }

  private static boolean isFatal(Throwable e) {
    return e instanceof ServerException server && FATAL_SERVER_ERRORS.contains(server.getErrorCode());
  }

  private boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
