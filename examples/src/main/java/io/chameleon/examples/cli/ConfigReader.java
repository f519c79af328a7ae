package io.chameleon.examples.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.chameleon.ConfigurationException;
import io.chameleon.SourceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Walks a configuration file's tree once, applying what it knows, collecting every problem and
 * every ignored key. Messages name values only where they cannot be secrets: a password's value
 * never appears, and YAML syntax errors are reported by line and column without the offending
 * text. Not thread-safe; one reader per file.
 */
final class ConfigReader {

  private static final Set<String> TOP = keys("pg_conn", "sources", "type_override");
  private static final Set<String> TOP_IGNORED =
      keys("pid_dir", "log_dir", "log_dest", "log_level", "log_days_keep", "rollbar_key", "rollbar_env", "fillfactor");
  private static final Set<String> PG_CONN = keys("host", "port", "user", "password", "database");
  private static final Set<String> PG_CONN_IGNORED = keys("charset");
  private static final Set<String> DB_CONN = keys("host", "port", "user", "password", "connect_timeout");
  private static final Set<String> DB_CONN_IGNORED = keys("charset", "database");
  private static final Set<String> SOURCE = keys("db_conn", "schema_mappings", "limit_tables", "skip_tables",
      "my_server_id", "replica_batch_size", "replay_max_rows", "sleep_loop", "on_error_replay", "type_override",
      "gtid_enable", "type", "keep_existing_schema", "skip_events");
  private static final Set<String> SOURCE_IGNORED = keys("grant_select_to", "create_views_in_schema", "lock_timeout",
      "batch_retention", "copy_max_memory", "copy_mode", "out_dir", "on_error_read", "auto_maintenance");
  private static final Set<String> TYPE_OVERRIDE = keys("override_to", "override_tables");
  private static final Set<String> SKIP_EVENTS = keys("insert", "update", "delete");

  /** SourceConfig's property names, as its problems name them, to the keys of a source. */
  private static final Map<String, String> SOURCE_PROPERTY_KEYS = Map.ofEntries(
      Map.entry("host", "db_conn.host"), Map.entry("port", "db_conn.port"), Map.entry("user", "db_conn.user"),
      Map.entry("password", "db_conn.password"), Map.entry("connectTimeout", "db_conn.connect_timeout"),
      Map.entry("serverId", "my_server_id"), Map.entry("schemaMappings", "schema_mappings"),
      Map.entry("limitTables", "limit_tables"), Map.entry("skipTables", "skip_tables"),
      Map.entry("batchMaxEvents", "replica_batch_size"), Map.entry("batchMaxWait", "sleep_loop"),
      Map.entry("replayMaxRows", "replay_max_rows"), Map.entry("typeOverrides", "type_override"),
      Map.entry("onError", "on_error_replay"));

  private final String file;
  private final YamlValues values = new YamlValues();
  private final List<String> ignored = new ArrayList<>();

  ConfigReader(String file) {
    this.file = file;
  }

  ChameleonCliConfig read(String yaml) {
    JsonNode root = parseYaml(yaml);
    if (root != null) {
      if (!root.isObject()) {
        values.problem("(top level)", "expected a mapping with pg_conn and sources, found " + YamlValues.kind(root));
      } else {
        return readRoot(root);
      }
    }
    throw new ConfigFileException(file, values.problems());
  }

  private ChameleonCliConfig readRoot(JsonNode root) {
    checkKeys(root, "", TOP, TOP_IGNORED);
    PgConnection pg = readPgConn(root.get("pg_conn"));
    Map<String, String> globalOverrides = readTypeOverrides(root.get("type_override"), "type_override");
    Map<String, SourceConfig> sources = new LinkedHashMap<>();
    JsonNode sourcesNode = root.get("sources");
    if (YamlValues.isAbsent(sourcesNode)) {
      values.problem("sources", "required: at least one source, e.g. sources: {mysql: {db_conn: ..., schema_mappings: ...}}");
    } else if (!sourcesNode.isObject()) {
      values.problem("sources", "expected a mapping of source names to their settings, found " + YamlValues.kind(sourcesNode));
    } else if (sourcesNode.isEmpty()) {
      values.problem("sources", "required: at least one source");
    } else {
      for (Map.Entry<String, JsonNode> entry : sourcesNode.properties()) {
        readSource(entry.getKey(), entry.getValue(), globalOverrides).ifPresent(s -> sources.put(s.name(), s));
      }
    }
    if (!values.problems().isEmpty()) {
      throw new ConfigFileException(file, values.problems());
    }
    return new ChameleonCliConfig(file, pg, sources, ignored);
  }

