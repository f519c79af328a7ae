package io.chameleon.jmh.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Markdown tables of results, one per benchmark class: each row a benchmark and its parameters,
 * its rate with the range of its iterations, and its ratio to each physical limit of the class
 * (the {@code raw...} methods) measured under the same parameters in the same run.
 *
 * <p>A limit is matched when every one of its parameters has the same value in the row, so a
 * limit with fewer parameters (say, none but the backlog size) applies to every row; when
 * several results of one limit method match, the table shows none rather than guess.
 */
public final class MarkdownReport {

  /** The secondary results of {@link io.chameleon.jmh.support.CpuUse}, in milli-cores. */
  static final List<String> CPU_METRICS = List.of("cpuJvm", "cpuPostgres", "cpuMariadb", "cpuOther");

  private MarkdownReport() {}

  /** The whole report: a section per benchmark class, in the order the results came. */
  public static String render(List<BenchmarkResult> results, Optional<JmhJson.RunInfo> run, String machine) {
    StringBuilder out = new StringBuilder();
    Map<String, List<BenchmarkResult>> byClass = new LinkedHashMap<>();
    for (BenchmarkResult result : results) {
      byClass.computeIfAbsent(result.benchmarkClass(), c -> new ArrayList<>()).add(result);
    }
    for (List<BenchmarkResult> classResults : byClass.values()) {
      table(out, classResults);
      out.append('\n');
    }
    out.append("Machine: ").append(machine).append('\n');
    run.ifPresent(r -> out.append("Run: JMH ").append(r.jmhVersion()).append(", ").append(r.jvm())
        .append(r.jvmArgs().isEmpty() ? "" : " (" + r.jvmArgs() + ")")
        .append(", ").append(r.forks()).append(r.forks() == 1 ? " fork" : " forks").append(" per trial, ")
        .append(r.warmup()).append(" warm-up + ").append(r.measurementIterations())
        .append(" measured operations; rate = mean of the measured operations (min–max in brackets).\n"));
    return out.toString();
  }

  private static void table(StringBuilder out, List<BenchmarkResult> results) {
    String name = results.get(0).simpleClassName();
    Set<String> common = commonParams(results);
    List<String> limits = new ArrayList<>(new LinkedHashSet<>(
        results.stream().filter(BenchmarkResult::isLimit).map(BenchmarkResult::method).toList()));
    out.append("### ").append(name).append("\n\n");
    if (!common.isEmpty()) {
      out.append("Parameters of every row: ").append(results.get(0).params().entrySet().stream()
          .filter(p -> common.contains(p.getKey()))
          .map(p -> p.getKey() + "=" + p.getValue())
          .collect(Collectors.joining(", "))).append(".\n\n");
    }
    boolean cpu = results.stream().anyMatch(r -> r.secondary().containsKey(CPU_METRICS.get(0)));
    out.append("| benchmark | params | rate |");
    limits.forEach(l -> out.append(" ratio to ").append(l).append(" |"));
    if (cpu) {
      out.append(" CPU µs per ").append(unitNoun(results)).append(": jvm + postgres + mariadb | other load (cores) |");
    }
    out.append("\n|---|---|---:|");
    limits.forEach(l -> out.append("---:|"));
    if (cpu) {
      out.append("---|---:|");
    }
    out.append('\n');
    for (BenchmarkResult result : results) {
      out.append("| ").append(result.method())
          .append(" | ").append(result.paramsText(common))
          .append(" | ").append(number(result.rate())).append(' ').append(result.rateUnit());
      if (result.iterationRates().size() > 1) {
        out.append(" (").append(number(result.minRate())).append("–").append(number(result.maxRate())).append(')');
      }
      out.append(" |");
      for (String limit : limits) {
        out.append(' ').append(ratio(result, limit, results)).append(" |");
      }
      if (cpu) {
        out.append(' ').append(cpu(result)).append(" |");
      }
      out.append('\n');
    }
  }

  /**
   * CPU per event (or row) of the benchmark's own processes, in microseconds ({@code 2.1 + 9.8 + 0.1}),
   * then the cores other programs used meanwhile ({@code | 0.25}). CPU per event barely depends
   * on other programs' load, which rates do: it is the figure to compare on a busy machine.
   */
  private static String cpu(BenchmarkResult result) {
    List<String> perEvent = new ArrayList<>();
    for (String metric : CPU_METRICS.subList(0, 3)) {
      Double milliCores = result.secondary().get(metric);
      perEvent.add(milliCores == null || result.rate() <= 0 ? "?"
          : String.format(Locale.ROOT, "%.2f", milliCores * 1000 / result.rate()));
    }
    Double other = result.secondary().get(CPU_METRICS.get(3));
    return String.join(" + ", perEvent) + " | "
        + (other == null ? "?" : String.format(Locale.ROOT, "%.2f", other / 1000));
  }

  /** What the class's rates count: {@code row} when every rate is in rows per second, {@code event} otherwise. */
  private static String unitNoun(List<BenchmarkResult> results) {
    return results.stream().allMatch(r -> r.rateUnit().startsWith(JmhJson.ROW_RATE_METRIC + "/")) ? "row" : "event";
  }

  /** The ratio of the result's rate to the matching limit's, as a percentage; blank if none. */
  private static String ratio(BenchmarkResult result, String limitMethod, List<BenchmarkResult> results) {
    if (result.method().equals(limitMethod)) {
      return "";
    }
    List<BenchmarkResult> matches = results.stream()
        .filter(r -> r.method().equals(limitMethod) && result.sameConditionsAs(r))
        .toList();
    if (matches.size() != 1 || matches.get(0).rate() <= 0) {
      return matches.isEmpty() ? "" : "ambiguous";
    }
    return String.format(Locale.ROOT, "%.0f%%", 100 * result.rate() / matches.get(0).rate());
  }

  /** Parameters with one value over every result of the class: shown once, above the table. */
  private static Set<String> commonParams(List<BenchmarkResult> results) {
    Set<String> common = new LinkedHashSet<>(results.get(0).params().keySet());
    common.removeIf(p -> results.stream().anyMatch(r -> !results.get(0).params().get(p).equals(r.params().get(p))));
    return common;
  }

  private static String number(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3g", value);
  }
}
