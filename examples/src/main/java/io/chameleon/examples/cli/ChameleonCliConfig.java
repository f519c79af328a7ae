package io.chameleon.examples.cli;

import io.chameleon.SourceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pg_chameleon 2.0 style configuration file, read and checked: the PostgreSQL connection
 * ({@code pg_conn}) and one {@link SourceConfig} per entry of {@code sources}.
 *
 * <p>Every key is checked: keys this front end uses are applied, keys pg_chameleon has that mean
 * nothing here are listed in {@link #ignoredKeys()} for a warning, and anything else (an unknown
 * key, a value of the wrong type or out of range, a pg_chameleon feature this library does not
 * have) fails the whole file with every problem named at once.
 *
 * @param file the file as it was named
 * @param pg the PostgreSQL connection
 * @param sources the sources by name, in file order
 * @param ignoredKeys paths of the accepted keys that have no effect here, in file order
 */
public record ChameleonCliConfig(String file, PgConnection pg, Map<String, SourceConfig> sources,
    List<String> ignoredKeys) {

  public ChameleonCliConfig {
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    ignoredKeys = List.copyOf(ignoredKeys);
  }

  /**
   * Reads and checks a configuration file.
   *
   * @throws ConfigFileException when the file cannot be read or has problems, listing them all
   */
  public static ChameleonCliConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigFileException(file.toString(), List.of("no such file"));
    } catch (IOException e) {
      throw new ConfigFileException(file.toString(), List.of("cannot be read: " + e.getMessage()));
    }
    return parse(text, file.toString());
  }

  /**
   * Checks the text of a configuration file.
   *
   * @param fileName names the file in messages
   * @throws ConfigFileException listing every problem
   */
  public static ChameleonCliConfig parse(String yaml, String fileName) {
    return new ConfigReader(fileName).read(yaml);
  }

  /**
   * The named source's configuration.
   *
   * @throws CliException when the file has no such source
   */
  public SourceConfig source(String name) {
    SourceConfig source = sources.get(name);
    if (source == null) {
      throw new CliException("source '" + name + "' is not in " + file + "; it has: " + String.join(", ", sources.keySet()));
    }
    return source;
  }
}