  private PgConnection readPgConn(JsonNode node) {
    String path = "pg_conn";
    if (YamlValues.isAbsent(node)) {
      values.problem(path, "required: host, port, user, password and database of the PostgreSQL database");
      return null;
    }
    if (!node.isObject()) {
      values.problem(path, "expected a mapping with host, port, user, password and database, found " + YamlValues.kind(node));
      return null;
    }
    checkKeys(node, path, PG_CONN, PG_CONN_IGNORED);
    Optional<String> host = values.requiredString(node, path, "host");
    int port = values.port(node, path, 5432);
    Optional<String> user = values.requiredString(node, path, "user");
    Optional<String> password = values.password(node, path);
    Optional<String> database = values.requiredString(node, path, "database");
    if (host.isEmpty() || user.isEmpty() || password.isEmpty() || database.isEmpty() || port < 0) {
      return null;
    }
    return new PgConnection(host.get(), port, user.get(), password.get(), database.get());
  }

  private Optional<SourceConfig> readSource(String name, JsonNode node, Map<String, String> globalOverrides) {
    String path = "sources." + YamlValues.pathKey(name);
    if (!node.isObject()) {
      values.problem(path, "expected a mapping with db_conn, schema_mappings, my_server_id, ..., found " + YamlValues.kind(node));
      return Optional.empty();
    }
    int problemsBefore = values.problems().size();
    SourceConfig.Builder builder = SourceConfig.builder(name);

    JsonNode dbConn = node.get("db_conn");
    if (YamlValues.isAbsent(dbConn)) {
      values.problem(path + ".db_conn", "required: host, port, user and password of the MySQL/MariaDB server");
    } else if (!dbConn.isObject()) {
      values.problem(path + ".db_conn", "expected a mapping with host, port, user and password, found " + YamlValues.kind(dbConn));
    } else {
      String connPath = path + ".db_conn";
      checkKeys(dbConn, connPath, DB_CONN, DB_CONN_IGNORED);
      builder.mysql(values.requiredString(dbConn, connPath, "host").orElse(""), Math.max(values.port(dbConn, connPath, 3306), 1));
      builder.credentials(values.requiredString(dbConn, connPath, "user").orElse(""), values.password(dbConn, connPath).orElse(""));
      values.integer(dbConn, connPath, "connect_timeout", 1, 3600).ifPresent(s -> builder.connectTimeout(Duration.ofSeconds(s)));
    }
    checkKeys(node, path, SOURCE, SOURCE_IGNORED); // after db_conn's, which usually comes first in the file

    JsonNode mappings = node.get("schema_mappings");
    if (YamlValues.isAbsent(mappings)) {
      values.problem(path + ".schema_mappings", "required: MySQL schema to PostgreSQL schema, e.g. {shop: shop_pg}");
    } else {
      values.stringMap(mappings, path + ".schema_mappings").forEach(builder::mapSchema);
    }
    builder.limitTables(values.stringList(node.get("limit_tables"), path + ".limit_tables").toArray(String[]::new));
    builder.skipTables(values.stringList(node.get("skip_tables"), path + ".skip_tables").toArray(String[]::new));

    if (YamlValues.isAbsent(node.get("my_server_id"))) {
      values.problem(path + ".my_server_id", "required: the server id the binlog reader presents, unique among the source's replicas");
    } else {
      values.integer(node, path, "my_server_id", 1, 4294967295L).ifPresent(builder::serverId);
    }
    Optional<Long> batchSize = values.integer(node, path, "replica_batch_size", 1, Integer.MAX_VALUE);
    values.integer(node, path, "replay_max_rows", 1, Integer.MAX_VALUE).ifPresent(rows -> builder.replayMaxRows(rows.intValue()));
    values.seconds(node, path, "sleep_loop").ifPresent(builder::batchMaxWait);
    values.choice(node, path, "on_error_replay", Map.of("continue", SourceConfig.OnError.SKIP_TABLE, "exit", SourceConfig.OnError.EXIT))
        .ifPresent(builder::onError);
    values.bool(node, path, "gtid_enable").ifPresent(builder::useGtid);
    values.choice(node, path, "type", Map.of("mysql", "mysql"));
    values.bool(node, path, "keep_existing_schema").filter(Boolean::booleanValue).ifPresent(keep -> values.problem(path + ".keep_existing_schema",
        "not supported: init_replica always creates the target tables; remove it or set it to No"));
    checkSkipEvents(node.get("skip_events"), path + ".skip_events");

    Map<String, String> overrides = new LinkedHashMap<>(globalOverrides);
    overrides.putAll(readTypeOverrides(node.get("type_override"), path + ".type_override"));
    overrides.forEach(builder::typeOverride);

    if (values.problems().size() > problemsBefore) {
      return Optional.empty(); // the library would only repeat what is reported already
    }
    try {
      SourceConfig config = builder.build();
      if (batchSize.isPresent()) {
        config = config.toBuilder().batchSize(batchSize.get().intValue(), config.batchMaxBytes()).build();
      }
      return Optional.of(config);
    } catch (ConfigurationException e) {
      for (String libraryProblem : e.problems()) {
        int colon = libraryProblem.indexOf(": ");
        String property = colon < 0 ? "" : libraryProblem.substring(0, colon);
        String key = "name".equals(property) ? null : SOURCE_PROPERTY_KEYS.getOrDefault(property, property);
        values.problem(key == null ? path : path + "." + key, colon < 0 ? libraryProblem : libraryProblem.substring(colon + 2));
      }
      return Optional.empty();
    }
  }

