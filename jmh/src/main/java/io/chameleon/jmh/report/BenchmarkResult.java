package io.chameleon.jmh.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One JMH result (one benchmark method with one set of parameter values), reduced to what the
 * reports show: the rate and the rate of each measured iteration.
 *
 * @param benchmarkClass the benchmark's class, e.g. {@code io.chameleon.jmh.BinlogToLogTable}
 * @param method the benchmark method, e.g. {@code captureToLogTable}
 * @param params the JMH parameters of this result, in JMH's order
 * @param rate the mean rate, events per second (or the primary score when the benchmark reports
 *     no {@code events})
 * @param rateUnit the rate's unit, e.g. {@code events/s}
 * @param iterationRates the rate of each measured iteration, every fork
 * @param secondary every other secondary result, by name (mean scores in their own units), for
 *     benchmarks that report more than a rate (log table bytes, dead tuples, ...)
 */
public record BenchmarkResult(
    String benchmarkClass,
    String method,
    Map<String, String> params,
    double rate,
    String rateUnit,
    List<Double> iterationRates,
    Map<String, Double> secondary) {

  /** Methods named {@code raw...} measure a physical limit that the others are compared with. */
  public static final String LIMIT_PREFIX = "raw";

  public BenchmarkResult {
    Objects.requireNonNull(benchmarkClass, "benchmarkClass");
    Objects.requireNonNull(method, "method");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // keeps JMH's order
    iterationRates = List.copyOf(iterationRates);
    secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
  }

  /** The class's simple name, e.g. {@code BinlogToLogTable}. */
  public String simpleClassName() {
    return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
  }

  /** Whether this result is a physical limit (a {@code raw...} method). */
  public boolean isLimit() {
    return method.startsWith(LIMIT_PREFIX);
  }

  /** The slowest measured iteration's rate (the mean when JMH recorded none). */
  public double minRate() {
    return iterationRates.stream().mapToDouble(Double::doubleValue).min().orElse(rate);
  }

  /** The fastest measured iteration's rate (the mean when JMH recorded none). */
  public double maxRate() {
    return iterationRates.stream().mapToDouble(Double::doubleValue).max().orElse(rate);
  }

  /**
   * Whether {@code limit} was measured under the same conditions as this result: every parameter
   * of the limit has the same value here.
   */
  public boolean sameConditionsAs(BenchmarkResult limit) {
    return limit.benchmarkClass.equals(benchmarkClass)
        && limit.params.entrySet().stream().allMatch(p -> p.getValue().equals(params.get(p.getKey())));
  }

  /** The parameters as {@code name=value} pairs, leaving out the given names. */
  public String paramsText(Set<String> leaveOut) {
    return params.entrySet().stream()
        .filter(p -> !leaveOut.contains(p.getKey()))
        .map(p -> p.getKey() + "=" + p.getValue())
        .collect(Collectors.joining(", "));
  }
}
