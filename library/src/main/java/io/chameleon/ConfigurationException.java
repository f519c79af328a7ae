package io.chameleon;

import java.util.List;

/**
 * A builder found invalid settings. The message lists every problem at once, one per line, as
 * {@code property: reason}.
 */
public final class ConfigurationException extends ChameleonException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigurationException(String what, List<String> problems) {
    super("invalid " + what + " configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code property: reason}. */
  public List<String> problems() {
    return problems;
  }

  static void throwIfAny(String what, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(what, problems);
    }
  }
}