  private Map<String, String> readTypeOverrides(JsonNode node, String path) {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (YamlValues.isAbsent(node)) {
      return overrides;
    }
    if (!node.isObject()) {
      values.problem(path, "expected a mapping of MySQL types to {override_to: <PostgreSQL type>, override_tables: [\"*\"]}, found " + YamlValues.kind(node));
      return overrides;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String typePath = path + "." + YamlValues.pathKey(entry.getKey());
      JsonNode override = entry.getValue();
      if (!override.isObject()) {
        values.problem(typePath, "expected {override_to: <PostgreSQL type>, override_tables: [\"*\"]}, found " + YamlValues.kind(override));
        continue;
      }
      checkKeys(override, typePath, TYPE_OVERRIDE, Set.of());
      Optional<String> to = values.requiredString(override, typePath, "override_to");
      List<String> tables = values.stringList(override.get("override_tables"), typePath + ".override_tables");
      if (!tables.isEmpty() && !tables.equals(List.of("*"))) {
        values.problem(typePath + ".override_tables", "only [\"*\"] is supported: an override applies to every replicated table here, not to "
            + String.join(", ", tables));
      }
      to.ifPresent(type -> overrides.put(entry.getKey(), type));
    }
    return overrides;
  }

  private void checkSkipEvents(JsonNode node, String path) {
    if (YamlValues.isAbsent(node)) {
      return;
    }
    if (!node.isObject()) {
      values.problem(path, "expected a mapping of insert, update, delete to lists, found " + YamlValues.kind(node));
      return;
    }
    checkKeys(node, path, SKIP_EVENTS, Set.of());
    for (String event : SKIP_EVENTS) {
      if (!values.stringList(node.get(event), path + "." + event).isEmpty()) {
        values.problem(path + "." + event, "not supported: every event of a replicated table is replayed; leave the list empty"
            + " or exclude the table with skip_tables");
      }
    }
  }

  // ---- keys

  private void checkKeys(JsonNode node, String path, Set<String> supported, Set<String> ignoredHere) {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String key = property.getKey();
      String keyPath = path.isEmpty() ? YamlValues.pathKey(key) : path + "." + YamlValues.pathKey(key);
      if (ignoredHere.contains(key)) {
        ignored.add(keyPath);
      } else if (!supported.contains(key)) {
        Set<String> known = new LinkedHashSet<>(supported);
        known.addAll(ignoredHere);
        values.problem(keyPath, "unknown key" + suggestion(key, known).map(s -> "; did you mean '" + s + "'?").orElse("")
            + " (expected one of: " + String.join(", ", known) + ")");
      }
    }
  }

  private static Optional<String> suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = editDistance(key.toLowerCase(Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  // ---- plumbing

  private JsonNode parseYaml(String yaml) {
    ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // never echo the file's text
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // "limit_tables:" with nothing after it is no list
        .build());
    try {
      JsonNode root = mapper.readTree(yaml);
      if (root == null || root.isMissingNode() || root.isNull()) {
        values.problem("(top level)", "the file is empty; expected pg_conn and sources");
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      values.problem("(syntax)", syntaxError(e));
      return null;
    }
  }

  /** A YAML error by position only: the parser's own message quotes the offending line, which may hold a password. */
  private static String syntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      return "not valid YAML at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
          + (yaml.getProblemMark().getColumn() + 1) + ": " + yaml.getProblem();
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return "duplicate key" + where + ": " + message.substring("Duplicate field ".length());
    }
    return "not valid YAML" + where;
  }


  private static Set<String> keys(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }
}
