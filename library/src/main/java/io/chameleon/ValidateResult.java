package io.chameleon;

import java.util.List;

/**
 * The outcome of {@link SchemaUpgrader#validate()}.
 *
 * @param problems one line per applied migration whose shipped script changed or vanished;
 *     empty when the catalogue's history matches the library
 */
public record ValidateResult(List<String> problems) {

  public ValidateResult {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
