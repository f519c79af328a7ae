package io.chameleon;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One MySQL or MariaDB source: how to reach it, which schemas to replicate into which
 * PostgreSQL schemas, and how the pipeline batches its changes.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(String)}; {@link Builder#build()}
 * checks every setting and reports every problem at once. The password is never part of
 * {@link #toString()}.
 */
public final class SourceConfig {

  /** What replay does when applying an event fails. */
  public enum OnError {
    /** Stop the source with a clear error; nothing after the failing event is applied. */
    EXIT,
    /**
     * Record the event in the error log, exclude its table until it is re-synced, and go on
     * with every other table.
     */
    SKIP_TABLE
  }

  private static final Pattern QUALIFIED_TABLE = Pattern.compile("[^.]+\\.[^.]+");
  private static final int MAX_IDENTIFIER_BYTES = 63;

  private final String name;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final long serverId;
  private final Map<String, String> schemaMappings;
  private final Set<String> limitTables;
  private final Set<String> skipTables;
  private final int batchMaxEvents;
  private final long batchMaxBytes;
  private final Duration batchMaxWait;
  private final int replayMaxRows;
  private final Map<String, String> typeOverrides;
  private final OnError onError;
  private final boolean useGtid;
  private final Duration connectTimeout;
  private final Duration heartbeatInterval;
  private final Duration maxReconnectBackoff;

  private SourceConfig(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.user = b.user;
    this.password = b.password;
    this.serverId = b.serverId;
    this.schemaMappings = Collections.unmodifiableMap(new LinkedHashMap<>(b.schemaMappings));
    this.limitTables = Collections.unmodifiableSet(new LinkedHashSet<>(b.limitTables));
    this.skipTables = Collections.unmodifiableSet(new LinkedHashSet<>(b.skipTables));
    this.batchMaxEvents = b.batchMaxEvents;
    this.batchMaxBytes = b.batchMaxBytes;
    this.batchMaxWait = b.batchMaxWait;
    this.replayMaxRows = b.replayMaxRows;
    this.typeOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.typeOverrides));
    this.onError = b.onError;
    this.useGtid = b.useGtid;
    this.connectTimeout = b.connectTimeout;
    this.heartbeatInterval = b.heartbeatInterval;
    this.maxReconnectBackoff = b.maxReconnectBackoff;
  }

  /** Starts a configuration for the source with this name (its key in the catalogue). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this configuration's settings, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.host = host;
    b.port = port;
    b.user = user;
    b.password = password;
    b.serverId = serverId;
    b.schemaMappings.putAll(schemaMappings);
    b.limitTables.addAll(limitTables);
    b.skipTables.addAll(skipTables);
    b.batchMaxEvents = batchMaxEvents;
    b.batchMaxBytes = batchMaxBytes;
    b.batchMaxWait = batchMaxWait;
    b.replayMaxRows = replayMaxRows;
    b.typeOverrides.putAll(typeOverrides);
    b.onError = onError;
    b.useGtid = useGtid;
    b.connectTimeout = connectTimeout;
    b.heartbeatInterval = heartbeatInterval;
    b.maxReconnectBackoff = maxReconnectBackoff;
    return b;
  }

  /** The source's name, unique in the catalogue. */
  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  /** The MySQL password. Handle with care: it is never logged or shown by this library. */
  public String password() {
    return password;
  }

  /** The server id the binlog reader presents; unique among the source's replicas. */
  public long serverId() {
    return serverId;
  }

  /** MySQL schema to PostgreSQL schema, in the order given. */
  public Map<String, String> schemaMappings() {
    return schemaMappings;
  }

  /** When not empty, only these tables ({@code schema.table}) are replicated. */
  public Set<String> limitTables() {
    return limitTables;
  }

  /** Tables ({@code schema.table}) never replicated. */
  public Set<String> skipTables() {
    return skipTables;
  }

  /** A batch closes after the transaction that reaches this many row events. */
  public int batchMaxEvents() {
    return batchMaxEvents;
  }

  /** A batch closes after the transaction that reaches this many bytes of log rows. */
  public long batchMaxBytes() {
    return batchMaxBytes;
  }

  /** A batch with committed transactions closes after this long, so a quiet source flushes. */
  public Duration batchMaxWait() {
    return batchMaxWait;
  }

  /** Replay applies at most this many log rows per statement. */
  public int replayMaxRows() {
    return replayMaxRows;
  }

  /** MySQL column type (e.g. {@code tinyint(1)}) to the PostgreSQL type it becomes instead. */
  public Map<String, String> typeOverrides() {
    return typeOverrides;
  }

  public OnError onError() {
    return onError;
  }

  /** Whether positions are tracked by GTID set (MySQL or MariaDB GTIDs) as well as file/position. */
  public boolean useGtid() {
    return useGtid;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How often an idle source is asked for a heartbeat; silence for three of these is a lost connection. */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** The longest wait between reconnection attempts after the source is lost. */
  public Duration maxReconnectBackoff() {
    return maxReconnectBackoff;
  }

  /** True when the table's rows are replicated under this configuration. */
  public boolean replicates(String schema, String table) {
    if (!schemaMappings.containsKey(schema)) {
      return false;
    }
    String qualified = schema + "." + table;
    return !skipTables.contains(qualified) && (limitTables.isEmpty() || limitTables.contains(qualified));
  }

  @Override
  public String toString() {
    return "SourceConfig{name=" + name + ", host=" + host + ", port=" + port + ", user=" + user
        + ", password=****, serverId=" + serverId + ", schemaMappings=" + schemaMappings
        + ", limitTables=" + limitTables + ", skipTables=" + skipTables
        + ", batchMaxEvents=" + batchMaxEvents + ", batchMaxBytes=" + batchMaxBytes
        + ", batchMaxWait=" + batchMaxWait + ", replayMaxRows=" + replayMaxRows
        + ", typeOverrides=" + typeOverrides + ", onError=" + onError + ", useGtid=" + useGtid + "}";
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private final String name;
    private String host;
    private int port = 3306;
    private String user;
    private String password;
    private long serverId;
    private final Map<String, String> schemaMappings = new LinkedHashMap<>();
    private final Set<String> limitTables = new LinkedHashSet<>();
    private final Set<String> skipTables = new LinkedHashSet<>();
    private int batchMaxEvents = 10_000;
    private long batchMaxBytes = 16L * 1024 * 1024;
    private Duration batchMaxWait = Duration.ofSeconds(1);
    private int replayMaxRows = 10_000;
    private final Map<String, String> typeOverrides = new LinkedHashMap<>();
    private OnError onError = OnError.EXIT;
    private boolean useGtid;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration maxReconnectBackoff = Duration.ofSeconds(30);

    private Builder(String name) {
      this.name = name;
    }

    /** Host and port of the MySQL or MariaDB server. Required; the port defaults to 3306. */
    public Builder mysql(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** The account used for the binlog and metadata; needs REPLICATION SLAVE, REPLICATION CLIENT or BINLOG MONITOR, and SELECT. */
    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    public Builder serverId(long serverId) {
      this.serverId = serverId;
      return this;
    }

    /** Replicates MySQL schema {@code mysqlSchema} into PostgreSQL schema {@code postgresSchema}. */
    public Builder mapSchema(String mysqlSchema, String postgresSchema) {
      schemaMappings.put(mysqlSchema, postgresSchema);
      return this;
    }

    public Builder limitTables(String... qualifiedTables) {
      limitTables.addAll(List.of(qualifiedTables));
      return this;
    }

    public Builder skipTables(String... qualifiedTables) {
      skipTables.addAll(List.of(qualifiedTables));
      return this;
    }

    /** Closes a batch after the transaction reaching this many events or bytes. */
    public Builder batchSize(int maxEvents, long maxBytes) {
      this.batchMaxEvents = maxEvents;
      this.batchMaxBytes = maxBytes;
      return this;
    }

    public Builder batchMaxWait(Duration batchMaxWait) {
      this.batchMaxWait = batchMaxWait;
      return this;
    }

    public Builder replayMaxRows(int replayMaxRows) {
      this.replayMaxRows = replayMaxRows;
      return this;
    }

    public Builder typeOverride(String mysqlType, String postgresType) {
      typeOverrides.put(mysqlType, postgresType);
      return this;
    }

    public Builder onError(OnError onError) {
      this.onError = onError;
      return this;
    }

    public Builder useGtid(boolean useGtid) {
      this.useGtid = useGtid;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    public Builder maxReconnectBackoff(Duration maxReconnectBackoff) {
      this.maxReconnectBackoff = maxReconnectBackoff;
      return this;
    }

    /**
     * @throws ConfigurationException listing every problem as {@code property: reason}
     */
    public SourceConfig build() {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name: required");
      } else if (name.length() > 100) {
        problems.add("name: at most 100 characters, was " + name.length());
      }
      if (host == null || host.isBlank()) {
        problems.add("host: required");
      }
      if (port < 1 || port > 65535) {
        problems.add("port: must be 1..65535, was " + port);
      }
      if (user == null || user.isBlank()) {
        problems.add("user: required");
      }
      if (password == null) {
        problems.add("password: required (use \"\" for none)");
      }
      if (serverId < 1 || serverId > 4294967295L) {
        problems.add("serverId: must be 1..4294967295 and unique among the source's replicas, was " + serverId);
      }
      checkSchemaMappings(problems);
      checkTables("limitTables", limitTables, problems);
      checkTables("skipTables", skipTables, problems);
      if (batchMaxEvents < 1) {
        problems.add("batchMaxEvents: must be at least 1, was " + batchMaxEvents);
      }
      if (batchMaxBytes < 1024) {
        problems.add("batchMaxBytes: must be at least 1024, was " + batchMaxBytes);
      }
      checkPositive("batchMaxWait", batchMaxWait, problems);
      if (replayMaxRows < 1) {
        problems.add("replayMaxRows: must be at least 1, was " + replayMaxRows);
      }
      typeOverrides.forEach((from, to) -> {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
          problems.add("typeOverrides: '" + from + "' -> '" + to + "' needs both types");
        }
      });
      if (onError == null) {
        problems.add("onError: required");
      }
      checkPositive("connectTimeout", connectTimeout, problems);
      checkPositive("heartbeatInterval", heartbeatInterval, problems);
      checkPositive("maxReconnectBackoff", maxReconnectBackoff, problems);
      ConfigurationException.throwIfAny("source '" + name + "'", problems);
      return new SourceConfig(this);
    }

    private void checkSchemaMappings(List<String> problems) {
      if (schemaMappings.isEmpty()) {
        problems.add("schemaMappings: at least one MySQL schema must be mapped");
      }
      Set<String> targets = new LinkedHashSet<>();
      schemaMappings.forEach((mysql, postgres) -> {
        if (mysql == null || mysql.isBlank()) {
          problems.add("schemaMappings: a MySQL schema name is blank");
        }
        if (postgres == null || postgres.isBlank()) {
          problems.add("schemaMappings: MySQL schema '" + mysql + "' maps to a blank PostgreSQL schema");
        } else if (postgres.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
          problems.add("schemaMappings: PostgreSQL schema '" + postgres + "' is longer than 63 bytes");
        } else if (!targets.add(postgres)) {
          problems.add("schemaMappings: PostgreSQL schema '" + postgres + "' is the target of two MySQL schemas");
        }
      });
    }

    private void checkTables(String property, Set<String> tables, List<String> problems) {
      for (String table : tables) {
        if (table == null || !QUALIFIED_TABLE.matcher(table).matches()) {
          problems.add(property + ": '" + table + "' must be schema.table");
        } else if (!schemaMappings.containsKey(table.substring(0, table.indexOf('.')))) {
          problems.add(property + ": '" + table + "' is in a schema that is not mapped");
        }
      }
    }

    private static void checkPositive(String property, Duration value, List<String> problems) {
      if (value == null || value.isZero() || value.isNegative()) {
        problems.add(property + ": must be positive, was " + value);
      }
    }
  }
}
