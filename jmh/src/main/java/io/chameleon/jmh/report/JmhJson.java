package io.chameleon.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads JMH's JSON result file ({@code -rf json -rff results.json}).
 *
 * <p>The rate of a result is its secondary result {@code events} (see {@link
 * io.chameleon.jmh.support.EventCounter}), reported as events per second, or, for a benchmark that
 * counts rows instead, {@code rows} ({@link io.chameleon.jmh.support.RowCounter}), as rows per
 * second; a benchmark with neither falls back to its primary score and unit.
 */
public final class JmhJson {

  /** The secondary result that holds a benchmark's rate. */
  public static final String RATE_METRIC = "events";
  /** The secondary result that holds the rate of a benchmark without {@value #RATE_METRIC}. */
  public static final String ROW_RATE_METRIC = "rows";

  private static final ObjectMapper JSON = new ObjectMapper();

  private JmhJson() {}

  /**
   * What JMH says about the run itself, from its first result, but for the warm-up, which each
   * benchmark class may set: e.g. {@code 3} or {@code 3 (BinlogToLogTable), 1 (InitCopy, Replay)}.
   */
  public record RunInfo(String jmhVersion, String jvm, String jvmArgs, String mode, int forks, String warmup,
      int measurementIterations) {}

  /** The results in the file's order. */
  public static List<BenchmarkResult> read(Path file) throws IOException {
    List<BenchmarkResult> results = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(file.toFile())) {
      String benchmark = entry.path("benchmark").asText();
      int dot = benchmark.lastIndexOf('.');
      Map<String, String> params = new LinkedHashMap<>();
      entry.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
      JsonNode secondaries = entry.path("secondaryMetrics");
      Optional<String> rateName = Stream.of(RATE_METRIC, ROW_RATE_METRIC).filter(secondaries::has).findFirst();
      JsonNode rateMetric = rateName.map(secondaries::get).orElse(entry.path("primaryMetric"));
      String unit = rateName.map(name -> rateMetric.path("scoreUnit").asText().replace("ops/", name + "/"))
          .orElse(rateMetric.path("scoreUnit").asText());
      List<Double> iterations = new ArrayList<>();
      for (JsonNode fork : rateMetric.path("rawData")) {
        for (JsonNode value : fork) {
          iterations.add(value.asDouble());
        }
      }
      Map<String, Double> others = new LinkedHashMap<>();
      secondaries.properties().forEach(m -> {
        if (!rateName.equals(Optional.of(m.getKey()))) {
          others.put(m.getKey(), m.getValue().path("score").asDouble());
        }
      });
      results.add(new BenchmarkResult(benchmark.substring(0, dot), benchmark.substring(dot + 1), params,
          rateMetric.path("score").asDouble(), unit, iterations, others));
    }
    return results;
  }

  /** The run's settings, from the file's first result; empty when the file has none. */
  public static Optional<RunInfo> runInfo(Path file) throws IOException {
    JsonNode all = JSON.readTree(file.toFile());
    if (!all.isArray() || all.isEmpty()) {
      return Optional.empty();
    }
    JsonNode first = all.get(0);
    List<String> jvmArgs = new ArrayList<>();
    first.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
    Map<Integer, Set<String>> classesByWarmup = new TreeMap<>(Comparator.reverseOrder());
    for (JsonNode entry : all) {
      String benchmark = entry.path("benchmark").asText(); // package.Class.method
      String benchmarkClass = benchmark.substring(0, benchmark.lastIndexOf('.'));
      String className = benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
      classesByWarmup.computeIfAbsent(entry.path("warmupIterations").asInt(), w -> new TreeSet<>()).add(className);
    }
    String warmup = classesByWarmup.size() == 1 ? String.valueOf(classesByWarmup.keySet().iterator().next())
        : classesByWarmup.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
            .collect(Collectors.joining(", "));
    return Optional.of(new RunInfo(first.path("jmhVersion").asText(),
        first.path("vmName").asText() + " " + first.path("vmVersion").asText(), String.join(" ", jvmArgs),
        first.path("mode").asText(), first.path("forks").asInt(), warmup, first.path("measurementIterations").asInt()));
  }
}
