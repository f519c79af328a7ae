package io.chameleon.examples.cli;

import java.util.List;

/**
 * The configuration file cannot be used. The message names the file and lists every problem,
 * one per line, as {@code path: what is wrong and what is expected} (for example {@code
 * sources.mysql.db_conn.prot: unknown key; did you mean 'port'?}). No message ever contains a
 * password.
 */
public final class ConfigFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final List<String> problems;

  ConfigFileException(String file, List<String> problems) {
    super("invalid configuration " + file + ":\n  " + String.join("\n  ", problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  /** The configuration file as it was named. */
  public String file() {
    return file;
  }

  /** Each problem as {@code path: reason}. */
  public List<String> problems() {
    return problems;
  }
}
