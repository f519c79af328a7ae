package io.chameleon.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed values out of a YAML tree, each problem recorded as {@code path: reason} instead of
 * thrown, so that a file's problems are all reported at once. Values appear in messages only
 * for keys that are never secrets; a password's never does. Not thread-safe.
 */
final class YamlValues {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private final List<String> problems = new ArrayList<>();

  /** The problems so far, in the order found. */
  List<String> problems() {
    return problems;
  }

  /** Records a problem at a path such as {@code sources.mysql.db_conn.port}. */
  void problem(String path, String reason) {
    problems.add(path + ": " + reason);
  }

  /** A non-blank scalar, as text. */
  Optional<String> requiredString(JsonNode parent, String path, String key) {
    JsonNode node = parent.get(key);
    String keyPath = path + "." + key;
    if (isAbsent(node)) {
      problem(keyPath, "required");
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      problem(keyPath, "expected a string, found " + kind(node));
      return Optional.empty();
    }
    String value = node.asText();
    if (value.isBlank()) {
      problem(keyPath, "must not be blank");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** A password: required, may be empty; its value is never part of a message. */
  Optional<String> password(JsonNode parent, String path) {
    JsonNode node = parent.get("password");
    String keyPath = path + ".password";
    if (node == null) {
      problem(keyPath, "required (use \"\" for none)");
      return Optional.empty();
    }
    if (node.isNull()) {
      return Optional.of("");
    }
    if (!node.isTextual()) {
      // an unquoted 0123 is read as 83, yes as true: better refuse than connect with a mangled password
      problem(keyPath, "expected a string, found " + kind(node) + (node.isValueNode() ? "; put the password in quotes" : ""));
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  /** The {@code port} key, 1..65535; {@code defaultPort} when absent, -1 when invalid. */
  int port(JsonNode parent, String path, int defaultPort) {
    return integer(parent, path, "port", 1, 65535).map(Long::intValue).orElse(isAbsent(parent.get("port")) ? defaultPort : -1);
  }

  Optional<Long> integer(JsonNode parent, String path, String key, long min, long max) {
    JsonNode node = parent.get(key);
    if (isAbsent(node)) {
      return Optional.empty();
    }
    String keyPath = path + "." + key;
    Long value = null;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.asLong();
    } else if (node.isTextual() && INTEGER.matcher(node.asText().trim()).matches()) {
      try {
        value = Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null) {
      problem(keyPath, "expected a whole number from " + min + " to " + max + ", found " + describe(node));
      return Optional.empty();
    }
    if (value < min || value > max) {
      problem(keyPath, "must be from " + min + " to " + max + ", was " + value);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  Optional<Duration> seconds(JsonNode parent, String path, String key) {
    JsonNode node = parent.get(key);
    if (isAbsent(node)) {
      return Optional.empty();
    }
    String keyPath = path + "." + key;
    BigDecimal value = null;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.asText().trim());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null) {
      problem(keyPath, "expected a number of seconds, found " + describe(node));
      return Optional.empty();
    }
    long millis = value.movePointRight(3).longValue();
    if (millis < 1 || millis > 3_600_000) {
      problem(keyPath, "must be from 0.001 to 3600 seconds, was " + value.toPlainString());
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(millis));
  }

  Optional<Boolean> bool(JsonNode parent, String path, String key) {
    JsonNode node = parent.get(key);
    if (isAbsent(node)) {
      return Optional.empty();
    }
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    String text = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
    switch (text) {
      case "true", "yes", "on" -> {
        return Optional.of(true);
      }
      case "false", "no", "off" -> {
        return Optional.of(false);
      }
      default -> {
        problem(path + "." + key, "expected true or false (yes/no), found " + describe(node));
        return Optional.empty();
      }
    }
  }

  <T> Optional<T> choice(JsonNode parent, String path, String key, Map<String, T> choices) {
    JsonNode node = parent.get(key);
    if (isAbsent(node)) {
      return Optional.empty();
    }
    T value = node.isTextual() ? choices.get(node.asText().trim().toLowerCase(Locale.ROOT)) : null;
    if (value == null) {
      problem(path + "." + key, "expected " + String.join(" or ", choices.keySet().stream().sorted().toList())
          + ", found " + describe(node));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  List<String> stringList(JsonNode node, String path) {
    List<String> values = new ArrayList<>();
    if (isAbsent(node)) {
      return values;
    }
    if (!node.isArray()) {
      problem(path, "expected a list, e.g. [schema.table, ...], found " + kind(node));
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isValueNode() || item.isNull()) {
        problem(path + "[" + i + "]", "expected a string, found " + kind(item));
      } else {
        values.add(item.asText());
      }
    }
    return values;
  }

  Map<String, String> stringMap(JsonNode node, String path) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!node.isObject()) {
      problem(path, "expected a mapping of MySQL schemas to PostgreSQL schemas, found " + kind(node));
      return values;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
        problem(path + "." + pathKey(entry.getKey()), "expected a PostgreSQL schema name, found " + kind(entry.getValue()));
      } else {
        values.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return values;
  }

  /** No key, or a key with nothing after it. */
  static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** What a node is, for messages: {@code a mapping}, {@code a list}, {@code a string}, ... */
  static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true/false";
    }
    return "a string";
  }

  /** A scalar's kind and value for a message; only called for keys that are never secrets. */
  private static String describe(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? kind(node) + " '" + node.asText() + "'" : kind(node);
  }

  /** A key as a path segment: quoted when it is more than letters, digits, {@code _} and {@code -}. */
  static String pathKey(String key) {
    return PLAIN_KEY.matcher(key).matches() ? key : "\"" + key.replace("\"", "\\\"") + "\"";
  }
}
