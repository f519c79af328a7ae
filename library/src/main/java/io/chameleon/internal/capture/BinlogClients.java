package io.chameleon.internal.capture;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import io.chameleon.BinlogPosition;
import io.chameleon.SourceConfig;

/** Creates binlog clients set up the way the capture relies on. */
final class BinlogClients {

  private BinlogClients() {}

  /**
   * A client that starts at {@code start} and never reconnects on its own: reconnection belongs
   * to {@link SourceCapture}, which must first throw the uncommitted batch away and resume from
   * the committed position (the client's own keep-alive would resume mid-transaction).
   */
  static BinaryLogClient create(SourceConfig config, BinlogPosition start) {
    BinaryLogClient client = new BinaryLogClient(config.host(), config.port(), config.user(), config.password());
    client.setServerId(config.serverId());
    client.setKeepAlive(false);
    client.setConnectTimeout(config.connectTimeout().toMillis());
    client.setHeartbeatInterval(config.heartbeatInterval().toMillis());
    client.setEventDeserializer(EventDeserializers.create());
    client.setBinlogFilename(start.file());
    client.setBinlogPosition(start.position());
    // an empty GTID set would make the server send its whole binlog: without a saved set, the
    // file and position decide
    start.gtidSet().filter(gtid -> config.useGtid() && !gtid.isBlank()).ifPresent(client::setGtidSet);
    return client;
  }
}
